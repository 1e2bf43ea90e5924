// SPDX-License-Identifier: GPL-2.0
/*
 * The process list and each process's memory counters: see tasks.h.
 * Read next to kernel/fork.c, include/linux/sched/signal.h
 * (for_each_process, for_each_thread), mm/oom_kill.c (find_lock_task_mm,
 * dump_task) and include/linux/mm.h (get_mm_counter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/lookup.h"
#include "layout.h"
#include "memcg.h"
#include "object.h"
#include "percpu.h"
#include "pids.h"
#include "tasks.h"
#include "../model/warn.h"
#include "../model/vec.h"

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
	/* what is read of each object: the fields used, never sizeof()
	 * (object.h says why: x86's task_struct is the case that bit) */
	struct oms_span task_span, signal_span, mm_span;
	struct oms_field t_tasks, t_pid, t_tgid, t_comm, t_flags, t_state,
			 t_exit_state, t_mm, t_signal, t_real_cred,
			 t_real_parent, t_vfork_done, t_thread_node,
			 t_rss_stat, t_mems_allowed, t_children, t_sibling,
			 t_mempolicy;
	/* CONFIG_NUMA: struct mempolicy, for mempolicy_in_oom_domain() */
	struct oms_field mpol_mode, mpol_nodes;
	int64_t mpol_bind;		/* MPOL_BIND, -1: no mempolicy */
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

static bool addr_set_contains(const struct addr_set *s, uint64_t a)
{
	size_t i;

	if (!s->cap || !a)	/* 0 marks an empty slot */
		return false;
	for (i = (a >> 4) * 0x9e3779b97f4a7c15ULL % s->cap;; i = (i + 1) % s->cap) {
		if (s->v[i] == a)
			return true;
		if (!s->v[i])
			return false;
	}
}

static void addr_set_clear(struct addr_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/*
 * The span of each object the walk reads: from its first used field to
 * its last.  On x86 the task_struct span ends well before thread.fpu, the
 * variable-sized tail that makes sizeof(struct task_struct) (9,728 bytes on
 * 6.1) larger than the slab object (arch_task_struct_size); mm_struct ends
 * in the flexible cpu bitmap, which is not read either.
 */
static void compute_spans(struct layout *l)
{
	const struct oms_field *task[] = {
		&l->t_tasks, &l->t_pid, &l->t_tgid, &l->t_comm, &l->t_flags,
		&l->t_state, &l->t_exit_state, &l->t_mm, &l->t_signal,
		&l->t_real_cred, &l->t_real_parent, &l->t_vfork_done,
		&l->t_thread_node, &l->t_mems_allowed, &l->t_sibling,
		&l->t_mempolicy,
	};
	const struct oms_field *sig[] = {
		&l->s_thread_head, &l->s_nr_threads, &l->s_adj, &l->s_adj_min,
		&l->s_oom_mm, &l->s_origin,
	};
	const struct oms_field *mm[] = {
		&l->m_total_vm, &l->m_pgtables, &l->m_flags,
	};
	size_t i;

	for (i = 0; i < sizeof(task) / sizeof(task[0]); i++)
		oms_span_add(&l->task_span, task[i]);
	if (l->task_caches)
		oms_span_add_range(&l->task_span, l->task_count_off,
				   4 * (uint64_t)l->nr_counters);
	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++)
		oms_span_add(&l->signal_span, sig[i]);
	for (i = 0; i < sizeof(mm) / sizeof(mm[0]); i++)
		oms_span_add(&l->mm_span, mm[i]);
	if (l->rss == RSS_ATOMIC)
		oms_span_add_range(&l->mm_span, l->mm_count_off,
				   8 * (uint64_t)l->nr_counters);
	else
		oms_span_add(&l->mm_span, &l->m_rss_stat);
}

static struct oms_error *resolve_layout(const struct oms_target *t,
					struct layout *l)
{
	static const struct oms_field_spec fields[] = {
#define F(T, M, L, O) OMS_FIELD(struct layout, T, M, L, O)
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
		F(task_struct, "children", t_children, true),
		F(task_struct, "sibling", t_sibling, true),
		F(task_struct, "mempolicy", t_mempolicy, true),	/* CONFIG_NUMA */
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
		/* task_struct.state (long) became __state (unsigned int) in
		 * v5.14, 2f064a59a11f "sched: Change task_struct::state" */
		OMS_FIELD_OR(struct layout, task_struct, "__state", "state",
			     t_state, false),
	};
	/* >= 6.2: mm_struct.rss_stat[] of struct percpu_counter */
	static const struct oms_field_spec pcpu_fields[] = {
		OMS_FIELD(struct layout, percpu_counter, "count", pcpu_count,
			  false),
		OMS_FIELD(struct layout, percpu_counter, "counters",
			  pcpu_counters, false),
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
	err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), l);
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
			err = oms_resolve_fields(t, pcpu_fields,
					OMS_ARRAY_SIZE(pcpu_fields), l);
		if (err)
			return err;
		if (l->m_rss_stat.size != l->pcpu_size * (uint64_t)l->nr_counters)
			return oms_error_create(OMS_ERR_CORRUPT,
						"'mm_struct.rss_stat' is %u bytes, not %d percpu_counters",
						l->m_rss_stat.size, l->nr_counters);
	}
	/* a thread's MPOL_BIND nodes (mempolicy_in_oom_domain()): since
	 * v5.14 (b27abaccf8e8 "mm/mempolicy: add MPOL_PREFERRED_MANY")
	 * struct mempolicy has nodes, before it v.nodes */
	l->mpol_bind = -1;
	if (l->t_mempolicy.present &&
	    oms_ok(oms_enumerator(t, "MPOL_BIND", &l->mpol_bind))) {
		static const struct oms_field_spec mpol_fields[] = {
			OMS_FIELD(struct layout, mempolicy, "mode", mpol_mode, false),
			OMS_FIELD(struct layout, mempolicy, "nodes", mpol_nodes,
				  false),
		};

		if (!oms_ok(oms_resolve_fields(t, mpol_fields,
					       OMS_ARRAY_SIZE(mpol_fields), l)))
			l->mpol_bind = -1;
	}
	compute_spans(l);
	return NULL;
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
	struct oms_tasks *tasks;
	struct oms_memcgs *memcgs;
	struct oms_warnings *warnings;
	struct layout l;
	struct oms_percpu pc;
	bool have_pc;
	struct oms_memcg_reader *memcg;
	bool all_threads;
	struct oms_object task, thread, sig, mm;
	struct addr_set threads;
	struct oms_pid_leader *leaders;	/* init_pid_ns, when a gap needed it */
	size_t n_leaders;
};

