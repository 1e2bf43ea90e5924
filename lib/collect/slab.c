// SPDX-License-Identifier: GPL-2.0
/*
 * The slab caches, as get_slabinfo() of mm/slub.c counts them for
 * /proc/slabinfo and dump_unreclaimable_slab():
 *
 *	for_each_kmem_cache_node(s, node, n) {
 *		nr_slabs += node_nr_slabs(n);		n->nr_slabs
 *		nr_objs += node_nr_objs(n);		n->total_objects
 *		nr_free += count_partial(n, count_free);
 *	}
 *	active_objs = nr_objs - nr_free;
 *
 * count_partial() walks n->partial (struct slab, linked by slab_list) and
 * adds slab->objects - slab->inuse, two bitfields of the word `counters`:
 * their bit positions come from the types (DWARF or BTF), never from the
 * version.  6.1 and 6.12 both have struct slab (d122019bf061, 5.17).
 * nr_slabs and total_objects are CONFIG_SLUB_DEBUG's (Debian: set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "object.h"
#include "slab.h"
#include "../model/vec.h"
#include "../model/warn.h"

/*
 * SLAB_RECLAIM_ACCOUNT: 6.1's include/linux/slab.h has
 *	#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t __force)0x00020000U)
 * and no enumerator; since 6.10's "mm, slab: use an enum to define SLAB_
 * cache creation flags" it is __SLAB_FLAG_BIT(_SLAB_RECLAIM_ACCOUNT),
 * 1U << an enumerator of enum _slab_flag_bits, which the types give
 */
#define SLAB_RECLAIM_ACCOUNT_DEFINE 0x00020000U

struct cache_layout {
	struct oms_field list, name, size, object_size, flags, node;
	struct oms_span span;
};

struct node_layout {
	struct oms_field nr_partial, partial, nr_slabs, total_objects;
	struct oms_span span;
};

struct slab_layout {
	struct oms_field slab_list;
	struct oms_member inuse, objects;
	uint64_t start, len;		/* the bytes read of a slab */
};

struct walk {
	const struct oms_target *t;
	struct oms_warnings *w;
	struct cache_layout c;
	struct node_layout n;
	struct slab_layout sl;
	uint64_t reclaim_flag;
	bool walk_partial;
	const struct oms_meminfo *mi;
	struct oms_object obj, nobj;
};

static struct oms_error *resolve(struct walk *wk)
{
#define C(M, L) OMS_FIELD(struct cache_layout, kmem_cache, M, L, false)
#define N(M, L, O) OMS_FIELD(struct node_layout, kmem_cache_node, M, L, O)
	static const struct oms_field_spec fields[] = {
		C("list", list), C("name", name), C("size", size),
		C("object_size", object_size), C("flags", flags),
		C("node", node),
	};
	static const struct oms_field_spec node_fields[] = {
		N("nr_partial", nr_partial, true),
		N("partial", partial, false),
		/* CONFIG_SLUB_DEBUG */
		N("nr_slabs", nr_slabs, false),
		N("total_objects", total_objects, false),
	};
#undef C
#undef N
	const struct oms_target *t = wk->t;
	struct oms_error *err;
	uint64_t end;
	int64_t bit;

