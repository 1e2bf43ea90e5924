/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model: plain structs that the collectors fill from a target, that
 * oom.c computes on and that the renderers print.  Nothing here points back
 * into the target.  Page counts are in pages unless the name says bytes or
 * kB.  Collect -> compute -> render; see STYLE.md.
 */
#ifndef OMS_MODEL_H
#define OMS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OMS_COMM_LEN 16
#define OMS_MAX_ORDERS 16	/* room for NR_PAGE_ORDERS of any kernel */
#define OMS_MAX_MIGRATETYPES 8	/* room for MIGRATE_TYPES */
#define OMS_MAX_ZONES 8		/* room for MAX_NR_ZONES */
#define OMS_MAX_HSTATES 4	/* room for HUGE_MAX_HSTATE (2 on x86) */

/* --- warnings: what could not be read, kept with the model ------------- */
struct oms_warning {
	char *message;		/* one line, like an error message */
};

struct oms_warnings {
	struct oms_warning *v;
	size_t n, cap;
};

/* --- sysctls ------------------------------------------------------------ */
struct oms_sysctl {
	int panic_on_oom;		/* sysctl_panic_on_oom */
	int oom_kill_allocating_task;	/* sysctl_oom_kill_allocating_task */
	int oom_dump_tasks;		/* sysctl_oom_dump_tasks */
	int overcommit_memory;		/* sysctl_overcommit_memory */
	int overcommit_ratio;		/* sysctl_overcommit_ratio */
	unsigned long overcommit_kbytes;/* sysctl_overcommit_kbytes */
	bool valid;			/* false: could not be read */
};

/* --- tasks -------------------------------------------------------------- */
/* the #defines the walk and the OOM killer need (not in DWARF; include/linux/sched.h and
 * include/linux/sched/coredump.h, the same from 4.x to 6.12).  Checked in
 * the Debian 6.1 and 6.12 vmlinux: oom_badness() tests byte 0x2e of
 * task_struct (flags at 0x2c) with 0x20, i.e. 0x00200000, and mm->flags
 * with 0x200000, i.e. bit 21 */
#define OMS_PF_EXITING		0x00000004	/* getting shut down */
#define OMS_PF_KTHREAD		0x00200000	/* a kernel thread */
#define OMS_MMF_OOM_SKIP	21		/* bit of mm->flags */
/* include/linux/sched/signal.h, unchanged 2.6.36 .. 6.12 */
#define OMS_SIGNAL_GROUP_EXIT	0x00000004	/* group exit in progress */
#define OMS_OOM_SCORE_ADJ_MIN	(-1000)
#define OMS_OOM_SCORE_ADJ_MAX	1000

/* the mm counters, in the order of enum MM_FILEPAGES... */
enum oms_rss {
	OMS_RSS_FILE,
	OMS_RSS_ANON,
	OMS_RSS_SWAPENTS,
	OMS_RSS_SHMEM,
	OMS_RSS_NR,
};

/*
 * The fields of a process that could not be read (oms_task.unknown): a
 * page of its task_struct, signal_struct, mm_struct or cred was not in the
 * dump.  Such a field is null in JSON and ? in text; what the OOM ranking
 * needs of it is bounded instead (oom.c).  Everything else of the process
 * stays.
 */
enum oms_task_field {
	OMS_TASK_PID = 1u << 0,		/* pid, tgid */
	OMS_TASK_COMM = 1u << 1,
	OMS_TASK_STATE = 1u << 2,
	OMS_TASK_FLAGS = 1u << 3,	/* flags: kthread, exiting */
	OMS_TASK_MM = 1u << 4,		/* which mm find_lock_task_mm() finds */
	OMS_TASK_UID = 1u << 5,
	OMS_TASK_TOTAL_VM = 1u << 6,
	OMS_TASK_RSS = 1u << 7,		/* rss file, anon, shmem */
	OMS_TASK_SWAPENTS = 1u << 8,
	OMS_TASK_PGTABLES = 1u << 9,
	OMS_TASK_MMF_OOM_SKIP = 1u << 10,
	OMS_TASK_ADJ = 1u << 11,	/* oom_score_adj, oom_score_adj_min */
	OMS_TASK_THREADS = 1u << 12,	/* nr_threads */
	OMS_TASK_VICTIM = 1u << 13,	/* signal->oom_mm and its MMF_OOM_SKIP */
	OMS_TASK_ORIGIN = 1u << 14,	/* signal->oom_flag_origin */
	OMS_TASK_VFORK = 1u << 15,	/* in_vfork() */
	OMS_TASK_MEMCG = 1u << 16,
	OMS_TASK_MEMS = 1u << 17,	/* mems_allowed */
	OMS_TASK_NR_FIELDS = 18,
};
#define OMS_TASK_ALL ((1u << OMS_TASK_NR_FIELDS) - 1)
/* what the mm holds: unknown together when the mm itself is */
#define OMS_TASK_MM_FIELDS (OMS_TASK_TOTAL_VM | OMS_TASK_RSS | \
			    OMS_TASK_SWAPENTS | OMS_TASK_PGTABLES | \
			    OMS_TASK_MMF_OOM_SKIP | OMS_TASK_VFORK)
/* what the signal_struct holds */
#define OMS_TASK_SIGNAL_FIELDS (OMS_TASK_ADJ | OMS_TASK_THREADS | \
				OMS_TASK_VICTIM | OMS_TASK_ORIGIN)

/* the JSON name of one field bit ("oom_score_adj"), NULL for none */
const char *oms_task_field_name(enum oms_task_field f);

struct oms_task {
	uint64_t addr;			/* struct task_struct * */
	uint32_t unknown;		/* enum oms_task_field bits not read */
	int32_t pid;
	int32_t tgid;
	uint32_t uid;			/* real uid, as dump_tasks prints it */
	char comm[OMS_COMM_LEN + 1];
	char mm_comm[OMS_COMM_LEN + 1];	/* of the mm_pid thread: dump_task prints it */
	char state;			/* R S D T t X Z P I, as /proc shows */
	uint32_t flags;			/* task->flags (PF_*) */
	bool kthread;			/* PF_KTHREAD */
	bool exiting;			/* PF_EXITING */
	bool thread_group_leader;
	bool in_vfork;			/* vfork child sharing the parent's mm */
	uint32_t nr_threads;		/* signal->nr_threads */

