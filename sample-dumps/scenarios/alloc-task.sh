# alloc-task: vm.oom_kill_allocating_task=1 with vm.panic_on_oom=1.  The
# kernel panics before it looks at oom_kill_allocating_task, so the dump
# shows the setting; the would-be victim is the allocating task (the
# grower), not the biggest hog.
MEM=512

EXPECT=(
	'grower invoked oom-killer: gfp_mask=0x[0-9a-f]+'
	'Mem-Info:'
	'Tasks state \(memory values in pages\)'
	' 1000 hog_p1000'
	' -200 grower'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
set_sysctl vm/oom_kill_allocating_task 1
start_hog -n hog_p1000 -a 1000 -m 80
start_hog -n hog_0 -a 0 -m 40
start_idle 3 idle
start_hog -n grower -a -200 -g
EOS
}
