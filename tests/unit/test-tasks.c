// SPDX-License-Identifier: GPL-2.0
/*
 * The task walk on the fake target: both RSS layouts (<= 6.1 atomic
 * counters + per-thread caches; >= 6.2 percpu_counter), find_lock_task_mm,
 * in_vfork, MMF_OOM_SKIP, the state letters, a cyclic process list, a task
 * page not in the dump, the current task of both kernels, and the rendered
 * table of both layouts.  Expected values are what the fake holds, worked
 * out by hand here, and the kernel's printf formats of dump_task().
 */
#include <stdlib.h>

#include "../../lib/backend/fake.h"
#include "../../lib/collect/memcg.h"
#include "../../lib/analysis/oom.h"
#include "../../lib/analysis/dump_tasks.h"
#include "../../lib/collect/kernel.h"
#include "../../lib/collect/tasks.h"
#include "../../lib/model/warn.h"
#include "../../lib/report/oom_reason.h"
#include "tap.h"

/* our fake layout */
#define T_SIZE 256
#define T_TASKS 0
#define T_PID 16
#define T_TGID 20
#define T_COMM 24
#define T_FLAGS 40
#define T_STATE 44
#define T_EXIT_STATE 48
#define T_MM 56
#define T_SIGNAL 64
#define T_REAL_CRED 72
#define T_REAL_PARENT 80
#define T_VFORK_DONE 88
#define T_THREAD_NODE 96
#define T_MEMS 112
#define T_RSS_STAT 120		/* struct task_rss_stat: events, count[4] */
#define S_SIZE 64
#define S_THREAD_HEAD 0
#define S_NR_THREADS 16
#define S_ADJ 20
#define S_ADJ_MIN 22
#define S_OOM_MM 24
#define S_ORIGIN 32
#define M_SIZE 256
#define M_TOTAL_VM 0
#define M_PGTABLES 8
#define M_FLAGS 16
#define M_RSS 32
#define PCPU_SIZE 40		/* struct percpu_counter: lock, count@8, counters@32 */
#define NR_CPUS 2
#define PCPU_STRIDE 0x100000ULL

struct kernel {
	struct oms_fake *f;
	bool percpu;
	uint64_t init, last, cred0, cpu_off[NR_CPUS], pcpu_base;
};

static void build_types(struct kernel *k, bool percpu)
{
	struct oms_fake *f = k->f;
	static const struct { const char *m; uint64_t off, size; } tm[] = {
		{ "tasks", T_TASKS, 16 }, { "pid", T_PID, 4 }, { "tgid", T_TGID, 4 },
		{ "comm", T_COMM, 16 }, { "flags", T_FLAGS, 4 },
		{ "__state", T_STATE, 4 }, { "exit_state", T_EXIT_STATE, 4 },
		{ "mm", T_MM, 8 }, { "signal", T_SIGNAL, 8 },
		{ "real_cred", T_REAL_CRED, 8 }, { "real_parent", T_REAL_PARENT, 8 },
		{ "vfork_done", T_VFORK_DONE, 8 }, { "thread_node", T_THREAD_NODE, 16 },
		{ "mems_allowed", T_MEMS, 8 },
	};
	size_t i;
	uint64_t a;
	uint32_t nr = NR_CPUS;

	k->percpu = percpu;
	oms_fake_add_type(f, "struct task_struct", T_SIZE);
	for (i = 0; i < sizeof(tm) / sizeof(tm[0]); i++)
		oms_fake_add_member(f, "struct task_struct", tm[i].m, tm[i].off,
				    tm[i].size);
	oms_fake_add_type(f, "struct signal_struct", S_SIZE);
	oms_fake_add_member(f, "struct signal_struct", "thread_head", S_THREAD_HEAD, 16);
	oms_fake_add_member(f, "struct signal_struct", "nr_threads", S_NR_THREADS, 4);
	oms_fake_add_member(f, "struct signal_struct", "oom_score_adj", S_ADJ, 2);
	oms_fake_add_member(f, "struct signal_struct", "oom_score_adj_min", S_ADJ_MIN, 2);
	oms_fake_add_member(f, "struct signal_struct", "oom_mm", S_OOM_MM, 8);
	oms_fake_add_member(f, "struct signal_struct", "oom_flag_origin", S_ORIGIN, 1);
	oms_fake_add_type(f, "struct mm_struct", M_SIZE);
	oms_fake_add_member(f, "struct mm_struct", "total_vm", M_TOTAL_VM, 8);
	oms_fake_add_member(f, "struct mm_struct", "pgtables_bytes", M_PGTABLES, 8);
	oms_fake_add_member(f, "struct mm_struct", "flags", M_FLAGS, 8);
	oms_fake_add_type(f, "struct cred", 32);
	oms_fake_add_member(f, "struct cred", "uid", 4, 4);
	oms_fake_add_enum(f, "MM_FILEPAGES", 0);
	oms_fake_add_enum(f, "MM_ANONPAGES", 1);
	oms_fake_add_enum(f, "MM_SWAPENTS", 2);
	oms_fake_add_enum(f, "MM_SHMEMPAGES", 3);
	oms_fake_add_enum(f, "NR_MM_COUNTERS", 4);
	oms_fake_add_vmcoreinfo(f, "PAGESIZE", "4096");
	if (!percpu) {
		oms_fake_add_member(f, "struct mm_struct", "rss_stat", M_RSS, 32);
		oms_fake_add_type(f, "struct mm_rss_stat", 32);
		oms_fake_add_member(f, "struct mm_rss_stat", "count", 0, 32);
		oms_fake_add_member(f, "struct task_struct", "rss_stat", T_RSS_STAT, 20);
		oms_fake_add_type(f, "struct task_rss_stat", 20);
		oms_fake_add_member(f, "struct task_rss_stat", "count", 4, 16);
	} else {
		oms_fake_add_member(f, "struct mm_struct", "rss_stat", M_RSS,
				    4 * PCPU_SIZE);
		oms_fake_add_type(f, "struct percpu_counter", PCPU_SIZE);
		oms_fake_add_member(f, "struct percpu_counter", "count", 8, 8);
		oms_fake_add_member(f, "struct percpu_counter", "counters", 32, 8);
	}
	/* per-cpu: nr_cpu_ids, __per_cpu_offset[], __cpu_possible_mask */
	a = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, a, nr);
	oms_fake_add_symbol(f, "nr_cpu_ids", a);
	k->pcpu_base = 0xffffc90000000000ULL;
	a = oms_fake_alloc(f, 8 * NR_CPUS);
	for (i = 0; i < NR_CPUS; i++) {
		k->cpu_off[i] = PCPU_STRIDE * (i + 1);
		oms_fake_poke_u64(f, a + 8 * i, k->cpu_off[i]);
	}
	oms_fake_add_symbol(f, "__per_cpu_offset", a);
	a = oms_fake_alloc(f, 8);
	oms_fake_poke_u64(f, a, (1 << NR_CPUS) - 1);
	oms_fake_add_symbol(f, "__cpu_possible_mask", a);
	k->cred0 = oms_fake_alloc(f, 32);
}

