# pagetables: a system-wide OOM whose memory is page tables.
# vm.panic_on_oom=1, vm.overcommit_memory=1.  Each hog (hog -P GIB, then
# hog -G until the OOM) maps 64 TiB of anonymous memory (MAP_NORESERVE,
# MADV_NOHUGEPAGE: no THP) and writes one byte in every GiB of it: each
# byte costs a data page, a PTE page and a PMD page (a PUD page every 512
# GiB), so two thirds of what they take are page tables, counted in
# NR_PAGETABLE (Mem-Info's pagetables:, pages) and in each task's
# mm->pgtables_bytes (the task table's pgtables_bytes column).
#
# What the kernel must conclude (mm/oom_kill.c, 6.1 and 6.12 alike):
# CONSTRAINT_NONE, an allocation of order 0 (a page table's or the data
# page's, of the growing hog's fault), panic_on_oom=1 panics in
# check_panic_on_oom(); Mem-Info's pagetables: is about twice the
# anonymous memory.
#
# The real runs (512 MB less the 160 MB crashkernel): after pt1 and pt2
# (8192 GiB touched each), PageTables: 131220 kB (6.1) / 131484 kB (6.12)
# against AnonPages: 65816 / 65824 kB.  At the OOM, a page table's
# allocation of ptgrow's fault both times:
#   6.1:  __pmd_alloc(), gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO),
#         order=0; pagetables:47160 against active_anon:957
#         inactive_anon:24021, free:878 free_pcp:112; pgtables_bytes
#         67207168 (pt1), 67203072 (pt2), 58920960 (ptgrow)
#   6.12: pte_alloc_one(), gfp_mask=0x440dc0(GFP_KERNEL_ACCOUNT|
#         __GFP_COMP|__GFP_ZERO), order=0; pagetables:47105 against
#         active_anon:24945, free:420 free_pcp:1225; pgtables_bytes
#         67215360, 67211264, 58408960
# (a trial run on 6.12 failed the data page's allocation instead,
# do_anonymous_page() with GFP_HIGHUSER_MOVABLE: either may come).
MEM=512

EXPECT=(
	'ptgrow invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_[A-Z_|]+\), order=0,'
	'Mem-Info:'
	# 40 MiB and more of page tables (pages)
	' pagetables:[0-9]{5,}'
	'Tasks state \(memory values in pages\)'
	# pgtables_bytes of 8192 GiB touched: 16 MiB and more
	' [0-9]{8,} +[0-9]+ +0 pt1$'
	' [0-9]{8,} +[0-9]+ +0 pt2$'
	' ptgrow$'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
set_sysctl vm/overcommit_memory 1
start_hog -n pt1 -a 0 -P 8192
start_hog -n pt2 -a 0 -P 8192
gen "page tables: $(grep -E 'MemFree|PageTables|AnonPages' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
start_hog -n ptgrow -a 0 -G
EOS
}
