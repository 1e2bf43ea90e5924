# mempolicy: an OOM of a memory policy, CONSTRAINT_MEMORY_POLICY, while the
# machine has free memory.  The two-node guest of numa.sh, 256 MiB a node;
# crashkernel=160M takes 160 MiB of one node or of both (where depends on
# the boot's KASLR offset), so a node has 60-230 MiB to give.
# vm.panic_on_oom=2, as 1 panics only for CONSTRAINT_NONE
# (check_panic_on_oom()).  hog_n1 is bound to node 1 (hog -b 1:
# set_mempolicy(MPOL_BIND, {1})), hog_n0 and the grower to node 0, hog_any
# has the default policy.  The grower runs node 0 out of memory; the hogs
# are small, so node 1 keeps tens of MiB free on every boot.
#
# What the kernel must conclude (mm/oom_kill.c, 6.1.192 and 6.12.117 alike):
# - the grower's allocation has the nodemask of its MPOL_BIND policy,
#   policy_nodemask() = {0}, which does not cover node_states[N_MEMORY] =
#   {0,1}: constrained_alloc() returns CONSTRAINT_MEMORY_POLICY, the
#   nodemask stays in oc->nodemask (out_of_memory() clears it only for the
#   other constraints), and
#   oc->totalpages = total_swap_pages (0, no swap) + node_present_pages(0),
#   node 0's present pages, not the machine's: 65438 on this guest (its
#   zone lines' present:15992kB + present:245760kB), where a
#   CONSTRAINT_NONE OOM would have totalram_pages() + swap, ~79000;
#   oc->nodemask is &current->mempolicy->nodes, and oc->zonelist the
#   fallback zonelist of the node whose CPU the grower ran on (MPOL_BIND
#   names no preferred node: node 1's in the 6.1 dump, filtered by {0});
# - with panic_on_oom=2 it panics in check_panic_on_oom() after
#   dump_header(): no victim, no "oom-kill:constraint=" line;
# - __show_mem(SHOW_MEM_FILTER_NODES, {0}, ...) leaves out every line of
#   node 1 (its "Node 1 active_anon:" line, its zone lines, its free lists,
#   its hugepages), but the first Mem-Info lines are the machine's
#   (global_zone_page_state): their free: counts node 1's free pages;
# - dump_tasks() lists only the tasks oom_cpuset_eligible() finds in the
#   OOM's domain: mempolicy_in_oom_domain() leaves out hog_n1, whose
#   MPOL_BIND nodes {1} do not meet {0}; hog_any (no policy) is listed.
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
	' hog_n0$'
	' hog_any$'
	' grower$'
	'Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled'
)
# node 1 is not in the allocation's nodemask: its lines are filtered out,
# and so is the task bound to it
EXPECT_LOST=(
	'Node 1 active_anon:'
	"Node 1 $ZONE free:"
	"Node 1 $ZONE: "
	'Node 1 hugepages_total'
	' hog_n1$'
	'oom-kill:constraint='
)

# the struct oom_control on the panicking stack, as drgn reads it
# (tests/oracles/drgn-oom-constraint; totalpages is checked against
# constrained_alloc()'s rule there): the grower's MPOL_BIND nodemask, and
# node 1 with free pages (1,000 and more) when node 0 ran out
EXPECT_OOM=(
	'^task=[0-9]+ grower$'
	'^constraint=CONSTRAINT_MEMORY_POLICY$'
	'^nodemask=0$'
	'^order=0$'
	'^mempolicy=MPOL_BIND:0$'
	'^node_free_pages=0:[0-9]+ 1:[0-9]{4,}$'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 2
start_hog -n hog_n1 -a 0 -b 1 -m 12
start_hog -n hog_n0 -a 0 -b 0 -m 20
start_hog -n hog_any -a 300 -m 12
gen "before the grower: $(node_free)"
start_hog -n grower -a 0 -b 0 -g
EOS
}