static uint64_t new_signal(struct kernel *k, int adj, int nr_threads)
{
	uint64_t s = oms_fake_alloc(k->f, S_SIZE);
	uint16_t a = (uint16_t)adj;

	oms_fake_poke(k->f, s + S_ADJ, &a, 2);
	oms_fake_poke_u32(k->f, s + S_NR_THREADS, (uint32_t)nr_threads);
	/* an empty thread list */
	oms_fake_poke_u64(k->f, s + S_THREAD_HEAD, s + S_THREAD_HEAD);
	oms_fake_poke_u64(k->f, s + S_THREAD_HEAD + 8, s + S_THREAD_HEAD);
	return s;
}

/* append a task to the signal's thread list (list_add_tail) */
static void add_thread(struct kernel *k, uint64_t signal, uint64_t task)
{
	uint64_t head = signal + S_THREAD_HEAD, node = task + T_THREAD_NODE;
	uint64_t prev;

	oms_read_u64(oms_fake_target(k->f), head + 8, &prev);
	oms_fake_poke_u64(k->f, node, head);
	oms_fake_poke_u64(k->f, node + 8, prev);
	oms_fake_poke_u64(k->f, prev, node);	/* prev->next */
	oms_fake_poke_u64(k->f, head + 8, node);
	oms_fake_poke_u64(k->f, task + T_SIGNAL, signal);
}

/* a task_struct at addr (0: a fresh one) */
static uint64_t new_task_at(struct kernel *k, uint64_t addr, int pid, int tgid,
			    const char *comm, uint32_t flags, uint64_t mm,
			    uint64_t signal, uint32_t uid)
{
	static const unsigned char zero[T_SIZE];
	uint64_t t = addr, cred;
	char c[16] = { 0 };

	if (t)
		oms_fake_add_memory(k->f, t, zero, T_SIZE);
	else
		t = oms_fake_alloc(k->f, T_SIZE);

	strncpy(c, comm, 15);
	oms_fake_poke_u32(k->f, t + T_PID, (uint32_t)pid);
	oms_fake_poke_u32(k->f, t + T_TGID, (uint32_t)tgid);
	oms_fake_poke(k->f, t + T_COMM, c, 16);
	oms_fake_poke_u32(k->f, t + T_FLAGS, flags);
	oms_fake_poke_u32(k->f, t + T_STATE, 1);	/* TASK_INTERRUPTIBLE */
	oms_fake_poke_u64(k->f, t + T_MM, mm);
	oms_fake_poke_u64(k->f, t + T_MEMS, 1);
	cred = oms_fake_alloc(k->f, 32);
	oms_fake_poke_u32(k->f, cred + 4, uid);
	oms_fake_poke_u64(k->f, t + T_REAL_CRED, cred);
	oms_fake_poke_u64(k->f, t + T_REAL_PARENT, k->init);
	if (signal)
		add_thread(k, signal, t);
	return t;
}

static uint64_t new_task(struct kernel *k, int pid, int tgid, const char *comm,
			 uint32_t flags, uint64_t mm, uint64_t signal,
			 uint32_t uid)
{
	return new_task_at(k, 0, pid, tgid, comm, flags, mm, signal, uid);
}

/* link a process into init_task.tasks (at the tail: list_add_tail) */
static void add_process(struct kernel *k, uint64_t t)
{
	oms_fake_poke_u64(k->f, k->last + T_TASKS, t + T_TASKS);
	oms_fake_poke_u64(k->f, t + T_TASKS + 8, k->last + T_TASKS);
	oms_fake_poke_u64(k->f, t + T_TASKS, k->init + T_TASKS);
	oms_fake_poke_u64(k->f, k->init + T_TASKS + 8, t + T_TASKS);
	k->last = t;
}

