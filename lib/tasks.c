// SPDX-License-Identifier: GPL-2.0
/*
 * The process list and each process's memory counters: see tasks.h.
 * Read next to kernel/fork.c, include/linux/sched/signal.h
 * (for_each_process, for_each_thread), mm/oom_kill.c (find_lock_task_mm,
 * dump_task) and include/linux/mm.h (get_mm_counter).
 */
#include <stdlib.h>
#include <string.h>

#include "memcg.h"
#include "percpu.h"
#include "tasks.h"
#include "warn.h"

/* the state letters of task_state_array[] (fs/proc/array.c) and the
 * TASK_* bits of __task_state_index() (include/linux/sched.h) */
static const char state_letters[] = "RSDTtXZPI";
#define TASK_REPORT		0x7f
#define TASK_REPORT_IDLE	0x80
#define TASK_IDLE		0x402	/* TASK_UNINTERRUPTIBLE | TASK_NOLOAD */
#define TASK_RTLOCK_WAIT	0x1000	/* v5.15 */

enum rss_layout {
	/* <= 6.1: struct mm_rss_stat { atomic_long_t count[]; } in the mm,
	 * plus struct task_rss_stat caches per thread (SPLIT_RSS_COUNTING) */
	RSS_ATOMIC,
	/* >= 6.2 (f1a7941243c1 "mm: convert mm's rss stats into
	 * percpu_counter"): struct percpu_counter rss_stat[NR_MM_COUNTERS] */
	RSS_PERCPU,
};

struct layout {
	uint64_t task_size, signal_size, mm_size;
	struct oms_field t_tasks, t_pid, t_tgid, t_comm, t_flags, t_state,
			 t_exit_state, t_mm, t_signal, t_real_cred,
			 t_real_parent, t_vfork_done, t_thread_node,
			 t_rss_stat, t_mems_allowed;
	struct oms_field s_thread_head, s_nr_threads, s_adj, s_adj_min,
			 s_oom_mm, s_origin;
	struct oms_field m_total_vm, m_pgtables, m_flags, m_rss_stat;
	struct oms_field cred_uid;
	enum rss_layout rss;
	uint64_t mm_count_off;		/* RSS_ATOMIC: mm_rss_stat.count */
	uint64_t task_count_off;	/* RSS_ATOMIC: task_rss_stat.count */
	bool task_caches;		/* task_struct.rss_stat exists */
	uint64_t pcpu_size;		/* RSS_PERCPU: sizeof(struct percpu_counter) */
	struct oms_field pcpu_count, pcpu_counters;
	int nr_counters;		/* NR_MM_COUNTERS */
	int index[OMS_RSS_NR];		/* MM_FILEPAGES... by enum oms_rss, -1: none */
};

/* an open-addressing set of addresses, for cycle checks */
struct addr_set {
	uint64_t *v;
	size_t cap, n;
};

static bool addr_set_add(struct addr_set *s, uint64_t a, bool *nomem)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct addr_set bigger = { .cap = s->cap ? 2 * s->cap : 256 };

		bigger.v = calloc(bigger.cap, sizeof(*bigger.v));
		if (!bigger.v) {
			*nomem = true;
			return false;
		}
		for (i = 0; i < s->cap; i++)
			if (s->v[i])
				addr_set_add(&bigger, s->v[i], nomem);
		free(s->v);
		*s = bigger;
	}
	for (i = (a >> 4) * 0x9e3779b97f4a7c15ULL % s->cap;; i = (i + 1) % s->cap) {
		if (s->v[i] == a)
			return false;	/* already there */
		if (!s->v[i]) {
			s->v[i] = a;
			s->n++;
			return true;
		}
	}
}