static struct oms_task *push_task(struct oms_tasks *tasks)
{
	struct oms_task *v;

	v = oms_grow(tasks->v, &tasks->cap, tasks->n + 1, sizeof(*v));
	if (!v)
		return NULL;
	tasks->v = v;
	v = &tasks->v[tasks->n++];
	memset(v, 0, sizeof(*v));
	return v;
}

/* "pid, comm": the names of the bits of an unknown mask */
static void field_names(uint32_t bits, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < OMS_TASK_NR_FIELDS && len < size; i++)
		if (bits & (1u << i))
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? ", " : "",
						oms_task_field_name(1u << i));
}

/* "pid 12 (hog)", or the task_struct's address when its pid is unknown */
static void who(const struct oms_task *o, char *buf, size_t size)
{
	if (oms_task_known(o, OMS_TASK_PID))
		snprintf(buf, size, "pid %d (%s)", o->pid,
			 oms_task_known(o, OMS_TASK_COMM) ? o->comm : "?");
	else
		snprintf(buf, size, "the process of the task_struct at 0x%llx",
			 (unsigned long long)o->addr);
}

/* the fields in bits became unknown, because of what at addr: one warning
 * names the process, the fields and the address, and why */
static void lose(struct walk *w, struct oms_task *o, uint32_t bits,
		 const char *what, uint64_t addr, enum oms_error_code code,
		 const char *message)
{
	char name[96], fields[256];

	bits &= ~o->unknown;
	if (!bits)
		return;
	o->unknown |= bits;
	o->partial = true;
	who(o, name, sizeof(name));
	field_names(bits, fields, sizeof(fields));
	/* the backend's message says the address again for a filtered page */
	if (code == OMS_ERR_NODATA)
		oms_warn(w->warnings, "%s: %s unknown: %s at 0x%llx is not in the dump",
			 name, fields, what, (unsigned long long)addr);
	else
		oms_warn(w->warnings, "%s: %s unknown: %s at 0x%llx cannot be read%s%s",
			 name, fields, what, (unsigned long long)addr,
			 message && message[0] ? ": " : "", message ? message : "");
}

static void lose_err(struct walk *w, struct oms_task *o, uint32_t bits,
		     const char *what, uint64_t addr, struct oms_error *err)
{
	lose(w, o, bits, what, err->address ? err->address : addr, err->code,
	     err->message);
	oms_error_destroy(err);
}

static void lose_obj(struct walk *w, struct oms_task *o, uint32_t bits,
		     const char *what, const struct oms_object *obj)
{
	lose(w, o, bits, what, obj->missing_addr, obj->missing_code,
	     obj->missing_message);
}

/* one task_struct's own fields; what is not on a page of the dump is
 * unknown (the bits are returned, the warning is the caller's) */
static uint32_t fill_from_task(struct walk *w, struct oms_task *o,
			       uint64_t addr, const struct oms_object *obj)
{
	const struct layout *l = &w->l;
	uint32_t lost = 0;
	uint64_t state, exit_state, v;
	int64_t pid, tgid;
	const void *comm;
	size_t n = l->t_comm.size < OMS_COMM_LEN ? l->t_comm.size : OMS_COMM_LEN;

	o->addr = addr;
	if (oms_object_get_signed(obj, &l->t_pid, &pid) &&
	    oms_object_get_signed(obj, &l->t_tgid, &tgid)) {
		o->pid = (int32_t)pid;
		o->tgid = (int32_t)tgid;
	} else {
		lost |= OMS_TASK_PID;
	}
	comm = oms_object_bytes(obj, l->t_comm.offset, n);
	if (comm)
		memcpy(o->comm, comm, n);
	else
		lost |= OMS_TASK_COMM;
	o->comm[OMS_COMM_LEN] = '\0';
	if (oms_object_get(obj, &l->t_flags, &v)) {
		o->flags = (uint32_t)v;
		o->kthread = o->flags & OMS_PF_KTHREAD;
		o->exiting = o->flags & OMS_PF_EXITING;
	} else {
		lost |= OMS_TASK_FLAGS;
	}
	if (oms_object_get(obj, &l->t_state, &state) &&
	    oms_object_get(obj, &l->t_exit_state, &exit_state))
		o->state = state_letter(state, exit_state);
	else
		lost |= OMS_TASK_STATE;
	if (oms_object_get(obj, &l->t_mm, &o->mm))
		o->mm_pid = o->mm ? o->pid : 0;
	else
		lost |= OMS_TASK_MM;
	o->mems_allowed = ~0ULL;
	if (l->t_mems_allowed.present &&
	    !oms_object_get_u64(obj, l->t_mems_allowed.offset, &o->mems_allowed))
		lost |= OMS_TASK_MEMS;
	return lost;
}

/* a + b, saturated: counters near INT64_MAX come only from corruption,
 * and their sum must not be undefined behaviour */