	/* the mm: of this task, or of the thread that find_lock_task_mm()
	 * would find; mm_pid is that thread's pid, what dump_tasks prints */
	uint64_t mm;			/* 0: no mm (kthread or exited) */
	int32_t mm_pid;
	uint64_t total_vm;
	uint64_t pgtables_bytes;
	bool mmf_oom_skip;		/* MMF_OOM_SKIP in mm->flags */
	/* the counters as the kernel read them at OOM time (get_mm_counter:
	 * atomic value <= 6.1, percpu_counter_read_positive >= 6.2), clamped
	 * at 0 like the kernel does */
	uint64_t rss_kernel[OMS_RSS_NR];
	/* exact: with the per-thread caches (<= 6.1) or per-cpu deltas
	 * (>= 6.2) added in */
	int64_t rss_exact[OMS_RSS_NR];
	bool rss_exact_valid;

	/* signal_struct */
	int16_t oom_score_adj;
	int16_t oom_score_adj_min;
	bool oom_victim;		/* signal->oom_mm set: already chosen */
	bool oom_victim_mm_skip;	/* MMF_OOM_SKIP in signal->oom_mm->flags */
	bool oom_origin;		/* signal->oom_flag_origin */

	uint64_t memcg;			/* struct mem_cgroup *, 0 if unknown */
	char memcg_path[128];		/* "/box", "" if unknown */
	uint64_t mems_allowed;		/* task->mems_allowed, nodes 0..63 */
	/* every thread has an MPOL_BIND mempolicy (task->mempolicy), of
	 * mpol_nodes together: mempolicy_in_oom_domain() asks them */
	bool mpol_bound;
	uint64_t mpol_nodes;

	bool partial;			/* something of it could not be read */
};

static inline bool oms_task_known(const struct oms_task *t, uint32_t fields)
{
	return !(t->unknown & fields);
}

/* the pid dump_tasks() prints: of the thread whose mm it reads */
static inline int32_t oms_task_pid(const struct oms_task *t)
{
	return t->mm ? t->mm_pid : t->pid;
}

/* rss as get_mm_rss() returns it: file + anon + shmem */
static inline uint64_t oms_task_rss(const struct oms_task *t)
{
	return t->rss_kernel[OMS_RSS_FILE] + t->rss_kernel[OMS_RSS_ANON] +
	       t->rss_kernel[OMS_RSS_SHMEM];
}

struct oms_tasks {
	struct oms_task *v;		/* processes (thread-group leaders) */
	size_t n, cap;
	size_t nr_threads_total;	/* every thread seen in the walk */
	bool complete;			/* the whole list was walked */
	/* dump_task() prints rss_anon rss_file rss_shmem (v6.8-rc1 on) */
	bool rss_split_layout;
};

/* --- memory cgroups: the ones the tasks are in, and their ancestors ------- */
struct oms_memcg {
	uint64_t addr;			/* struct mem_cgroup * */
	uint64_t parent;		/* the parent's, 0 for the root */
	char path[128];			/* "/box", "/" for the root */
	uint64_t usage;			/* memory.usage (page_counter), pages */
	uint64_t max;			/* memory.max, pages */
	uint64_t swap_max;		/* swap.max (v2) or memsw.max (v1), pages */
	int swappiness;			/* mem_cgroup_swappiness() */
	bool on_dfl;			/* cgroup v2 (memory on the default hierarchy) */
	bool oom_lock;			/* in the subtree of a memcg OOM under way */
	int64_t oom_events;		/* memory_events[MEMCG_OOM], -1 if unknown */
	bool is_root;
	bool valid;			/* the counters were read */
};

/* the memcgs the tasks are in, and their ancestors (collect/memcg.c) */
struct oms_memcgs {
	struct oms_memcg *v;
	size_t n;
};

/* --- zones and free areas ------------------------------------------------ */
struct oms_free_area {
	uint64_t nr_free;		/* free_area.nr_free: blocks of this order */
	/* blocks found by walking free_list[mt]; valid when walked */
	uint64_t by_migratetype[OMS_MAX_MIGRATETYPES];
	bool walked;			/* every list walked to its end */
	bool corrupt;			/* a list was cyclic, cut or unreadable */
	unsigned int nonempty;		/* bit mt: free_list[mt] not empty */
};

struct oms_zone {
	int node;
	int index;			/* in pglist_data.node_zones[] */
	char name[16];			/* "DMA32" */
	uint64_t addr;			/* struct zone * */
	bool populated;			/* present_pages != 0 */
	uint64_t present_pages;
	uint64_t spanned_pages;
	uint64_t managed_pages;
	uint64_t free_pages;		/* vm_stat[NR_FREE_PAGES] */
	uint64_t min, low, high;	/* _watermark[] + watermark_boost */
	uint64_t watermark_boost;
	uint64_t nr_reserved_highatomic;
	/* zone->nr_free_highatomic: the free pages on MIGRATE_HIGHATOMIC
	 * lists, what __zone_watermark_unusable_free() counts since
	 * c928807f6f6b (v6.12); has_nr_free_highatomic false: the kernel
	 * has no such member (or it was not read), nr_reserved_highatomic
	 * is what it counts */
	uint64_t nr_free_highatomic;
	bool has_nr_free_highatomic;
	uint64_t lowmem_reserve[OMS_MAX_ZONES];
	int nr_lowmem_reserve;
	uint64_t free_pcp;		/* pages on per-cpu lists */
	uint64_t local_pcp;		/* of the cpu that printed the report */
	int local_pcp_cpu;		/* that cpu, -1 if unknown */
	bool partial;			/* something of it could not be read */
	int nr_orders;
	struct oms_free_area free_area[OMS_MAX_ORDERS];
	/* vm_stat[] by enum zone_stat_item index; names in oms_meminfo */
	int64_t *vm_stat;
	int nr_vm_stat;
};

/* the migratetype letters of show_migration_types(): U M E H C I */
struct oms_migratetypes {
	int nr;				/* MIGRATE_TYPES */
	char letter[OMS_MAX_MIGRATETYPES];
	char name[OMS_MAX_MIGRATETYPES][24];	/* "Unmovable", ... */
};

/* every populated zone of every online node (collect/zones.c) */
#define OMS_ZONE_TYPES 6	/* ZONE_DMA DMA32 NORMAL HIGHMEM MOVABLE DEVICE */
struct oms_zones {
	struct oms_zone *v;		/* node order, then zone index */
	size_t n;
	struct oms_migratetypes migratetypes;
	/* enum zone_type: the value of ZONE_DMA, ZONE_DMA32, ZONE_NORMAL,
	 * ZONE_HIGHMEM, ZONE_MOVABLE, ZONE_DEVICE, -1 where the kernel's
	 * config has none; only when types_known */
	int type_index[OMS_ZONE_TYPES];
	bool types_known;
};

