// SPDX-License-Identifier: GPL-2.0
/* Memory cgroups of the tasks: see memcg.h. */
#include <stdlib.h>
#include <string.h>

#include "../model/lookup.h"
#include "memcg.h"
#include "../model/warn.h"

#define MAX_CGROUP_DEPTH 64	/* a deeper chain is garbage or a cycle */

struct oms_memcg_reader {
	const struct oms_target *t;
	struct oms_field task_cgroups;	/* struct css_set * */
	struct oms_field cset_subsys;	/* struct cgroup_subsys_state *[] */
	int64_t memory_cgrp_id;
	uint64_t memcg_css;		/* offsetof(struct mem_cgroup, css) */
	struct oms_field css_cgroup, css_parent;
	struct oms_field cgroup_kn;
	struct oms_field kn_name, kn_parent;
	struct oms_field memcg_memory;	/* struct page_counter memory */
	struct oms_field memcg_swap;	/* swap (v2) or memsw (v1) */
	struct oms_field memcg_swappiness;
	struct oms_field pc_usage, pc_max;
	/* mem_cgroup_oom_trylock() sets oom_lock on the subtree of the memcg
	 * that is out of memory, for the time of mem_cgroup_out_of_memory()
	 * (6.1 both hierarchies; from v6.12, memcg1_oom_prepare(), v1 only) */
	struct oms_field memcg_oom_lock;
	/* memory_events[MEMCG_OOM]: memcg_memory_event() counts an OOM of it */
	struct oms_field memcg_events;
	int64_t memcg_oom_event;	/* MEMCG_OOM, -1 if unknown */
	uint64_t root_memcg;		/* *root_mem_cgroup, 0 if unknown */
	bool on_dfl;
	int vm_swappiness;
};

struct oms_error *oms_memcg_reader_create(const struct oms_target *t,
					  struct oms_memcg_reader **ret)
{
	struct oms_memcg_reader *r;
	struct oms_field css, root_field;
	struct oms_error *err;
	uint64_t addr, root, dfl;
	uint32_t swappiness;

	*ret = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return &oms_enomem;
	r->t = t;
	err = oms_field(t, "struct task_struct", "cgroups", &r->task_cgroups);
	if (!err)
		err = oms_field(t, "struct css_set", "subsys", &r->cset_subsys);
	if (!err)
		err = oms_enumerator(t, "memory_cgrp_id", &r->memory_cgrp_id);
	if (!err)
		err = oms_field(t, "struct mem_cgroup", "css", &css);
	if (!err)
		err = oms_field(t, "struct cgroup_subsys_state", "cgroup",
				&r->css_cgroup);
	if (!err)
		err = oms_field(t, "struct cgroup_subsys_state", "parent",
				&r->css_parent);
	if (!err)
		err = oms_field(t, "struct cgroup", "kn", &r->cgroup_kn);
	if (!err)
		err = oms_field(t, "struct kernfs_node", "name", &r->kn_name);
	/* kernfs_node.parent became __parent (RCU) in v6.15 */
	if (!err)
		err = oms_field_optional(t, "struct kernfs_node", "parent",
					 &r->kn_parent);
	if (!err && !r->kn_parent.present)
		err = oms_field(t, "struct kernfs_node", "__parent",
				&r->kn_parent);
	if (!err)
		err = oms_field(t, "struct mem_cgroup", "memory",
				&r->memcg_memory);
	if (!err)
		err = oms_field(t, "struct page_counter", "usage", &r->pc_usage);
	if (!err)
		err = oms_field(t, "struct page_counter", "max", &r->pc_max);
	if (err)
		goto out_free_r;
	r->memcg_css = css.offset;
	if ((uint64_t)r->memory_cgrp_id * 8 >= r->cset_subsys.size) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "'memory_cgrp_id' %lld is past 'css_set.subsys'",
				       (long long)r->memory_cgrp_id);
		goto out_free_r;
	}
	/* cgroup v2 has swap, v1 memsw; 6.1 has both in a union */
	err = oms_field_optional(t, "struct mem_cgroup", "swap", &r->memcg_swap);
	if (!err && !r->memcg_swap.present)
		err = oms_field_optional(t, "struct mem_cgroup", "memsw",
					 &r->memcg_swap);
	if (!err)
		err = oms_field_optional(t, "struct mem_cgroup", "swappiness",
					 &r->memcg_swappiness);
	if (!err)
		err = oms_field_optional(t, "struct mem_cgroup", "oom_lock",
					 &r->memcg_oom_lock);
	if (!err)
		err = oms_field_optional(t, "struct mem_cgroup", "memory_events",
					 &r->memcg_events);
	if (err)
		goto out_free_r;
	if (!r->memcg_events.present ||
	    !oms_ok(oms_enumerator(t, "MEMCG_OOM", &r->memcg_oom_event)) ||
	    r->memcg_oom_event < 0 ||
	    (uint64_t)(r->memcg_oom_event + 1) * 8 > r->memcg_events.size)
		r->memcg_oom_event = -1;

	/* cgroup_subsys_on_dfl(memory_cgrp_subsys): its root is the default
	 * hierarchy's; failing to tell, assume v2 (every distribution now) */
	r->on_dfl = true;
	if (oms_ok(oms_field(t, "struct cgroup_subsys", "root", &root_field)) &&
	    oms_ok(oms_symbol(t, "memory_cgrp_subsys", &addr)) &&
	    oms_ok(oms_read_u64(t, addr + root_field.offset, &root)) &&
	    oms_ok(oms_symbol(t, "cgrp_dfl_root", &dfl)))
		r->on_dfl = root == dfl;
	r->vm_swappiness = 60;
	if (oms_ok(oms_symbol(t, "vm_swappiness", &addr)) &&
	    oms_ok(oms_read_u32(t, addr, &swappiness)))
		r->vm_swappiness = (int)swappiness;
	if (oms_ok(oms_symbol(t, "root_mem_cgroup", &addr)) &&
	    !oms_ok(oms_read_u64(t, addr, &r->root_memcg)))
		r->root_memcg = 0;
	*ret = r;
	return NULL;

