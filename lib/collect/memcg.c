// SPDX-License-Identifier: GPL-2.0
/* Memory cgroups of the tasks: see memcg.h. */
#include <stdlib.h>
#include <string.h>

#include "../model/lookup.h"
#include "layout.h"
#include "memcg.h"
#include "../model/warn.h"

#define MAX_CGROUP_DEPTH 64	/* a deeper chain is garbage or a cycle */

struct oms_memcg_reader {
	const struct oms_target *t;
	struct oms_field task_cgroups;	/* struct css_set * */
	struct oms_field cset_subsys;	/* struct cgroup_subsys_state *[] */
	int64_t memory_cgrp_id;
	struct oms_field memcg_css;	/* mem_cgroup.css */
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
#define F(T, M, L, O) OMS_FIELD(struct oms_memcg_reader, T, M, L, O)
	static const struct oms_field_spec cgroup_fields[] = {
		F(task_struct, "cgroups", task_cgroups, false),
		F(css_set, "subsys", cset_subsys, false),
	};
	static const struct oms_field_spec memcg_fields[] = {
		F(mem_cgroup, "css", memcg_css, false),
		F(cgroup_subsys_state, "cgroup", css_cgroup, false),
		F(cgroup_subsys_state, "parent", css_parent, false),
		F(cgroup, "kn", cgroup_kn, false),
		F(kernfs_node, "name", kn_name, false),
		/* kernfs_node.parent became __parent (RCU) in v6.15 */
		OMS_FIELD_OR(struct oms_memcg_reader, kernfs_node, "parent",
			     "__parent", kn_parent, false),
		F(mem_cgroup, "memory", memcg_memory, false),
		F(page_counter, "usage", pc_usage, false),
		F(page_counter, "max", pc_max, false),
	};
	static const struct oms_field_spec memcg_optional_fields[] = {
		/* cgroup v2 has swap, v1 memsw; 6.1 has both in a union */
		OMS_FIELD_OR(struct oms_memcg_reader, mem_cgroup, "swap",
			     "memsw", memcg_swap, true),
		F(mem_cgroup, "swappiness", memcg_swappiness, true),
		F(mem_cgroup, "oom_lock", memcg_oom_lock, true),
		F(mem_cgroup, "memory_events", memcg_events, true),
	};
#undef F
	struct oms_field root_field;
	struct oms_error *err;
	uint64_t addr, root, dfl;
	uint32_t swappiness;

	*ret = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return &oms_enomem;
	r->t = t;
	err = oms_resolve_fields(t, cgroup_fields,
				 OMS_ARRAY_SIZE(cgroup_fields), r);
	if (!err)
		err = oms_enumerator(t, "memory_cgrp_id", &r->memory_cgrp_id);
	if (!err)
		err = oms_resolve_fields(t, memcg_fields,
					 OMS_ARRAY_SIZE(memcg_fields), r);
	if (err)
		goto out_free_r;
	if ((uint64_t)r->memory_cgrp_id * 8 >= r->cset_subsys.size) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "'memory_cgrp_id' %lld is past 'css_set.subsys'",
				       (long long)r->memory_cgrp_id);
		goto out_free_r;
	}
	err = oms_resolve_fields(t, memcg_optional_fields,
				 OMS_ARRAY_SIZE(memcg_optional_fields), r);
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

static struct oms_memcg *memcg_push(struct oms_memcgs *memcgs)
{
	struct oms_memcg *v;

	v = realloc(memcgs->v, (memcgs->n + 1) * sizeof(*v));
	if (!v)
		return NULL;
	memcgs->v = v;
	memset(&v[memcgs->n], 0, sizeof(v[0]));
	return &v[memcgs->n++];
}

static uint64_t read_counter(struct oms_memcg_reader *r, uint64_t pc,
			     const struct oms_field *f, struct oms_error **err)
{
	uint64_t v = 0;

	if (!*err)
		*err = oms_read_field(r->t, pc, f, &v);
	return v;
}

/* add memcg (and its ancestors) to memcgs, once */
static struct oms_error *memcg_add(struct oms_memcg_reader *r,
				   struct oms_memcgs *memcgs,
				   struct oms_warnings *w, uint64_t memcg)
{
	struct oms_error *err = NULL;
	struct oms_memcg *mc;
	uint64_t css, parent_css, pc;
	int depth;

	for (depth = 0; memcg && depth < MAX_CGROUP_DEPTH; depth++) {
		if (oms_memcg_find(memcgs, memcg))
			return NULL;
		mc = memcg_push(memcgs);
		if (!mc)
			return &oms_enomem;
		mc->addr = memcg;
		mc->on_dfl = r->on_dfl;
		mc->swappiness = r->vm_swappiness;
		css = memcg + r->memcg_css.offset;
		err = oms_read_u64(r->t, css + r->css_parent.offset, &parent_css);
		if (err) {
			oms_warn(w, "memory cgroup at 0x%llx: %s",
				 (unsigned long long)memcg, err->message);
			oms_error_destroy(err);
			return NULL;
		}
		mc->parent = parent_css ? parent_css - r->memcg_css.offset : 0;
		mc->is_root = !parent_css || memcg == r->root_memcg;
		err = css_path(r, css, mc->path, sizeof(mc->path));
		if (err) {
			oms_warn(w, "path of memory cgroup at 0x%llx: %s",
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
			oms_warn(w, "counters of memory cgroup %s at 0x%llx: %s",
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
				    struct oms_memcgs *memcgs,
				    struct oms_warnings *w, uint64_t task_addr,
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
	*memcg_ret = css - r->memcg_css.offset;
	return memcg_add(r, memcgs, w, *memcg_ret);
}