/* --- Mem-Info: the vm counters ------------------------------------------- */
struct oms_counter {
	const char *name;		/* enumerator name, "NR_ACTIVE_ANON" */
	int64_t value;			/* the global atomic, as the kernel printed */
};

struct oms_node {
	int id;
	uint64_t addr;			/* struct pglist_data * */
	int64_t *vm_stat;		/* by enum node_stat_item index */
	int nr_vm_stat;
	int kswapd_failures;		/* >= MAX_RECLAIM_RETRIES: unreclaimable */
	/* per hstate, in hstates[] order: nr/free/surplus_huge_pages_node */
	uint64_t huge_total[OMS_MAX_HSTATES];
	uint64_t huge_free[OMS_MAX_HSTATES];
	uint64_t huge_surp[OMS_MAX_HSTATES];
};

/* the kernel's own memory that no vm counter holds (collect/meminfo.c),
 * for the ledger; has_* false where this kernel has no such thing or it
 * could not be read */
struct oms_kmem {
	bool has_vmalloc;
	uint64_t vmalloc_pages;		/* nr_vmalloc_pages (vmalloc_nr_pages()) */
	bool vmap_stack;		/* CONFIG_VMAP_STACK: the stacks are vmalloc'd */
	bool has_percpu;
	uint64_t percpu_pages;		/* pcpu_nr_populated * pcpu_nr_units */
	uint64_t percpu_first_pages;	/* of them, the first chunk's (memblock) */
	bool has_image;
	uint64_t image_pages;		/* text, rodata, data, bss; else _text.._end
					 * less __init_begin..__init_end */
	bool has_crashkernel;
	uint64_t crashkernel_pages;	/* crashk_res (+ crashk_low_res) */
	bool has_struct_page;
	uint64_t struct_page_size;	/* sizeof(struct page): the memmap's element */
};

struct oms_meminfo {
	uint64_t totalram_pages;	/* _totalram_pages */
	uint64_t totalreserve_pages;
	uint64_t total_swap_pages;
	uint64_t free_swap_pages;	/* nr_swap_pages */
	uint64_t totalhigh_pages;
	uint64_t hugepages_total, hugepages_free, hugepage_size_kb;
	/* global vm_zone_stat[] and vm_node_stat[] by index */
	int64_t *zone_stat;
	int nr_zone_stat;
	const char **zone_stat_names;	/* enumerator names, index order */
	int64_t *node_stat;
	int nr_node_stat;
	const char **node_stat_names;
	int nr_hstates;			/* hugetlb_max_hstate */
	uint64_t hstate_size_kb[OMS_MAX_HSTATES];
	uint64_t totalcma_pages;
	uint64_t num_poisoned_pages;
	/* what the kernel's show_mem prints, by its config and version */
	bool numa;			/* CONFIG_NUMA: "Node N " before zones */
	bool thp;			/* CONFIG_TRANSPARENT_HUGEPAGE */
	bool cma;			/* CONFIG_CMA: "pages cma reserved" */
	bool hwpoison;			/* CONFIG_MEMORY_FAILURE: "pages hwpoisoned" */
	bool old_show_free_areas;	/* mm/page_alloc.c's, "shmem_thp: %lukB" */
	bool valid;
	struct oms_node *nodes;		/* the online nodes, node order */
	size_t n_nodes;
	struct oms_kmem kmem;
};

/* --- the kernel's own OOM report, from the log in the dump ---------------- */
struct oms_report_task {
	int32_t pid, uid, tgid;
	uint64_t total_vm, rss, rss_anon, rss_file, rss_shmem;
	uint64_t pgtables_bytes, swapents;
	int32_t oom_score_adj;
	char name[OMS_COMM_LEN + 1];
	bool has_rss_split;		/* the 6.8+ rss_anon/file/shmem columns */
	/* columns printed as "?" (oomscan's own rendering of a field not
	 * in the dump; the kernel never prints it): 1 << the column of
	 * enum oms_report_column */
	uint32_t unknown;
};

enum oms_report_column {
	OMS_RCOL_OTHER, OMS_RCOL_UID, OMS_RCOL_TGID, OMS_RCOL_TOTAL_VM,
	OMS_RCOL_RSS, OMS_RCOL_RSS_ANON, OMS_RCOL_RSS_FILE, OMS_RCOL_RSS_SHMEM,
	OMS_RCOL_PGTABLES_BYTES, OMS_RCOL_SWAPENTS, OMS_RCOL_OOM_SCORE_ADJ,
	OMS_RCOL_NAME,
};

struct oms_report_zone_free {
	int node;
	char zone[16];
	uint64_t nr[OMS_MAX_ORDERS];	/* blocks per order */
	char types[OMS_MAX_ORDERS][OMS_MAX_MIGRATETYPES + 1];	/* "UME" */
	int nr_orders;
	uint64_t total_kb;
};

/* one number of the printed Mem-Info block:
 *   "active_anon:25"                     scope ""            name "active_anon" value 25
 *   "Node 0 active_anon:100kB"           scope "Node 0"       name "active_anon" value 100 kb
 *   "Node 0 DMA32 free:2016kB"           scope "Node 0 DMA32" name "free"        value 2016 kb
 *   "3251 total pagecache pages"         scope ""            name "total pagecache pages" */
struct oms_kv {
	char *scope;
	char *name;
	int64_t value;
	bool kb;			/* printed in kB (else pages or a count) */
};

/* the boot's "Memory: 395384K/523768K available (... 128128K reserved,
 * 0K cma-reserved)" line and the "Freeing ... memory: 2756K" lines after
 * it: why "pages reserved" differs from the boot's figure */
struct oms_boot_memory {
	bool found;
	uint64_t available_kb, total_kb, reserved_kb, cma_reserved_kb;
	uint64_t freed_kb;		/* the Freeing lines, summed */
	int n_freed;
};

/* one line of dump_unreclaimable_slab(): "kmalloc-1k   288KB   288KB" */
struct oms_report_slab {
	char name[64];			/* as OMS_SLAB_NAME_LEN */
	uint64_t used_kb;		/* active_objs * size / 1024 */
	uint64_t total_kb;		/* num_objs * size / 1024 */
};

