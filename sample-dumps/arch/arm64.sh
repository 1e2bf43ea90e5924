# shellcheck shell=bash
# The arm64 side of the generator (sourced by generate for an arm64 kernel),
# on any host: qemu-system-aarch64 -M virt -cpu cortex-a72 under TCG (-cpu
# max is twice as slow and turns LPA2 on), the PL011 console ttyAMA0, the
# guest's userland from Debian's arm64 packages (arch/arm64-userland), the
# hog built with aarch64-linux-gnu-gcc, and the arm64 makedumpfile and
# kexec-tools run on the host under qemu-aarch64.  Defines what generate
# asks of an architecture (see arch/x86_64.sh).

ARCH_TOOLS='qemu-system-aarch64 qemu-aarch64 aarch64-linux-gnu-gcc makedumpfile cpio flock'
CC=aarch64-linux-gnu-gcc
CONSOLE=ttyAMA0

arch_userland() {
	SYSROOT=$("$SAMPLE_DIR/arch/arm64-userland" "$@") || exit 1
	BUSYBOX=$SYSROOT/bin/busybox
	KEXEC=$SYSROOT/sbin/kexec
	MAKEDUMPFILE=$SYSROOT/usr/bin/makedumpfile
	MAKEDUMPFILE_VERSION=$(sed -n 's/^Package: makedumpfile Version: //p' "$SYSROOT/versions")
}

# arch_key: the arm64 packages the guest runs, and the compiler of the hog
arch_key() {
	cat "$SYSROOT/versions"
	dpkg-query -W gcc-aarch64-linux-gnu libc6-dev-arm64-cross 2>/dev/null || true
}

arch_check() { :; }

# arch_run BINARY ARGS...: an arm64 binary of the userland, on the host
arch_run() { qemu-aarch64 -L "$SYSROOT" "$@"; }

# arch_ldd BINARY: the shared libraries BINARY needs, as the arm64 loader
# lists them (paths in the userland's tree)
arch_ldd() { arch_run "$SYSROOT/lib/ld-linux-aarch64.so.1" --list "$1"; }

arch_qemu() {
	accel=tcg
	[ -z "${OOMSCAN_ACCEL:-}" ] || [ "$OOMSCAN_ACCEL" = tcg ] ||
		die "arm64 guests run under TCG only on this host (OOMSCAN_ACCEL=$OOMSCAN_ACCEL)"
	qemu=(qemu-system-aarch64 -accel tcg -cpu cortex-a72 -M virt)
}

# arch_dmesg VMCORE OUT: the kernel's log; prints how, for the manifest.
# The host's makedumpfile cannot read an arm64 dump, the arm64 one can,
# under qemu-aarch64.  A dump copied as ELF (DUMP_LEVEL cp: makedumpfile
# refuses the kernel) has its log read by kexec-tools' vmcore-dmesg, which
# needs only the ELF notes and VMCOREINFO.
arch_dmesg() {
	if [ "$method" = cp ]; then
		arch_run "$SYSROOT/sbin/vmcore-dmesg" "$1" > "$2" 2> "$work/dmesg.log" ||
			die "vmcore-dmesg failed: $(tail -n 2 "$work/dmesg.log")"
		echo "vmcore-dmesg vmcore > dmesg.txt (kexec-tools $(sed -n 's/^Package: kexec-tools Version: //p' "$SYSROOT/versions"), arm64, under qemu-aarch64)"
	else
		arch_run "$MAKEDUMPFILE" --dump-dmesg "$1" "$2" > "$work/dmesg.log" 2>&1 ||
			die "makedumpfile --dump-dmesg failed: $(tail -n 2 "$work/dmesg.log")"
		echo "makedumpfile --dump-dmesg vmcore dmesg.txt (makedumpfile $MAKEDUMPFILE_VERSION, arm64, under qemu-aarch64)"
	fi
}