static void addr_set_clear(struct addr_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct oms_error *resolve_layout(const struct oms_target *t,
					struct layout *l)
{
	static const struct {
		const char *type, *member;
		size_t off;
		bool optional;
	} fields[] = {
#define F(T, M, L, O) { "struct " #T, M, offsetof(struct layout, L), O }
		F(task_struct, "tasks", t_tasks, false),
		F(task_struct, "pid", t_pid, false),
		F(task_struct, "tgid", t_tgid, false),
		F(task_struct, "comm", t_comm, false),
		F(task_struct, "flags", t_flags, false),
		F(task_struct, "exit_state", t_exit_state, false),
		F(task_struct, "mm", t_mm, false),
		F(task_struct, "signal", t_signal, false),
		F(task_struct, "real_cred", t_real_cred, false),
		F(task_struct, "real_parent", t_real_parent, false),
		F(task_struct, "vfork_done", t_vfork_done, false),
		F(task_struct, "thread_node", t_thread_node, false),
		F(task_struct, "rss_stat", t_rss_stat, true),
		F(task_struct, "mems_allowed", t_mems_allowed, true),
		F(signal_struct, "thread_head", s_thread_head, false),
		F(signal_struct, "nr_threads", s_nr_threads, false),
		F(signal_struct, "oom_score_adj", s_adj, false),
		F(signal_struct, "oom_score_adj_min", s_adj_min, false),
		F(signal_struct, "oom_mm", s_oom_mm, true),
		F(signal_struct, "oom_flag_origin", s_origin, true),
		F(mm_struct, "total_vm", m_total_vm, false),
		F(mm_struct, "pgtables_bytes", m_pgtables, true),
		F(mm_struct, "flags", m_flags, false),
		F(mm_struct, "rss_stat", m_rss_stat, false),
		F(cred, "uid", cred_uid, false),
#undef F
	};
	static const char *const names[OMS_RSS_NR] = {
		[OMS_RSS_FILE] = "MM_FILEPAGES",
		[OMS_RSS_ANON] = "MM_ANONPAGES",
		[OMS_RSS_SWAPENTS] = "MM_SWAPENTS",
		[OMS_RSS_SHMEM] = "MM_SHMEMPAGES",
	};
	struct oms_error *err = NULL;
	struct oms_field f;
	int64_t v;
	size_t i;

	memset(l, 0, sizeof(*l));
	for (i = 0; !err && i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct oms_field *dst = (void *)((char *)l + fields[i].off);

		if (fields[i].optional)
			err = oms_field_optional(t, fields[i].type,
						 fields[i].member, dst);
		else
			err = oms_field(t, fields[i].type, fields[i].member, dst);
	}
	/* task_struct.state (long) became __state (unsigned int) in v5.14,
	 * 2f064a59a11f "sched: Change task_struct::state" */
	if (!err)
		err = oms_field_optional(t, "struct task_struct", "__state",
					 &l->t_state);
	if (!err && !l->t_state.present)
		err = oms_field(t, "struct task_struct", "state", &l->t_state);
	if (!err)
		err = oms_type_size(t, "struct task_struct", &l->task_size);
	if (!err)
		err = oms_type_size(t, "struct signal_struct", &l->signal_size);
	if (!err)
		err = oms_type_size(t, "struct mm_struct", &l->mm_size);
	if (!err)
		err = oms_enumerator(t, "NR_MM_COUNTERS", &v);
	if (err)
		return err;
	l->nr_counters = (int)v;
	if (v < 1 || v > 16)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'NR_MM_COUNTERS' is %lld",
					(long long)v);
	for (i = 0; i < OMS_RSS_NR; i++) {
		l->index[i] = -1;
		/* MM_SHMEMPAGES exists from v4.5 on */
		err = oms_enumerator(t, names[i], &v);
		if (err && err->code == OMS_ERR_NOT_FOUND && i == OMS_RSS_SHMEM) {
			oms_error_destroy(err);
			err = NULL;
			continue;
		}
		if (err)
			return err;
		if (v < 0 || v >= l->nr_counters)
			return oms_error_create(OMS_ERR_CORRUPT,
						"'%s' is %lld, NR_MM_COUNTERS %d",
						names[i], (long long)v,
						l->nr_counters);
		l->index[i] = (int)v;
	}

	if (oms_type_exists(t, "struct mm_rss_stat")) {
		l->rss = RSS_ATOMIC;
		err = oms_field(t, "struct mm_rss_stat", "count", &f);
		if (err)
			return err;
		l->mm_count_off = l->m_rss_stat.offset + f.offset;
		if (l->t_rss_stat.present) {
			err = oms_field(t, "struct task_rss_stat", "count", &f);
			if (err)
				return err;
			l->task_count_off = l->t_rss_stat.offset + f.offset;
			l->task_caches = true;
		}
	} else {
		l->rss = RSS_PERCPU;
		err = oms_type_size(t, "struct percpu_counter", &l->pcpu_size);
		if (!err)
			err = oms_field(t, "struct percpu_counter", "count",
					&l->pcpu_count);
		if (!err)
			err = oms_field(t, "struct percpu_counter", "counters",
					&l->pcpu_counters);
		if (err)
			return err;
		if (l->m_rss_stat.size != l->pcpu_size * (uint64_t)l->nr_counters)
			return oms_error_create(OMS_ERR_CORRUPT,
						"'mm_struct.rss_stat' is %u bytes, not %d percpu_counters",
						l->m_rss_stat.size, l->nr_counters);
	}
	return NULL;
}