static int64_t add_sat(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return a > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* the mm's counters: get_mm_counter() as the kernel read it, and exact */
static void read_mm(struct walk *w, struct oms_task *o,
		    const int64_t caches[OMS_RSS_NR], bool caches_ok)
{
	const struct layout *l = &w->l;
	struct oms_object *mm = &w->mm;
	struct oms_error *err;
	uint32_t lost = 0;
	uint64_t v64;
	int i, cpu;

	err = oms_object_read(w->t, mm, o->mm, &l->mm_span);
	if (err) {
		lose_err(w, o, OMS_TASK_MM_FIELDS & ~OMS_TASK_VFORK,
			 "its mm_struct", o->mm, err);
		return;
	}
	if (!oms_object_get(mm, &l->m_total_vm, &o->total_vm))
		lost |= OMS_TASK_TOTAL_VM;
	if (l->m_pgtables.present &&
	    !oms_object_get(mm, &l->m_pgtables, &o->pgtables_bytes))
		lost |= OMS_TASK_PGTABLES;
	if (oms_object_get(mm, &l->m_flags, &v64))
		o->mmf_oom_skip = (v64 >> OMS_MMF_OOM_SKIP) & 1;
	else
		lost |= OMS_TASK_MMF_OOM_SKIP;
	/* the threads' rss caches count only where there are some (<= 6.1):
	 * the per-cpu counters of 6.2+ are the mm's own */
	o->rss_exact_valid = caches_ok || !l->task_caches;
	for (i = 0; i < OMS_RSS_NR; i++) {
		int idx = l->index[i];
		uint32_t bit = i == OMS_RSS_SWAPENTS ? OMS_TASK_SWAPENTS
						     : OMS_TASK_RSS;
		uint64_t raw, counters = 0;
		int64_t v, exact;

		if (idx < 0)
			continue;
		if (l->rss == RSS_ATOMIC) {
			if (!oms_object_get_u64(mm, l->mm_count_off + 8 * (uint64_t)idx,
						&raw)) {
				lost |= bit;
				o->rss_exact_valid = false;
				continue;
			}
			v = (int64_t)raw;
			exact = add_sat(v, caches[i]);
			if (!l->task_caches)
				o->rss_exact_valid = false;
		} else {
			uint64_t fbc = l->m_rss_stat.offset + l->pcpu_size * idx;

			if (!oms_object_get_u64(mm, fbc + l->pcpu_count.offset, &raw) ||
			    !oms_object_get_u64(mm, fbc + l->pcpu_counters.offset,
						&counters)) {
				lost |= bit;
				o->rss_exact_valid = false;
				continue;
			}
			v = (int64_t)raw;
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
						char name[96];

						who(o, name, sizeof(name));
						oms_warn(w->warnings,
							 "%s: exact rss unknown: a per-cpu rss counter %s: %s",
							 name,
							 err->code == OMS_ERR_NODATA ?
							 "is not in the dump" : "cannot be read",
							 err->message);
						oms_error_destroy(err);
						o->partial = true;
						o->rss_exact_valid = false;
						break;
					}
					exact = add_sat(exact, d);
				}
			}
		}
		/* get_mm_counter(): negative reads as 0 (SPLIT_RSS_COUNTING
		 * up to 6.1, percpu_counter_read_positive() from 6.2) */
		o->rss_kernel[i] = v < 0 ? 0 : (uint64_t)v;
		o->rss_exact[i] = exact;
	}
	if (lost & OMS_TASK_RSS)
		for (i = 0; i < OMS_RSS_NR; i++)
			if (i != OMS_RSS_SWAPENTS)
				o->rss_kernel[i] = 0;
	if (lost)
		lose_obj(w, o, lost, "its mm_struct", mm);
}

/* the uid dump_task() prints: task_cred_xxx(p, uid) of the mm's thread */
static void read_uid(struct walk *w, struct oms_task *o,
		     const struct oms_object *obj)
{
	struct oms_error *err;
	uint64_t cred;
	uint32_t uid;

	if (!oms_object_get(obj, &w->l.t_real_cred, &cred)) {
		lose_obj(w, o, OMS_TASK_UID, "its task_struct", obj);
		return;
	}
	err = oms_read_u32(w->t, cred + w->l.cred_uid.offset, &uid);
	if (err)
		lose_err(w, o, OMS_TASK_UID, "its cred", cred, err);
	else
		o->uid = uid;
}

/* the signal_struct's fields; the thread list's first node in *node, and
 * the signal's address back, or 0 when the thread list cannot be walked */
static uint64_t read_signal(struct walk *w, struct oms_task *o,
			    uint64_t signal, uint64_t *node_ret)
{
	const struct layout *l = &w->l;
	struct oms_error *err;
	uint64_t oom_mm = 0, mmflags, v, node = 0;
	uint32_t lost;
	int64_t sv;

	if (signal) {
		err = oms_object_read(w->t, &w->sig, signal, &l->signal_span);
		if (err) {
			lose_err(w, o, OMS_TASK_SIGNAL_FIELDS, "its signal_struct",
				 signal, err);
			signal = 0;
		}
	}
	if (signal) {
		lost = 0;
		if (oms_object_get(&w->sig, &l->s_nr_threads, &v))
			o->nr_threads = (uint32_t)v;
		else
			lost |= OMS_TASK_THREADS;
		if (oms_object_get_signed(&w->sig, &l->s_adj, &sv))
			o->oom_score_adj = (int16_t)sv;
		else
			lost |= OMS_TASK_ADJ;
		if (oms_object_get_signed(&w->sig, &l->s_adj_min, &sv))
			o->oom_score_adj_min = (int16_t)sv;
		else
			lost |= OMS_TASK_ADJ;
		if (l->s_origin.present) {
			if (oms_object_get(&w->sig, &l->s_origin, &v))
				o->oom_origin = v;
			else
				lost |= OMS_TASK_ORIGIN;
		}
		if (l->s_oom_mm.present &&
		    !oms_object_get(&w->sig, &l->s_oom_mm, &oom_mm))
			lost |= OMS_TASK_VICTIM;
		if (!oms_object_get_u64(&w->sig, l->s_thread_head.offset, &node))
			signal = 0;	/* the thread list cannot be walked */
		if (lost)
			lose_obj(w, o, lost, "its signal_struct", &w->sig);
	}
	o->oom_victim = oom_mm != 0;
	if (oom_mm) {
		err = oms_read_u64(w->t, oom_mm + l->m_flags.offset, &mmflags);
		if (err)
			lose_err(w, o, OMS_TASK_VICTIM, "its signal->oom_mm",
				 oom_mm + l->m_flags.offset, err);
		else
			o->oom_victim_mm_skip = (mmflags >> OMS_MMF_OOM_SKIP) & 1;
	}

	*node_ret = node;
	return signal;
}

