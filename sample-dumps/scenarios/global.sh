# global: a system-wide OOM with vm.panic_on_oom=1.
# Hogs at oom_score_adj -1000, -500, 0, 300 and 800, idle processes, one
# multi-threaded process, then a grower that runs the machine out of memory.
# The kernel prints its OOM report (Mem-Info, zone free lists, the task
# table) and panics before it chooses a victim.
MEM=512
# the zone of the guest's memory: DMA32 on x86-64, DMA on arm64 (all of a
# virt guest below 4 GB is ZONE_DMA); KERNEL_ARCH (amd64, arm64) is set by
# whoever sources this file, x86-64 when it is not
ZONE=DMA32
[ "${KERNEL_ARCH:-}" = arm64 ] && ZONE=DMA

# what the kernel's log in the dump must hold (extended regexes)
EXPECT=(
	'invoked oom-killer: gfp_mask=0x[0-9a-f]+'
	'Mem-Info:'
	"Node 0 $ZONE: [0-9]+\\*4kB"
	'Tasks state \(memory values in pages\)'
	' -1000 hog_m1000'
	' -500 hog_m500'
	' 300 hog_p300'
	' 800 hog_p800'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
set_sysctl vm/oom_dump_tasks 1
start_hog -n hog_m1000 -a -1000 -m 40
start_hog -n hog_m500 -a -500 -m 30
start_hog -n hog_0 -a 0 -m 30 -s 8
start_hog -n hog_p300 -a 300 -m 30
start_hog -n hog_p800 -a 800 -m 20
start_hog -n hog_mt -a 100 -m 16 -t 4
start_idle 5 idle
start_hog -n grower -a 0 -g
EOS
}
