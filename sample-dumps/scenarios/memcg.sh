# memcg: an OOM inside a memory cgroup (cgroup v2, memory.max = 64 MiB) with
# vm.panic_on_oom=2, so the memcg OOM panics too ("compulsory").  Hogs run
# inside and outside the group; the kernel's task table lists only the
# group's tasks.
MEM=512

EXPECT=(
	'invoked oom-killer: gfp_mask=0x[0-9a-f]+'
	'memory: usage [0-9]+kB, limit 65536kB'
	'Memory cgroup stats for /box'
	'Tasks state \(memory values in pages\)'
	' -500 box_m500'
	' 500 box_p500'
	'Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 2
mkdir -p /sys/fs/cgroup
mount -t cgroup2 cgroup2 /sys/fs/cgroup || fail "cannot mount cgroup2"
echo +memory > /sys/fs/cgroup/cgroup.subtree_control || fail "no memory controller"
mkdir /sys/fs/cgroup/box
echo 64M > /sys/fs/cgroup/box/memory.max
echo 0 > /sys/fs/cgroup/box/memory.swap.max 2>/dev/null
start_hog -n out_0 -a 0 -m 40
start_hog -n out_p900 -a 900 -m 30
HOG_CGROUP=/sys/fs/cgroup/box
start_hog -n box_m500 -a -500 -m 12
start_hog -n box_p500 -a 500 -m 10
start_hog -n box_mt -a 0 -m 8 -t 3
start_hog -n box_grower -a 0 -g
EOS
}
