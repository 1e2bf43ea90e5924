// SPDX-License-Identifier: GPL-2.0
/*
 * btf-probe: the types and symbols of a dump from the dump alone
 * (lib/backend/debuginfo/kallsyms.c, btf.c) against the debug vmlinux's
 * (dwarf.c, vmlinux.c through oms_dump_open), for tests/btf.test.
 *
 *   btf-probe [--vmlinux FILE] [--symtab] [--write-btf FILE]
 *             [--kallsyms FILE] [--naive] [--questions FILE]
 *             [--time btf|dwarf] VMCORE
 *
 * Opens the dump with the real backend, then builds kallsyms and the BTF
 * from the same dump's memory through a target that only reads memory and
 * VMCOREINFO.  The questions: every one an analysis of the dump asks
 * (oms_analyze() through a recording target, with the default options and
 * with --threads --exact-rss --top 0, as tests/fuzz/snapshot records
 * them), target-probe's, and for each struct or union asked about every
 * member of it (through its anonymous members, as a look-up finds them)
 * and its size, and for each enumerator asked every enumerator of its
 * enum; and for each name that the BTF defines more than once (a driver's
 * own struct console), the size and members of the first definition.
 * Each is asked of both; an answer that differs (a value, or found against
 * not found) prints a "mismatch" line.  Prints
 *   kallsyms	COUNT	ENCODING
 *   btf	BYTES	TYPES
 *   compared	KIND	N	MISMATCHES	NOT_FOUND_BOTH
 * for KIND symbol, member, bitfield (of the members), size, enumerator;
 *   duplicates	NAMES	QUESTIONS	SAME	LOCAL	OTHER	UNEXPLAINED
 * for the names of several definitions (see why_dup()).
 *
 * --symtab: every kallsyms symbol against the vmlinux's .symtab plus
 * KERNELOFFSET (a per-cpu one unshifted), "symtab	N	MATCHED	MISSING";
 * "absolute	N	PERCPU": N symbols of type 'A', PERCPU of them per-cpu
 * ones in .symtab (scripts/kallsyms' make_percpus_absolute() marks those
 * 'A', whatever nm said); and the name rule on every name,
 * "names	N	SAME	SEVERAL	PERCPU_LOAD	UNEXPLAINED": of the N names, how
 * many resolve to the same address as through vmlinux.c, how many differ
 * because several symbols have the name (kallsyms is in address order,
 * .symtab in link order), or because vmlinux.c takes a symbol of
 * .data..percpu at a kernel address (__per_cpu_load) for a per-cpu
 * offset, and how many for no such reason.
 * --naive: how many member answers simpler readings of the BTF would get
 * wrong (see naive() below).
 * --questions FILE: write the questions (but the duplicates') to FILE;
 * with --time, read them from it: --time btf builds kallsyms and the BTF
 * and answers them, --time dwarf answers them through the vmlinux, and
 * each prints how long that took.
 * --write-btf FILE: the blob read from the dump; --kallsyms FILE: "TYPE
 * NAME" of every symbol.
 *
 * Exit 0 when nothing differs, 1 when something does, 2 on bad usage or
 * a dump that cannot be opened or decoded.
 */
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "../../lib/backend/debuginfo/btf.h"
#include "../../lib/backend/debuginfo/debuginfo.h"
#include "../../lib/backend/debuginfo/kallsyms.h"
#include "../../lib/backend/dump/dump.h"
#include "../../lib/oomscan.h"

enum kind { SYMBOL, MEMBER, SIZE, ENUMERATOR, NKINDS };
static const char *const kind_names[] = { "symbol", "member", "size",
					  "enumerator" };

struct question {
	enum kind kind;
	char *key, *key2;
	bool dup;	/* asked for a name the BTF defines more than once */
};

static bool asking_dups;

static struct {
	struct question *v;
	size_t n, cap;
	struct oms_strmap seen;
	char **keys;		/* the keys of seen, to free */
	size_t nkeys, keys_cap;
} questions;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "btf-probe: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* remember a question once */
static void ask(enum kind kind, const char *key, const char *key2)
{
	char *k;
	uint64_t v;

	if (asprintf(&k, "%d|%s|%s", kind, key, key2) < 0)
		exit(2);
	if (oms_strmap_get(&questions.seen, k, &v)) {
		free(k);
		return;
	}
	if (!oms_strmap_put(&questions.seen, k, 0, false))
		exit(2);
	if (questions.nkeys == questions.keys_cap) {
		questions.keys_cap = questions.keys_cap * 2 + 64;
		questions.keys = xrealloc(questions.keys, questions.keys_cap *
							  sizeof(char *));
	}
	questions.keys[questions.nkeys++] = k;
	if (questions.n == questions.cap) {
		questions.cap = questions.cap * 2 + 64;
		questions.v = xrealloc(questions.v,
				       questions.cap * sizeof(*questions.v));
	}
	questions.v[questions.n++] = (struct question){ kind, xstrdup(key),
							xstrdup(key2),
							asking_dups };
}

/* --- the recording target: the questions an analysis asks ------------- */

static const struct oms_target *inner;