out_free_r:
	free(r);
	return err;
}

void oms_memcg_reader_destroy(struct oms_memcg_reader *r)
{
	free(r);
}

/* the cgroup path of a css: kernfs names up to the root, "/" for it */
static struct oms_error *css_path(struct oms_memcg_reader *r, uint64_t css,
				  char *buf, size_t len)
{
	const char *names[MAX_CGROUP_DEPTH];
	char store[MAX_CGROUP_DEPTH][64];
	struct oms_error *err;
	uint64_t cgrp, kn, name, parent;
	int depth = 0, i;
	size_t pos = 0;

	err = oms_read_u64(r->t, css + r->css_cgroup.offset, &cgrp);
	if (!err)
		err = oms_read_u64(r->t, cgrp + r->cgroup_kn.offset, &kn);
	while (!err && kn) {
		err = oms_read_u64(r->t, kn + r->kn_parent.offset, &parent);
		if (err || !parent)
			break;		/* the root's name is not in the path */
		if (depth == MAX_CGROUP_DEPTH)
			return oms_error_create(OMS_ERR_CORRUPT,
						"cgroup of css 0x%llx is deeper than %d",
						(unsigned long long)css,
						MAX_CGROUP_DEPTH);
		err = oms_read_u64(r->t, kn + r->kn_name.offset, &name);
		if (!err)
			err = oms_read_string(r->t, name, store[depth],
					      sizeof(store[depth]));
		names[depth] = store[depth];
		depth++;
		kn = parent;
	}
	if (err)
		return err;
	buf[0] = '\0';
	for (i = depth - 1; i >= 0 && pos + 1 < len; i--) {
		size_t n = strlen(names[i]);

		if (pos + 1 + n >= len)
			n = len - pos - 2;
		buf[pos++] = '/';
		memcpy(buf + pos, names[i], n);
		pos += n;
		buf[pos] = '\0';
	}
	if (!depth && len > 1) {
		buf[0] = '/';
		buf[1] = '\0';
	}
	return NULL;
}

static struct oms_memcg *memcg_push(struct oms_model *m)
{
	struct oms_memcg *v;

	v = realloc(m->memcgs, (m->n_memcgs + 1) * sizeof(*v));
	if (!v)
		return NULL;
	m->memcgs = v;
	memset(&v[m->n_memcgs], 0, sizeof(v[0]));
	return &v[m->n_memcgs++];
}