static uint64_t get_u(const unsigned char *buf, uint64_t len,
		      const struct oms_field *f)
{
	uint64_t v = 0;

	if (!f->present || f->offset + f->size > len)
		return 0;
	switch (f->size) {
	case 1: v = buf[f->offset]; break;
	case 2: { uint16_t x; memcpy(&x, buf + f->offset, 2); v = x; break; }
	case 4: { uint32_t x; memcpy(&x, buf + f->offset, 4); v = x; break; }
	case 8: memcpy(&v, buf + f->offset, 8); break;
	}
	return v;
}

static int64_t get_s(const unsigned char *buf, uint64_t len,
		     const struct oms_field *f)
{
	uint64_t v = get_u(buf, len, f);

	switch (f->size) {
	case 1: return (int8_t)v;
	case 2: return (int16_t)v;
	case 4: return (int32_t)v;
	default: return (int64_t)v;
	}
}

static uint64_t get_at(const unsigned char *buf, uint64_t off)
{
	uint64_t v;

	memcpy(&v, buf + off, 8);
	return v;
}

/* __task_state_index() and task_state_array[] */
static char state_letter(uint64_t state, uint64_t exit_state)
{
	unsigned int s = (unsigned int)((state | exit_state) & TASK_REPORT);
	int idx = 0;

	if ((state & TASK_IDLE) == TASK_IDLE)
		s = TASK_REPORT_IDLE;
	if (state == TASK_RTLOCK_WAIT)
		s = 2;		/* TASK_UNINTERRUPTIBLE */
	while (s) {		/* fls() */
		idx++;
		s >>= 1;
	}
	return idx < (int)sizeof(state_letters) - 1 ? state_letters[idx] : '?';
}

struct walk {
	const struct oms_target *t;
	struct oms_model *m;
	struct layout l;
	struct oms_percpu pc;
	bool have_pc;
	struct oms_memcg_reader *memcg;
	bool all_threads;
	unsigned char *tbuf, *thbuf, *sbuf, *mbuf;
	struct addr_set threads;
};

static struct oms_task *push_task(struct oms_tasks *tasks)
{
	struct oms_task *v;