static struct oms_error *rec_read(void *priv, uint64_t addr, void *buf,
				  size_t len)
{
	(void)priv;
	return oms_read(inner, addr, buf, len);
}

static struct oms_error *rec_symbol(void *priv, const char *name,
				    uint64_t *addr_ret)
{
	(void)priv;
	ask(SYMBOL, name, "");
	return oms_symbol(inner, name, addr_ret);
}

static struct oms_error *rec_member(void *priv, const char *type,
				    const char *member, struct oms_member *ret)
{
	(void)priv;
	ask(MEMBER, type, member);
	return inner->ops->member(inner->priv, type, member, ret);
}

static struct oms_error *rec_type_size(void *priv, const char *type,
				       uint64_t *size_ret)
{
	(void)priv;
	ask(SIZE, type, "");
	return oms_type_size(inner, type, size_ret);
}

static struct oms_error *rec_enumerator(void *priv, const char *name,
					int64_t *value_ret)
{
	(void)priv;
	ask(ENUMERATOR, name, "");
	return oms_enumerator(inner, name, value_ret);
}

static struct oms_error *rec_vmcoreinfo(void *priv, const char *key,
					char **value_ret)
{
	(void)priv;
	return oms_vmcoreinfo(inner, key, value_ret);
}

static const struct oms_target_ops rec_ops = {
	.read = rec_read,
	.symbol = rec_symbol,
	.member = rec_member,
	.type_size = rec_type_size,
	.enumerator = rec_enumerator,
	.vmcoreinfo = rec_vmcoreinfo,
};

/* --- the target kallsyms and the BTF are built from: memory alone ----- */

static unsigned misuse;
static double kallsyms_seconds;
static size_t duplicates;	/* names of several definitions in the BTF */
static size_t dup_questions, dup_same, dup_local, dup_other, dup_unexplained;

static struct oms_error *no_types(void)
{
	misuse++;
	return oms_error_create(OMS_ERR_USAGE,
				"the memory-only target has no symbols or types");
}

static struct oms_error *mem_symbol(void *priv, const char *name,
				    uint64_t *addr_ret)
{
	(void)priv, (void)name, (void)addr_ret;
	return no_types();
}

static struct oms_error *mem_member(void *priv, const char *type,
				    const char *member, struct oms_member *ret)
{
	(void)priv, (void)type, (void)member, (void)ret;
	return no_types();
}

static struct oms_error *mem_type_size(void *priv, const char *type,
				       uint64_t *size_ret)
{
	(void)priv, (void)type, (void)size_ret;
	return no_types();
}

static struct oms_error *mem_enumerator(void *priv, const char *name,
					int64_t *value_ret)
{
	(void)priv, (void)name, (void)value_ret;
	return no_types();
}

static const struct oms_target_ops mem_ops = {
	.read = rec_read,
	.symbol = mem_symbol,
	.member = mem_member,
	.type_size = mem_type_size,
	.enumerator = mem_enumerator,
	.vmcoreinfo = rec_vmcoreinfo,
};

/* --- the questions ------------------------------------------------------ */

/* target-probe's fixed list (tests/tools/target-probe.c), and some that
 * no kernel has */
static const char *const fixed_members[][2] = {
	{ "struct task_struct", "sched_reset_on_fork" },
	{ "struct task_struct", "in_execve" },
	{ "struct mm_struct", "mmap_base" },
	{ "struct mm_struct", "no_such_member" },
	{ "struct page", "_mapcount" },
	{ "struct no_such_struct", "x" },
	{ "struct pglist_data", "node_zones.name" },
	{ "pg_data_t", "node_id" },
};
static const char *const fixed_sizes[] = {
	"struct task_struct", "struct mm_struct", "struct zone",
	"struct pglist_data", "struct free_area", "struct page",
	"struct printk_info", "struct prb_desc", "struct mem_cgroup",
	"enum zone_type", "atomic_long_t", "unsigned long", "int", "char",
	"struct task_struct *", "struct no_such_struct", "bool",
	"unsigned long long", "enum no_such_enum",
};
static const char *const fixed_enums[] = {
	"NR_FREE_PAGES", "MIGRATE_TYPES", "MM_SHMEMPAGES", "ZONE_DMA32",
	"ZONE_NORMAL", "NR_VM_ZONE_STAT_ITEMS", "NR_VM_NODE_STAT_ITEMS",
	"NR_MM_COUNTERS", "MIGRATE_MOVABLE", "PG_slab", "__NR_PAGEFLAGS",
	"MEMCG_SWAP", "MEMCG_OOM_KILL", "NO_SUCH_ENUMERATOR",
};
static const char *const fixed_symbols[] = {
	"init_task", "init_uts_ns", "__per_cpu_offset", "nr_cpu_ids",
	"vm_zone_stat", "node_data", "prb", "current_task", "pcpu_hot",
	"runqueues", "_stext", "__start_BTF", "__stop_BTF", "no_such_symbol",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void record_analysis(const struct oms_target *t)
{
	struct oms_target rec = { .ops = &rec_ops };
	struct oms_options o;
	struct oms_model m;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		oms_options_init(&o);
		if (pass) {
			o.all_threads = true;
			o.exact_rss = true;
			o.top_n = 0;
		}
		oms_model_init(&m);
		oms_error_destroy(oms_analyze(&rec, &o, &m));
		oms_model_deinit(&m);
	}
	(void)t;
}