/* counters[MM_FILEPAGES..MM_SHMEMPAGES]; per-cpu deltas for RSS_PERCPU */
static uint64_t new_mm(struct kernel *k, uint64_t total_vm, uint64_t pgtables,
		       uint64_t flags, const int64_t count[4],
		       const int32_t delta[NR_CPUS][4])
{
	uint64_t mm = oms_fake_alloc(k->f, M_SIZE);
	int i, cpu;

	oms_fake_poke_u64(k->f, mm + M_TOTAL_VM, total_vm);
	oms_fake_poke_u64(k->f, mm + M_PGTABLES, pgtables);
	oms_fake_poke_u64(k->f, mm + M_FLAGS, flags);
	for (i = 0; i < 4; i++) {
		if (!k->percpu) {
			oms_fake_poke_u64(k->f, mm + M_RSS + 8 * i, (uint64_t)count[i]);
			continue;
		}
		uint64_t fbc = mm + M_RSS + PCPU_SIZE * i;
		uint64_t ptr = k->pcpu_base;

		k->pcpu_base += 0x40;
		oms_fake_poke_u64(k->f, fbc + 8, (uint64_t)count[i]);
		oms_fake_poke_u64(k->f, fbc + 32, ptr);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			int32_t d = delta ? delta[cpu][i] : 0;

			oms_fake_add_memory(k->f, ptr + k->cpu_off[cpu], &d, 4);
		}
	}
	return mm;
}

static void set_cache(struct kernel *k, uint64_t task, const int32_t c[4])
{
	oms_fake_poke(k->f, task + T_RSS_STAT + 4, c, 16);
}

static void kernel_init(struct kernel *k, bool percpu)
{
	uint64_t sig;

	memset(k, 0, sizeof(*k));
	k->f = oms_fake_create();
	build_types(k, percpu);
	k->init = oms_fake_alloc(k->f, T_SIZE);
	k->last = k->init;
	oms_fake_add_symbol(k->f, "init_task", k->init);
	oms_fake_poke_u64(k->f, k->init + T_TASKS, k->init + T_TASKS);
	sig = new_signal(k, 0, 1);
	oms_fake_poke(k->f, k->init + T_COMM, "swapper/0", 10);
	oms_fake_poke_u32(k->f, k->init + T_FLAGS, OMS_PF_KTHREAD);
	add_thread(k, sig, k->init);
}

static const struct oms_task *find(const struct oms_model *m, int pid)
{
	size_t i;

	for (i = 0; i < m->tasks.n; i++)
		if (m->tasks.v[i].pid == pid)
			return &m->tasks.v[i];
	return NULL;
}

static bool has_warning(const struct oms_model *m, const char *part)
{
	size_t i;

	for (i = 0; i < m->warnings.n; i++)
		if (strstr(m->warnings.v[i].message, part))
			return true;
	return false;
}

static void model_free(struct oms_model *m)
{
	oms_oom_deinit(&m->oom);
	oms_tasks_deinit(&m->tasks);
	oms_memcgs_deinit(&m->memcgs);
	oms_warnings_deinit(&m->warnings);
}

/* init, kthreadd, a 2-thread process, a process whose leader has exited,
 * a vfork child, a reaped victim */
static void populate(struct kernel *k)
{
	static const int64_t c_init[4] = { 200, 100, 0, 0 };
	static const int64_t c_mt[4] = { 10, 100, 5, 3 };
	static const int64_t c_neg[4] = { -3, 40, 0, 0 };
	static const int32_t d_mt[NR_CPUS][4] = { { 1, 7, 0, 0 }, { 0, -2, 1, 0 } };
	static const int32_t cache_a[4] = { 1, 7, 0, 0 }, cache_b[4] = { 0, -2, 1, 0 };
	uint64_t sig, mm, t, t2, mm_init, t_init;

	sig = new_signal(k, 0, 1);
	mm_init = new_mm(k, 1000, 8192, 0xcd, c_init, NULL);
	t_init = new_task(k, 1, 1, "init", 0x00400100, mm_init, sig, 0);
	add_process(k, t_init);
	sig = new_signal(k, 0, 1);
	add_process(k, new_task(k, 2, 2, "kthreadd", OMS_PF_KTHREAD | 0x40, 0, sig, 0));

	/* pid 100, threads 100 and 101; per-thread caches (6.1) or per-cpu
	 * deltas (6.2+) of the same sizes: anon +5 file +1 swap +1 exact */
	sig = new_signal(k, 300, 2);
	mm = new_mm(k, 5000, 40960, 0xcd, c_mt, d_mt);
	t = new_task(k, 100, 100, "worker", 0x400000, mm, sig, 1000);
	t2 = new_task(k, 101, 100, "worker-t", 0x400040, mm, sig, 1000);
	if (!k->percpu) {
		set_cache(k, t, cache_a);
		set_cache(k, t2, cache_b);
	}
	add_process(k, t);

	/* pid 200: the leader exited (no mm), thread 201 has it; a negative
	 * file counter reads as 0 */
	sig = new_signal(k, -500, 2);
	mm = new_mm(k, 3000, 12288, 0xcd, c_neg, NULL);
	t = new_task(k, 200, 200, "leader", 0x4, 0, sig, 0);
	oms_fake_poke_u32(k->f, t + T_EXIT_STATE, 0x20);	/* EXIT_ZOMBIE */
	new_task(k, 201, 200, "follower", 0, mm, sig, 33);
	add_process(k, t);

	/* pid 300: a vfork child of init, sharing its mm */
	sig = new_signal(k, 0, 1);
	t = new_task(k, 300, 300, "vforked", 0, mm_init, sig, 0);
	oms_fake_poke_u64(k->f, t + T_VFORK_DONE, 0xffff888012345678ULL);
	oms_fake_poke_u64(k->f, t + T_REAL_PARENT, t_init);
	add_process(k, t);

	/* pid 400: MMF_OOM_SKIP, and an OOM victim already (signal->oom_mm) */
	sig = new_signal(k, 0, 1);
	mm = new_mm(k, 100, 4096, 0xcd | (1ULL << OMS_MMF_OOM_SKIP), c_init, NULL);
	oms_fake_poke_u64(k->f, sig + S_OOM_MM, mm);
	t = new_task(k, 400, 400, "reaped", 0, mm, sig, 0);
	oms_fake_poke_u32(k->f, t + T_STATE, 0x402);	/* TASK_IDLE */
	add_process(k, t);
}