struct oms_kernel_report {
	bool found;			/* an OOM report is in the log */
	bool truncated;			/* its start was overwritten in the log */
	/* records of the log could not be read or were refused (a warning
	 * says which): what the report lacks may be among them */
	bool log_partial;
	char invoker[OMS_COMM_LEN + 1];	/* "grower" of "grower invoked ..." */
	uint64_t gfp_mask;
	char gfp_names[256];		/* what %pGg printed, in the parentheses */
	int order;
	int oom_score_adj;
	bool has_header;		/* the "invoked oom-killer" line survived */
	char constraint[32];		/* "CONSTRAINT_NONE", from oom-kill: */
	char panic_line[256];		/* "Kernel panic - not syncing: ..." */
	/* dump_stack()'s "CPU: 0 PID: 218 Comm: grower ..." (6.10+: "CPU: 0
	 * UID: 0 PID: ...") printed by panic() after panic_line, or else by
	 * the OOM report after its header: the panicking cpu and task */
	bool has_panic_task;
	int panic_task_cpu;
	int32_t panic_task_pid;
	char panic_task_comm[OMS_COMM_LEN + 1];
	bool memcg;			/* a memcg OOM ("memory: usage ...") */
	char memcg_path[128];		/* "/box" of "Memory cgroup stats for /box:" */
	struct oms_kv *meminfo;		/* Mem-Info counters as printed */
	size_t n_meminfo;
	struct oms_report_zone_free *zones;	/* "Node 0 DMA32: 2*4kB (UE) ..." */
	size_t n_zones;
	struct oms_report_task *tasks;	/* the Tasks state table */
	size_t n_tasks;
	bool tasks_has_header;		/* the table's header line survived */
	char *killed;			/* "Killed process ..." line, if any */
	struct oms_boot_memory boot;
	/* the "Unreclaimable slab info:" block (should_dump_unreclaim_slab()) */
	bool slab_block;
	struct oms_report_slab *slabs;
	size_t n_slabs;
};

/* --- the OOM decision ------------------------------------------------------ */
enum oms_constraint {
	OMS_CONSTRAINT_NONE,
	OMS_CONSTRAINT_CPUSET,
	OMS_CONSTRAINT_MEMORY_POLICY,
	OMS_CONSTRAINT_MEMCG,
};

/* the reasons of oom_evaluate_task() and oom_badness(); a task outside
 * the scan (not in the OOM's memcg, a thread) has no score at all */
enum oms_skip {
	OMS_SKIP_NONE,
	OMS_SKIP_UNKILLABLE,		/* global init or a kernel thread */
	OMS_SKIP_NO_MM,			/* no thread with an mm (exited) */
	OMS_SKIP_ADJ_MIN,		/* oom_score_adj == OOM_SCORE_ADJ_MIN */
	OMS_SKIP_OOM_SKIP,		/* MMF_OOM_SKIP set */
	OMS_SKIP_IN_VFORK,		/* in_vfork() */
	OMS_SKIP_NOT_ELIGIBLE,		/* !oom_cpuset_eligible(): no common node */
	OMS_SKIP_VICTIM_REAPED,		/* a victim already, its mm MMF_OOM_SKIP */
	OMS_SKIP_NOT_SCANNED,		/* after the scan was aborted */
	OMS_SKIP_UNSCORED,		/* fields it needs are not in the dump */
};
#define OMS_SKIP_NR (OMS_SKIP_UNSCORED + 1)

/* the rule of out_of_memory() that decided: whom, or why no one */
enum oms_oom_rule {
	OMS_OOM_RULE_NONE,		/* not computed (or it failed) */
	OMS_OOM_RULE_BADNESS,		/* select_bad_process(): the highest oom_badness() */
	OMS_OOM_RULE_ORIGIN,		/* oom_task_origin(): LONG_MAX, it goes first */
	OMS_OOM_RULE_ALLOCATING_TASK,	/* sysctl_oom_kill_allocating_task: current */
	OMS_OOM_RULE_ABORTED,		/* oom_evaluate_task()'s abort: a victim not reaped yet */
	OMS_OOM_RULE_NO_KILLABLE,	/* !oc->chosen: "Out of memory and no killable processes" */
	OMS_OOM_RULE_INCOMPLETE,	/* no one chosen from a process list the dump cut short */
	/* out_of_memory()'s exits before the scan: no one is killed */
	OMS_OOM_RULE_DISABLED,		/* oom_killer_disabled (suspend) */
	OMS_OOM_RULE_CURRENT_EXITING,	/* task_will_free_mem(current): it is the victim, unkilled */
	OMS_OOM_RULE_NOFS,		/* !(gfp_mask & __GFP_FS) outside a memcg */
};
#define OMS_OOM_RULE_NR (OMS_OOM_RULE_NOFS + 1)

struct oms_score {
	size_t task;			/* index in oms_tasks.v */
	enum oms_skip skip;
	/* points = rss + swapents + pgtables + adj_points */
	uint64_t rss;
	uint64_t swapents;
	uint64_t pgtables;		/* pgtables_bytes / PAGE_SIZE */
	int64_t adj_points;		/* oom_score_adj * totalpages / 1000 */
	int64_t points;			/* valid when skip == OMS_SKIP_NONE */
	/* OMS_SKIP_UNSCORED: the fields it lacked (enum oms_task_field), the
	 * most points it could have had, and whether that could have made
	 * it the victim (or stopped the scan) */
	uint32_t unknown;
	int64_t points_max;
	bool could_change;
};

struct oms_oom {
	/* the current (allocating) task's process, found once per compute */
	const struct oms_task *current_process;
	bool current_resolved;
	enum oms_constraint constraint;
	uint64_t totalpages;
	uint64_t memcg;			/* the OOM's memcg for CONSTRAINT_MEMCG */
	/* constrained_alloc() as oomscan works it out from the structures;
	 * constraint, totalpages and memcg above are the kernel's own when
	 * its oom_control was found (from_kernel), else these */
	bool from_kernel;
	enum oms_constraint emulated_constraint;
	uint64_t emulated_totalpages;
	uint64_t emulated_memcg;
	int emulation_agrees;		/* with the kernel's: 1, 0, -1 nothing to compare */
	/* the allocation on the stack against the log's line: gfp_mask and
	 * order the same 1, not 0, -1 one of them missing */
	int allocation_log_agrees;
	char memcg_path[128];
	bool panicked_before_choosing;	/* panic_on_oom applied */
	bool sysrq;			/* sysrq+f's (the report's order=-1) */
	bool aborted;			/* a victim exists already: the scan stops */
	size_t aborted_by;		/* its index in oms_tasks.v */
	bool allocating_task;		/* oom_kill_allocating_task chose current */
	enum oms_oom_rule rule;		/* which rule decided */
	bool has_victim;
	size_t victim;			/* index in oms_tasks.v */
	int64_t victim_points;
	/* what select_bad_process() chose, also when oom_kill_allocating_task
	 * decided instead (the kernel does not scan then; we do, to show it) */
	bool has_scan_victim;
	size_t scan_victim;		/* index in oms_tasks.v */
	int64_t scan_victim_points;
	int64_t margin;			/* victim points - runner-up points */
	bool has_runner_up;
	size_t runner_up;		/* index in oms_tasks.v: the best other eligible */
	bool use_exact_rss;		/* computed on rss_exact, not the kernel's view */
	size_t n_unscored;		/* processes with OMS_SKIP_UNSCORED */
	size_t n_could_change;		/* of them, those that could change the victim */
	struct oms_score *ranking;	/* eligible, best first, then skipped */
	size_t n_ranking;
};