static void add_fixed(void)
{
	size_t i;

	for (i = 0; i < N(fixed_members); i++)
		ask(MEMBER, fixed_members[i][0], fixed_members[i][1]);
	for (i = 0; i < N(fixed_sizes); i++)
		ask(SIZE, fixed_sizes[i], "");
	for (i = 0; i < N(fixed_enums); i++)
		ask(ENUMERATOR, fixed_enums[i], "");
	for (i = 0; i < N(fixed_symbols); i++)
		ask(SYMBOL, fixed_symbols[i], "");
}

/* every member a look-up of struct or union t can find, prefix.NAME */
static void all_members(const struct btf *btf, const char *type,
			const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_members(t);
	uint16_t i, n = btf_vlen(t);

	if (depth > 16)
		return;
	for (i = 0; i < n; i++) {
		const char *name = btf__name_by_offset(btf, m[i].name_off);
		const struct btf_type *sub;
		uint32_t id = m[i].type;

		if (name && *name) {
			ask(MEMBER, type, name);
			continue;
		}
		for (sub = btf__type_by_id(btf, id);
		     sub && (btf_is_mod(sub) || btf_is_typedef(sub));
		     sub = btf__type_by_id(btf, id))
			id = sub->type;
		if (sub && btf_is_composite(sub))
			all_members(btf, type, sub, depth + 1);
	}
}

/* every enumerator of the first enum that has name */
static void all_enumerators(const struct btf *btf, const char *name)
{
	uint32_t id, n = btf__type_cnt(btf);
	uint16_t i;

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		bool has = false;

		if (!btf_is_any_enum(t))
			continue;
		for (i = 0; i < btf_vlen(t) && !has; i++)
			has = !strcmp(name, btf__name_by_offset(btf,
				btf_is_enum(t) ? btf_enum(t)[i].name_off :
						 btf_enum64(t)[i].name_off));
		if (!has)
			continue;
		for (i = 0; i < btf_vlen(t); i++)
			ask(ENUMERATOR, btf__name_by_offset(btf,
				btf_is_enum(t) ? btf_enum(t)[i].name_off :
						 btf_enum64(t)[i].name_off), "");
		return;
	}
}

static void add_extras(const struct oms_btf *b)
{
	const struct btf *btf = oms_btf_libbpf(b);
	size_t i, n = questions.n;

	for (i = 0; i < n; i++) {
		struct question q = questions.v[i];
		const struct btf_type *t;
		uint32_t id;

		if (q.kind == ENUMERATOR) {
			all_enumerators(btf, q.key);
			continue;
		}
		if (q.kind != MEMBER)
			continue;
		ask(SIZE, q.key, "");
		id = oms_btf_type_id(b, q.key);
		for (t = id ? btf__type_by_id(btf, id) : NULL;
		     t && (btf_is_mod(t) || btf_is_typedef(t));
		     t = btf__type_by_id(btf, id))
			id = t->type;
		if (t && btf_is_composite(t))
			all_members(btf, questions.v[i].key, t, 0);
	}
}

/* the names of which the BTF has several definitions (a struct console
 * of the kernel's and one of a driver's): the size of each, and every
 * member of the first, so that the choice of the first is checked */
static void add_duplicates(const struct oms_btf *b)
{
	const struct btf *btf = oms_btf_libbpf(b);
	uint32_t id, n = btf__type_cnt(btf);
	struct oms_strmap seen;
	char **keys = NULL;
	size_t nkeys = 0, i;

	oms_strmap_init(&seen);
	keys = xrealloc(NULL, n * sizeof(*keys));
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);
		const char *prefix = btf_is_struct(t) ? "struct " :
				     btf_is_union(t) ? "union " :
				     btf_is_any_enum(t) && btf_vlen(t) ? "enum " :
				     btf_is_typedef(t) ? "" : NULL;
		uint64_t count;
		char *key;

		if (!prefix || !name || !*name)
			continue;
		if (asprintf(&key, "%s%s", prefix, name) < 0)
			exit(2);
		if (!oms_strmap_get(&seen, key, &count)) {
			keys[nkeys++] = key;
			oms_strmap_put(&seen, key, 1, false);
			continue;
		}
		if (count == 1) {
			const struct btf_type *first;

			ask(SIZE, key, "");
			duplicates++;
			first = btf__type_by_id(btf, oms_btf_type_id(b, key));
			if (first && btf_is_composite(first))
				all_members(btf, key, first, 0);
		}
		oms_strmap_put(&seen, key, count + 1, true);
		free(key);
	}
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	oms_strmap_deinit(&seen);
}

/* --- asking both -------------------------------------------------------- */

struct answer {
	int code;	/* 0, or the error's code */
	struct oms_member m;	/* MEMBER */
	uint64_t u;	/* SYMBOL, SIZE, ENUMERATOR */
	char *message;
};