	err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), &wk->c);
	if (!err)
		err = oms_resolve_fields(t, node_fields,
					 OMS_ARRAY_SIZE(node_fields), &wk->n);
	if (!err)
		err = oms_field(t, "struct slab", "slab_list",
				&wk->sl.slab_list);
	/* objects first: crash's target learns a type's bitfields from a
	 * member at an unaligned offset (extension/target_crash.c) */
	if (!err)
		err = oms_member(t, "struct slab", "objects", &wk->sl.objects);
	if (!err)
		err = oms_member(t, "struct slab", "inuse", &wk->sl.inuse);
	if (err)
		return err;
	/* two members of one word without their bits: not decodable */
	if (!wk->sl.inuse.bit_size && !wk->sl.objects.bit_size &&
	    wk->sl.inuse.offset < wk->sl.objects.offset + wk->sl.objects.size &&
	    wk->sl.objects.offset < wk->sl.inuse.offset + wk->sl.inuse.size)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"the types give no bit positions of 'slab.inuse' and 'slab.objects'");
	if (wk->sl.inuse.size > 8 || wk->sl.objects.size > 8)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'slab.inuse' or 'slab.objects' is wider than 8 bytes");
	memset(&wk->c.span, 0, sizeof(wk->c.span));
	oms_span_add(&wk->c.span, &wk->c.list);
	oms_span_add(&wk->c.span, &wk->c.name);
	oms_span_add(&wk->c.span, &wk->c.size);
	oms_span_add(&wk->c.span, &wk->c.object_size);
	oms_span_add(&wk->c.span, &wk->c.flags);
	memset(&wk->n.span, 0, sizeof(wk->n.span));
	oms_span_add(&wk->n.span, &wk->n.nr_partial);
	oms_span_add(&wk->n.span, &wk->n.partial);
	oms_span_add(&wk->n.span, &wk->n.nr_slabs);
	oms_span_add(&wk->n.span, &wk->n.total_objects);

	wk->sl.start = wk->sl.slab_list.offset;
	if (wk->sl.inuse.offset < wk->sl.start)
		wk->sl.start = wk->sl.inuse.offset;
	if (wk->sl.objects.offset < wk->sl.start)
		wk->sl.start = wk->sl.objects.offset;
	end = wk->sl.slab_list.offset + 8;
	if (wk->sl.inuse.offset + wk->sl.inuse.size > end)
		end = wk->sl.inuse.offset + wk->sl.inuse.size;
	if (wk->sl.objects.offset + wk->sl.objects.size > end)
		end = wk->sl.objects.offset + wk->sl.objects.size;
	wk->sl.len = end - wk->sl.start;
	if (wk->sl.len > 256)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'slab.slab_list' and 'slab.inuse' are %llu bytes apart",
					(unsigned long long)wk->sl.len);

	err = oms_enumerator(t, "_SLAB_RECLAIM_ACCOUNT", &bit);
	if (!err && (bit < 0 || bit > 63))
		return oms_error_create(OMS_ERR_CORRUPT,
					"'_SLAB_RECLAIM_ACCOUNT' is %lld",
					(long long)bit);
	if (!err) {
		wk->reclaim_flag = 1ull << bit;
	} else if (err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		wk->reclaim_flag = SLAB_RECLAIM_ACCOUNT_DEFINE;
	} else {
		return err;
	}
	return NULL;
}

/* a bitfield (or a plain integer) of a little-endian buffer at p */
static uint64_t bits_of(const unsigned char *p, const struct oms_member *m)
{
	uint64_t v = 0;
	uint64_t i;

	for (i = m->size; i-- > 0;)
		v = v << 8 | p[i];
	if (!m->bit_size)
		return v;
	v >>= m->bit_offset;
	return m->bit_size >= 64 ? v : v & ((1ull << m->bit_size) - 1);
}

/* count_partial(n, count_free): false (a warning said why) when the list
 * could not be walked to its end */
static bool count_partial(struct walk *wk, struct oms_slab_cache *sc, int nid,
			  uint64_t head, uint64_t first, uint64_t nr_partial,
			  uint64_t *free_ret)
{
	uint64_t limit = nr_partial + OMS_SLAB_PARTIAL_SLACK;
	uint64_t pos = first, saved = head, n = 0, power = 1, steps = 0;
	const struct slab_layout *sl = &wk->sl;
	unsigned char buf[256];
	struct oms_error *err;

	*free_ret = 0;
	while (pos != head) {
		uint64_t slab = pos - sl->slab_list.offset, objects, inuse;

		if (n >= limit) {
			oms_warn(wk->w,
				 "slab cache '%s' node %d: the partial list does not end after %llu slabs (nr_partial %llu)",
				 sc->name, nid, (unsigned long long)n,
				 (unsigned long long)nr_partial);
			return false;
		}
		err = oms_read(wk->t, slab + sl->start, buf, sl->len);
		if (err) {
			oms_warn(wk->w,
				 "slab cache '%s' node %d: cannot read 'slab' at 0x%llx of the partial list: %s",
				 sc->name, nid, (unsigned long long)slab,
				 err->message);
			oms_error_destroy(err);
			return false;
		}
		objects = bits_of(buf + (sl->objects.offset - sl->start),
				  &sl->objects);
		inuse = bits_of(buf + (sl->inuse.offset - sl->start),
				&sl->inuse);
		if (inuse > objects) {
			oms_warn(wk->w,
				 "slab cache '%s' node %d: 'slab' at 0x%llx has inuse %llu > objects %llu",
				 sc->name, nid, (unsigned long long)slab,
				 (unsigned long long)inuse,
				 (unsigned long long)objects);
			return false;
		}
		*free_ret += objects - inuse;
		memcpy(&pos, buf + (sl->slab_list.offset - sl->start), 8);
		n++;
		/* Brent's cycle check: a loop that misses the head */
		if (pos == saved && pos != head) {
			oms_warn(wk->w,
				 "slab cache '%s' node %d: the partial list loops back to 0x%llx",
				 sc->name, nid, (unsigned long long)pos);
			return false;
		}
		if (++steps == power) {
			saved = pos;
			power <<= 1;
			steps = 0;
		}
	}
	return true;
}