/* --- the cross-check: the structures against the kernel's own report ------ */
struct oms_difference {
	char *what;			/* "pid 179 (grower) rss", "Node 0 DMA32 free 4kB blocks" */
	int64_t kernel;			/* what the kernel printed */
	int64_t dump;			/* what the structures hold now */
	char kernel_text[16];		/* for a difference in letters ("UM"), else "" */
	char dump_text[16];
	const char *reason;		/* the likely reason, or NULL */
};

struct oms_crosscheck {
	bool done;			/* there was a report to compare with */
	size_t compared;		/* numbers compared */
	size_t not_rebuilt;		/* printed numbers oomscan does not rebuild */
	struct oms_difference *v;
	size_t n, cap;
};

/* --- the summary: what a dump comes to, for every front end --------------- */
/* the memory class that holds the most pages of the machine */
enum oms_mem_class {
	OMS_MEM_UNKNOWN,		/* none of the counters is known */
	OMS_MEM_ANON,			/* NR_ANON_MAPPED */
	OMS_MEM_FILE,			/* NR_FILE_PAGES - NR_SHMEM */
	OMS_MEM_SHMEM,			/* NR_SHMEM */
	OMS_MEM_SLAB,			/* NR_SLAB_RECLAIMABLE_B + NR_SLAB_UNRECLAIMABLE_B */
};

/* computed once, after the OOM decision (analysis/summary.c); the
 * reports and the batch table print it */
struct oms_summary {
	/* free memory: vm_zone_stat[NR_FREE_PAGES] (what show_mem prints as
	 * free:), else the zones' vm_stat[NR_FREE_PAGES] summed */
	bool has_free;
	int64_t free_pages;
	/* the zones' managed pages and min watermarks, summed */
	uint64_t managed_pages;
	uint64_t min_pages;
	/* the process with the largest rss (get_mm_rss()), the first of a tie,
	 * of those dump_tasks() lists (not init, not kernel threads) */
	bool has_top;
	size_t top;			/* index in oms_tasks.v */
	uint64_t top_rss;		/* pages */
	enum oms_mem_class dominant;
	/* constraint/victim's comm/dominant class: "CONSTRAINT_NONE/hog/anon",
	 * "-" for no victim; dumps with one signature failed alike */
	char signature[64];
};

/* --- the whole model -------------------------------------------------------- */
/* --- the failing allocation (collect/allocation.c) ----------------------- */
#define OMS_MAX_GFP_NAMES 64	/* room for gfpflag_names[] (~30 in 6.x) */
#define OMS_MAX_ZONEREFS 64	/* room for a zonelist: MAX_NUMNODES * MAX_NR_ZONES */

/* the kernel's own table of gfp flag names, as %pGg prints them */
struct oms_gfp_name {
	uint64_t mask;			/* trace_print_flags.mask */
	char name[40];			/* "GFP_HIGHUSER_MOVABLE", "__GFP_ZERO" */
};

struct oms_gfp_names {
	struct oms_gfp_name v[OMS_MAX_GFP_NAMES];	/* gfpflag_names[] order */
	size_t n;
	bool valid;			/* read to its { 0, NULL } end */
};

/* one entry of the zonelist: struct zoneref */
struct oms_zoneref {
	uint64_t zone;			/* struct zone * */
	int zone_idx;			/* zoneref.zone_idx */
	int node;			/* the zone's node (zone_to_nid()) */
};

enum oms_alloc_source {
	OMS_ALLOC_UNKNOWN,
	OMS_ALLOC_STACK,		/* the struct oom_control on current's stack */
	OMS_ALLOC_LOG,			/* the log's "invoked oom-killer:" line */
};

/*
 * The allocation that failed: the struct oom_control that
 * __alloc_pages_may_oom() or mem_cgroup_out_of_memory() built on the stack
 * of the task that ran out, with what constrained_alloc() put in it before
 * check_panic_on_oom() panicked
 */
struct oms_allocation {
	enum oms_alloc_source source;	/* of gfp_mask and order */
	bool found;			/* an oom_control on the stack */
	uint64_t address;		/* of it */
	size_t candidates;		/* look-alikes that passed every check */
	bool ambiguous;			/* candidates that disagree */
	uint32_t gfp_mask;		/* oc->gfp_mask */
	int order;			/* oc->order */
	uint64_t zonelist;		/* oc->zonelist, 0 in a memcg OOM */
	int zonelist_node;		/* NODE_DATA(node)->node_zonelists[kind] */
	int zonelist_kind;		/* ZONELIST_FALLBACK 0, _NOFALLBACK 1 */
	struct oms_zoneref zonerefs[OMS_MAX_ZONEREFS];
	size_t n_zonerefs;
	uint64_t nodemask_addr;		/* oc->nodemask, 0: none (all nodes) */
	uint64_t nodemask;		/* *oc->nodemask, nodes 0..63 */
	uint64_t memcg;			/* oc->memcg */
	int constraint;			/* oc->constraint as enum oms_constraint, -1 unknown */
	uint64_t totalpages;		/* oc->totalpages */
	char why_not[160];		/* not found: what the scan saw */
	struct oms_gfp_names gfp_names;	/* the kernel's table */
	/* what out_of_memory() looks at before the scan: oom_killer_disabled,
	 * and task_will_free_mem(current), read of current itself */
	int oom_killer_disabled;	/* 1, 0, -1 unknown */
	bool current_known;		/* the fields below were read */
	uint32_t current_flags;		/* current->flags (PF_EXITING) */
	uint32_t signal_flags;		/* current->signal->flags (SIGNAL_GROUP_EXIT) */
	bool core_state;		/* current->signal->core_state != NULL */
	uint32_t nr_threads;		/* current->signal->nr_threads */
	uint64_t current_mm;		/* current->mm */
	int32_t mm_users;		/* current->mm->mm_users, -1 unknown */
	bool mm_oom_skip;		/* MMF_OOM_SKIP in current->mm->flags */
};

