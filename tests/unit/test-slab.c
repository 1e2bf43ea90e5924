// SPDX-License-Identifier: GPL-2.0
/*
 * lib/collect/slab.c and lib/analysis/slab.c on a synthetic kernel: the
 * slab_caches walk with get_slabinfo()'s counts (the partial lists' free
 * objects read from the bitfields at the positions the types give),
 * SLAB_RECLAIM_ACCOUNT from the enumerator of 6.12 (enum _slab_flag_bits)
 * or 6.1's #define, a partial list that loops, a slab_caches list that
 * loops, a kmem_cache_node not in the dump (costs that cache only), a
 * kmem_cache not in the dump (the list read on back from its end),
 * should_dump_unreclaim_slab(), and dump_unreclaimable_slab()'s format,
 * parsed back by the OOM report parser.
 */
#include <stdlib.h>

#include "../../lib/analysis/kreport.h"
#include "../../lib/analysis/slab.h"
#include "../../lib/backend/fake.h"
#include "../../lib/collect/slab.h"
#include "tap.h"

#define KC_SIZE 96
#define KCN_SIZE 64
#define SLAB_SIZE 64

struct kernel {
	struct oms_fake *f;
	uint64_t head, cache[3], kcn[3], slab[2];
};

static void list_link(struct oms_fake *f, uint64_t entry, uint64_t next,
		      uint64_t prev)
{
	oms_fake_poke_u64(f, entry, next);
	oms_fake_poke_u64(f, entry + 8, prev);
}

static uint64_t string(struct oms_fake *f, const char *s)
{
	/* the room oms_read_string() reads at once */
	uint64_t a = oms_fake_alloc(f, OMS_SLAB_NAME_LEN);

	oms_fake_poke(f, a, s, strlen(s) + 1);
	return a;
}

/* three caches: kmalloc-64 (two partial slabs), dentry (flags 1 << 17),
 * empty (no objects); reclaim_bit < 0: no _SLAB_RECLAIM_ACCOUNT (6.1) */