/* one node of get_slabinfo()'s loop */
static void read_node(struct walk *wk, struct oms_slab_cache *sc, int nid)
{
	const struct node_layout *l = &wk->n;
	uint64_t n, nr_slabs, total, nr_partial = 0, first, nr_free;
	uint64_t slot = wk->c.node.offset + (uint64_t)nid * 8;
	struct oms_error *err;

	if ((uint64_t)(nid + 1) * 8 > wk->c.node.size) {
		oms_warn(wk->w, "slab cache '%s': node %d beyond 'kmem_cache.node'",
			 sc->name, nid);
		sc->partial = true;
		return;
	}
	err = oms_read_u64(wk->t, sc->addr + slot, &n);
	if (err) {
		oms_warn(wk->w,
			 "slab cache '%s': cannot read 'kmem_cache.node[%d]' at 0x%llx: %s",
			 sc->name, nid, (unsigned long long)(sc->addr + slot),
			 err->message);
		oms_error_destroy(err);
		sc->partial = true;
		return;
	}
	if (!n)
		return;		/* for_each_kmem_cache_node() skips it */
	err = oms_object_read(wk->t, &wk->nobj, n, &l->span);
	if (err || !oms_object_get(&wk->nobj, &l->nr_slabs, &nr_slabs) ||
	    !oms_object_get(&wk->nobj, &l->total_objects, &total) ||
	    !oms_object_get_u64(&wk->nobj, l->partial.offset, &first) ||
	    (l->nr_partial.present &&
	     !oms_object_get(&wk->nobj, &l->nr_partial, &nr_partial))) {
		oms_warn(wk->w,
			 "slab cache '%s': cannot read 'kmem_cache_node' of node %d at 0x%llx: %s",
			 sc->name, nid, (unsigned long long)n,
			 err ? err->message : wk->nobj.missing_message);
		oms_error_destroy(err);
		sc->partial = true;
		return;
	}
	sc->nr_slabs += nr_slabs;
	sc->num_objs += total;
	sc->active_objs += total;
	if (!wk->walk_partial)
		return;
	if (!count_partial(wk, sc, nid, n + l->partial.offset, first,
			   nr_partial, &nr_free)) {
		sc->partial = true;
		return;
	}
	if (nr_free > total) {
		oms_warn(wk->w,
			 "slab cache '%s' node %d: %llu free objects on the partial list of %llu",
			 sc->name, nid, (unsigned long long)nr_free,
			 (unsigned long long)total);
		sc->partial = true;
		return;
	}
	sc->active_objs -= nr_free;
}

/* the cache at addr: false when its list links could not be read (the
 * walk in that direction ends there) */
static bool read_cache(struct walk *wk, struct oms_slab_cache *sc,
		       uint64_t addr, uint64_t *next_ret, uint64_t *prev_ret)
{
	const struct cache_layout *l = &wk->c;
	struct oms_error *err;
	uint64_t v, name;
	size_t i;

	memset(sc, 0, sizeof(*sc));
	sc->addr = addr;
	err = oms_object_read(wk->t, &wk->obj, addr, &l->span);
	if (err || !oms_object_get_u64(&wk->obj, l->list.offset, next_ret) ||
	    !oms_object_get_u64(&wk->obj, l->list.offset + 8, prev_ret)) {
		oms_warn(wk->w,
			 "cannot read 'kmem_cache.list' of the slab cache at 0x%llx: %s",
			 (unsigned long long)addr,
			 err ? err->message : wk->obj.missing_message);
		oms_error_destroy(err);
		return false;
	}
	if (!oms_object_get_u64(&wk->obj, l->name.offset, &name) ||
	    (err = oms_read_string(wk->t, name, sc->name, sizeof(sc->name)))) {
		snprintf(sc->name, sizeof(sc->name), "0x%llx",
			 (unsigned long long)addr);
		oms_warn(wk->w, "slab cache at 0x%llx: cannot read its name: %s",
			 (unsigned long long)addr,
			 err ? err->message : wk->obj.missing_message);
		oms_error_destroy(err);
		sc->partial = true;
	}
	if (!oms_object_get(&wk->obj, &l->size, &v)) {
		sc->partial = true;
	} else {
		sc->size = (uint32_t)v;
	}
	if (oms_object_get(&wk->obj, &l->object_size, &v))
		sc->object_size = (uint32_t)v;
	else
		sc->partial = true;
	if (oms_object_get(&wk->obj, &l->flags, &v)) {
		sc->flags = v;
		sc->reclaimable = (v & wk->reclaim_flag) != 0;
	} else {
		sc->partial = true;
	}
	if (!wk->obj.all)
		oms_warn(wk->w,
			 "slab cache '%s': cannot read 'kmem_cache' fields at 0x%llx: %s",
			 sc->name, (unsigned long long)wk->obj.missing_addr,
			 wk->obj.missing_message);
	for (i = 0; i < wk->mi->n_nodes; i++)
		read_node(wk, sc, wk->mi->nodes[i].id);
	sc->total_bytes = sc->num_objs * sc->size;
	return true;
}

