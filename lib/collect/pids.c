// SPDX-License-Identifier: GPL-2.0
/*
 * The leaders of init_pid_ns from its IDR: see pids.h.  Read next to
 * include/linux/xarray.h (xa_is_node, xa_to_node, XA_CHUNK_SIZE),
 * kernel/pid.c (alloc_pid: idr_alloc_cyclic, then idr_replace) and
 * include/linux/pid.h (pid_task).
 */
#include <stdlib.h>
#include <string.h>

#include "pids.h"
#include "../model/warn.h"
#include "../model/vec.h"

#define MAX_DEPTH 12		/* 64^12 indices: far beyond PID_MAX_LIMIT */
#define MAX_LEADERS 4194304	/* PID_MAX_LIMIT */

struct walk {
	const struct oms_target *t;
	struct oms_warnings *w;
	struct oms_field xa_head, node_shift, node_slots;
	struct oms_field pid_tasks, upid_nr, pid_numbers;
	uint64_t links_off;	/* task_struct.pid_links[PIDTYPE_TGID] */
	int64_t tgid_type;
	unsigned int chunk;	/* XA_CHUNK_SIZE: slots per node */
	struct oms_pid_leader *v;
	size_t n, cap;
	size_t nodes;		/* nodes read, against a cyclic tree */
	bool complete;
};

/* xa_is_node(): an internal entry (low bits 10) above 4096 */
static bool is_node(uint64_t e)
{
	return (e & 3) == 2 && e > 4096;
}

/* xa_is_internal() below 4096: a sibling, retry or zero entry, not a pid */
static bool is_internal(uint64_t e)
{
	return (e & 3) == 2;
}

static struct oms_error *add_pid(struct walk *k, uint64_t index, uint64_t pid)
{
	struct oms_pid_leader *v;
	uint64_t first;
	struct oms_error *err;

	/* pid_task(pid, PIDTYPE_TGID): the first of pid->tasks[PIDTYPE_TGID] */
	err = oms_read_u64(k->t, pid + k->pid_tasks.offset +
			   (uint64_t)k->tgid_type * 8, &first);
	if (err) {
		/* a pid with no way to its task: the caller tells whether it
		 * is a process it has already */
		oms_error_destroy(err);
		first = 0;
		pid = 0;
	} else if (!first) {
		return NULL;	/* a thread's pid, or a leader gone already */
	}
	if (k->n >= MAX_LEADERS) {
		k->complete = false;
		return NULL;
	}
	v = oms_grow(k->v, &k->cap, k->n + 1, sizeof(*v));
	if (!v)
		return &oms_enomem;
	k->v = v;
	k->v[k->n].nr = (int32_t)index;
	k->v[k->n].task = first ? first - k->links_off : 0;
	k->v[k->n].pid = pid;
	k->n++;
	return NULL;
}

/* the entries under node, whose first index is base */
static struct oms_error *walk_node(struct walk *k, uint64_t node,
				   uint64_t base, int depth)
{
	struct oms_error *err;
	uint64_t shift, *slots;
	unsigned int i;

	if (depth > MAX_DEPTH || ++k->nodes > MAX_LEADERS) {
		oms_warn(k->w, "the pid IDR is too deep or cyclic at node 0x%llx",
			 (unsigned long long)node);
		k->complete = false;
		return NULL;
	}
	slots = calloc(k->chunk, sizeof(*slots));
	if (!slots)
		return &oms_enomem;
	err = oms_read_field(k->t, node, &k->node_shift, &shift);
	if (!err)
		err = oms_read(k->t, node + k->node_slots.offset, slots,
			       (size_t)k->chunk * 8);
	if (err) {
		oms_warn(k->w, "a node of the pid IDR at 0x%llx %s: the pids from %llu under it are not read",
			 (unsigned long long)node,
			 err->code == OMS_ERR_NODATA ? "is not in the dump" : "cannot be read",
			 (unsigned long long)base);
		oms_error_destroy(err);
		k->complete = false;
		free(slots);
		return NULL;
	}
	if (shift > 60) {
		oms_warn(k->w, "a node of the pid IDR at 0x%llx has shift %llu",
			 (unsigned long long)node, (unsigned long long)shift);
		k->complete = false;
		free(slots);
		return NULL;
	}
	for (i = 0; !err && i < k->chunk; i++) {
		uint64_t e = slots[i], index = base + ((uint64_t)i << shift);

		if (!e)
			continue;
		if (is_node(e) && shift)
			err = walk_node(k, e - 2, index, depth + 1);
		else if (!is_internal(e))
			err = add_pid(k, index, e);
	}
	free(slots);
	return err;
}

struct oms_error *oms_pid_leaders(const struct oms_target *t,
				  struct oms_warnings *w,
				  struct oms_pid_leader **ret, size_t *n_ret,
				  bool *complete_ret)
{
	struct walk k = { .t = t, .w = w, .complete = true };
	struct oms_field idr, idr_rt, links;
	struct oms_error *err;
	uint64_t ns, head;

	*ret = NULL;
	*n_ret = 0;
	*complete_ret = false;
	err = oms_symbol(t, "init_pid_ns", &ns);
	if (!err)
		err = oms_field(t, "struct pid_namespace", "idr", &idr);
	if (!err)
		err = oms_field(t, "struct idr", "idr_rt", &idr_rt);
	if (!err)
		err = oms_field(t, "struct xarray", "xa_head", &k.xa_head);
	if (!err)
		err = oms_field(t, "struct xa_node", "shift", &k.node_shift);
	if (!err)
		err = oms_field(t, "struct xa_node", "slots", &k.node_slots);
	if (!err)
		err = oms_field(t, "struct pid", "tasks", &k.pid_tasks);
	if (!err)
		err = oms_field(t, "struct task_struct", "pid_links", &links);
	if (!err)
		err = oms_enumerator(t, "PIDTYPE_TGID", &k.tgid_type);
	if (err)
		return err;
	k.chunk = (unsigned int)(k.node_slots.size / 8);
	if (k.chunk < 2 || k.chunk > 256 || k.tgid_type < 0 ||
	    (uint64_t)(k.tgid_type + 1) * 8 > k.pid_tasks.size ||
	    (uint64_t)(k.tgid_type + 1) * 16 > links.size)
		return oms_error_create(OMS_ERR_CORRUPT,
					"the pid IDR's layout is not one oomscan knows ('xa_node.slots' %u bytes, PIDTYPE_TGID %lld)",
					k.node_slots.size, (long long)k.tgid_type);
	k.links_off = links.offset + (uint64_t)k.tgid_type * 16;
	err = oms_read_u64(t, ns + idr.offset + idr_rt.offset + k.xa_head.offset,
			   &head);
	if (err)
		return oms_error_prefix(err, "cannot read 'init_pid_ns.idr'");
	if (is_node(head))
		err = walk_node(&k, head - 2, 0, 0);
	else if (head && !is_internal(head))
		err = add_pid(&k, 0, head);
	if (err) {
		free(k.v);
		return err;
	}
	*ret = k.v;
	*n_ret = k.n;
	*complete_ret = k.complete;
	return NULL;
}
