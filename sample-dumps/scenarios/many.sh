# many: 2,000 idle processes besides the hogs, then a global OOM with
# vm.panic_on_oom=1.  The kernel's task table no longer fits the default
# log buffer: the top of the OOM report (the "invoked oom-killer" line,
# Mem-Info, the zone lines) is overwritten, only the table's tail survives.
MEM=640

EXPECT=(
	' 0 idle$'
	' 600 hog_p600'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)
# and what the log must have lost
EXPECT_LOST=(
	'invoked oom-killer'
	'Mem-Info:'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
start_hog -n hog_0 -a 0 -m 40
start_idle 2000 idle
sleep 2
gen "processes: $(ls -d /proc/[0-9]* | wc -l)"
start_hog -n hog_p600 -a 600 -m 30
start_hog -n grower -a 0 -g
EOS
}