	if (tasks->n == tasks->cap) {
		size_t cap = tasks->cap ? 2 * tasks->cap : 64;

		v = realloc(tasks->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		tasks->v = v;
		tasks->cap = cap;
	}
	v = &tasks->v[tasks->n++];
	memset(v, 0, sizeof(*v));
	return v;
}

static void fill_from_task(struct walk *w, struct oms_task *o, uint64_t addr,
			   const unsigned char *buf)
{
	const struct layout *l = &w->l;
	uint64_t n = l->task_size;

	o->addr = addr;
	o->pid = (int32_t)get_s(buf, n, &l->t_pid);
	o->tgid = (int32_t)get_s(buf, n, &l->t_tgid);
	memcpy(o->comm, buf + l->t_comm.offset,
	       l->t_comm.size < OMS_COMM_LEN ? l->t_comm.size : OMS_COMM_LEN);
	o->comm[OMS_COMM_LEN] = '\0';
	o->flags = (uint32_t)get_u(buf, n, &l->t_flags);
	o->kthread = o->flags & OMS_PF_KTHREAD;
	o->exiting = o->flags & OMS_PF_EXITING;
	o->state = state_letter(get_u(buf, n, &l->t_state),
				get_u(buf, n, &l->t_exit_state));
	o->thread_group_leader = o->pid == o->tgid;
	o->mm = get_u(buf, n, &l->t_mm);
	o->mm_pid = o->mm ? o->pid : 0;
	if (l->t_mems_allowed.present)
		o->mems_allowed = get_at(buf, l->t_mems_allowed.offset);
	else
		o->mems_allowed = ~0ULL;
}

static void warn_task(struct walk *w, struct oms_task *o, const char *what,
		      struct oms_error *err)
{
	oms_warn(&w->m->warnings, "pid %d (%s): cannot read %s%s: %s", o->pid,
		 o->comm, what,
		 err->code == OMS_ERR_NODATA ? " (not in the dump)" : "",
		 err->message);
	oms_error_destroy(err);
	o->partial = true;
}

/* the mm's counters: get_mm_counter() as the kernel read it, and exact */
static void read_mm(struct walk *w, struct oms_task *o,
		    const int64_t caches[OMS_RSS_NR])
{
	const struct layout *l = &w->l;
	struct oms_error *err;
	int i, cpu;

	err = oms_read(w->t, o->mm, w->mbuf, l->mm_size);
	if (err) {
		warn_task(w, o, "its mm_struct", err);
		return;
	}
	o->total_vm = get_u(w->mbuf, l->mm_size, &l->m_total_vm);
	o->pgtables_bytes = get_u(w->mbuf, l->mm_size, &l->m_pgtables);
	o->mmf_oom_skip = (get_u(w->mbuf, l->mm_size, &l->m_flags) >>
			   OMS_MMF_OOM_SKIP) & 1;
	o->rss_exact_valid = true;
	for (i = 0; i < OMS_RSS_NR; i++) {
		int idx = l->index[i];
		int64_t v, exact;

		if (idx < 0)
			continue;
		if (l->rss == RSS_ATOMIC) {
			v = (int64_t)get_at(w->mbuf, l->mm_count_off + 8 * idx);
			exact = v + caches[i];
			if (!l->task_caches)
				o->rss_exact_valid = false;
		} else {
			uint64_t fbc = l->m_rss_stat.offset + l->pcpu_size * idx;
			uint64_t counters;

			v = (int64_t)get_at(w->mbuf, fbc + l->pcpu_count.offset);
			counters = get_at(w->mbuf, fbc + l->pcpu_counters.offset);
			exact = v;
			if (!w->have_pc || !counters) {
				o->rss_exact_valid = false;
			} else {
				oms_for_each_possible_cpu(cpu, &w->pc) {
					int32_t d;

					err = oms_read(w->t,
						       oms_per_cpu_ptr(&w->pc, counters, cpu),
						       &d, sizeof(d));
					if (err) {
						warn_task(w, o, "a per-cpu rss counter", err);
						o->rss_exact_valid = false;
						break;
					}
					exact += d;
				}
			}
		}
		/* get_mm_counter(): negative reads as 0 (SPLIT_RSS_COUNTING
		 * up to 6.1, percpu_counter_read_positive() from 6.2) */
		o->rss_kernel[i] = v < 0 ? 0 : (uint64_t)v;
		o->rss_exact[i] = exact;
	}
}

/* one process: its threads, the mm find_lock_task_mm() finds, its signal */
static void collect_process(struct walk *w, uint64_t addr)
{
	const struct layout *l = &w->l;
	struct oms_tasks *tasks = &w->m->tasks;
	struct oms_error *err;
	struct oms_task *o;
	size_t idx = tasks->n;
	uint64_t signal, head, node, th, mm_thread = 0, cred, parent, pmm;
	uint64_t vfork_done = 0, real_parent = 0, oom_mm, mmflags;
	int64_t caches[OMS_RSS_NR] = { 0 };
	uint32_t uid;
	size_t nthreads = 0;
	bool nomem = false;
	int i;

	o = push_task(tasks);
	if (!o) {
		oms_warn(&w->m->warnings, "out of memory at task 0x%llx",
			 (unsigned long long)addr);
		tasks->complete = false;
		return;
	}
	fill_from_task(w, o, addr, w->tbuf);
	strcpy(o->mm_comm, o->comm);
	signal = get_u(w->tbuf, l->task_size, &l->t_signal);
	err = oms_read(w->t, signal, w->sbuf, l->signal_size);
	if (err) {
		/* without the thread list, the leader's own mm */
		warn_task(w, o, "its signal_struct", err);
		if (o->mm)
			read_mm(w, o, caches);
		return;
	}
	o->nr_threads = (uint32_t)get_u(w->sbuf, l->signal_size, &l->s_nr_threads);
	o->oom_score_adj = (int16_t)get_s(w->sbuf, l->signal_size, &l->s_adj);
	o->oom_score_adj_min = (int16_t)get_s(w->sbuf, l->signal_size, &l->s_adj_min);
	o->oom_origin = get_u(w->sbuf, l->signal_size, &l->s_origin);
	oom_mm = get_u(w->sbuf, l->signal_size, &l->s_oom_mm);
	o->oom_victim = oom_mm != 0;
	if (oom_mm) {
		err = oms_read_u64(w->t, oom_mm + l->m_flags.offset, &mmflags);
		if (err)
			warn_task(w, o, "the flags of its signal->oom_mm", err);
		else
			o->oom_victim_mm_skip = (mmflags >> OMS_MMF_OOM_SKIP) & 1;
	}

	/* for_each_thread(): signal->thread_head, linked by thread_node */
	addr_set_clear(&w->threads);
	head = signal + l->s_thread_head.offset;
	node = get_at(w->sbuf, l->s_thread_head.offset);
	while (node != head) {
		const unsigned char *buf = w->thbuf;
		uint64_t tmm;

		th = node - l->t_thread_node.offset;
		if (nthreads >= OMS_MAX_THREADS ||
		    !addr_set_add(&w->threads, node, &nomem)) {
			oms_warn(&w->m->warnings,
				 "pid %d (%s): thread list %s after %zu threads",
				 tasks->v[idx].pid, tasks->v[idx].comm,
				 nomem ? "out of memory" :
				 nthreads >= OMS_MAX_THREADS ? "too long" : "is cyclic",
				 nthreads);
			tasks->v[idx].partial = true;
			break;
		}
		if (th == addr) {
			buf = w->tbuf;
		} else {
			err = oms_read(w->t, th, w->thbuf, l->task_size);
			if (err) {
				warn_task(w, &tasks->v[idx], "a thread's task_struct", err);
				break;
			}
		}
		nthreads++;
		tmm = get_u(buf, l->task_size, &l->t_mm);
		if (!mm_thread && tmm) {
			mm_thread = th;
			o = &tasks->v[idx];
			o->mm = tmm;
			o->mm_pid = (int32_t)get_s(buf, l->task_size, &l->t_pid);
			memcpy(o->mm_comm, buf + l->t_comm.offset, OMS_COMM_LEN);
			o->mm_comm[OMS_COMM_LEN] = '\0';
			vfork_done = get_u(buf, l->task_size, &l->t_vfork_done);
			real_parent = get_u(buf, l->task_size, &l->t_real_parent);
			cred = get_u(buf, l->task_size, &l->t_real_cred);
			err = oms_read_u32(w->t, cred + l->cred_uid.offset, &uid);
			if (err)
				warn_task(w, o, "the real_cred of its mm thread", err);
			else
				o->uid = uid;
		}
		/* the SPLIT_RSS_COUNTING caches not yet in the mm (<= 6.1) */
		if (l->task_caches && tmm && tmm == tasks->v[idx].mm) {
			for (i = 0; i < OMS_RSS_NR; i++) {
				int32_t c;

				if (l->index[i] < 0)
					continue;
				memcpy(&c, buf + l->task_count_off + 4 * l->index[i], 4);
				caches[i] += c;
			}
		}
		if (w->all_threads && th != addr) {
			struct oms_task *t2 = push_task(tasks);

			if (t2) {
				fill_from_task(w, t2, th, buf);
				strcpy(t2->mm_comm, t2->comm);
				t2->oom_score_adj = tasks->v[idx].oom_score_adj;
				t2->oom_score_adj_min = tasks->v[idx].oom_score_adj_min;
			}
		}
		node = get_at(buf, l->t_thread_node.offset);
	}
	tasks->nr_threads_total += nthreads;
	o = &tasks->v[idx];
	if (!mm_thread) {
		/* no thread with an mm: a kernel thread or an exited process;
		 * the uid of the task itself */
		o->mm = 0;
		o->mm_pid = 0;
		cred = get_u(w->tbuf, l->task_size, &l->t_real_cred);
		if (oms_ok(oms_read_u32(w->t, cred + l->cred_uid.offset, &uid)))
			o->uid = uid;
	} else {
		read_mm(w, o, caches);
		/* in_vfork(): vfork_done and the real parent shares the mm */
		if (vfork_done) {
			err = oms_read_u64(w->t, real_parent + l->t_mm.offset, &pmm);
			if (err)
				warn_task(w, o, "its real_parent's mm", err);
			else
				o->in_vfork = pmm == o->mm;
		}
	}
	if (w->memcg) {
		err = oms_memcg_of_task(w->memcg, w->m, addr, &parent);
		if (err)
			warn_task(w, o, "its memory cgroup", err);
		else
			o->memcg = parent;
		if (o->memcg) {
			const struct oms_memcg *mc = oms_memcg_find(w->m, o->memcg);

			if (mc)
				strcpy(o->memcg_path, mc->path);
		}
	}
}

/* PF_KTHREAD and the process list sanity: kthreadd is a kernel thread,
 * init is not (crash checks pid 0 and pid 1 likewise) */
static void sanity_check(struct oms_model *m)
{
	size_t i, users = 0, skipped = 0;

	for (i = 0; i < m->tasks.n; i++) {
		const struct oms_task *o = &m->tasks.v[i];

		if (o->mm && !o->kthread) {
			users++;
			skipped += o->mmf_oom_skip;
		}

		if (o->pid == 2 && !o->kthread)
			oms_warn(&m->warnings,
				 "pid 2 (%s) lacks PF_KTHREAD (0x%x): the task flags may not be read right",
				 o->comm, OMS_PF_KTHREAD);
		if (o->pid == 1 && o->kthread)
			oms_warn(&m->warnings,
				 "pid 1 (%s) has PF_KTHREAD (0x%x): the task flags may not be read right",
				 o->comm, OMS_PF_KTHREAD);
	}
	/* MMF_OOM_SKIP is set only on mms the OOM reaper is done with */
	if (users >= 3 && skipped == users)
		oms_warn(&m->warnings,
			 "every process's mm has bit %d (MMF_OOM_SKIP) set: the mm flags may not be read right",
			 OMS_MMF_OOM_SKIP);
}

static void set_page_size(const struct oms_target *t, struct oms_model *m)
{
	char *v = NULL;

	if (m->page_size)
		return;
	/* oms_ok() frees the error of a missing PAGESIZE */
	if (oms_ok(oms_vmcoreinfo(t, "PAGESIZE", &v)) && v)
		m->page_size = strtoull(v, NULL, 10);
	free(v);
	if (!m->page_size) {
		m->page_size = 4096;
		oms_warn(&m->warnings, "no VMCOREINFO PAGESIZE: assuming 4096");
	}
}

struct oms_error *oms_tasks_collect(const struct oms_target *t,
				    struct oms_model *m, bool all_threads)
{
	struct walk w = { .t = t, .m = m, .all_threads = all_threads };
	struct addr_set seen = { 0 };
	struct oms_error *err;
	uint64_t init, p, next;
	bool nomem = false;