/* what a process's threads told: the thread find_lock_task_mm() finds and
 * what of it in_vfork() needs, the rss caches, how far the walk went */
struct thread_walk {
	uint64_t mm_thread, vfork_done, real_parent;
	uint64_t mpol;			/* the threads' MPOL_BIND nodes, ORed */
	bool mpol_unbound;		/* a thread without an MPOL_BIND policy */
	int64_t caches[OMS_RSS_NR];
	bool caches_ok, walked, mm_lost;
	size_t nthreads;
};

/* a thread's part of mempolicy_in_oom_domain(): false when it has no
 * MPOL_BIND policy (none, another mode, or not readable: no exclusion on
 * a guess), else true and its nodes */
static bool thread_mpol(struct walk *w, const struct oms_object *obj,
			uint64_t *nodes)
{
	const struct layout *l = &w->l;
	uint64_t pol, mode;

	if (l->mpol_bind < 0 || !oms_object_get(obj, &l->t_mempolicy, &pol) ||
	    !pol)
		return false;
	if (!oms_ok(oms_read_field(w->t, pol, &l->mpol_mode, &mode)) ||
	    (int64_t)mode != l->mpol_bind)
		return false;
	return oms_ok(oms_read_u64(w->t, pol + l->mpol_nodes.offset, nodes));
}

/* for_each_thread() of the process at addr (row idx), from node */
static void walk_threads(struct walk *w, size_t idx, uint64_t addr,
			 uint64_t signal, uint64_t node, struct thread_walk *tw)
{
	const struct layout *l = &w->l;
	struct oms_tasks *tasks = w->tasks;
	struct oms_error *err;
	struct oms_task *o;
	uint64_t head, th;
	bool nomem = false;
	int i;

	addr_set_clear(&w->threads);
	head = signal + l->s_thread_head.offset;
	while (signal && node != head) {
		const struct oms_object *obj = &w->task;
		uint64_t tmm;

		th = node - l->t_thread_node.offset;
		if (tw->nthreads >= OMS_MAX_THREADS ||
		    !addr_set_add(&w->threads, node, &nomem)) {
			oms_warn(w->warnings,
				 "pid %d (%s): thread list %s after %zu threads",
				 tasks->v[idx].pid, tasks->v[idx].comm,
				 nomem ? "out of memory" :
				 tw->nthreads >= OMS_MAX_THREADS ? "too long" : "is cyclic",
				 tw->nthreads);
			tasks->v[idx].partial = true;
			break;
		}
		if (th != addr) {
			err = oms_object_read(w->t, &w->thread, th, &l->task_span);
			if (err) {
				if (!tw->mm_thread)
					tw->mm_lost = true;
				lose_err(w, &tasks->v[idx],
					 tw->mm_thread ? 0 : OMS_TASK_MM | OMS_TASK_MM_FIELDS | OMS_TASK_UID,
					 "a thread's task_struct", th, err);
				break;
			}
			obj = &w->thread;
		}
		{
			uint64_t nodes;

			if (thread_mpol(w, obj, &nodes))
				tw->mpol |= nodes;
			else
				tw->mpol_unbound = true;
		}
		tw->nthreads++;
		o = &tasks->v[idx];
		if (obj != &w->task && !obj->all && tw->mm_thread) {
			/* what a thread adds once its process's mm is found:
			 * its rss caches (<= 6.1) and the next thread */
			char name[96];

			who(o, name, sizeof(name));
			oms_warn(w->warnings,
				 "%s: a thread's task_struct at 0x%llx %s: %s",
				 name, (unsigned long long)obj->missing_addr,
				 obj->missing_code == OMS_ERR_NODATA ?
				 "is not in the dump" : "cannot be read",
				 l->task_caches ? "its rss caches (exact rss) and what follows it are unknown" :
				 "the threads after it are not counted");
			o->partial = true;
		}
		if (!oms_object_get(obj, &l->t_mm, &tmm)) {
			/* a thread whose mm is unknown: if none before it
			 * had one, the process's mm is unknown */
			if (!tw->mm_thread)
				tw->mm_lost = true;
			tw->caches_ok = false;
			lose_obj(w, o, tw->mm_thread ? 0 : OMS_TASK_MM | OMS_TASK_MM_FIELDS | OMS_TASK_UID,
				 "a thread's task_struct", obj);
			break;
		}
		if (!tw->mm_thread && tmm) {
			int64_t tpid;

			tw->mm_thread = th;
			o->mm = tmm;
			o->unknown &= ~OMS_TASK_MM;	/* the leader's was lost, this one is read */
			if (oms_object_get_signed(obj, &l->t_pid, &tpid))
				o->mm_pid = (int32_t)tpid;
			else
				o->mm_pid = o->pid;
			if (th != addr) {
				const void *c = oms_object_bytes(obj, l->t_comm.offset,
								 OMS_COMM_LEN);

				if (c) {
					memcpy(o->mm_comm, c, OMS_COMM_LEN);
					o->mm_comm[OMS_COMM_LEN] = '\0';
				}
			}
			if (!oms_object_get(obj, &l->t_vfork_done, &tw->vfork_done) ||
			    !oms_object_get(obj, &l->t_real_parent, &tw->real_parent))
				lose_obj(w, o, OMS_TASK_VFORK, "its mm thread's task_struct", obj);
			read_uid(w, o, obj);
		}
		/* the SPLIT_RSS_COUNTING caches not yet in the mm (<= 6.1) */
		if (l->task_caches && tmm && tmm == tasks->v[idx].mm) {
			for (i = 0; i < OMS_RSS_NR; i++) {
				const void *p;
				int32_t c;

				if (l->index[i] < 0)
					continue;
				p = oms_object_bytes(obj, l->task_count_off +
						     4 * (uint64_t)l->index[i], 4);
				if (!p) {
					tw->caches_ok = false;
					continue;
				}
				memcpy(&c, p, 4);
				tw->caches[i] += c;
			}
		}
		if (w->all_threads && th != addr) {
			struct oms_task *t2 = push_task(tasks);

			if (t2) {
				t2->unknown = fill_from_task(w, t2, th, obj);
				t2->partial = t2->unknown != 0;
				t2->thread_group_leader = false;
				strcpy(t2->mm_comm, t2->comm);
				t2->oom_score_adj = tasks->v[idx].oom_score_adj;
				t2->oom_score_adj_min = tasks->v[idx].oom_score_adj_min;
			}
		}
		if (!oms_object_get_u64(obj, l->t_thread_node.offset, &node)) {
			tw->caches_ok = false;
			if (!tw->mm_thread)
				tw->mm_lost = true;
			lose_obj(w, &tasks->v[idx],
				 tw->mm_thread ? 0 : OMS_TASK_MM | OMS_TASK_MM_FIELDS | OMS_TASK_UID,
				 "a thread's task_struct", obj);
			break;
		}
		if (node == head)
			tw->walked = true;
	}
	if (signal && node == head)
		tw->walked = true;
}