enum walk_end { WALK_HEAD, WALK_BROKEN, WALK_STOPPED };

/* append the caches from the list entry pos on, along next or prev, up to
 * the head, the cache at stop, or a cache already walked; *broken_ret is
 * the cache whose links could not be read */
static enum walk_end walk_list(struct walk *wk, struct oms_slab *s,
			       uint64_t head, uint64_t pos, bool backward,
			       uint64_t stop, uint64_t *broken_ret,
			       struct oms_error **err_ret)
{
	struct oms_slab_cache *v;
	uint64_t next, prev;
	size_t i;

	while (pos != head) {
		uint64_t addr = pos - wk->c.list.offset;

		if (addr == stop)
			return WALK_STOPPED;
		if (s->n >= OMS_SLAB_MAX_CACHES) {
			oms_warn(wk->w, "the slab_caches list does not end after %zu caches",
				 s->n);
			return WALK_STOPPED;
		}
		/* a revisit: a cache already walked */
		for (i = 0; i < s->n; i++)
			if (s->v[i].addr == addr)
				break;
		if (i < s->n) {
			oms_warn(wk->w, "the slab_caches list loops back to '%s' at 0x%llx",
				 s->v[i].name, (unsigned long long)addr);
			return WALK_STOPPED;
		}
		v = oms_grow(s->v, &s->cap, s->n + 1, sizeof(*v));
		if (!v) {
			*err_ret = &oms_enomem;
			return WALK_STOPPED;
		}
		s->v = v;
		if (!read_cache(wk, &s->v[s->n], addr, &next, &prev)) {
			*broken_ret = addr;
			return WALK_BROKEN;
		}
		s->n++;
		pos = backward ? prev : next;
	}
	return WALK_HEAD;
}

struct oms_error *oms_slab_collect(const struct oms_target *t,
				   const struct oms_meminfo *mi,
				   struct oms_slab *s, struct oms_warnings *w,
				   bool walk_partial)
{
	struct walk wk = { .t = t, .w = w, .walk_partial = walk_partial,
			   .mi = mi };
	struct oms_error *err = NULL;
	uint64_t head, first, last, broken = 0;
	enum walk_end end;
	size_t i, n;

	oms_slab_deinit(s);
	if (!oms_symbol_exists(t, "slab_caches"))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no 'slab_caches' in this kernel");
	if (!mi->n_nodes)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no node of the slab caches was read");
	err = resolve(&wk);
	if (!err)
		err = oms_symbol(t, "slab_caches", &head);
	if (!err)
		err = oms_read_u64(t, head, &first);
	if (!err)
		err = oms_read_u64(t, head + 8, &last);
	if (err)
		return err;
	oms_object_init(&wk.obj);
	oms_object_init(&wk.nobj);
	s->partial_lists_walked = walk_partial;
	end = walk_list(&wk, s, head, first, false, 0, &broken, &err);
	if (end == WALK_BROKEN && !err) {
		/* the rest from the list's end back to the cache that could
		 * not be read (slab_caches.prev), put back in list order */
		n = s->n;
		end = walk_list(&wk, s, head, last, true, broken, &broken,
				&err);
		for (i = 0; i < (s->n - n) / 2; i++) {
			struct oms_slab_cache tmp = s->v[n + i];

			s->v[n + i] = s->v[s->n - 1 - i];
			s->v[s->n - 1 - i] = tmp;
		}
		oms_warn(w, "the slab_caches list: %zu caches read on backward from its end (slab_caches.prev)",
			 s->n - n);
		end = WALK_BROKEN;
	}
	s->valid = end == WALK_HEAD && !err;
	oms_object_deinit(&wk.obj);
	oms_object_deinit(&wk.nobj);
	return err;
}
