# fragmented: an OOM of order 2 while most of the memory is free, in blocks
# too small for it.  vm.panic_on_oom=1 (the OOM is CONSTRAINT_NONE).
# fragger (hog -F 12) locks its memory and takes it until MemFree is below
# 12 MiB, then gives back all of its pages but one in every aligned block of
# four page frames: ~200 MiB are free again, in blocks of order 0 and 1 only
# (the buddy of each freed pair is held).  vm.compact_unevictable_allowed=0
# keeps compaction from moving the locked pages (mm/compaction.c: no
# ISOLATE_UNEVICTABLE), and there is nothing to reclaim (no swap, no page
# cache but the initramfs's shmem).  piper (hog -p) then opens pipes and
# sets each to 1 MiB (fcntl F_SETPIPE_SZ): pipe_resize_ring() kcallocs 256
# struct pipe_buffer, 10 KiB, more than KMALLOC_MAX_CACHE_SIZE (8 KiB), so
# kmalloc_large() asks the page allocator for order 2 with
# GFP_KERNEL_ACCOUNT|__GFP_NOWARN|__GFP_COMP|__GFP_ZERO: no __GFP_NORETRY
# and no fallback, and an order <= PAGE_ALLOC_COSTLY_ORDER (3) is retried
# until __alloc_pages_may_oom() calls the OOM killer (orders above 3 never
# do: "The OOM killer will not help higher order allocs").  Once the free
# blocks of order 2 and up that were left are used up, piper's next pipe
# is the OOM.
#
# What the kernel must conclude (mm/oom_kill.c, 6.1.192 and 6.12.117
# alike): oc->order = 2, no nodemask, constrained_alloc() =
# CONSTRAINT_NONE with totalpages = totalram_pages() + total_swap_pages;
# panic_on_oom=1 panics for it in check_panic_on_oom() after dump_header().
# The zone's free list line shows the free memory, nearly all of it in
# blocks of 4 and 8 kB.
MEM=512
# the zone of the guest's memory: DMA32 on x86-64, DMA on arm64 (all of a
# virt guest below 4 GB is ZONE_DMA); KERNEL_ARCH (amd64, arm64) is set by
# whoever sources this file, x86-64 when it is not
ZONE=DMA32
[ "${KERNEL_ARCH:-}" = arm64 ] && ZONE=DMA

EXPECT=(
	'piper invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL_ACCOUNT.*\), order=2'
	'pipe_resize_ring'
	'Mem-Info:'
	# 40 MiB and more free (a global OOM of order 0 leaves ~3 MiB)
	' free:[0-9]{5,} free_pcp:'
	# 100 MB and more free in the zone, in blocks of 4 and 8 kB but for a
	# few of 16 and 32 kB (freed between the allocation's last try and the
	# report: 6.12 showed 2*16kB), none larger
	"Node 0 $ZONE: [0-9]+\\*4kB (\\([A-Z]+\\) )?[0-9]+\\*8kB (\\([A-Z]+\\) )?[0-9]\\*16kB (\\([A-Z]+\\) )?[0-9]\\*32kB (\\([A-Z]+\\) )?0\\*64kB 0\\*128kB 0\\*256kB 0\\*512kB 0\\*1024kB 0\\*2048kB 0\\*4096kB = [0-9]{6,}kB"
	'Tasks state \(memory values in pages\)'
	' -1000 fragger$'
	' piper$'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)
# the struct oom_control on the panicking stack, as drgn reads it
# (tests/oracles/drgn-oom-constraint; totalpages is checked against
# constrained_alloc()'s rule there)
EXPECT_OOM=(
	'^task=[0-9]+ piper$'
	'^constraint=CONSTRAINT_NONE$'
	'^nodemask=\(null\)$'
	'^order=2$'
	'^node_free_pages=0:[0-9]{5,}$'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
set_sysctl vm/compact_unevictable_allowed 0
start_hog -n fragger -a -1000 -F 12
gen "fragmented: $(grep -E 'DMA32|Normal' /proc/buddyinfo | tr -s ' ')"
start_hog -n piper -a 0 -p
EOS
}