/* after the threads: no mm (a kernel thread or an exited process), the
 * leader's own when the threads could not be walked, or unknown */
static void choose_mm(struct walk *w, struct oms_task *o, uint64_t addr,
		      uint64_t signal, struct thread_walk *tw)
{
	const struct layout *l = &w->l;
	uint64_t head = signal + l->s_thread_head.offset;

	if (!tw->mm_thread && !tw->mm_lost && tw->walked) {
		/* no thread with an mm: a kernel thread or an exited
		 * process; the uid of the task itself */
		o->mm = 0;
		o->mm_pid = 0;
		o->unknown &= ~(OMS_TASK_MM | OMS_TASK_MM_FIELDS);
		read_uid(w, o, &w->task);
	} else if (!tw->mm_thread && !tw->mm_lost) {
		/* the threads could not be walked: the leader's own mm, if
		 * it has one, is the one find_lock_task_mm() finds first;
		 * a kernel thread has none, certainly */
		tw->caches_ok = false;
		if (oms_task_known(o, OMS_TASK_MM) && o->mm) {
			read_uid(w, o, &w->task);
			tw->mm_thread = addr;
		} else if (oms_task_known(o, OMS_TASK_MM | OMS_TASK_FLAGS) &&
			   o->kthread) {
			read_uid(w, o, &w->task);
		} else {
			lose(w, o, OMS_TASK_MM | OMS_TASK_MM_FIELDS | OMS_TASK_UID,
			     "its thread list (signal_struct.thread_head)",
			     signal ? head : addr + l->t_signal.offset,
			     OMS_ERR_NODATA, "");
		}
	}
	if (tw->mm_lost || !oms_task_known(o, OMS_TASK_MM)) {
		o->mm = 0;
		o->mm_pid = 0;
	}
}

/* the mm's counters, and in_vfork(): vfork_done and the real parent
 * shares the mm */
static void read_process_mm(struct walk *w, struct oms_task *o,
			    const struct thread_walk *tw)
{
	const struct layout *l = &w->l;
	struct oms_error *err;
	uint64_t pmm;

	read_mm(w, o, tw->caches, tw->caches_ok);
	if (!tw->vfork_done || !oms_task_known(o, OMS_TASK_VFORK))
		return;
	err = oms_read_u64(w->t, tw->real_parent + l->t_mm.offset, &pmm);
	if (err)
		lose_err(w, o, OMS_TASK_VFORK, "its real_parent's mm",
			 tw->real_parent + l->t_mm.offset, err);
	else
		o->in_vfork = pmm == o->mm;
}

/* the process's memory cgroup, and its path from the memcgs read */
static void read_memcg(struct walk *w, struct oms_task *o, uint64_t addr)
{
	struct oms_error *err;
	uint64_t parent;

	if (w->memcg) {
		err = oms_memcg_of_task(w->memcg, w->memcgs, w->warnings, addr, &parent);
		if (err)
			lose_err(w, o, OMS_TASK_MEMCG, "its memory cgroup", addr, err);
		else
			o->memcg = parent;
		if (o->memcg) {
			const struct oms_memcg *mc = oms_memcg_find(w->memcgs, o->memcg);

			if (mc)
				strcpy(o->memcg_path, mc->path);
		}
	}
}

/* one process: its signal, its threads, the mm find_lock_task_mm() finds,
 * its memcg; w->task holds its task_struct */
static void collect_process(struct walk *w, uint64_t addr)
{
	const struct layout *l = &w->l;
	struct oms_tasks *tasks = w->tasks;
	struct thread_walk tw = { .caches_ok = true };
	struct oms_task *o;
	size_t idx = tasks->n;
	uint64_t signal = 0, node = 0;
	uint32_t lost;

	o = push_task(tasks);
	if (!o) {
		oms_warn(w->warnings, "out of memory at task 0x%llx",
			 (unsigned long long)addr);
		tasks->complete = false;
		return;
	}
	lost = fill_from_task(w, o, addr, &w->task);
	o->thread_group_leader = true;	/* for_each_process() lists leaders */
	if (!oms_object_get(&w->task, &l->t_signal, &signal))
		lost |= OMS_TASK_SIGNAL_FIELDS;
	if (lost)
		lose_obj(w, o, lost, "its task_struct", &w->task);
	strcpy(o->mm_comm, o->comm);
	signal = read_signal(w, o, signal, &node);
	walk_threads(w, idx, addr, signal, node, &tw);	/* may move tasks->v */
	tasks->nr_threads_total += tw.nthreads;
	o = &tasks->v[idx];
	/* bound only when every thread is: a thread not walked may not be */
	o->mpol_bound = tw.walked && !tw.mpol_unbound;
	o->mpol_nodes = o->mpol_bound ? tw.mpol : 0;
	choose_mm(w, o, addr, signal, &tw);
	if (tw.mm_thread && o->mm)
		read_process_mm(w, o, &tw);
	if (w->memcg)
		read_memcg(w, o, addr);
}
/* PF_KTHREAD and the process list sanity: kthreadd is a kernel thread,
 * init is not (crash checks pid 0 and pid 1 likewise) */
