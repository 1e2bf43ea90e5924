# cpuset: an OOM of a cpuset, CONSTRAINT_CPUSET, while the machine has free
# memory.  The two-node guest of numa.sh, 256 MiB a node; crashkernel=160M
# takes 160 MiB of one node or of both (where depends on the boot's KASLR
# offset), so a node has 60-230 MiB to give.  cgroup v2 with the cpuset
# controller: /n0 has cpuset.cpus=0 cpuset.mems=0, /n1 has cpuset.cpus=1
# cpuset.mems=1.  vm.panic_on_oom=2, as 1 panics only for CONSTRAINT_NONE
# (check_panic_on_oom()).  n1_hog runs in /n1, n0_hog and the grower in
# /n0, root_hog in the root cgroup (all nodes); no task has a memory
# policy.  The grower runs node 0 out of memory; the hogs are small, so
# node 1 keeps tens of MiB free on every boot.
#
# Where the grower's pages go (mm/page_alloc.c, kernel/cgroup/cpuset.c,
# 6.1.192 and 6.12.117 alike): a child cpuset turns cpusets_enabled() on
# (cpuset_css_online() -> cpuset_inc()), and from then on
# prepare_alloc_pages() adds __GFP_HARDWALL to every allocation (user pages
# have it anyway in GFP_HIGHUSER_MOVABLE).  The fast path runs with
# nodemask = &current->mems_allowed; the slow path gets the caller's
# nodemask back (NULL: no memory policy) and ALLOC_CPUSET, so
# get_page_from_freelist() skips every zone __cpuset_zone_allowed() refuses:
# for a node outside mems_allowed with __GFP_HARDWALL that is "stop here",
# no walk up to the nearest hardwall ancestor (which in cgroup v2 is the
# root, with every node).  So the grower gets pages of node 0 only.
#
# What the kernel must conclude (mm/oom_kill.c):
# - oc->nodemask is NULL, so constrained_alloc() skips the mempolicy test;
#   walking the zonelist, cpuset_zone_allowed(node 1's DMA32, gfp) is false
#   (__GFP_HARDWALL): cpuset_limited, CONSTRAINT_CPUSET, and
#   oc->totalpages = total_swap_pages (0, no swap) + node_present_pages(0)
#   (the nodes of cpuset_current_mems_allowed = {0}): 65438 on this guest,
#   as in mempolicy; oc->zonelist is node 0's (the grower runs on CPU 0);
# - out_of_memory() leaves oc->nodemask NULL; with panic_on_oom=2 it panics
#   in check_panic_on_oom() after dump_header(): no victim, no
#   "oom-kill:constraint=" line;
# - __show_mem(SHOW_MEM_FILTER_NODES, NULL, ...): show_mem_node_skip() takes
#   a NULL nodemask as cpuset_current_mems_allowed = {0} and leaves out
#   every line of node 1, as in mempolicy; the first Mem-Info lines are the
#   machine's: their free: counts node 1's free pages;
# - dump_tasks(): with no nodemask, oom_cpuset_eligible() lists the tasks
#   whose mems_allowed meet the grower's (cpuset_mems_allowed_intersects()):
#   n1_hog ({1}) is left out, root_hog ({0,1}) and n0_hog are listed.
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
	'grower invoked oom-killer: gfp_mask=0x[0-9a-f]+\(.*\), order=0'
	'Mem-Info:'
	# the machine's free pages, node 1's among them: 4 MiB and more (a
	# global OOM leaves about the sum of the min watermarks, ~3 MiB)
	' free:[0-9]{4,} free_pcp:'
	'Node 0 active_anon:'
	"Node 0 $ZONE free:"
	"Node 0 $ZONE: [0-9]+\\*4kB"
	'Tasks state \(memory values in pages\)'
	' n0_hog$'
	' root_hog$'
	' grower$'
	'Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled'
)
# node 1 is not in the cpuset's mems: its lines are filtered out, and so is
# the task whose cpuset has only node 1
EXPECT_LOST=(
	'Node 1 active_anon:'
	"Node 1 $ZONE free:"
	"Node 1 $ZONE: "
	'Node 1 hugepages_total'
	' n1_hog$'
	'oom-kill:constraint='
)

# the struct oom_control on the panicking stack, as drgn reads it
# (tests/oracles/drgn-oom-constraint; totalpages is checked against
# constrained_alloc()'s rule there): no nodemask, the cpuset's mems {0},
# and node 1 with free pages (1,000 and more) when node 0 ran out
EXPECT_OOM=(
	'^task=[0-9]+ grower$'
	'^constraint=CONSTRAINT_CPUSET$'
	'^nodemask=\(null\)$'
	'^order=0$'
	'^mems_allowed=0$'
	'^mempolicy=none$'
	'^node_free_pages=0:[0-9]+ 1:[0-9]{4,}$'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 2
mkdir -p /sys/fs/cgroup
mount -t cgroup2 cgroup2 /sys/fs/cgroup || fail "cannot mount cgroup2"
echo +cpuset > /sys/fs/cgroup/cgroup.subtree_control || fail "no cpuset controller"
for n in 0 1; do
	mkdir /sys/fs/cgroup/n$n
	echo $n > /sys/fs/cgroup/n$n/cpuset.cpus || fail "cannot set n$n cpuset.cpus"
	echo $n > /sys/fs/cgroup/n$n/cpuset.mems || fail "cannot set n$n cpuset.mems"
	gen "cgroup /n$n: cpus $(cat /sys/fs/cgroup/n$n/cpuset.cpus.effective) mems $(cat /sys/fs/cgroup/n$n/cpuset.mems.effective)"
done
start_hog -n root_hog -a 300 -m 12
HOG_CGROUP=/sys/fs/cgroup/n1
start_hog -n n1_hog -a 0 -m 12
HOG_CGROUP=/sys/fs/cgroup/n0
start_hog -n n0_hog -a 0 -m 20
gen "before the grower: $(node_free)"
start_hog -n grower -a 0 -g
EOS
}
