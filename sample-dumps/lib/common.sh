# shellcheck shell=bash
# Shared helpers of the dump generator: cache paths, messages, locking.

OOMSCAN_CACHE=${OOMSCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oomscan}
SAMPLE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KERNELS_FILE=$SAMPLE_DIR/kernels

msg() { printf '%s: %s\n' "${PROG:-generate}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${PROG:-generate}" "$*" >&2; exit 1; }

# The kernel releases the generator knows, one per line of sample-dumps/kernels
# ("ALIAS RELEASE").  resolve_kernel 6.1 -> 6.1.0-57-cloud-amd64; a full
# release of an architecture the generator knows is passed through.
resolve_kernel() {
	local want=$1 alias rel
	while read -r alias rel _; do
		case $alias in ''|'#'*) continue ;; esac
		if [ "$want" = "$alias" ] || [ "$want" = "$rel" ]; then
			echo "$rel"
			return 0
		fi
	done < "$KERNELS_FILE"
	case $want in
	*-amd64|*-arm64) echo "$want" ;;
	*) die "unknown kernel '$want' (known: $(kernel_aliases | tr '\n' ' '))" ;;
	esac
}

kernel_aliases() {
	awk '$1 !~ /^#/ && NF >= 2 { print $1 }' "$KERNELS_FILE"
}

# default makedumpfile dump level for a release
kernel_dump_level() {
	awk -v rel="$1" '$2 == rel { print $3; found = 1 } END { if (!found) print 31 }' "$KERNELS_FILE"
}

kernel_alias_of() {
	awk -v rel="$1" '$2 == rel { print $1; found = 1 } END { if (!found) print rel }' "$KERNELS_FILE"
}

# kernel_arch RELEASE: Debian's name of the kernel's architecture, the last
# part of its release (6.1.0-57-cloud-arm64 -> arm64)
kernel_arch() {
	case $1 in
	*-amd64) echo amd64 ;;
	*-arm64) echo arm64 ;;
	*) die "kernel '$1' is of no architecture the generator knows (amd64, arm64)" ;;
	esac
}

kernel_dir() { echo "$OOMSCAN_CACHE/kernels/$1"; }

# Run a command with a lock on FILE so that parallel runs do not race on
# the same cache entry.
with_lock() {
	local lock=$1; shift
	mkdir -p "$(dirname "$lock")"
	(
		flock 9
		"$@"
	) 9>"$lock"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