static void sanity_check(const struct oms_tasks *tasks,
			 struct oms_warnings *warnings)
{
	size_t i, users = 0, skipped = 0;

	for (i = 0; i < tasks->n; i++) {
		const struct oms_task *o = &tasks->v[i];

		if (o->mm && !o->kthread) {
			users++;
			skipped += o->mmf_oom_skip;
		}

		if (o->pid == 2 && !o->kthread)
			oms_warn(warnings,
				 "pid 2 (%s) lacks PF_KTHREAD (0x%x): the task flags may not be read right",
				 o->comm, OMS_PF_KTHREAD);
		if (o->pid == 1 && o->kthread)
			oms_warn(warnings,
				 "pid 1 (%s) has PF_KTHREAD (0x%x): the task flags may not be read right",
				 o->comm, OMS_PF_KTHREAD);
	}
	/* MMF_OOM_SKIP is set only on mms the OOM reaper is done with */
	if (users >= 3 && skipped == users)
		oms_warn(warnings,
			 "every process's mm has bit %d (MMF_OOM_SKIP) set: the mm flags may not be read right",
			 OMS_MMF_OOM_SKIP);
}

/* a process known to be in the list whose task_struct is not in the dump:
 * a row with everything unknown, so that the list says it is there */
static void unreadable_process(struct walk *w, uint64_t addr, int32_t nr)
{
	struct oms_task *o = push_task(w->tasks);

	if (!o)
		return;
	o->addr = addr;
	o->thread_group_leader = true;
	o->mems_allowed = ~0ULL;
	if (nr >= 0)		/* its pid, from its struct pid */
		o->pid = o->tgid = nr;
	lose_obj(w, o, OMS_TASK_ALL & ~(nr >= 0 ? OMS_TASK_PID : 0),
		 "its task_struct", &w->task);
}

/* read the task_struct at p into w->task; false when none of it is in
 * the dump (the warning is the caller's) */
static bool read_task(struct walk *w, uint64_t p, struct oms_error **err)
{
	*err = oms_object_read(w->t, &w->task, p, &w->l.task_span);
	return !*err && w->task.any;
}

/* a process found off the list, for the gap */
struct found {
	uint64_t task;
	int32_t pid;		/* from its struct pid, -1 if none */
	int32_t key;		/* its task_struct's pid, else pid */
};

static int cmp_found(const void *x, const void *y)
{
	const struct found *a = x, *b = y;

	/* by pid, unknown ones last, by address */
	if (a->key != b->key)
		return a->key < 0 ? 1 : b->key < 0 ? -1 : a->key < b->key ? -1 : 1;
	return a->task < b->task ? -1 : a->task > b->task;
}

static struct oms_error *add_found(struct addr_set *seen,
				   struct found **v, size_t *n, size_t *cap,
				   uint64_t task, int32_t pid)
{
	struct found *b;
	bool nomem = false;

	if (!task || addr_set_contains(seen, task))
		return NULL;
	if (*n >= OMS_MAX_TASKS || !addr_set_add(seen, task, &nomem))
		return nomem ? &oms_enomem : NULL;
	b = oms_grow(*v, cap, *n + 1, sizeof(*b));
	if (!b)
		return &oms_enomem;
	*v = b;
	(*v)[(*n)++] = (struct found){ .task = task, .pid = pid };
	return NULL;
}

/* the children of the task at task: its children list, linked by the
 * children's sibling (copy_process() adds only group leaders to it, on
 * the list of the thread that forked them, real_parent) */
static struct oms_error *add_task_children(struct walk *w,
					   struct addr_set *seen,
					   struct found **v, size_t *n,
					   size_t *cap, uint64_t task)
{
	const struct layout *l = &w->l;
	uint64_t head = task + l->t_children.offset, node;
	struct oms_error *err = NULL;
	size_t k = 0;

	int dir;

	/* next from the head, then, if a sibling link cannot be read, prev
	 * from the head to the same place; bounded, so that a cycle that
	 * misses the head ends too */
	for (dir = 0; dir < 2 && !err; dir++) {
		bool cut = false;

		if (!oms_ok(oms_read_u64(w->t, head + 8 * dir, &node)))
			return NULL;
		for (k = 0; !err && node && node != head && k < OMS_MAX_THREADS; k++) {
			/* one read already is skipped, its siblings are not */
			err = add_found(seen, v, n, cap,
					node - l->t_sibling.offset, -1);
			if (!oms_ok(oms_read_u64(w->t, node + 8 * dir, &node))) {
				cut = true;
				break;
			}
		}
		if (!cut)
			break;
	}
	return err;
}

/* the children of the process at task and of each of its threads
 * (signal->thread_head, by thread_node; bounded, checked for cycles) */
static struct oms_error *add_children(struct walk *w, struct addr_set *seen,
				      struct found **v, size_t *n, size_t *cap,
				      uint64_t task)
{
	const struct layout *l = &w->l;
	struct addr_set threads = { 0 };
	struct oms_error *err;
	uint64_t signal, head, node;
	bool nomem = false;

	err = add_task_children(w, seen, v, n, cap, task);
	if (err || !oms_ok(oms_read_u64(w->t, task + l->t_signal.offset, &signal)) ||
	    !signal)
		return err;
	head = signal + l->s_thread_head.offset;
	if (!oms_ok(oms_read_u64(w->t, head, &node)))
		return NULL;
	while (!err && node && node != head && threads.n < OMS_MAX_THREADS &&
	       addr_set_add(&threads, node, &nomem)) {
		uint64_t th = node - l->t_thread_node.offset;

		if (th != task)
			err = add_task_children(w, seen, v, n, cap, th);
		if (!oms_ok(oms_read_u64(w->t, node, &node)))
			break;
	}
	addr_set_clear(&threads);
	return err ? err : nomem ? &oms_enomem : NULL;
}