static void test_layout(bool percpu)
{
	const char *name = percpu ? "percpu_counter (>= 6.2)" : "atomic + caches (<= 6.1)";
	struct kernel k;
	struct oms_model m = { 0 };
	const struct oms_task *p;

	kernel_init(&k, percpu);
	populate(&k);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "%s: collect", name);
	OK(m.tasks.complete, "%s: the walk is complete", name);
	IS_INT(m.tasks.n, 6, "%s: six processes (init_task itself excluded)", name);
	IS_INT(m.tasks.nr_threads_total, 8, "%s: eight threads", name);
	IS_INT(m.warnings.n, 0, "%s: no warning", name);

	p = find(&m, 100);
	OK(p != NULL, "%s: pid 100 found", name);
	if (p) {
		IS_INT(p->rss_kernel[OMS_RSS_ANON], 100, "%s: kernel anon is the mm's counter", name);
		IS_INT(p->rss_exact[OMS_RSS_ANON], 105, "%s: exact anon adds 7 - 2", name);
		IS_INT(p->rss_exact[OMS_RSS_FILE], 11, "%s: exact file adds 1", name);
		IS_INT(p->rss_exact[OMS_RSS_SWAPENTS], 6, "%s: exact swap adds 1", name);
		OK(p->rss_exact_valid, "%s: exact is valid", name);
		IS_INT(oms_task_rss(p), 113, "%s: get_mm_rss = 10 + 100 + 3", name);
		IS_INT(p->uid, 1000, "%s: uid from real_cred", name);
		IS_INT(p->oom_score_adj, 300, "%s: oom_score_adj", name);
		IS_INT(p->mm_pid, 100, "%s: the leader has the mm", name);
		IS_INT(p->state, 'S', "%s: TASK_INTERRUPTIBLE is S", name);
		IS_INT(p->nr_threads, 2, "%s: nr_threads", name);
	}
	p = find(&m, 200);
	if (p) {
		IS_INT(p->mm_pid, 201, "%s: find_lock_task_mm picks thread 201", name);
		IS_STR(p->mm_comm, "follower", "%s: and its comm", name);
		IS_STR(p->comm, "leader", "%s: the process keeps the leader's comm", name);
		IS_INT(p->uid, 33, "%s: uid of the mm thread", name);
		IS_INT(p->rss_kernel[OMS_RSS_FILE], 0, "%s: a negative counter reads 0", name);
		IS_INT(p->rss_exact[OMS_RSS_FILE], -3, "%s: and -3 exactly", name);
		IS_INT(p->state, 'Z', "%s: EXIT_ZOMBIE is Z", name);
		OK(p->exiting, "%s: PF_EXITING", name);
	} else {
		OK(0, "%s: pid 200 found", name);
	}
	p = find(&m, 300);
	OK(p && p->in_vfork, "%s: pid 300 is in vfork (parent shares its mm)", name);
	OK(find(&m, 1) && !find(&m, 1)->in_vfork, "%s: init is not in vfork", name);
	p = find(&m, 400);
	OK(p && p->mmf_oom_skip, "%s: MMF_OOM_SKIP (bit 21)", name);
	OK(p && p->oom_victim && p->oom_victim_mm_skip, "%s: a reaped victim", name);
	OK(p && p->state == 'I', "%s: TASK_IDLE is I", name);
	OK(find(&m, 2) && find(&m, 2)->kthread && !find(&m, 2)->mm,
	   "%s: kthreadd is a kernel thread without mm", name);
	OK(!m.tasks.rss_split_layout, "%s: no split layout without the 6.8 marker", name);
	model_free(&m);

	/* all_threads: threads follow their process */
	memset(&m, 0, sizeof(m));
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, true), "%s: collect all threads", name);
	IS_INT(m.tasks.n, 8, "%s: 6 processes + 2 more threads", name);
	p = find(&m, 101);
	OK(p && !p->thread_group_leader && p->tgid == 100, "%s: thread 101 of 100", name);
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* the table as dump_task() prints it, both layouts */
static void test_render(bool split)
{
	struct kernel k;
	struct oms_model m = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	const char *want;

	kernel_init(&k, true);
	populate(&k);
	if (split)
		oms_fake_add_symbol(k.f, "folio_add_file_rmap_ptes", 0xffffffff81000000ULL);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "render: collect");
	IS_INT(m.tasks.rss_split_layout, split, "render: split layout %d", split);
	m.sysctl.panic_on_oom = 0;
	m.meminfo.totalram_pages = 100000;
	oms_oom_compute(&m, NULL);
	out = open_memstream(&buf, &len);
	oms_dump_tasks(out, &m);
	fclose(out);
	/* "[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s\n" (6.1), with
	 * "%8lu %8lu %9lu " for anon file shmem after rss (6.8+); rows for
	 * killable processes with an mm: 100, 200 (via 201), 300, 400 */
	if (split)
		want = "Tasks state (memory values in pages):\n"
		       "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n"
		       "[    100]  1000   100     5000      113      100       10         3    40960        5           300 worker\n"
		       "[    201]    33   200     3000       40       40        0         0    12288        0          -500 follower\n"
		       "[    300]     0   300     1000      300      100      200         0     8192        0             0 vforked\n"
		       "[    400]     0   400      100      300      100      200         0     4096        0             0 reaped\n";
	else
		want = "Tasks state (memory values in pages):\n"
		       "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		       "[    100]  1000   100     5000      113    40960        5           300 worker\n"
		       "[    201]    33   200     3000       40    12288        0          -500 follower\n"
		       "[    300]     0   300     1000      300     8192        0             0 vforked\n"
		       "[    400]     0   400      100      300     4096        0             0 reaped\n";
	IS_STR(buf, want, "render: the %s table", split ? "6.8+" : "6.1");
	free(buf);
	model_free(&m);
	oms_fake_destroy(k.f);
}

