# slab: a system-wide OOM whose memory is unreclaimable slab, so that the
# report prints its "Unreclaimable slab info:" block.  vm.panic_on_oom=1.
# msgq (hog -S) sends 4048-byte messages to a SysV message queue that
# nobody reads, its msg_qbytes raised to 2^31 - 1 (root passes msgmnb with
# CAP_SYS_RESOURCE): each message is one msg_msg of 4 KiB that
# ipc/msgutil.c alloc_msg() kmallocs with GFP_KERNEL_ACCOUNT, from
# kmalloc-cg-4k (6.1) or msg_msg-4k (6.12), caches without
# SLAB_RECLAIM_ACCOUNT: one system call per 4 KiB of unreclaimable slab and
# no file at all (epoll items, sockets or eventfds cost a file, a dentry or
# an inode each, some of it reclaimable).  Nothing else holds memory (no
# swap, no page cache but the initramfs), so the LRU is a few MiB when
# msgq's next message is the OOM.
#
# What the kernel must conclude (mm/oom_kill.c dump_header(), 6.1 and 6.12
# alike): should_dump_unreclaim_slab() is true, global
# NR_SLAB_UNRECLAIMABLE_B in pages > the sum of the LRU lists, and
# dump_unreclaimable_slab() lists the caches, the msg_msg one first by far.
# CONSTRAINT_NONE; panic_on_oom=1 panics in check_panic_on_oom().
#
# The real runs (sample-dumps/generate slab 6.1 / 6.12, 512 MB less the
# 160 MB crashkernel: 79047 managed pages on 6.1, 77725 on 6.12): before
# msgq, SUnreclaim 6716 kB (6.1) / 7788 kB (6.12), Active(anon) 3856 /
# 5616 kB; at the OOM, of a new slab (gfp_mask=0x40cc0(GFP_KERNEL|
# __GFP_COMP), order=0: allocate_slab() fell back from the cache's order 3):
#   6.1:  slab_unreclaimable:72564 vs the LRU 958+433 (active_anon,
#         inactive_anon, no file), free:788 free_pcp:105;
#         "kmalloc-cg-4k 283632KB 283632KB"
#   6.12: slab_unreclaimable:71045 vs the LRU 1416, free:777 free_pcp:2374;
#         "msg_msg-4k 276384KB 276384KB": since 6.11 alloc_msg() kmallocs
#         from msg_msg's own kmem_buckets (ipc/msgutil.c msg_buckets), so
#         6.12's dominant cache is msg_msg-4k, kmalloc-cg-4k holds 64 KB.
MEM=512

EXPECT=(
	# a new slab of kmalloc-cg-4k (allocate_slab(), order 0 after the
	# cache's order 3 failed)
	'msgq invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL\|__GFP_COMP\), order=[0-3],'
	# (allocate_slab() inlined into new_slab() in 6.1-arm64's build)
	'allocate_slab|new_slab'
	'do_msgsnd'
	'Mem-Info:'
	# the unreclaimable slab, 160 MiB and more in pages, the LRU small
	' slab_reclaimable:[0-9]+ slab_unreclaimable:[0-9]{5,}'
	'Unreclaimable slab info:'
	# the messages' cache: kmalloc-cg-4k on 6.1, msg_msg-4k on 6.12
	'(kmalloc-cg-4k|msg_msg-4k) +[0-9]{6,}KB +[0-9]{6,}KB'
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
