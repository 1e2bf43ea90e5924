# shellcheck shell=bash
# Helpers for the test scripts: TAP output and the oracles on real dumps.
set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMPLE=$TOP/sample-dumps
export PATH=$PATH:/usr/sbin:/sbin
. "$SAMPLE/lib/common.sh"
TMP=$(mktemp -d /tmp/oomscan-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# shared by the test scripts of one tests/run run (else this script's own)
: "${OOMSCAN_TEST_CACHE:=$TMP/cache}"
T=0

ok() { T=$((T + 1)); echo "ok $T - $*"; }
not_ok() { T=$((T + 1)); echo "not ok $T - $*"; }
skip() { T=$((T + 1)); echo "ok $T # skip $*"; }
diag() { sed 's/^/#   /'; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() {
	local what=$1; shift
	if "$@" > "$TMP/check.out" 2>&1; then ok "$what"; else not_ok "$what"; diag < "$TMP/check.out"; fi
}

manifest_get() { # DIR KEY: a top-level string or number of manifest.json
	sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1/manifest.json"
}

# vmlinux_of DIR: the debug vmlinux of a dump's kernel (fetched once)
vmlinux_of() {
	local kdir
	kdir=$("$SAMPLE/fetch-kernel" "$(manifest_get "$1" release)" --vmlinux) || return 1
	echo "$kdir/vmlinux"
}

# crash_can_open RELEASE: Debian 12's crash 8.0.2 reads 6.1 dumps and aborts
# on 6.12 ones, and is built for x86-64 alone ("machine type mismatch" on
# an arm64 dump), so its checks run where it can
crash_can_open() {
	case $1 in *-arm64) return 1 ;; 6.1.*) return 0 ;; *) return 1 ;; esac
}

# drgn_memmap_skip DIR: why drgn 0.0.22 cannot read the struct pages of a
# dump (nothing where it can): 6.12 arm64 is built with VA_BITS=52 and runs
# with 48, and drgn finds its vmemmap "not mapped"
drgn_memmap_skip() {
	case $(arch_of "$1"),$(manifest_get "$1" release) in
	arm64,6.12.*) echo "drgn 0.0.22 cannot translate 6.12 arm64's vmemmap (a VA_BITS=52 build run with 48 bits: 'address is not mapped')" ;;
	esac
}

# arch_of DIR: the architecture of a dump's kernel (x86_64, arm64), from
# its manifest's arch (older manifests: x86-64)
arch_of() {
	case $(manifest_get "$1" arch) in arm64|aarch64) echo arm64 ;; *) echo x86_64 ;; esac
}

# run_crash VMLINUX VMCORE CMD...: the real crash utility, non-interactive,
# with a time limit; output on stdout.  crash needs ~15 s to start, so one
# run answers `log`, `kmem -f`, `kmem -i` and `kmem -s` for every test of a dump: the
# answers are kept in $OOMSCAN_TEST_CACHE (one folder per tests/run run).
run_crash() {
	local vmlinux=$1 core=$2 dir cmd
	shift 2
	dir=$OOMSCAN_TEST_CACHE/crash/$(printf '%s' "$(realpath "$core")" | sha256sum | cut -c1-16)
	mkdir -p "$dir"
	(
		flock 9
		if [ ! -f "$dir/done" ]; then
			printf '%s\n' "log > $dir/log" "kmem -f > $dir/kmem-f" \
				"kmem -i > $dir/kmem-i" "kmem -s > $dir/kmem-s" \
				exit > "$dir/cmds"
			timeout 180 crash -s "$vmlinux" "$core" -i "$dir/cmds" \
				< /dev/null > "$dir/stdout" 2>&1
			touch "$dir/done"
		fi
	) 9> "$dir/lock"
	for cmd in "$@"; do
		case $cmd in
		log) cat "$dir/log" ;;
		"kmem -f") cat "$dir/kmem-f" ;;
		"kmem -i") cat "$dir/kmem-i" ;;
		"kmem -s") cat "$dir/kmem-s" ;;
		*) echo "run_crash: '$cmd' is not cached" ;;
		esac
	done 2>/dev/null
	cat "$dir/stdout"
}

# expect_in FILE WHAT PATTERN...: one test per pattern that must match
expect_in() {
	local file=$1 what=$2 p
	shift 2
	for p in "$@"; do
		if grep -qE -- "$p" "$file"; then
			ok "$what has /$p/"
		else
			not_ok "$what has /$p/"
			tail -n 5 "$file" | diag
		fi
	done
}

# expect_not_in FILE WHAT PATTERN...: one test per pattern that must not match
expect_not_in() {
	local file=$1 what=$2 p
	shift 2
	for p in "$@"; do
		if grep -qE -- "$p" "$file"; then
			not_ok "$what lacks /$p/"
			grep -E -- "$p" "$file" | head -n 3 | diag
		else
			ok "$what lacks /$p/"
		fi
	done
}

# scenario_expect SCENARIO [DIR]: load EXPECT, EXPECT_LOST and EXPECT_OOM of
# a scenario, for the architecture of the dump in DIR (its zone names)
scenario_expect() {
	local KERNEL_ARCH=amd64
	EXPECT=() EXPECT_LOST=() EXPECT_OOM=()
	[ -n "${2:-}" ] && [ "$(arch_of "$2")" = arm64 ] && KERNEL_ARCH=arm64
	# shellcheck source=/dev/null
	. "$SAMPLE/scenarios/$1.sh"
}

# the address of init_task.comm in the vmlinux, unrelocated (once a vmlinux)
init_task_comm() { # VMLINUX
	local sym off memo
	memo=$TMP/init_task_comm.$(echo "$1" | sha256sum | cut -c1-8)
	if [ ! -s "$memo" ]; then
		sym=$(nm "$1" | awk '$3 == "init_task" { print $1 }')
		off=$("$TOP/tests/oracles/member-offset" "$1" task_struct comm) || return 1
		[ -n "$sym" ] || return 1
		printf '0x%x\n' $((0x$sym + off)) > "$memo"
	fi
	cat "$memo"
}