static void test_cycle_and_hole(void)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t a, b, c, sig;
	uint64_t reads;

	kernel_init(&k, false);
	sig = new_signal(&k, 0, 1);
	a = new_task(&k, 1, 1, "init", 0, 0, sig, 0);
	sig = new_signal(&k, 0, 1);
	b = new_task(&k, 2, 2, "kthreadd", OMS_PF_KTHREAD, 0, sig, 0);
	add_process(&k, a);
	add_process(&k, b);
	/* b points back to a, never to init_task */
	oms_fake_poke_u64(k.f, b + T_TASKS, a + T_TASKS);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "cycle: no error");
	OK(m.tasks.complete, "cycle: read backward (tasks.prev), every process is there");
	IS_INT(m.tasks.n, 2, "cycle: the two processes once each");
	OK(has_warning(&m, "cyclic"), "cycle: a warning says cyclic");
	reads = oms_fake_reads(k.f);
	OK(reads < 200, "cycle: bounded (%llu reads)", (unsigned long long)reads);
	model_free(&m);

	/* the third task's page is not in the dump: it is the last, so the
	 * walk backward from init_task meets it at once */
	memset(&m, 0, sizeof(m));
	sig = new_signal(&k, 0, 1);
	c = new_task(&k, 3, 3, "gone", 0, 0, sig, 0);
	oms_fake_poke_u64(k.f, b + T_TASKS, c + T_TASKS);
	oms_fake_poke_u64(k.f, c + T_TASKS, k.init + T_TASKS);
	oms_fake_poke_u64(k.f, c + T_TASKS + 8, b + T_TASKS);
	oms_fake_poke_u64(k.f, k.init + T_TASKS + 8, c + T_TASKS);
	oms_fake_add_hole(k.f, c, T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "hole: no error");
	OK(m.tasks.complete, "hole: every process is accounted for");
	IS_INT(m.tasks.n, 3, "hole: the two before it, and a row for it");
	OK(m.tasks.n == 3 && m.tasks.v[2].addr == c &&
	   m.tasks.v[2].unknown == OMS_TASK_ALL,
	   "hole: its row has its address and every field unknown");
	OK(has_warning(&m, "not in the dump"), "hole: a warning says not in the dump");
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* n processes pid 10, 11, ... linked both ways; returns their addresses;
 * with at, the task_structs are at at, at + 64 KB, ... */
static void chain_at(struct kernel *k, uint64_t *t, int n, uint64_t at)
{
	int i;

	for (i = 0; i < n; i++) {
		static const int64_t c[4] = { 10, 100, 0, 0 };
		uint64_t sig = new_signal(k, 0, 1);
		uint64_t mm = new_mm(k, 1000, 4096, 0, c, NULL);
		char name[16];

		snprintf(name, sizeof(name), "p%d", 10 + i);
		t[i] = new_task_at(k, at ? at + 0x10000 * (uint64_t)i : 0,
				   10 + i, 10 + i, name, 0, mm, sig, 0);
		add_process(k, t[i]);
	}
}

static void chain(struct kernel *k, uint64_t *t, int n)
{
	chain_at(k, t, n, 0);
}

/* one missing task_struct in the middle: the rest of the list is read
 * backward; two in a row: a gap, named */