	set_page_size(t, m);
	m->tasks.complete = false;
	err = resolve_layout(t, &w.l);
	if (!err)
		err = oms_symbol(t, "init_task", &init);
	if (err)
		return oms_error_prefix(err, "cannot walk the tasks");
	/* dump_task() prints rss_anon rss_file rss_shmem from v6.8-rc1
	 * ("mm, oom: dump_tasks add rss detailed information printing");
	 * no type of its own changed, so: the percpu rss counters (v6.2)
	 * and folio_add_file_rmap_ptes(), of the same v6.8-rc1 merge */
	m->tasks.rss_split_layout = w.l.rss == RSS_PERCPU &&
		w.l.index[OMS_RSS_SHMEM] >= 0 &&
		oms_symbol_exists(t, "folio_add_file_rmap_ptes");
	if (w.l.rss == RSS_PERCPU) {
		err = oms_percpu_init(&w.pc, t);
		if (err) {
			oms_warn(&m->warnings, "exact rss unknown: %s", err->message);
			oms_error_destroy(err);
		} else {
			w.have_pc = true;
		}
	}
	err = oms_memcg_reader_create(t, &w.memcg);
	if (err) {
		if (err->code != OMS_ERR_NOT_FOUND)
			oms_warn(&m->warnings, "memory cgroups unknown: %s",
				 err->message);
		oms_error_destroy(err);
		w.memcg = NULL;
	}
	w.tbuf = malloc(w.l.task_size);
	w.thbuf = malloc(w.l.task_size);
	w.sbuf = malloc(w.l.signal_size);
	w.mbuf = malloc(w.l.mm_size);
	if (!w.tbuf || !w.thbuf || !w.sbuf || !w.mbuf) {
		err = &oms_enomem;
		goto out_free;
	}