static void answer_of(struct answer *a, struct oms_error *err)
{
	a->code = err ? (int)err->code : 0;
	a->message = xstrdup(err ? err->message : "");
	oms_error_destroy(err);
}

static void ask_dwarf(const struct oms_target *t, const struct question *q,
		      struct answer *a)
{
	memset(a, 0, sizeof(*a));
	switch (q->kind) {
	case SYMBOL:
		answer_of(a, oms_symbol(t, q->key, &a->u));
		break;
	case MEMBER:
		answer_of(a, t->ops->member(t->priv, q->key, q->key2, &a->m));
		break;
	case SIZE:
		answer_of(a, oms_type_size(t, q->key, &a->u));
		break;
	default:
		answer_of(a, oms_enumerator(t, q->key, (int64_t *)&a->u));
	}
}

static void ask_btf(const struct oms_kallsyms *ks, const struct oms_btf *b,
		    const struct question *q, struct answer *a)
{
	memset(a, 0, sizeof(*a));
	switch (q->kind) {
	case SYMBOL:
		answer_of(a, oms_kallsyms_lookup(ks, q->key, &a->u));
		break;
	case MEMBER:
		answer_of(a, oms_btf_member(b, q->key, q->key2, &a->m));
		break;
	case SIZE:
		answer_of(a, oms_btf_type_size(b, q->key, &a->u));
		break;
	default:
		answer_of(a, oms_btf_enumerator(b, q->key, (int64_t *)&a->u));
	}
}

static bool same(const struct question *q, const struct answer *x,
		 const struct answer *y)
{
	/* of an error, its code: dwarf.c's message for a type that is not
	 * there is "no type 'T'" the first time, "no member 'T.M'" once its
	 * type cache has the answer */
	if (x->code != y->code)
		return false;
	if (x->code)
		return true;
	if (q->kind == MEMBER)
		return x->m.offset == y->m.offset && x->m.size == y->m.size &&
		       x->m.bit_offset == y->m.bit_offset &&
		       x->m.bit_size == y->m.bit_size;
	return x->u == y->u;
}

static void print_answer(const struct question *q, const struct answer *a)
{
	if (a->code)
		printf("error %d (%s)", a->code, a->message);
	else if (q->kind == MEMBER)
		printf("offset %" PRIu64 " size %" PRIu64 " bit_offset %u bit_size %u",
		       a->m.offset, a->m.size, a->m.bit_offset, a->m.bit_size);
	else if (q->kind == ENUMERATOR)
		printf("%" PRId64, (int64_t)a->u);
	else
		printf("0x%" PRIx64, a->u);
}

/* --- --naive: what a simpler reading of the BTF gets wrong ------------- */

/*
 * Ways of reading a member that a first probe may take, each compared
 * with dwarf.c's answer, to tell which one explains a difference:
 *   relative   a member of an anonymous struct or union at its offset in
 *              that anonymous member, not in the outer type
 *   raw-bits   a bitfield at its byte (bit offset / 8) and the bits past
 *              it, not in the storage unit of its type's size
 *   type-size  a bitfield's size as its type's, also where it crosses the
 *              storage unit of that size and dwarf.c gives the bytes it
 *              spans
 *   element    an array's size as its element's, not the whole array's
 *   no-descent no look into anonymous members at all
 * Only kind_flag bitfields (pahole writes no others for the kernel).
 */
enum naive { RELATIVE, RAW_BITS, TYPE_SIZE, ELEMENT, NO_DESCENT, NNAIVE };
static const char *const naive_names[] = { "relative", "raw-bits",
					   "type-size", "element",
					   "no-descent" };

static const struct btf_type *naive_peel(const struct btf *btf, uint32_t *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);
	int i;

	for (i = 0; i < 32 && t && (btf_is_mod(t) || btf_is_typedef(t)); i++) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

/* dwarf.c's storage unit of a bitfield at bit off of width bits */
static void storage_unit(uint64_t off, uint32_t bits, uint64_t size,
			 struct oms_member *ret)
{
	if (!size || size > 8)
		size = 1;
	ret->offset = off / (size * 8) * size;
	if (off - ret->offset * 8 + bits > size * 8) {
		ret->offset = off / 8;
		size = (off % 8 + bits + 7) / 8;
	}
	ret->size = size;
	ret->bit_offset = (uint32_t)(off - ret->offset * 8);
	ret->bit_size = bits;
}

static bool naive_find(const struct btf *btf, const struct btf_type *t,
		       const char *name, uint64_t base, enum naive how,
		       struct oms_member *ret, int depth)
{
	const struct btf_member *m = btf_members(t);
	uint16_t i;