static void test_backward(void)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t t[5];
	size_t i;
	static const int32_t order[] = { 10, 11, 12, 13, 14 };
	bool ordered = true;

	kernel_init(&k, false);
	chain(&k, t, 5);
	oms_fake_add_hole(k.f, t[1], T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "backward: no error");
	OK(m.tasks.complete, "backward: the list is whole (one process unreadable)");
	IS_INT(m.tasks.n, 5, "backward: four read and one row for the missing one");
	for (i = 0; i < m.tasks.n && i < 5; i++)
		if (i != 1 && m.tasks.v[i].pid != order[i])
			ordered = false;
	OK(ordered, "backward: in for_each_process() order");
	OK(m.tasks.n == 5 && m.tasks.v[1].addr == t[1] &&
	   !oms_task_known(&m.tasks.v[1], OMS_TASK_PID),
	   "backward: the missing one in its place, its pid unknown");
	model_free(&m);

	memset(&m, 0, sizeof(m));
	oms_fake_add_hole(k.f, t[2], T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "gap: no error");
	OK(!m.tasks.complete, "gap: two missing in a row: incomplete");
	IS_INT(m.tasks.n, 5, "gap: 10, two unknown rows, 13, 14");
	OK(m.tasks.n == 5 && m.tasks.v[0].pid == 10 && m.tasks.v[3].pid == 13 &&
	   m.tasks.v[4].pid == 14, "gap: the readable ones in order");
	OK(has_warning(&m, "gap"), "gap: a warning names the gap");
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* init_pid_ns.idr: one xa_node of 64 slots (pids 0..63), each a struct
 * pid whose tasks[PIDTYPE_TGID] leads to its task's pid_links[1] */
#define T_PID_LINKS 160		/* struct hlist_node pid_links[4] */
#define PID_TASKS 16		/* struct pid.tasks[4] */
static void build_pids(struct kernel *k, const uint64_t *t, const int *nr, int n)
{
	uint64_t ns = oms_fake_alloc(k->f, 64), node = oms_fake_alloc(k->f, 40 + 64 * 8);
	int i;

	oms_fake_add_type(k->f, "struct pid_namespace", 64);
	oms_fake_add_member(k->f, "struct pid_namespace", "idr", 0, 24);
	oms_fake_add_type(k->f, "struct idr", 24);
	oms_fake_add_member(k->f, "struct idr", "idr_rt", 0, 16);
	oms_fake_add_type(k->f, "struct xarray", 16);
	oms_fake_add_member(k->f, "struct xarray", "xa_head", 8, 8);
	oms_fake_add_type(k->f, "struct xa_node", 40 + 64 * 8);
	oms_fake_add_member(k->f, "struct xa_node", "shift", 0, 1);
	oms_fake_add_member(k->f, "struct xa_node", "slots", 40, 64 * 8);
	oms_fake_add_type(k->f, "struct pid", 64);
	oms_fake_add_member(k->f, "struct pid", "tasks", PID_TASKS, 32);
	oms_fake_add_member(k->f, "struct task_struct", "pid_links", T_PID_LINKS, 64);
	oms_fake_add_enum(k->f, "PIDTYPE_TGID", 1);
	oms_fake_add_symbol(k->f, "init_pid_ns", ns);
	oms_fake_poke_u64(k->f, ns + 8, node | 2);	/* xa_mk_node() */
	for (i = 0; i < n; i++) {
		uint64_t pid = oms_fake_alloc(k->f, 64);

		oms_fake_poke_u64(k->f, pid + PID_TASKS + 8, t[i] + T_PID_LINKS + 16);
		oms_fake_poke_u64(k->f, node + 40 + 8 * (uint64_t)nr[i], pid);
	}
}

/* two task_structs not in the dump, a readable process between them: the
 * list reaches it from neither side, its pid in init_pid_ns does */
static void test_pid_gap(void)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t t[6];
	int nr[6] = { 10, 11, 12, 13, 14, 15 };
	const struct oms_task *p;

	kernel_init(&k, false);
	chain(&k, t, 6);
	build_pids(&k, t, nr, 6);
	oms_fake_add_hole(k.f, t[1], T_SIZE);
	oms_fake_add_hole(k.f, t[3], T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "pid gap: no error");
	IS_INT(m.tasks.n, 6, "pid gap: 10, 11 (unread), 12 by its pid, 13 (unread), 14, 15");
	p = find(&m, 12);
	OK(p && p->unknown == 0 && oms_task_rss(p) == 110,
	   "pid gap: pid 12, between the two, read whole");
	OK(m.tasks.n == 6 && m.tasks.v[1].pid == 11 && m.tasks.v[3].pid == 13 &&
	   oms_task_known(&m.tasks.v[1], OMS_TASK_PID) &&
	   !oms_task_known(&m.tasks.v[1], OMS_TASK_COMM),
	   "pid gap: the unreadable ones have their pids from their struct pid, nothing else");
	OK(m.tasks.complete, "pid gap: every process is accounted for");
	OK(has_warning(&m, "found by pid in init_pid_ns and in the children lists (1 of them read)"),
	   "pid gap: a warning says what the pids found");
	model_free(&m);

	/* pid 12's struct pid is not in the dump either: incomplete */
	memset(&m, 0, sizeof(m));
	oms_fake_destroy(k.f);
	kernel_init(&k, false);
	chain(&k, t, 6);
	build_pids(&k, t, nr, 6);
	oms_fake_add_hole(k.f, t[1], T_SIZE);
	oms_fake_add_hole(k.f, t[3], T_SIZE);
	{
		uint64_t ns, node, pid;

		oms_symbol(oms_fake_target(k.f), "init_pid_ns", &ns);
		oms_read_u64(oms_fake_target(k.f), ns + 8, &node);
		oms_read_u64(oms_fake_target(k.f), (node & ~3ULL) + 40 + 8 * 12, &pid);
		oms_fake_add_hole(k.f, pid, 64);
	}
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "pid gap 2: no error");
	OK(!m.tasks.complete && !find(&m, 12), "pid gap 2: pid 12 cannot be found: incomplete");
	OK(has_warning(&m, "1 pid of init_pid_ns (12): the struct pid is not in the dump"),
	   "pid gap 2: a warning names pid 12");
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* task_struct.children, linked by the children's sibling (list_add_tail
 * in copy_process()), after pid_links */