static void build(struct kernel *k, int reclaim_bit)
{
	static const char *const names[3] = { "kmalloc-64", "dentry", "empty" };
	static const uint32_t sizes[3] = { 64, 192, 32 };
	static const uint64_t total[3] = { 256, 42, 0 }, slabs[3] = { 4, 2, 0 };
	struct oms_fake *f = oms_fake_create();
	int i;

	k->f = f;
	oms_fake_add_type(f, "struct kmem_cache", KC_SIZE);
	oms_fake_add_member(f, "struct kmem_cache", "list", 0, 16);
	oms_fake_add_member(f, "struct kmem_cache", "name", 16, 8);
	oms_fake_add_member(f, "struct kmem_cache", "size", 24, 4);
	oms_fake_add_member(f, "struct kmem_cache", "object_size", 28, 4);
	oms_fake_add_member(f, "struct kmem_cache", "flags", 32, 4);
	oms_fake_add_member(f, "struct kmem_cache", "node", 64, 16);
	oms_fake_add_member(f, "struct kmem_cache_node", "nr_partial", 8, 8);
	oms_fake_add_member(f, "struct kmem_cache_node", "partial", 16, 16);
	oms_fake_add_member(f, "struct kmem_cache_node", "nr_slabs", 32, 8);
	oms_fake_add_member(f, "struct kmem_cache_node", "total_objects", 40, 8);
	oms_fake_add_member(f, "struct slab", "slab_list", 8, 16);
	/* 6.1's unsigned inuse:16, objects:15, frozen:1 in counters */
	oms_fake_add_bitfield(f, "struct slab", "inuse", 40, 4, 0, 16);
	oms_fake_add_bitfield(f, "struct slab", "objects", 40, 4, 16, 15);
	if (reclaim_bit >= 0)
		oms_fake_add_enum(f, "_SLAB_RECLAIM_ACCOUNT", reclaim_bit);

	k->head = oms_fake_alloc(f, 16);
	oms_fake_add_symbol(f, "slab_caches", k->head);
	for (i = 0; i < 3; i++) {
		k->cache[i] = oms_fake_alloc(f, KC_SIZE);
		k->kcn[i] = oms_fake_alloc(f, KCN_SIZE);
	}
	for (i = 0; i < 3; i++) {
		uint64_t c = k->cache[i];

		list_link(f, c, i < 2 ? k->cache[i + 1] : k->head,
			  i ? k->cache[i - 1] : k->head);
		oms_fake_poke_u64(f, c + 16, string(f, names[i]));
		oms_fake_poke_u32(f, c + 24, sizes[i]);
		oms_fake_poke_u32(f, c + 28, sizes[i] - 8);
		oms_fake_poke_u32(f, c + 32, i == 1 ? 1u << 17 : 0x2000);
		oms_fake_poke_u64(f, c + 64, k->kcn[i]);
		oms_fake_poke_u64(f, k->kcn[i] + 32, slabs[i]);
		oms_fake_poke_u64(f, k->kcn[i] + 40, total[i]);
		/* an empty partial list */
		list_link(f, k->kcn[i] + 16, k->kcn[i] + 16, k->kcn[i] + 16);
	}
	list_link(f, k->head, k->cache[0], k->cache[2]);
	/* kmalloc-64's partial list: 10 of 64 and 60 of 64 in use, frozen
	 * set on the second (bit 31: not a part of objects) */
	for (i = 0; i < 2; i++)
		k->slab[i] = oms_fake_alloc(f, SLAB_SIZE);
	oms_fake_poke_u64(f, k->kcn[0] + 8, 2);
	list_link(f, k->kcn[0] + 16, k->slab[0] + 8, k->slab[1] + 8);
	list_link(f, k->slab[0] + 8, k->slab[1] + 8, k->kcn[0] + 16);
	list_link(f, k->slab[1] + 8, k->kcn[0] + 16, k->slab[0] + 8);
	oms_fake_poke_u32(f, k->slab[0] + 40, 64u << 16 | 10);
	oms_fake_poke_u32(f, k->slab[1] + 40, 1u << 31 | 64u << 16 | 60);
}

static void one_node(struct oms_meminfo *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->nodes = calloc(1, sizeof(*mi->nodes));
	mi->n_nodes = 1;
}

static size_t warnings_with(const struct oms_warnings *w, const char *s)
{
	size_t i, n = 0;

	for (i = 0; i < w->n; i++)
		n += strstr(w->v[i].message, s) != NULL;
	return n;
}

static void test_collect(int reclaim_bit, const char *variant)
{
	struct oms_meminfo mi;
	struct oms_warnings w = { 0 };
	struct oms_slab s = { 0 };
	struct kernel k;

	build(&k, reclaim_bit);
	one_node(&mi);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, true),
	       "%s: collect", variant);
	OK(s.valid && s.n == 3, "%s: 3 caches, list walked to its end", variant);
	IS_INT(w.n, 0, "%s: no warning", variant);
	IS_STR(s.v[0].name, "kmalloc-64", "%s: list order", variant);
	IS_INT(s.v[0].num_objs, 256, "%s: num_objs = total_objects", variant);
	IS_INT(s.v[0].nr_slabs, 4, "%s: nr_slabs", variant);
	IS_INT(s.v[0].active_objs, 256 - 54 - 4,
	       "%s: active_objs less (objects - inuse) of each partial slab",
	       variant);
	IS_INT(s.v[0].total_bytes, 256 * 64, "%s: total_bytes", variant);
	IS_INT(s.v[0].object_size, 56, "%s: object_size", variant);
	OK(!s.v[0].reclaimable, "%s: kmalloc-64 unreclaimable", variant);
	if (reclaim_bit == 17 || reclaim_bit < 0)
		OK(s.v[1].reclaimable, "%s: dentry's 1 << 17 is SLAB_RECLAIM_ACCOUNT",
		   variant);
	else
		OK(!s.v[1].reclaimable,
		   "%s: dentry's 1 << 17 is not SLAB_RECLAIM_ACCOUNT (the enumerator says %d)",
		   variant, reclaim_bit);
	oms_slab_deinit(&s);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, false),
	       "%s: collect without the partial lists", variant);
	IS_INT(s.v[0].active_objs, 256, "%s: then active_objs is num_objs",
	       variant);
	oms_slab_deinit(&s);
	oms_warnings_deinit(&w);
	oms_meminfo_deinit(&mi);
	oms_fake_destroy(k.f);
}

