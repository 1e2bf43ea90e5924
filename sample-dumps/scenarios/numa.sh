# numa: two NUMA nodes of 256 MiB each, one CPU each; a global OOM with
# vm.panic_on_oom=1.  Both nodes show up in Mem-Info and the zone lines.
MEM=512
# the zone of the guest's memory: DMA32 on x86-64, DMA on arm64 (all of a
# virt guest below 4 GB is ZONE_DMA); KERNEL_ARCH (amd64, arm64) is set by
# whoever sources this file, x86-64 when it is not
ZONE=DMA32
[ "${KERNEL_ARCH:-}" = arm64 ] && ZONE=DMA
QEMU_EXTRA=(
	-object memory-backend-ram,id=m0,size=256M
	-object memory-backend-ram,id=m1,size=256M
	-numa node,nodeid=0,cpus=0,memdev=m0
	-numa node,nodeid=1,cpus=1,memdev=m1
)

EXPECT=(
	'invoked oom-killer: gfp_mask=0x[0-9a-f]+'
	'Node 0 active_anon:'
	'Node 1 active_anon:'
	"Node 0 $ZONE: [0-9]+\\*4kB"
	"Node 1 $ZONE: [0-9]+\\*4kB"
	'Tasks state \(memory values in pages\)'
	' 300 hog_p300'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
start_hog -n hog_0 -a 0 -m 50
start_hog -n hog_p300 -a 300 -m 50
start_hog -n hog_mt -a 0 -m 20 -t 2
start_hog -n grower -a 0 -g
EOS
}