	for (i = 0; i < btf_vlen(t) && depth < 16; i++) {
		const char *n = btf__name_by_offset(btf, m[i].name_off);
		uint32_t id = m[i].type, bits = btf_member_bitfield_size(t, i);
		uint64_t off = btf_member_bit_offset(t, i);
		const struct btf_type *sub = naive_peel(btf, &id);
		int64_t size;

		if (!n || !*n) {
			if (how == NO_DESCENT || !sub || !btf_is_composite(sub))
				continue;
			if (naive_find(btf, sub, name, how == RELATIVE ? 0 :
				       base + off / 8, how, ret, depth + 1))
				return true;
			continue;
		}
		if (strcmp(n, name))
			continue;
		size = btf__resolve_size(btf, m[i].type);
		if (how == ELEMENT && sub && btf_is_array(sub))
			size = btf__resolve_size(btf, btf_array(sub)->type);
		memset(ret, 0, sizeof(*ret));
		if (!bits) {
			ret->offset = base + off / 8;
			ret->size = size < 0 ? 0 : (uint64_t)size;
		} else if (how == RAW_BITS) {
			ret->offset = base + off / 8;
			ret->size = size < 0 ? 0 : (uint64_t)size;
			ret->bit_offset = (uint32_t)(off % 8);
			ret->bit_size = bits;
		} else {
			storage_unit(base * 8 + off, bits,
				     size < 0 ? 0 : (uint64_t)size, ret);
			if (how == TYPE_SIZE)
				ret->size = size < 0 ? 0 : (uint64_t)size;
		}
		return true;
	}
	return false;
}

/* how many of the member questions each naive reading answers otherwise
 * than dwarf.c, the bitfields among them apart */
static void naive(const struct oms_target *t, const struct oms_btf *b)
{
	const struct btf *btf = oms_btf_libbpf(b);
	size_t n = 0, nbits = 0, bad[NNAIVE] = { 0 }, badbits[NNAIVE] = { 0 },
	       i, k;

	for (i = 0; i < questions.n; i++) {
		const struct question *q = &questions.v[i];
		const struct btf_type *bt;
		struct answer d;
		uint32_t id;

		if (q->kind != MEMBER || strchr(q->key2, '.'))
			continue;
		ask_dwarf(t, q, &d);
		free(d.message);
		if (d.code)
			continue;
		id = oms_btf_type_id(b, q->key);
		bt = id ? naive_peel(btf, &id) : NULL;
		if (!bt || !btf_is_composite(bt))
			continue;
		n++;
		nbits += d.m.bit_size != 0;
		for (k = 0; k < NNAIVE; k++) {
			struct oms_member m;
			bool ok = naive_find(btf, bt, q->key2, 0, (enum naive)k,
					     &m, 0) &&
				  m.offset == d.m.offset && m.size == d.m.size &&
				  m.bit_offset == d.m.bit_offset &&
				  m.bit_size == d.m.bit_size;

			bad[k] += !ok;
			badbits[k] += !ok && d.m.bit_size;
		}
	}
	for (k = 0; k < NNAIVE; k++)
		printf("naive\t%s\t%zu of %zu members differ\t%zu of %zu bitfields\n",
		       naive_names[k], bad[k], n, badbits[k], nbits);
}

/*
 * Why dwarf.c answers a question about a name that the BTF defines more
 * than once otherwise than btf.c: "local" when dwarf.c has no such type
 * (it looks at the top level of each unit; the BTF has the types of
 * function bodies too: struct syscall_tp_t in perf_call_bpf_enter()),
 * "other" when dwarf.c's type has the size of one of the BTF's other
 * definitions (another file's struct of the name came first in
 * .debug_info than in the BTF's order); NULL for no such reason
 */
static const char *why_dup(const struct oms_target *t, const struct oms_btf *b,
			   const struct question *q)
{
	const struct btf *btf = oms_btf_libbpf(b);
	struct question sq = { SIZE, q->key, (char *)"", true };
	uint32_t id, first = oms_btf_type_id(b, q->key), n = btf__type_cnt(btf);
	const char *name = q->key;
	struct answer d;
	int kind = BTF_KIND_TYPEDEF;

	ask_dwarf(t, &sq, &d);
	free(d.message);
	if (d.code == OMS_ERR_NOT_FOUND)
		return "local";
	if (d.code)
		return NULL;
	if (!strncmp(name, "struct ", 7))
		kind = BTF_KIND_STRUCT, name += 7;
	else if (!strncmp(name, "union ", 6))
		kind = BTF_KIND_UNION, name += 6;
	else if (!strncmp(name, "enum ", 5))
		kind = BTF_KIND_ENUM, name += 5;
	for (id = 1; id < n; id++) {
		const struct btf_type *bt = btf__type_by_id(btf, id);
		int k = btf_kind(bt) == BTF_KIND_ENUM64 ? BTF_KIND_ENUM :
							  btf_kind(bt);

		if (id != first && k == kind &&
		    !strcmp(btf__name_by_offset(btf, bt->name_off), name) &&
		    btf__resolve_size(btf, id) == (int64_t)d.u)
			return "other";
	}
	return NULL;
}