/* --- each zone's verdict on the failing allocation (analysis/watermark.c) -- */
/*
 * The page allocator's rules of the kernel in the dump, told apart by its
 * own gfp flag names (gfpflag_names[], m->allocation.gfp_names), never by
 * its version: 2973d8229b78 ("mm: discard __GFP_ATOMIC", v6.3) removed
 * __GFP_ATOMIC from the table, together with the series that made
 * ALLOC_HARDER ALLOC_NON_BLOCK and ALLOC_HIGH ALLOC_MIN_RESERVE
 * (524c48072e56 .. 1ebbb21811b7).  6.1.116 took that series back into
 * 6.1.y without 2973d8229b78, so a table with __GFP_ATOMIC is judged by
 * the ALLOC_MIN_RESERVE rules of 6.1.116+ (Debian's 6.1) and by v6.1's
 * ALLOC_HARDER rules as well, which the table cannot tell apart
 */
enum oms_gfp_generation {
	OMS_GFP_GEN_UNKNOWN,
	OMS_GFP_GEN_ATOMIC,		/* __GFP_ATOMIC in the table: v6.2 and 6.1.y */
	OMS_GFP_GEN_NO_ATOMIC,		/* no __GFP_ATOMIC: v6.3 and later */
};

enum oms_wmark_result {
	OMS_WMARK_NOT_ELIGIBLE,		/* not on the walk: zone index, nodemask, cpuset */
	OMS_WMARK_OK,			/* __zone_watermark_ok() passes */
	OMS_WMARK_RESERVED,		/* free, but kept: not above min + lowmem_reserve */
	OMS_WMARK_BELOW_MIN,		/* free (less the unusable) not above min */
	OMS_WMARK_NO_BLOCK,		/* order > 0: no free block of a usable migratetype */
};

enum oms_wmark_ineligible {
	OMS_WMARK_ELIGIBLE,
	OMS_WMARK_ZONE_TOO_HIGH,	/* zone_idx > highest_zoneidx (gfp_zone()) */
	OMS_WMARK_NOT_IN_NODEMASK,	/* the allocation's nodemask */
	OMS_WMARK_NOT_IN_CPUSET,	/* ALLOC_CPUSET and not in current's mems_allowed */
	OMS_WMARK_NOT_ON_ZONELIST,	/* the zonelist does not hold it */
};

/* what one zone's verdict rests on that the model does not hold */
enum oms_wmark_zone_note {
	/* zone_watermark_fast()'s second try at _watermark[WMARK_MIN],
	 * the boost left out, decided (order 0, __GFP_ATOMIC or, v6.3+,
	 * ALLOC_MIN_RESERVE) */
	OMS_WMARK_Z_BOOST_IGNORED = 1u << 0,
	/* a free_area from the order up could not be read: a usable
	 * block may be there */
	OMS_WMARK_Z_BLOCK_UNKNOWN = 1u << 1,
	/* v6.3+ without nr_free_highatomic in the model: the
	 * nr_reserved_highatomic of the kernels before c928807f6f6b
	 * counted (at most that many) */
	OMS_WMARK_Z_HIGHATOMIC_RESERVED = 1u << 2,
	/* lowmem_reserve[highest_zoneidx] not read: 0 taken */
	OMS_WMARK_Z_RESERVE_UNKNOWN = 1u << 3,
	/* CONFIG_CMA, no ALLOC_CMA, NR_FREE_CMA_PAGES not read: 0 taken */
	OMS_WMARK_Z_CMA_UNKNOWN = 1u << 4,
	/* ALLOC_CPUSET, but current's mems_allowed unknown: not excluded */
	OMS_WMARK_Z_CPUSET_UNKNOWN = 1u << 5,
	/* something of the zone could not be read (oms_zone.partial) */
	OMS_WMARK_Z_PARTIAL = 1u << 6,
};

/* __zone_watermark_ok(z, order, min_wmark_pages(z), highest_zoneidx,
 * alloc_flags, zone_page_state(z, NR_FREE_PAGES)), in pages */
struct oms_wmark_check {
	enum oms_wmark_ineligible ineligible;
	enum oms_wmark_result result;
	int walk_pos;			/* its place on the zonelist, -1 not on it */
	int64_t free;			/* NR_FREE_PAGES */
	int64_t unusable;		/* __zone_watermark_unusable_free() */
	int64_t unusable_highatomic;	/* of it: the highatomic reserve */
	int64_t unusable_cma;		/* of it: NR_FREE_CMA_PAGES */
	int64_t min_wmark;		/* the mark before the cuts: min_wmark_pages()
					 * (_watermark[WMARK_MIN] if the boost was ignored) */
	int64_t min;			/* the min mark after the alloc_flags' cuts */
	int64_t reserve;		/* lowmem_reserve[highest_zoneidx] */
	int64_t required;		/* min + reserve: free - unusable must pass it */
	int64_t shortfall;		/* required - (free - unusable) + 1 when failing */
	bool below_low, below_high;	/* kswapd's view: free against low, high */
	int kswapd_failures;		/* the node's pglist_data.kswapd_failures, -1 unknown */
	bool all_unreclaimable;		/* kswapd_failures >= MAX_RECLAIM_RETRIES */
	uint32_t notes;			/* enum oms_wmark_zone_note */
	/* OMS_GFP_GEN_ATOMIC: the verdict of v6.1's ALLOC_HARDER rules
	 * (6.1.y before 6.1.116); else the same as result */
	enum oms_wmark_result result_harder;
	/* it passes now, in an OOM the zones failed (not a memcg's): the
	 * dump's counters are later than the kernel's last, failed attempt
	 * (get_page_from_freelist() at the high mark in
	 * __alloc_pages_may_oom(), before the report); what the log printed
	 * for the zone then, in kB, -1 where it has no zone line */
	bool moved_on;
	int64_t log_free_kb, log_min_kb;
};