#define T_CHILDREN 224
#define T_SIBLING 240
static void add_child(struct kernel *k, uint64_t parent, uint64_t child)
{
	uint64_t head = parent + T_CHILDREN, node = child + T_SIBLING, prev;

	oms_read_u64(oms_fake_target(k->f), head + 8, &prev);
	if (!prev) {		/* INIT_LIST_HEAD() */
		oms_fake_poke_u64(k->f, head, head);
		prev = head;
	}
	oms_fake_poke_u64(k->f, node, head);
	oms_fake_poke_u64(k->f, node + 8, prev);
	oms_fake_poke_u64(k->f, prev, node);
	oms_fake_poke_u64(k->f, head + 8, node);
}

/* a gap no pid leads into (no init_pid_ns): its processes from the
 * children lists of a process read forward, of its thread, and of one
 * read backward, in pid order whatever the children lists' order, the one
 * whose task_struct is not in the dump after them */
static void test_children_gap(void)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t t[8], sig, mm, th;
	static const int32_t order[] = { 10, -1, 12, 13, 14, -1, -1, 17 };
	bool ordered = true;
	size_t i;

	kernel_init(&k, false);
	oms_fake_add_member(k.f, "struct task_struct", "children", T_CHILDREN, 16);
	oms_fake_add_member(k.f, "struct task_struct", "sibling", T_SIBLING, 16);
	chain(&k, t, 8);
	/* pid 14 forked by a thread of pid 10: on that thread's list */
	oms_read_u64(oms_fake_target(k.f), t[0] + T_SIGNAL, &sig);
	oms_read_u64(oms_fake_target(k.f), t[0] + T_MM, &mm);
	th = new_task(&k, 20, 10, "p10", 0, mm, sig, 0);
	add_child(&k, th, t[4]);
	add_child(&k, t[0], t[2]);
	add_child(&k, t[0], t[5]);
	add_child(&k, t[7], t[3]);
	oms_fake_add_hole(k.f, t[1], T_SIZE);
	oms_fake_add_hole(k.f, t[5], T_SIZE);
	oms_fake_add_hole(k.f, t[6], T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "children gap: no error");
	OK(!m.tasks.complete, "children gap: no pid says the gap is whole");
	IS_INT(m.tasks.n, 8, "children gap: 10, the cut, 12 13 14, 15 unread, the cut, 17");
	for (i = 0; i < m.tasks.n && i < 8; i++)
		if (order[i] >= 0 ? m.tasks.v[i].pid != order[i] ||
				    !oms_task_known(&m.tasks.v[i], OMS_TASK_PID) :
				    oms_task_known(&m.tasks.v[i], OMS_TASK_PID))
			ordered = false;
	OK(ordered, "children gap: in pid order, 14 a thread's child, 13 the child of a process read backward");
	OK(m.tasks.n == 8 && m.tasks.v[5].addr == t[5] && m.tasks.v[6].addr == t[6],
	   "children gap: the unreadable child after them, then the cut before the backward part");
	OK(has_warning(&m, "holds 4 more processes, found by pid in init_pid_ns and in the children lists (3 of them read)"),
	   "children gap: a warning counts them");
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* a page of a process's objects not in the dump costs the fields on it */
static void test_partial(void)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t t[3], sig, mm;
	const struct oms_task *p;
	size_t i, unscored = 0;
	char reason[OMS_OOM_REASON_SIZE];

	/* the type is larger than what the walk reads, and the rest of the
	 * page past the fields is not in the dump: nothing is lost (x86's
	 * task_struct against arch_task_struct_size) */
	kernel_init(&k, false);
	oms_fake_add_type(k.f, "struct task_struct", 9728);
	oms_fake_add_type(k.f, "struct mm_struct", 4096);
	oms_fake_add_type(k.f, "struct signal_struct", 4096);
	chain_at(&k, t, 3, 0xffff888004000000ULL);
	for (i = 0; i < 3; i++)
		oms_fake_add_hole(k.f, t[i] + T_SIZE, 9728 - T_SIZE);
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "span: no error");
	OK(m.tasks.complete && m.tasks.n == 3 && m.warnings.n == 0,
	   "span: sizeof(task_struct) past the fields is never read (%zu processes, %zu warnings)",
	   m.tasks.n, m.warnings.n);
	model_free(&m);

	/* p11's signal_struct is not in the dump: its oom_score_adj and
	 * nr_threads are unknown, its rss is still read (the leader's mm) */
	memset(&m, 0, sizeof(m));
	oms_read_u64(oms_fake_target(k.f), t[1] + T_SIGNAL, &sig);
	oms_fake_add_hole(k.f, sig, S_SIZE);
	/* p12's mm_struct straddles two pages: total_vm, pgtables_bytes
	 * and flags on the first, rss_stat on the second, which is not in
	 * the dump (holes are whole pages, as in a real dump) */
	{
		static const unsigned char zero[M_SIZE];
		uint64_t page = 0xffff888005000000ULL;

		mm = page - 24;
		oms_fake_add_memory(k.f, mm, zero, M_SIZE);
		oms_fake_poke_u64(k.f, mm + M_TOTAL_VM, 1000);
		oms_fake_poke_u64(k.f, mm + M_PGTABLES, 4096);
		oms_fake_poke_u64(k.f, t[2] + T_MM, mm);
		oms_fake_add_hole(k.f, page, 4096);
	}
	NO_ERR(oms_tasks_collect(oms_fake_target(k.f), &m.tasks, &m.memcgs, &m.warnings, false), "partial: no error");
	OK(m.tasks.complete && m.tasks.n == 3, "partial: every process listed");
	p = find(&m, 11);
	OK(p && !oms_task_known(p, OMS_TASK_ADJ) && !oms_task_known(p, OMS_TASK_THREADS) &&
	   oms_task_known(p, OMS_TASK_RSS) && oms_task_rss(p) == 110,
	   "partial: pid 11 lacks oom_score_adj and nr_threads, keeps rss 110");
	OK(has_warning(&m, "pid 11 (p11): oom_score_adj, nr_threads, oom_victim, oom_origin unknown: its signal_struct at 0x"),
	   "partial: the warning names pid 11, the fields and the address");
	p = find(&m, 12);
	OK(p && !oms_task_known(p, OMS_TASK_RSS) && !oms_task_known(p, OMS_TASK_SWAPENTS) &&
	   oms_task_known(p, OMS_TASK_TOTAL_VM) && p->total_vm == 1000 &&
	   oms_task_known(p, OMS_TASK_ADJ),
	   "partial: pid 12 lacks its rss counters, keeps total_vm and oom_score_adj");
	OK(has_warning(&m, "pid 12 (p12): rss, swapents unknown: its mm_struct at 0x"),
	   "partial: the warning names pid 12's mm_struct");
	p = find(&m, 10);
	OK(p && p->unknown == 0, "partial: pid 10 is whole");

	/* the ranking: both unscored, both could change the victim (p10) */
	m.meminfo.totalram_pages = 100000;
	oms_oom_compute(&m, NULL);
	for (i = 0; i < m.oom.n_ranking; i++)
		if (m.oom.ranking[i].skip == OMS_SKIP_UNSCORED) {
			unscored++;
			OK(m.oom.ranking[i].could_change,
			   "ranking: pid %d could change the victim",
			   m.tasks.v[m.oom.ranking[i].task].pid);
		}
	IS_INT(unscored, 2, "ranking: two processes not scored");
	IS_INT(m.oom.n_could_change, 2, "ranking: both could change it");
	OK(m.oom.has_victim && m.tasks.v[m.oom.victim].pid == 10,
	   "ranking: the victim among the scored is pid 10");
	oms_oom_reason(&m, reason, sizeof(reason));
	OK(strstr(reason, "2 processes not scored") != NULL,
	   "ranking: the reason says so: %s", reason);
	model_free(&m);
	oms_fake_destroy(k.f);
}