static uint64_t read_counter(struct oms_memcg_reader *r, uint64_t pc,
			     const struct oms_field *f, struct oms_error **err)
{
	uint64_t v = 0;

	if (!*err)
		*err = oms_read_field(r->t, pc, f, &v);
	return v;
}

/* add memcg (and its ancestors) to m->memcgs, once */
static struct oms_error *memcg_add(struct oms_memcg_reader *r,
				   struct oms_model *m, uint64_t memcg)
{
	struct oms_error *err = NULL;
	struct oms_memcg *mc;
	uint64_t css, parent_css, pc;
	int depth;

	for (depth = 0; memcg && depth < MAX_CGROUP_DEPTH; depth++) {
		if (oms_memcg_find(m, memcg))
			return NULL;
		mc = memcg_push(m);
		if (!mc)
			return &oms_enomem;
		mc->addr = memcg;
		mc->on_dfl = r->on_dfl;
		mc->swappiness = r->vm_swappiness;
		css = memcg + r->memcg_css;
		err = oms_read_u64(r->t, css + r->css_parent.offset, &parent_css);
		if (err) {
			oms_warn(&m->warnings, "memory cgroup at 0x%llx: %s",
				 (unsigned long long)memcg, err->message);
			oms_error_destroy(err);
			return NULL;
		}
		mc->parent = parent_css ? parent_css - r->memcg_css : 0;
		mc->is_root = !parent_css || memcg == r->root_memcg;
		err = css_path(r, css, mc->path, sizeof(mc->path));
		if (err) {
			oms_warn(&m->warnings, "path of memory cgroup at 0x%llx: %s",
				 (unsigned long long)memcg, err->message);
			oms_error_destroy(err);
			err = NULL;
		}
		pc = memcg + r->memcg_memory.offset;
		mc->usage = read_counter(r, pc, &r->pc_usage, &err);
		mc->max = read_counter(r, pc, &r->pc_max, &err);
		if (r->memcg_swap.present)
			mc->swap_max = read_counter(r, memcg + r->memcg_swap.offset,
						    &r->pc_max, &err);
		/* cgroup v1 has a per-memcg swappiness but for the root
		 * (mem_cgroup_swappiness()) */
		if (!err && !r->on_dfl && !mc->is_root &&
		    r->memcg_swappiness.present) {
			uint64_t s;

			err = oms_read_field(r->t, memcg, &r->memcg_swappiness, &s);
			mc->swappiness = (int)s;
		}
		if (!err && r->memcg_oom_lock.present) {
			uint64_t v;

			if (oms_ok(oms_read_field(r->t, memcg, &r->memcg_oom_lock, &v)))
				mc->oom_lock = v & 1;
		}
		if (!err && r->memcg_oom_event >= 0) {
			uint64_t v;

			mc->oom_events = -1;
			if (oms_ok(oms_read_u64(r->t, memcg + r->memcg_events.offset +
						8 * (uint64_t)r->memcg_oom_event, &v)))
				mc->oom_events = (int64_t)v;
		} else {
			mc->oom_events = -1;
		}
		if (err) {
			oms_warn(&m->warnings, "counters of memory cgroup %s at 0x%llx: %s",
				 mc->path, (unsigned long long)memcg, err->message);
			oms_error_destroy(err);
			err = NULL;
		} else {
			mc->valid = true;
		}
		memcg = mc->parent;
	}
	return NULL;
}

struct oms_error *oms_memcg_of_task(struct oms_memcg_reader *r,
				    struct oms_model *m, uint64_t task_addr,
				    uint64_t *memcg_ret)
{
	struct oms_error *err;
	uint64_t cset, css;

	*memcg_ret = 0;
	err = oms_read_u64(r->t, task_addr + r->task_cgroups.offset, &cset);
	if (!err && cset)
		err = oms_read_u64(r->t, cset + r->cset_subsys.offset +
				   (uint64_t)r->memory_cgrp_id * 8, &css);
	if (err)
		return err;
	if (!cset || !css)
		return NULL;
	*memcg_ret = css - r->memcg_css;
	return memcg_add(r, m, *memcg_ret);
}