/* what the whole verdict rests on that the model does not hold */
enum oms_wmark_note {
	/* no zonelist from the stack: the fallback zonelist built from the
	 * model's zones (build_zonelists()) */
	OMS_WMARK_ZONELIST_INFERRED = 1u << 0,
	/* and with more than one node: the preferred node or the order of
	 * the others (node distances are not in the model) guessed */
	OMS_WMARK_NODE_ORDER_GUESSED = 1u << 1,
	/* current's process is not in the model: not an OOM victim, no
	 * PF_MEMALLOC, every node allowed */
	OMS_WMARK_CURRENT_UNKNOWN = 1u << 2,
	/* rt_task(current) (6.12: rt_or_dl_task()) is not in the model:
	 * taken as not realtime (it would add ALLOC_MIN_RESERVE, v6.1:
	 * ALLOC_HARDER) */
	OMS_WMARK_RT_UNKNOWN = 1u << 3,
	/* a zone modifier combination GFP_ZONE_BAD forbids */
	OMS_WMARK_GFP_ZONE_BAD = 1u << 4,
	/* gfp_zone()'s zone is not populated: its index is enum zone_type's
	 * next after the populated ones below it */
	OMS_WMARK_ZONE_DERIVED = 1u << 5,
	/* __gfp_pfmemalloc_flags(): ALLOC_OOM or ALLOC_NO_WATERMARKS
	 * replaced the alloc_flags, the nodemask dropped */
	OMS_WMARK_RESERVE_FLAGS = 1u << 6,
	/* ALLOC_NO_WATERMARKS: the kernel tries each zone whatever the check */
	OMS_WMARK_NO_WATERMARKS = 1u << 7,
	/* a memcg OOM: the charge failed, not these zones */
	OMS_WMARK_MEMCG = 1u << 8,
	/* OMS_GFP_GEN_ATOMIC and v6.1's ALLOC_HARDER rules judge a zone
	 * otherwise (result_harder) */
	OMS_WMARK_HARDER_DIFFERS = 1u << 9,
	/* current's PF_MEMALLOC is not in the model (its flags were not
	 * read, or current is a thread other than the process's leader):
	 * taken as not set */
	OMS_WMARK_PF_MEMALLOC_UNKNOWN = 1u << 10,
};

struct oms_watermarks {
	bool computed;			/* there was an allocation to check */
	char why_not[160];		/* not computed: why */
	enum oms_gfp_generation generation;
	int highest_zoneidx;		/* gfp_zone(gfp_mask) */
	char highest_zone[16];		/* its enumerator, "ZONE_NORMAL" */
	int migratetype;		/* gfp_migratetype(): index in m->zones.migratetypes */
	uint32_t alloc_flags;		/* gfp_to_alloc_flags(), OMS_ALLOC_* */
	uint32_t alloc_flags_harder;	/* OMS_GFP_GEN_ATOMIC: v6.1's */
	int preferred_node;		/* of the zonelist walked */
	/* ac->preferred_zoneref: the first zone the walk reaches (the
	 * kernel's first_zones_zonelist() does not ask the cpuset), index
	 * in m->zones.v, -1 none */
	int preferred_zone;
	bool thisnode;			/* __GFP_THISNODE: ZONELIST_NOFALLBACK */
	uint32_t notes;			/* enum oms_wmark_note */
	struct oms_wmark_check *v;	/* parallel to m->zones.v */
	size_t n;
	size_t n_eligible, n_ok;	/* eligible zones, of them passing */
};

/* --- the kernel: read once, first (collect/kernel.c) ------------------- */
struct oms_kernel {
	char release[65];		/* init_uts_ns.name.release */
	char machine[65];
	uint64_t page_size;		/* VMCOREINFO PAGESIZE */
	int nr_cpu_ids;
	int panic_cpu;			/* -1 if no panic was recorded */
	uint64_t current_task;		/* the task running on panic_cpu, 0 if unknown */
	int32_t current_pid;		/* its pid, -1 if unknown */
	int32_t current_tgid;		/* its tgid, -1 if unknown */
	/* where current_task was read: "pcpu_hot.current_task",
	 * "current_task" (x86-64), "runqueues.curr" (every architecture), or
	 * "note" (only the pid, from panic_cpu's PRSTATUS note); NULL */
	const char *current_source;
	int32_t note_pid;		/* pr_pid of panic_cpu's note, -1 if none */
};

/* the page census (collect/census.c, --pages): every struct page of the
 * zones' spans that mem_section says is present, classified once; a
 * compound page's tails are counted with their head */
enum oms_page_class {
	OMS_PAGE_BUDDY,		/* in a free block: PageBuddy head, 1 << order */
	OMS_PAGE_FREE_UNFLAGGED,	/* refcount 0, not buddy: pcp lists, ... */
	OMS_PAGE_RESERVED,	/* PG_reserved */
	OMS_PAGE_SLAB,		/* PG_slab (to 6.9), page type slab (6.10+) */
	OMS_PAGE_LRU_ANON,	/* PG_lru, mapping & PAGE_MAPPING_ANON */
	OMS_PAGE_LRU_FILE,	/* PG_lru, neither anon nor swapbacked */
	OMS_PAGE_LRU_SHMEM,	/* PG_lru, swapbacked, not anon */
	OMS_PAGE_UNEVICTABLE,	/* PG_lru and PG_unevictable */
	OMS_PAGE_PAGETABLE,	/* page type table */
	OMS_PAGE_HUGETLB,	/* pages of hugetlb folios */
	OMS_PAGE_OFFLINE,	/* page type offline */
	OMS_PAGE_OTHER_TYPE,	/* another page type: guard, zsmalloc, ... */
	OMS_PAGE_OTHER_ALLOCATED,	/* refcount > 0, none of the above */
	OMS_PAGE_MISSING,	/* its struct page is not in the dump */
	OMS_PAGE_NR_CLASSES
};

struct oms_census {
	bool collected;			/* --pages asked and the walk ran */
	uint64_t count[OMS_PAGE_NR_CLASSES];
	uint64_t pages_scanned;		/* pfns walked: the zones' present spans */
	uint64_t present_pages;		/* sum of the zones' present_pages */
	uint64_t bad_buddy_order;	/* PageBuddy with an order past the last */
};

/* The ledger (analysis/ledger.c): every present page in one line, the
 * lines summing to the zones' present pages exactly.  Each line is a
 * counter (or a difference of them), in a group; the census, when it was
 * run, gives each group its own count of the same pages. */