	/* for_each_process(): init_task.tasks, init_task itself excluded */
	err = oms_read_u64(t, init + w.l.t_tasks.offset, &next);
	if (err) {
		oms_warn(&m->warnings, "cannot read 'init_task.tasks'%s: %s",
			 err->code == OMS_ERR_NODATA ? " (not in the dump)" : "",
			 err->message);
		oms_error_destroy(err);
		err = NULL;
		goto out_free;
	}
	for (;;) {
		p = next - w.l.t_tasks.offset;
		if (p == init) {
			m->tasks.complete = true;
			break;
		}
		if (!next || m->tasks.n >= OMS_MAX_TASKS ||
		    !addr_set_add(&seen, p, &nomem)) {
			oms_warn(&m->warnings,
				 "the process list %s after %zu processes",
				 nomem ? "ran out of memory" :
				 !next ? "has a NULL link" :
				 m->tasks.n >= OMS_MAX_TASKS ? "is too long" :
				 "is cyclic", m->tasks.n);
			break;
		}
		err = oms_read(t, p, w.tbuf, w.l.task_size);
		if (err) {
			oms_warn(&m->warnings,
				 "the process list is cut after %zu processes: the task_struct at 0x%llx %s: %s",
				 m->tasks.n, (unsigned long long)p,
				 err->code == OMS_ERR_NODATA ?
				 "is not in the dump (its slab page was filtered out)" :
				 "cannot be read", err->message);
			oms_error_destroy(err);
			err = NULL;
			break;
		}
		next = get_at(w.tbuf, w.l.t_tasks.offset);
		collect_process(&w, p);
	}
	sanity_check(m);

out_free:
	free(w.tbuf);
	free(w.thbuf);
	free(w.sbuf);
	free(w.mbuf);
	addr_set_clear(&seen);
	addr_set_clear(&w.threads);
	oms_memcg_reader_destroy(w.memcg);
	if (w.have_pc)
		oms_percpu_deinit(&w.pc);
	return err;
}

struct oms_error *oms_current_collect(const struct oms_target *t,
				      struct oms_model *m)
{
	struct oms_percpu pc;
	struct oms_field f_pid, f_tgid, hot;
	struct oms_error *err;
	uint64_t addr, cur;
	uint32_t cpu;
	int32_t v;

