# no-oom: a sysrq-c crash while the hogs run.  There is no OOM report in the
# log; oomscan must still report the memory state and what the OOM killer
# would choose.
MEM=512

EXPECT=(
	'sysrq: Trigger a crash'
	'Kernel panic - not syncing: sysrq triggered crash'
)
EXPECT_LOST=(
	'invoked oom-killer'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
start_hog -n hog_m1000 -a -1000 -m 30
start_hog -n hog_0 -a 0 -m 40
start_hog -n hog_p500 -a 500 -m 30
start_idle 3 idle
echo c > /proc/sysrq-trigger
EOS
}