/*
 * The processes neither direction of the list reached, found two other
 * ways: by their pids in init_pid_ns (pids.h), and in the children lists
 * of the processes read, forward and backward (back[n_back]), and of
 * those found, each thread's list (a kernel thread is kthreadd's child, a
 * process the child of the thread that forked it); then collected in pid
 * order (the order fork() gives the list, but for pid wrap-around), each
 * one not seen yet, or given a row of its own when its task_struct is not
 * in the dump.  The pid is the task_struct's own, else that of the struct
 * pid that leads to it; those with neither come last, by address (the
 * list's order between them is not known).  *filled: every pid was read,
 * and each one whose struct pid is not in the dump is a process read, so
 * every process is accounted for.
 */
static struct oms_error *fill_gap(struct walk *w, struct addr_set *seen,
				  uint64_t last, const uint64_t *back,
				  size_t n_back, bool *filled)
{
	struct oms_tasks *tasks = w->tasks;
	struct oms_warnings *warnings = w->warnings;
	struct oms_pid_leader *v = NULL;
	struct found *f = NULL;
	struct oms_error *err;
	size_t n = 0, i, nf = 0, cap = 0, n_read = 0, n_lost = 0, rows;
	bool complete = false, by_pid = true;
	char lost[96] = "";

	err = oms_pid_leaders(w->t, warnings, &v, &n, &complete);
	if (err == &oms_enomem)
		return err;
	if (err) {
		oms_warn(warnings,
			 "the processes in the gap cannot be found by pid: %s",
			 err->message);
		oms_error_destroy(err);
		err = NULL;
		by_pid = false;
	}
	free(w->leaders);
	w->leaders = v;
	w->n_leaders = n;
	if (last && !addr_set_contains(seen, last))
		addr_set_add(seen, last, &(bool){ false });
	for (i = 0; !err && i < n; i++)
		err = add_found(seen, &f, &nf, &cap, v[i].task, v[i].nr);
	/* the children of every process listed, forward and backward, and
	 * of those found */
	rows = tasks->n;
	if (w->l.t_children.present && w->l.t_sibling.present) {
		for (i = 0; !err && i < rows; i++)
			err = add_children(w, seen, &f, &nf, &cap,
					   tasks->v[i].addr);
		for (i = 0; !err && i < n_back; i++)
			err = add_children(w, seen, &f, &nf, &cap, back[i]);
		for (i = 0; !err && i < nf; i++)
			err = add_children(w, seen, &f, &nf, &cap, f[i].task);
	}
	if (err)
		goto out;
	/* by pid: the task_struct's, one field read here (the collection
	 * reads the rest), else the struct pid's; unknown ones last */
	for (i = 0; i < nf; i++) {
		uint32_t nr;

		f[i].key = f[i].pid;
		if (oms_ok(oms_read_u32(w->t, f[i].task + w->l.t_pid.offset, &nr)))
			f[i].key = (int32_t)nr;
	}
	if (nf)		/* f is NULL then: qsort() must not see it */
		qsort(f, nf, sizeof(*f), cmp_found);
	for (i = 0; i < nf; i++) {
		if (read_task(w, f[i].task, &err)) {
			collect_process(w, f[i].task);
			n_read++;
			continue;
		}
		if (err)
			goto out;
		unreadable_process(w, f[i].task, f[i].pid);
	}
	/* a pid whose struct pid is not in the dump: fine when a process
	 * read has it, else it may be a process missing (or a thread) */
	for (i = 0; i < n; i++) {
		size_t j;

		if (v[i].task)
			continue;
		for (j = 0; j < tasks->n; j++)
			if (oms_task_known(&tasks->v[j], OMS_TASK_PID) &&
			    tasks->v[j].tgid == v[i].nr)
				break;
		if (j == tasks->n) {
			n_lost++;
			if (n_lost <= 8)
				snprintf(lost + strlen(lost), sizeof(lost) - strlen(lost),
					 "%s%d", n_lost > 1 ? ", " : "", v[i].nr);
		}
	}
	oms_warn(warnings,
		 "the gap in the process list holds %zu more processes, found by pid in init_pid_ns and in the children lists (%zu of them read)",
		 nf, n_read);
	if (n_lost)
		oms_warn(warnings,
			 "%zu pid%s of init_pid_ns (%s%s): the struct pid is not in the dump and no process read has it: a process missing from the list, or a thread",
			 n_lost, n_lost == 1 ? "" : "s", lost, n_lost > 8 ? ", ..." : "");
	*filled = by_pid && complete && !n_lost;
out:
	free(f);
	return err;
}

/* the pid of each row whose task_struct was not in the dump, from the
 * struct pid that leads to it */
static void name_unreadable(struct walk *w)
{
	struct oms_tasks *tasks = w->tasks;
	size_t i, j;

	for (i = 0; i < tasks->n; i++) {
		struct oms_task *o = &tasks->v[i];

		if (oms_task_known(o, OMS_TASK_PID))
			continue;
		for (j = 0; j < w->n_leaders; j++)
			if (w->leaders[j].task == o->addr) {
				o->pid = o->tgid = w->leaders[j].nr;
				o->unknown &= ~OMS_TASK_PID;
				oms_warn(w->warnings,
					 "the task_struct at 0x%llx not in the dump is pid %d's (its struct pid in init_pid_ns)",
					 (unsigned long long)o->addr, o->pid);
				break;
			}
	}
}

/*
 * for_each_process(): init_task.tasks, init_task itself excluded.  Forward
 * by tasks.next; where a task_struct (or its tasks link) is not in the
 * dump, backward from init_task by tasks.prev to the same place, so that
 * one missing page costs the processes on it and not the rest of the list.
 */
static struct oms_error *walk_processes(struct walk *w, uint64_t init)
{
	const struct layout *l = &w->l;
	struct oms_tasks *tasks = w->tasks;
	struct oms_warnings *warnings = w->warnings;
	struct addr_set seen = { 0 };
	uint64_t *back = NULL, *b, next, prev, p, cut = 0, cut_next = 0;
	size_t n_back = 0, cap_back = 0, i;
	struct oms_error *err = NULL;
	bool nomem = false, joined = false, cut_unreadable = false, gap_filled;
	const char *why = NULL;