	m->panic_cpu = -1;
	m->current_task = 0;
	m->current_pid = -1;
	m->current_tgid = -1;
	err = oms_symbol(t, "panic_cpu", &addr);
	if (!err)
		err = oms_read_u32(t, addr, &cpu);
	if (err)
		return oms_error_prefix(err, "cannot read 'panic_cpu'");
	if ((int32_t)cpu == -1)		/* PANIC_CPU_INVALID: no panic */
		return NULL;
	err = oms_percpu_init(&pc, t);
	if (err)
		return err;
	if ((int32_t)cpu < 0 || !oms_cpu_possible(&pc, (int)cpu)) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "'panic_cpu' is %d, not a possible cpu",
				       (int32_t)cpu);
		goto out_deinit;
	}
	m->panic_cpu = (int)cpu;
	/* current: pcpu_hot.current_task from v6.2 (c063a217bc07 "x86/percpu:
	 * Move current_task to percpu hot section"), per-cpu current_task
	 * before */
	err = oms_field_optional(t, "struct pcpu_hot", "current_task", &hot);
	if (!err && hot.present && oms_symbol_exists(t, "pcpu_hot")) {
		err = oms_symbol(t, "pcpu_hot", &addr);
		addr += hot.offset;
	} else if (!err) {
		err = oms_symbol(t, "current_task", &addr);
	}
	if (!err)
		err = oms_read_u64(t, oms_per_cpu_ptr(&pc, addr, (int)cpu), &cur);
	if (!err)
		err = oms_field(t, "struct task_struct", "pid", &f_pid);
	if (!err)
		err = oms_field(t, "struct task_struct", "tgid", &f_tgid);
	if (err) {
		err = oms_error_prefix(err, "cannot read the current task of cpu %u",
				       cpu);
		goto out_deinit;
	}
	m->current_task = cur;
	err = oms_read(t, cur + f_pid.offset, &v, sizeof(v));
	if (!err) {
		m->current_pid = v;
		err = oms_read(t, cur + f_tgid.offset, &v, sizeof(v));
		if (!err)
			m->current_tgid = v;
	}
	if (err) {
		oms_warn(&m->warnings,
			 "the current task of cpu %u at 0x%llx%s: %s", cpu,
			 (unsigned long long)cur,
			 err->code == OMS_ERR_NODATA ? " is not in the dump" :
			 " cannot be read", err->message);
		oms_error_destroy(err);
		err = NULL;
	}
out_deinit:
	oms_percpu_deinit(&pc);
	return err;
}

const struct oms_task *oms_current_process(const struct oms_model *m)
{
	size_t i;

	if (m->current_tgid <= 0)
		return NULL;
	for (i = 0; i < m->tasks.n; i++)
		if (m->tasks.v[i].thread_group_leader &&
		    m->tasks.v[i].tgid == m->current_tgid)
			return &m->tasks.v[i];
	return NULL;
}

void oms_tasks_deinit(struct oms_tasks *tasks)
{
	free(tasks->v);
	memset(tasks, 0, sizeof(*tasks));
}