enum oms_ledger_group {
	OMS_LEDGER_RESERVED,		/* present - managed */
	OMS_LEDGER_FREE,		/* buddy and per-cpu lists */
	OMS_LEDGER_LRU,			/* user memory and page cache */
	OMS_LEDGER_SLAB,
	OMS_LEDGER_PAGETABLES,
	OMS_LEDGER_KERNEL,		/* stacks, vmalloc, percpu, ... */
	OMS_LEDGER_HUGETLB,
	OMS_LEDGER_UNACCOUNTED,		/* managed memory no counter explains */
	OMS_LEDGER_NR_GROUPS,
};
#define OMS_LEDGER_MAX_LINES 32
struct oms_ledger_line {
	const char *name;		/* "anon LRU (inactive)" */
	const char *source;		/* "NR_INACTIVE_ANON" */
	enum oms_ledger_group group;
	int64_t pages;
	bool estimated;			/* not a counter: worked out, see source */
	bool subset;			/* "of which": inside a line above, not summed */
};
struct oms_ledger_group_row {
	int64_t pages;			/* its lines, summed */
	bool has_census;
	int64_t census_pages;
};
struct oms_ledger {
	bool valid;
	char why_not[160];
	uint64_t total_pages;		/* the zones' present pages */
	uint64_t managed_pages;
	struct oms_ledger_line lines[OMS_LEDGER_MAX_LINES];
	size_t n_lines;
	struct oms_ledger_group_row groups[OMS_LEDGER_NR_GROUPS];
	bool has_census;
	/* the boot's reserved figure against today's present - managed */
	bool has_boot;
	int64_t boot_reserved_pages, boot_freed_pages;
};

/* The diagnosis (analysis/diagnosis.c): which kind of OOM this was */
enum oms_diag_class {
	OMS_DIAG_NONE,			/* no OOM (or nothing to tell) */
	OMS_DIAG_USER,			/* user memory: anon, file, shmem */
	OMS_DIAG_MEMCG,			/* a memory cgroup's limit */
	OMS_DIAG_CPUSET,
	OMS_DIAG_MEMPOLICY,
	OMS_DIAG_ZONE,			/* a zone-specific allocation (DMA, DMA32) */
	OMS_DIAG_FRAGMENTATION,		/* free memory, no block of the order */
	OMS_DIAG_SLAB,
	OMS_DIAG_PAGETABLES,
	OMS_DIAG_KERNEL,		/* stacks, vmalloc, percpu */
	OMS_DIAG_UNACCOUNTED,		/* pages no counter tracks */
	OMS_DIAG_HUGETLB,
	OMS_DIAG_SWAP,			/* user memory with swap exhausted */
	OMS_DIAG_NR,
};
#define OMS_DIAG_MAX_EVIDENCE 6
struct oms_diagnosis {
	enum oms_diag_class class;
	bool has_runner_up;
	enum oms_diag_class runner_up;
	char evidence[OMS_DIAG_MAX_EVIDENCE][192];
	int n_evidence;
};

/* --- slab caches (collect/slab.c) ------------------------------------------ */
#define OMS_SLAB_NAME_LEN 64	/* room for kmem_cache.name (kmalloc-rcl-8k, ...) */

/* one struct kmem_cache of the slab_caches list (SLUB), with the counts
 * get_slabinfo() (mm/slub.c) computes for /proc/slabinfo and the OOM
 * report's dump_unreclaimable_slab() */
struct oms_slab_cache {
	char name[OMS_SLAB_NAME_LEN];	/* *kmem_cache.name */
	uint64_t addr;			/* the struct kmem_cache */
	uint32_t size;			/* kmem_cache.size: an object with its metadata */
	uint32_t object_size;		/* kmem_cache.object_size */
	uint64_t flags;			/* kmem_cache.flags (slab_flags_t) */
	bool reclaimable;		/* flags & SLAB_RECLAIM_ACCOUNT */
	/* summed over the nodes' kmem_cache_node */
	uint64_t nr_slabs;		/* nr_slabs */
	uint64_t num_objs;		/* total_objects */
	uint64_t active_objs;		/* num_objs less the free objects of the
					 * partial slabs (objects - inuse) */
	uint64_t total_bytes;		/* num_objs * size */
	bool partial;			/* something of it was not read (a warning
					 * names it): the counts are low */
};

struct oms_slab {
	struct oms_slab_cache *v;	/* slab_caches list order */
	size_t n, cap;
	bool valid;			/* the list was walked (to its end) */
	bool partial_lists_walked;	/* active_objs from the partial lists */
	/* should_dump_unreclaim_slab() (mm/oom_kill.c, analysis/slab.c):
	 * NR_SLAB_UNRECLAIMABLE_B against the LRU pages, both in pages */
	bool counters_known;		/* the vm counters were found */
	uint64_t unreclaimable_pages, lru_pages;
	bool should_dump;
};

struct oms_model {
	struct oms_kernel kernel;
	struct oms_allocation allocation;
	bool panic_is_oom;		/* the log's panic line is an OOM panic */
	struct oms_sysctl sysctl;
	struct oms_meminfo meminfo;
	struct oms_zones zones;
	struct oms_tasks tasks;
	struct oms_memcgs memcgs;
	struct oms_kernel_report report;
	struct oms_watermarks watermarks;
	struct oms_oom oom;
	struct oms_crosscheck crosscheck;
	struct oms_summary summary;
	struct oms_census census;
	struct oms_ledger ledger;
	struct oms_diagnosis diagnosis;
	struct oms_warnings warnings;
	struct oms_slab slab;
};


/* --- the life cycle (model.c): init, and the deinit of every part --------- */
void oms_model_init(struct oms_model *m);
void oms_model_deinit(struct oms_model *m);
void oms_tasks_deinit(struct oms_tasks *tasks);
void oms_kernel_init(struct oms_kernel *k);
void oms_allocation_init(struct oms_allocation *a);
void oms_watermarks_deinit(struct oms_watermarks *w);
void oms_memcgs_deinit(struct oms_memcgs *memcgs);
void oms_zones_deinit(struct oms_zones *zones);
void oms_meminfo_deinit(struct oms_meminfo *mi);
void oms_slab_deinit(struct oms_slab *s);
void oms_kreport_deinit(struct oms_kernel_report *r);
void oms_oom_deinit(struct oms_oom *oom);
void oms_crosscheck_deinit(struct oms_crosscheck *c);
void oms_warnings_deinit(struct oms_warnings *w);	/* warn.c */

/* --- what the front ends ask of a whole model (model.c) ------------------- */
/* true when some part of the state could not be read (exit status 3) */
bool oms_model_partial(const struct oms_model *m);
/* what a partial report lacks, on one line: the first warning and how
 * many more there are (the report's WARNINGS has them all) */
void oms_model_partial_line(const struct oms_model *m, char *buf, size_t size);
/* panic_on_oom made the kernel panic before choosing: false when the
 * dump's panic is known to be something else (sysrq, oops) */
bool oms_model_oom_panicked(const struct oms_model *m);
/* the cross-check's verdict: 1 the kernel's report agrees, 0 it differs,
 * -1 nothing can be said: no report, no number of it compared, or no
 * difference in a log that lost records (m->report.log_partial) */
int oms_model_report_agrees(const struct oms_model *m);

#endif