	if (!read_task(w, init, &err) ||
	    !oms_object_get_u64(&w->task, l->t_tasks.offset, &next) ||
	    !oms_object_get_u64(&w->task, l->t_tasks.offset + 8, &prev)) {
		if (err)
			return err;
		oms_warn(warnings, "cannot read 'init_task.tasks' at 0x%llx%s: %s",
			 (unsigned long long)(init + l->t_tasks.offset),
			 w->task.missing_code == OMS_ERR_NODATA ? " (not in the dump)" : "",
			 w->task.missing_message);
		return NULL;
	}
	for (;;) {
		p = next - l->t_tasks.offset;
		if (p == init) {
			tasks->complete = true;
			goto out;
		}
		if (!next || tasks->n >= OMS_MAX_TASKS ||
		    !addr_set_add(&seen, p, &nomem)) {
			why = nomem ? "ran out of memory" :
			      !next ? "has a NULL link" :
			      tasks->n >= OMS_MAX_TASKS ? "is too long" :
			      "is cyclic";
			break;
		}
		if (!read_task(w, p, &err)) {
			if (err)
				goto out;
			cut = p;
			cut_unreadable = true;
			break;
		}
		collect_process(w, p);
		/* collect_process() left w->task as it was */
		if (!oms_object_get_u64(&w->task, l->t_tasks.offset, &next)) {
			cut = p;
			break;
		}
	}
	/* backward from the end, to where the forward walk stopped */
	for (p = prev - l->t_tasks.offset; prev; p = prev - l->t_tasks.offset) {
		if (p == init || addr_set_contains(&seen, p)) {
			joined = p != init || !cut;
			break;
		}
		if (tasks->n + n_back >= OMS_MAX_TASKS ||
		    !addr_set_add(&seen, p, &nomem))
			break;
		if (!read_task(w, p, &err)) {
			if (err)
				goto out;
			cut_next = p;
			break;
		}
		b = oms_grow(back, &cap_back, n_back + 1, sizeof(*b));
		if (!b) {
			err = &oms_enomem;
			goto out;
		}
		back = b;
		back[n_back++] = p;
		if (!oms_object_get_u64(&w->task, l->t_tasks.offset + 8, &prev))
			break;
	}
	if (cut_unreadable) {
		read_task(w, cut, &err);
		oms_error_destroy(err);
		err = NULL;
		unreadable_process(w, cut, -1);
	}
	if (why)
		oms_warn(warnings,
			 "the process list %s after %zu processes (tasks.next)%s",
			 why, tasks->n,
			 joined ? "; the rest was read backward (tasks.prev)" : "");
	else if (!joined)
		oms_warn(warnings,
			 "the process list has a gap: %zu processes read forward, %zu backward from its end; between them the task_struct at 0x%llx%s is not in the dump",
			 tasks->n, n_back, (unsigned long long)cut,
			 cut_next ? " and the one before the backward part" : "");
	gap_filled = false;
	if (!joined) {
		err = fill_gap(w, &seen, cut_next, back, n_back, &gap_filled);
		if (err)
			goto out;
	}
	if (cut_next && !joined) {
		read_task(w, cut_next, &err);
		oms_error_destroy(err);
		err = NULL;
		unreadable_process(w, cut_next, -1);
	}
	for (i = n_back; i-- > 0;) {
		if (!read_task(w, back[i], &err)) {
			if (err)
				goto out;
			continue;
		}
		collect_process(w, back[i]);
	}
	if (!joined)
		name_unreadable(w);
	tasks->complete = joined || gap_filled;
out:
	free(back);
	addr_set_clear(&seen);
	return err;
}

struct oms_error *oms_tasks_collect(const struct oms_target *t,
				    struct oms_tasks *tasks,
				    struct oms_memcgs *memcgs,
				    struct oms_warnings *warnings, bool all_threads)
{
	struct walk w = {
		.t = t,
		.tasks = tasks,
		.memcgs = memcgs,
		.warnings = warnings,
		.all_threads = all_threads,
	};
	struct oms_error *err;
	uint64_t init;

	tasks->complete = false;
	err = resolve_layout(t, &w.l);
	if (!err)
		err = oms_symbol(t, "init_task", &init);
	if (err)
		return oms_error_prefix(err, "cannot walk the tasks");
	/* dump_task() prints rss_anon rss_file rss_shmem from v6.8-rc1
	 * ("mm, oom: dump_tasks add rss detailed information printing");
	 * no type of its own changed, so: the percpu rss counters (v6.2)
	 * and folio_add_file_rmap_ptes(), of the same v6.8-rc1 merge */
	tasks->rss_split_layout = w.l.rss == RSS_PERCPU &&
		w.l.index[OMS_RSS_SHMEM] >= 0 &&
		oms_symbol_exists(t, "folio_add_file_rmap_ptes");
	if (w.l.rss == RSS_PERCPU) {
		err = oms_percpu_init(&w.pc, t);
		if (err) {
			oms_warn(warnings, "exact rss unknown: %s", err->message);
			oms_error_destroy(err);
		} else {
			w.have_pc = true;
		}
	}
	err = oms_memcg_reader_create(t, &w.memcg);
	if (err) {
		if (err->code != OMS_ERR_NOT_FOUND)
			oms_warn(warnings, "memory cgroups unknown: %s",
				 err->message);
		oms_error_destroy(err);
		w.memcg = NULL;
	}
	oms_object_init(&w.task);
	oms_object_init(&w.thread);
	oms_object_init(&w.sig);
	oms_object_init(&w.mm);
	err = walk_processes(&w, init);
	sanity_check(tasks, warnings);

	oms_object_deinit(&w.task);
	oms_object_deinit(&w.thread);
	oms_object_deinit(&w.sig);
	oms_object_deinit(&w.mm);
	free(w.leaders);
	addr_set_clear(&w.threads);
	oms_memcg_reader_destroy(w.memcg);
	if (w.have_pc)
		oms_percpu_deinit(&w.pc);
	return err;
}