static int compare(const struct oms_target *t, const struct oms_kallsyms *ks,
		   const struct oms_btf *b)
{
	size_t n[NKINDS + 1] = { 0 }, bad[NKINDS + 1] = { 0 },
	       missing[NKINDS + 1] = { 0 }, i, k;

	for (i = 0; i < questions.n; i++) {
		const struct question *q = &questions.v[i];
		struct answer d, x;
		bool ok;

		ask_dwarf(t, q, &d);
		ask_btf(ks, b, q, &x);
		ok = same(q, &d, &x);
		k = q->kind;
		if (q->dup) {
			const char *why = ok ? NULL : why_dup(t, b, q);

			dup_questions++;
			dup_same += ok;
			dup_local += why && !strcmp(why, "local");
			dup_other += why && !strcmp(why, "other");
			dup_unexplained += !ok && !why;
			if (!ok) {
				printf("dup-mismatch\t%s\t%s%s%s\t%s\tdwarf: ",
				       kind_names[k], q->key, *q->key2 ? "." : "",
				       q->key2, why ? why : "unexplained");
				print_answer(q, &d);
				printf("\tbtf: ");
				print_answer(q, &x);
				printf("\n");
			}
			free(d.message);
			free(x.message);
			continue;
		}
		n[k]++;
		bad[k] += !ok;
		missing[k] += d.code == OMS_ERR_NOT_FOUND && ok;
		/* the bitfields among the members */
		if (q->kind == MEMBER && !d.code && d.m.bit_size) {
			n[NKINDS]++;
			bad[NKINDS] += !ok;
		}
		if (!ok) {
			printf("mismatch\t%s\t%s%s%s\tdwarf: ", kind_names[k],
			       q->key, *q->key2 ? "." : "", q->key2);
			print_answer(q, &d);
			printf("\tbtf: ");
			print_answer(q, &x);
			printf("\n");
		}
		free(d.message);
		free(x.message);
	}
	for (k = 0; k < NKINDS; k++)
		printf("compared\t%s\t%zu\t%zu\t%zu\n", kind_names[k], n[k],
		       bad[k], missing[k]);
	printf("compared\tbitfield\t%zu\t%zu\t0\n", n[NKINDS], bad[NKINDS]);
	printf("duplicates\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\n", duplicates,
	       dup_questions, dup_same, dup_local, dup_other, dup_unexplained);
	for (k = 0; k < NKINDS; k++)
		if (bad[k])
			return 1;
	return dup_unexplained ? 1 : 0;
}

/* --- the whole kallsyms against .symtab --------------------------------- */

struct symtab_entry {
	uint64_t value;
	bool percpu;
	size_t next;	/* the next entry of the name + 1, 0 at the end */
};

static int compare_symtab(const struct oms_target *t,
			  const struct oms_kallsyms *ks, const char *path)
{
	struct symtab_entry *e = NULL;
	struct oms_strmap first;
	size_t i, nsyms = 0, percpu_shndx = 0, shstrndx, matched = 0,
	       missing = 0, shown = 0, shown_rule = 0, names = 0,
	       same_rule = 0;
	struct oms_strmap done, load;
	size_t rule_several = 0, rule_load = 0, rule_other = 0, absolute = 0,
	       absolute_percpu = 0;
	uint64_t kaslr = 0, percpu_size = 0, head;
	const char *why;
	Elf_Scn *scn = NULL, *symscn = NULL;
	Elf_Data *data = NULL;
	GElf_Shdr shdr, symshdr = { 0 };
	char *v;
	Elf *elf;
	int fd;

	if (oms_ok(oms_vmcoreinfo(t, "KERNELOFFSET", &v))) {
		kaslr = strtoull(v, NULL, 16);
		free(v);
	}
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY);
	elf = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		fprintf(stderr, "btf-probe: cannot read '%s' as ELF\n", path);
		return 2;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (name && !strcmp(name, ".data..percpu")) {
			percpu_shndx = elf_ndxscn(scn);
			percpu_size = shdr.sh_size;
		}
		if (shdr.sh_type == SHT_SYMTAB) {
			symscn = scn;
			symshdr = shdr;
		}
	}
	if (symscn)
		data = elf_getdata(symscn, NULL);
	if (!data || !symshdr.sh_entsize) {
		fprintf(stderr, "btf-probe: '%s' has no .symtab\n", path);
		return 2;
	}
	nsyms = symshdr.sh_size / symshdr.sh_entsize;
	e = xrealloc(NULL, (nsyms + 1) * sizeof(*e));
	oms_strmap_init(&first);
	oms_strmap_init(&done);
	oms_strmap_init(&load);
	/* in reverse, so that each chain is in .symtab order */
	for (i = nsyms; i-- > 1;) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, (int)i, &sym) ||
		    sym.st_shndx == SHN_UNDEF ||
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
		    GELF_ST_TYPE(sym.st_info) == STT_FILE)
			continue;
		name = elf_strptr(elf, symshdr.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		e[i].value = sym.st_value;
		/* an offset into a CPU's area; a symbol of .data..percpu
		 * at a kernel address (__per_cpu_load, __init_begin: where
		 * the linker script loads the section) is not one, though
		 * vmlinux.c's rule takes it for one */
		e[i].percpu = percpu_shndx && sym.st_shndx == percpu_shndx &&
			      sym.st_value <= percpu_size;
		if (percpu_shndx && sym.st_shndx == percpu_shndx &&
		    !e[i].percpu) {
			printf("percpu-load\t%s\t0x%" PRIx64 "\n", name,
			       sym.st_value);
			oms_strmap_put(&load, name, 0, false);
		}
		e[i].next = oms_strmap_get(&first, name, &head) ? head : 0;
		oms_strmap_put(&first, name, i + 1, true);
	}
	for (i = 0; i < oms_kallsyms_count(ks); i++) {
		struct oms_kallsyms_symbol s;
		uint64_t j = 0, want, dwarf = 0;
		bool found = false, percpu = false;

		oms_kallsyms_get(ks, i, &s);
		oms_strmap_get(&first, s.name, &j);
		for (; j && !found; j = e[j - 1].next) {
			want = e[j - 1].value + (e[j - 1].percpu ? 0 : kaslr);
			found = want == s.address;
			percpu = e[j - 1].percpu;
		}
		if (s.type == 'A') {
			absolute++;
			absolute_percpu += found && percpu;
		}
		if (found) {
			matched++;
		} else {
			missing++;
			if (shown++ < 20)
				printf("symtab-mismatch\t%c %s\t0x%" PRIx64 "\n",
				       s.type, s.name, s.address);
		}
		/* the name rule, once a name: kallsyms' choice and vmlinux.c's */
		if (oms_strmap_get(&done, s.name, &j) ||
		    !oms_strmap_put(&done, s.name, 0, false) ||
		    !oms_ok(oms_kallsyms_lookup(ks, s.name, &want)))
			continue;
		names++;
		if (oms_ok(oms_symbol(t, s.name, &dwarf)) && dwarf == want) {
			same_rule++;
			continue;
		}
		/* explained: a name of several symbols (kallsyms is in
		 * address order, .symtab in link order: "the first static"
		 * is not the same one), or one of those above */
		oms_strmap_get(&first, s.name, &j);
		if (oms_strmap_get(&load, s.name, &head)) {
			why = "percpu-load";
			rule_load++;
		} else if (j && e[j - 1].next) {
			why = "several";
			rule_several++;
		} else {
			why = "unexplained";
			rule_other++;
		}
		if (shown_rule++ < 20 || !strcmp(why, "unexplained"))
			printf("name-rule\t%s\t%s\tkallsyms 0x%" PRIx64 "\tvmlinux 0x%" PRIx64 "\n",
			       s.name, why, want, dwarf);
	}
	printf("symtab\t%zu\t%zu\t%zu\n", oms_kallsyms_count(ks), matched,
	       missing);
	printf("absolute\t%zu\t%zu\n", absolute, absolute_percpu);
	printf("names\t%zu\t%zu\t%zu\t%zu\t%zu\n", names, same_rule,
	       rule_several, rule_load, rule_other);
	oms_strmap_deinit(&done);
	oms_strmap_deinit(&load);
	oms_strmap_deinit(&first);
	free(e);
	elf_end(elf);
	close(fd);
	return missing || rule_other ? 1 : 0;
}

