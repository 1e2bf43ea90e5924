# unaccounted: a system-wide OOM whose memory no vmstat counter shows:
# pipe buffers.  vm.panic_on_oom=1.  pipefill (hog -W) opens pipes of the
# default 64 KiB (16 pipe_buffers: a 640-byte kcalloc, no order-2
# kmalloc_large() as F_SETPIPE_SZ to 1 MiB would make) and fills each
# without reading it: pipe_write() takes each page with
# alloc_page(GFP_HIGHUSER | __GFP_ACCOUNT), a page on no LRU list, not
# slab, counted by no NR_* item (only by a memcg's kmem, and this runs in
# the root cgroup).  fs/pipe-user-pages-soft and -hard are 0 (no limit;
# root passes them anyway).
#
# What the kernel must conclude (mm/oom_kill.c, 6.1 and 6.12 alike):
# CONSTRAINT_NONE, order 0, panic_on_oom=1 panics in check_panic_on_oom();
# Mem-Info's counters (anon, file, slab, page tables, free) add up to a
# small part of the zone's managed pages, and no task's rss holds the rest.
# page_owner=on would name the pipe pages' allocator, but neither Debian
# cloud kernel has CONFIG_PAGE_OWNER (no page_owner symbol in either
# vmlinux; the 6.1 generic one neither), so the scenario does not ask
# for it.
#
# The real runs (512 MB less the 160 MB crashkernel: 79047 managed pages
# on 6.1, 77725 on 6.12): before pipefill, AnonPages 184 / 200 kB, Slab
# 15780 / 8364 kB; at the OOM (gfp_mask=0x500cc2(GFP_HIGHUSER|
# __GFP_ACCOUNT), order=0, in pipe_write()):
#   6.1:  active_anon:977 inactive_anon:442 slab_reclaimable:3192
#         slab_unreclaimable:3578 pagetables:19 free:773 free_pcp:215: the
#         counters show ~9200 pages, ~70000 (~270 MiB) are the pipes'
#   6.12: active_anon:1429 slab_reclaimable:1046 slab_unreclaimable:3777
#         pagetables:36 free:789 free_pcp:1726: ~8900 pages shown, ~69000
#         (~270 MiB) not; pipefill's pgtables_bytes 28672 / 40960, rss a
#         page or two hundred: no task holds them
MEM=512

EXPECT=(
	'pipefill invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_HIGHUSER\|__GFP_ACCOUNT\), order=0,'
	'pipe_write'
	'Mem-Info:'
	# what the counters show is small: anon and slab below 40 MiB
	'active_anon:[0-9]{1,4} inactive_anon:[0-9]{1,4} '
	'slab_reclaimable:[0-9]{1,4} slab_unreclaimable:[0-9]{1,4}$'
	'Tasks state \(memory values in pages\)'
	' pipefill$'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
set_sysctl fs/pipe-user-pages-soft 0
set_sysctl fs/pipe-user-pages-hard 0
gen "before: $(grep -E 'MemFree|AnonPages|Slab' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
start_hog -n pipefill -a 0 -W
EOS
}