/* current on the panic cpu: per-cpu current_task (6.1), pcpu_hot (6.12) */
static void test_current(bool hot)
{
	struct kernel k;
	struct oms_model m = { 0 };
	uint64_t a, t, sym = 0x1fb80;

	kernel_init(&k, false);
	t = new_task(&k, 173, 173, "grower", 0, 0, 0, 0);
	a = oms_fake_alloc(k.f, 4);
	oms_fake_poke_u32(k.f, a, 1);
	oms_fake_add_symbol(k.f, "panic_cpu", a);
	if (hot) {
		oms_fake_add_type(k.f, "struct pcpu_hot", 64);
		oms_fake_add_member(k.f, "struct pcpu_hot", "current_task", 0, 8);
		oms_fake_add_symbol(k.f, "pcpu_hot", sym);
	} else {
		oms_fake_add_symbol(k.f, "current_task", sym);
	}
	oms_fake_add_memory(k.f, sym + k.cpu_off[1], &t, 8);
	NO_ERR(oms_current_collect(oms_fake_target(k.f), &m.kernel, &m.warnings), "current %s", hot ? "pcpu_hot" : "current_task");
	IS_INT(m.kernel.panic_cpu, 1, "current: panic_cpu");
	IS_INT(m.kernel.current_task, t, "current: the task on cpu 1");
	IS_INT(m.kernel.current_pid, 173, "current: its pid");
	IS_INT(m.kernel.current_tgid, 173, "current: its tgid");
	oms_fake_poke_u32(k.f, a, 0xffffffff);
	NO_ERR(oms_current_collect(oms_fake_target(k.f), &m.kernel, &m.warnings), "no panic: no error");
	OK(m.kernel.panic_cpu == -1 && m.kernel.current_pid == -1, "no panic: unknown");
	model_free(&m);
	oms_fake_destroy(k.f);
}

int main(void)
{
	test_layout(false);
	test_layout(true);
	test_render(false);
	test_render(true);
	test_cycle_and_hole();
	test_backward();
	test_pid_gap();
	test_children_gap();
	test_partial();
	test_current(false);
	test_current(true);
	return tap_done();
}