/* --- --questions, --time: the same questions, timed ---------------------- */



/* the questions but the duplicates', "KIND<TAB>KEY<TAB>KEY2" */
static bool save_questions(const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return false;
	for (i = 0; i < questions.n; i++)
		if (!questions.v[i].dup)
			fprintf(f, "%d\t%s\t%s\n", questions.v[i].kind,
				questions.v[i].key, questions.v[i].key2);
	return !fclose(f);
}

static bool load_questions(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], *key, *key2;

	if (!f)
		return false;
	oms_strmap_init(&questions.seen);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		key = strchr(line, '\t');
		key2 = key ? strchr(key + 1, '\t') : NULL;
		if (!key2 || line[0] < '0' || line[0] >= '0' + NKINDS)
			continue;
		*key++ = '\0';
		*key2++ = '\0';
		ask((enum kind)(line[0] - '0'), key, key2);
	}
	fclose(f);
	return true;
}

/* answer the questions through the vmlinux (dwarf.c, .symtab) alone */
static int time_dwarf(const char *path)
{
	double t0 = now();
	size_t i;

	if (!path || !load_questions(path))
		return 2;
	for (i = 0; i < questions.n; i++) {
		struct answer d;

		ask_dwarf(inner, &questions.v[i], &d);
		free(d.message);
	}
	printf("seconds\t%.3f\tquestions\t%zu\n", now() - t0, questions.n);
	return 0;
}

/* --- main --------------------------------------------------------------- */


static struct oms_error *build(const struct oms_target *mem,
			       struct oms_kallsyms **ks, struct oms_btf **b,
			       size_t *size_ret)
{
	uint64_t start, stop;
	struct oms_error *err;
	double t0 = now();
	void *blob;
	size_t size;

	err = oms_kallsyms_create(mem, ks);
	if (err)
		return err;
	kallsyms_seconds = now() - t0;
	err = oms_kallsyms_lookup(*ks, "__start_BTF", &start);
	if (!err)
		err = oms_kallsyms_lookup(*ks, "__stop_BTF", &stop);
	if (!err)
		err = oms_btf_read(mem, start, stop, &blob, &size);
	if (err)
		return err;
	err = oms_btf_create(blob, size, b);
	free(blob);
	*size_ret = size;
	return err;
}

