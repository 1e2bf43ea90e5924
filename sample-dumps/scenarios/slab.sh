# slab: a system-wide OOM whose memory is unreclaimable slab, so that the
# report prints its "Unreclaimable slab info:" block.  vm.panic_on_oom=1.
# msgq (hog -S) sends 4048-byte messages to a SysV message queue that
# nobody reads, its msg_qbytes raised to 2^31 - 1 (root passes msgmnb with
# CAP_SYS_RESOURCE): each message is one msg_msg of 4 KiB that
# ipc/msgutil.c alloc_msg() kmallocs with GFP_KERNEL_ACCOUNT, from
# kmalloc-cg-4k, a cache without SLAB_RECLAIM_ACCOUNT.  Nothing else holds
# memory (no swap, no page cache but the initramfs), so the LRU is a few
# MiB when msgq's next message is the OOM.
#
# What the kernel must conclude (mm/oom_kill.c dump_header(), 6.1 and 6.12
# alike): should_dump_unreclaim_slab() is true, global
# NR_SLAB_UNRECLAIMABLE_B in pages > the sum of the LRU lists, and
# dump_unreclaimable_slab() lists the caches, kmalloc-cg-4k first by far.
# CONSTRAINT_NONE; panic_on_oom=1 panics in check_panic_on_oom().
#
# RESULTS
MEM=512

EXPECT=(
	# a new slab of kmalloc-cg-4k (allocate_slab(), order 0 after the
	# cache's order 3 failed)
	'msgq invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL\|__GFP_COMP\), order=[0-3],'
	'allocate_slab'
	'do_msgsnd'
	'Mem-Info:'
	# the unreclaimable slab, 160 MiB and more in pages, the LRU small
	' slab_reclaimable:[0-9]+ slab_unreclaimable:[0-9]{5,}'
	'Unreclaimable slab info:'
	'kmalloc-cg-4k +[0-9]{6,}KB +[0-9]{6,}KB'
	'Tasks state \(memory values in pages\)'
	' msgq$'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
gen "before: $(grep -E 'MemFree|SUnreclaim|Active|Inactive' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
start_hog -n msgq -a 0 -S
EOS
}