static void test_broken(void)
{
	struct oms_meminfo mi;
	struct oms_warnings w = { 0 };
	struct oms_slab s = { 0 };
	struct kernel k;

	/* a partial list that loops without coming back to its head */
	build(&k, 17);
	one_node(&mi);
	oms_fake_poke_u64(k.f, k.slab[1] + 8, k.slab[0] + 8);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, true),
	       "looping partial list: collect");
	OK(s.valid && s.n == 3, "looping partial list: the other caches are there");
	OK(s.v[0].partial && !s.v[1].partial && !s.v[2].partial,
	   "looping partial list: costs kmalloc-64 only");
	IS_INT(warnings_with(&w, "'kmalloc-64' node 0"), 1,
	       "looping partial list: a warning names the cache");
	oms_slab_deinit(&s);
	oms_warnings_deinit(&w);
	oms_fake_destroy(k.f);

	/* slab_caches loops back to its first cache */
	build(&k, 17);
	oms_fake_poke_u64(k.f, k.cache[2], k.cache[0]);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, true),
	       "looping slab_caches: collect");
	OK(!s.valid && s.n == 3, "looping slab_caches: ends at the revisit");
	IS_INT(warnings_with(&w, "loops back to 'kmalloc-64'"), 1,
	       "looping slab_caches: a warning names it");
	oms_slab_deinit(&s);
	oms_warnings_deinit(&w);
	oms_fake_destroy(k.f);

	/* dentry's kmem_cache is not in the dump: the list is read on
	 * backward from its end */
	build(&k, 17);
	oms_fake_add_hole(k.f, k.cache[1], KC_SIZE);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, true),
	       "a kmem_cache not in the dump: collect");
	OK(!s.valid && s.n == 2, "a kmem_cache not in the dump: the two others");
	if (s.n == 2) {
		IS_STR(s.v[0].name, "kmalloc-64", "the first before it");
		IS_STR(s.v[1].name, "empty", "the last after it, from slab_caches.prev");
	}
	IS_INT(warnings_with(&w, "read on backward"), 1,
	       "a kmem_cache not in the dump: the backward walk is said");
	oms_slab_deinit(&s);
	oms_warnings_deinit(&w);
	oms_fake_destroy(k.f);

	/* dentry's kmem_cache_node is not in the dump */
	build(&k, 17);
	oms_fake_add_hole(k.f, k.kcn[1], KCN_SIZE);
	NO_ERR(oms_slab_collect(oms_fake_target(k.f), &mi, &s, &w, true),
	       "a page not in the dump: collect");
	OK(s.valid && s.n == 3, "a page not in the dump: every cache walked");
	OK(!s.v[0].partial && s.v[1].partial && !s.v[2].partial,
	   "a page not in the dump: costs dentry only");
	IS_INT(s.v[0].active_objs, 198, "a page not in the dump: kmalloc-64 whole");
	IS_INT(warnings_with(&w, "'dentry'"), 1,
	       "a page not in the dump: a warning names the cache");
	oms_slab_deinit(&s);
	oms_warnings_deinit(&w);
	oms_meminfo_deinit(&mi);
	oms_fake_destroy(k.f);
}

static const char *const node_items[] = {
	"NR_INACTIVE_ANON", "NR_ACTIVE_ANON", "NR_INACTIVE_FILE",
	"NR_ACTIVE_FILE", "NR_UNEVICTABLE", "NR_SLAB_RECLAIMABLE_B",
	"NR_SLAB_UNRECLAIMABLE_B", "NR_ISOLATED_ANON", "NR_ISOLATED_FILE",
};