static int write_blob(const struct oms_target *mem,
		      const struct oms_kallsyms *ks, const char *path)
{
	uint64_t start, stop;
	struct oms_error *err;
	void *blob;
	size_t size;
	FILE *f;

	err = oms_kallsyms_lookup(ks, "__start_BTF", &start);
	if (!err)
		err = oms_kallsyms_lookup(ks, "__stop_BTF", &stop);
	if (!err)
		err = oms_btf_read(mem, start, stop, &blob, &size);
	if (err) {
		fprintf(stderr, "btf-probe: %s\n", err->message);
		oms_error_destroy(err);
		return 2;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(blob, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "btf-probe: cannot write '%s'\n", path);
		free(blob);
		return 2;
	}
	free(blob);
	return 0;
}

static int write_names(const struct oms_kallsyms *ks, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return 2;
	for (i = 0; i < oms_kallsyms_count(ks); i++) {
		struct oms_kallsyms_symbol s;

		oms_kallsyms_get(ks, i, &s);
		fprintf(f, "%c %s\n", s.type, s.name);
	}
	return fclose(f) ? 2 : 0;
}

int main(int argc, char **argv)
{
	struct oms_dump_options opts = { 0 };
	const char *blob_path = NULL, *names_path = NULL;
	struct oms_target mem = { .ops = &mem_ops };
	struct oms_kallsyms *ks = NULL;
	struct oms_btf *b = NULL;
	bool symtab = false, naive_too = false;
	const char *timing = NULL, *questions_path = NULL;
	struct oms_error *err;
	struct oms_dump *d;
	int a = 1, status = 0;
	double t0, t1;
	size_t i, size = 0;

	for (; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--vmlinux") && a + 1 < argc)
			opts.vmlinux = argv[++a];
		else if (!strcmp(argv[a], "--write-btf") && a + 1 < argc)
			blob_path = argv[++a];
		else if (!strcmp(argv[a], "--kallsyms") && a + 1 < argc)
			names_path = argv[++a];
		else if (!strcmp(argv[a], "--symtab"))
			symtab = true;
		else if (!strcmp(argv[a], "--naive"))
			naive_too = true;
		else if (!strcmp(argv[a], "--questions") && a + 1 < argc)
			questions_path = argv[++a];
		else if (!strcmp(argv[a], "--time") && a + 1 < argc)
			timing = argv[++a];
		else
			break;
	}
	if (a + 1 != argc) {
		fprintf(stderr,
			"usage: btf-probe [--vmlinux FILE] [--symtab] [--write-btf FILE] [--kallsyms FILE] [--naive] [--questions FILE] [--time btf|dwarf] VMCORE\n");
		return 2;
	}
	err = oms_dump_open(argv[a], &opts, &d);
	if (err) {
		fprintf(stderr, "btf-probe: %s\n", err->message);
		oms_error_destroy(err);
		return 2;
	}
	inner = oms_dump_target(d);
	if (timing && !strcmp(timing, "dwarf")) {
		status = time_dwarf(questions_path);
		goto out;
	}
	t0 = now();
	err = build(&mem, &ks, &b, &size);
	t1 = now();
	if (err) {
		fprintf(stderr, "btf-probe: %s\n", err->message);
		oms_error_destroy(err);
		status = 2;
		goto out;
	}
	printf("kallsyms\t%zu\t%s\n", oms_kallsyms_count(ks),
	       oms_kallsyms_encoding_name(oms_kallsyms_encoding(ks)));
	printf("btf\t%zu\t%u\n", size, btf__type_cnt(oms_btf_libbpf(b)) - 1);
	if (timing) {
		if (questions_path && !load_questions(questions_path))
			status = 2;
		for (i = 0; i < questions.n; i++) {
			struct answer x;

			ask_btf(ks, b, &questions.v[i], &x);
			free(x.message);
		}
		printf("seconds\t%.3f\tkallsyms\t%.3f\tbtf\t%.3f\tquestions\t%zu\n",
		       now() - t0, kallsyms_seconds,
		       t1 - t0 - kallsyms_seconds, questions.n);
		goto out;
	}
	if (misuse)
		printf("misuse\t%u\n", misuse);
	if (blob_path && (status = write_blob(&mem, ks, blob_path)))
		goto out;
	if (names_path && (status = write_names(ks, names_path)))
		goto out;
	oms_strmap_init(&questions.seen);
	record_analysis(inner);
	add_fixed();
	add_extras(b);
	asking_dups = true;
	add_duplicates(b);
	if (questions_path && !save_questions(questions_path))
		status = 2;
	if (!status)
		status = compare(inner, ks, b);
	if (naive_too)
		naive(inner, b);
	if (symtab && compare_symtab(inner, ks, oms_dump_vmlinux(d)))
		status = status ? status : 1;
	for (i = 0; i < questions.n; i++) {
		free(questions.v[i].key);
		free(questions.v[i].key2);
	}
	free(questions.v);
	for (i = 0; i < questions.nkeys; i++)
		free(questions.keys[i]);
	free(questions.keys);
	oms_strmap_deinit(&questions.seen);
out:
	oms_btf_destroy(b);
	oms_kallsyms_destroy(ks);
	oms_dump_destroy(d);
	return status;
}
