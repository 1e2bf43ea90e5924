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
# (8192 GiB touched each), PageTables: 131256 kB (6.1) / 131440 kB (6.12)
# against AnonPages: 65800 / 65776 kB.  At the OOM:
#   6.1:  ptgrow's __pmd_alloc() (gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|
#         __GFP_ZERO), order=0), pagetables:47123 against active_anon:974
#         inactive_anon:23999, free:930 free_pcp:101; pgtables_bytes
#         67207168 for pt1 and pt2, 58769408 for ptgrow
#   6.12: ptgrow's do_anonymous_page() (gfp_mask=0x140dca(
#         GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0),
#         pagetables:47214 against active_anon:24998, free:402
#         free_pcp:1047; pgtables_bytes 67215360, 67215360, 58896384
# (the allocation that fails may be a page table's or a data page's).
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
