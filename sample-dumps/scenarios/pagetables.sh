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
# RESULTS
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
