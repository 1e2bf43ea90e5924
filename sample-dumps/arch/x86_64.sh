# shellcheck shell=bash
# The x86-64 side of the generator (sourced by generate for an amd64 kernel):
# the host's own userland and compiler, qemu-system-x86_64 -M q35, the
# serial console ttyS0, KVM where it works.  Defines what generate asks of
# an architecture: ARCH_TOOLS, arch_userland, arch_key, arch_check,
# arch_ldd, arch_qemu, arch_dmesg, and the guest's /arch.sh
# (arch/x86_64.guest).

ARCH_TOOLS='qemu-system-x86_64 makedumpfile kexec busybox cpio gcc flock'
CC=gcc
CONSOLE=ttyS0
SYSROOT=''

# arch_userland [--cached]: where the guest's busybox, kexec and makedumpfile
# come from (the host's own); with --cached, fail rather than fetch them
arch_userland() {
	BUSYBOX=/bin/busybox
	KEXEC=$(command -v kexec)
	MAKEDUMPFILE=$(command -v makedumpfile)
	MAKEDUMPFILE_VERSION=$(dpkg-query -W -f '${Version}' makedumpfile 2>/dev/null ||
		makedumpfile -v | head -n1)
}

# arch_key: what of the host's userland makes the dump
arch_key() { dpkg-query -W makedumpfile 2>/dev/null || true; }

# arch_check: what the tools do not say by being on PATH
arch_check() {
	[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' ||
		die "/bin/busybox is not the static busybox (apt-get install busybox-static)"
}

# arch_ldd BINARY: the shared libraries BINARY needs, as ldd lists them
arch_ldd() { ldd "$1"; }

# KVM when it really runs a guest (an openable /dev/kvm is not enough: on
# some hosts vCPUs fail or never run), else TCG.  Probed once, remembered.
kvm_works() {
	local probe=$OOMSCAN_CACHE/accel-probe
	if [ ! -f "$probe" ]; then
		( timeout 20 qemu-system-x86_64 -accel kvm -cpu host -M q35 -m 128 \
			-nodefaults -display none -no-reboot -serial "file:$work/probe.log" \
			-kernel "$kdir/vmlinuz" -append "console=ttyS0 panic=-1" ) \
			> /dev/null 2>&1 || true
		if grep -aq 'Linux version' "$work/probe.log" 2>/dev/null; then
			echo kvm > "$probe"
		else
			echo tcg > "$probe"
		fi
		rm -f "$work/probe.log"
	fi
	[ "$(cat "$probe")" = kvm ]
}

# arch_qemu: the machine (qemu=(...)), and accel
arch_qemu() {
	local cpu=max
	accel=${OOMSCAN_ACCEL:-}
	if [ -z "$accel" ]; then
		accel=tcg
		[ -w /dev/kvm ] && kvm_works && accel=kvm
	fi
	[ "$accel" = kvm ] && cpu=host
	qemu=(qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -M q35)
}

# arch_dmesg VMCORE OUT: the kernel's log, as kdump-tools keeps it beside
# the dump (dmesg.<stamp>); prints how, for the manifest
arch_dmesg() {
	makedumpfile --dump-dmesg "$1" "$2" > "$work/dmesg.log" 2>&1 ||
		die "makedumpfile --dump-dmesg failed: $(tail -n 2 "$work/dmesg.log")"
	echo "makedumpfile --dump-dmesg vmcore dmesg.txt"
}