static void test_should_dump(void)
{
	int64_t v[9] = { 100, 200, 50, 50, 10, 5000, 0, 3, 2 };
	struct oms_model m;

	memset(&m, 0, sizeof(m));
	m.meminfo.node_stat = v;
	m.meminfo.node_stat_names = (const char **)node_items;
	m.meminfo.nr_node_stat = 9;
	v[6] = 415;	/* the LRU: 410, and the isolated pages, 5 */
	oms_slab_compute(&m);
	IS_INT(m.slab.lru_pages, 415, "nr_lru: the LRU lists and the isolated pages");
	OK(m.slab.counters_known && !m.slab.should_dump,
	   "unreclaimable slab = nr_lru: should_dump_unreclaim_slab() false");
	v[6] = 416;
	oms_slab_compute(&m);
	OK(m.slab.should_dump, "unreclaimable slab > nr_lru: true");
	v[1] = -7;	/* a negative atomic reads as 0 */
	oms_slab_compute(&m);
	IS_INT(m.slab.lru_pages, 215, "a negative counter counts 0");
	m.meminfo.nr_node_stat = 6;	/* no NR_SLAB_UNRECLAIMABLE_B */
	oms_slab_compute(&m);
	OK(!m.slab.counters_known && !m.slab.should_dump,
	   "without the counters: not known, false");
}

static void test_printer(void)
{
	struct oms_slab_cache c[4] = {
		{ .name = "kmalloc-64", .size = 64, .num_objs = 256,
		  .active_objs = 198, .total_bytes = 256 * 64 },
		{ .name = "dentry", .size = 192, .num_objs = 42, .active_objs = 42,
		  .reclaimable = true, .total_bytes = 42 * 192 },
		{ .name = "empty", .size = 32 },
		{ .name = "a_name_longer_than_17", .size = 4096,
		  .num_objs = 300000, .active_objs = 299999,
		  .total_bytes = 300000ull * 4096 },
	};
	struct oms_slab s = { .v = c, .n = 4 };
	struct oms_kernel_report r;
	char *text = NULL;
	size_t len = 0, idx[4];
	FILE *out = open_memstream(&text, &len);

	oms_dump_unreclaimable_slab(out, &s);
	fclose(out);
	IS_STR(text,
	       "Unreclaimable slab info:\n"
	       "Name                      Used          Total\n"
	       "kmalloc-64                12KB         16KB\n"
	       "a_name_longer_than_17    1199996KB    1200000KB\n",
	       "dump_unreclaimable_slab(): %%-17s %%10luKB %%10luKB, no reclaimable or empty cache");
	NO_ERR(oms_kreport_parse(text, len, &r), "the block parsed");
	OK(r.slab_block && r.n_slabs == 2, "two rows");
	if (r.n_slabs == 2) {
		IS_STR(r.slabs[0].name, "kmalloc-64", "row 1 name");
		IS_INT(r.slabs[0].used_kb, 12, "row 1 used");
		IS_INT(r.slabs[0].total_kb, 16, "row 1 total");
		IS_STR(r.slabs[1].name, "a_name_longer_than_17",
		       "row 2: a name past its 17 columns");
		IS_INT(r.slabs[1].used_kb, 1199996, "row 2 used");
	}
	oms_kreport_deinit(&r);
	free(text);
	oms_slab_by_bytes(&s, idx);
	OK(idx[0] == 3 && idx[1] == 0 && idx[2] == 1 && idx[3] == 2,
	   "by bytes, largest first");
}

int main(void)
{
	test_collect(17, "6.12 (_SLAB_RECLAIM_ACCOUNT 17)");
	test_collect(-1, "6.1 (no enumerator: 0x00020000)");
	test_collect(5, "an enumerator of another value");
	test_broken();
	test_should_dump();
	test_printer();
	return tap_done();
}
