// SPDX-License-Identifier: GPL-2.0
/*
 * Types, members and enumerators from the kernel's BTF: see btf.h.
 *
 * libbpf parses the blob (btf__new checks every type and string offset);
 * one pass over the types then hashes the names a look-up can ask for:
 * structs, unions and enums by their tag's namespace, typedefs and base
 * types (BTF_KIND_INT, BTF_KIND_FLOAT) in the plain one, as dwarf.c
 * indexes DW_TAG_structure_type, _union_type, _enumeration_type, _typedef
 * and _base_type; and every enumerator.  Of equal names the first, by type
 * id; declarations (BTF_KIND_FWD, an enum of no enumerators) are left out,
 * as dwarf.c leaves out DW_AT_declaration.  pahole writes the names of
 * GCC's DWARF, so dwarf.c's C spellings of the base types hold here too.
 *
 * The index is one open-addressing table of the names of all namespaces
 * (6.12's BTF: 12,000 types and 17,000 enumerators of its 107,000 types),
 * sized once from a first pass that counts them, 8 bytes an entry: the
 * type id, and the namespace, the enumerator's index and bits of the hash;
 * the name itself stays in the BTF's string section, read on a look-up.
 *
 * A bitfield is where dwarf.c's member_info() puts it: its bits from the
 * start of the outer type, in the storage unit of its type's size when it
 * fits there.  In a struct with kind_flag, a member's offset says its
 * bitfield width (BTF_MEMBER_BITFIELD_SIZE); without, an int member whose
 * bits are not all of its size is the bitfield (BTF_INT_OFFSET,
 * BTF_INT_BITS).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "debuginfo.h"
#include "btf.h"

#define HEADER_SIZE	24	/* struct btf_header of version 1 */
#define MAX_PEEL	32	/* typedefs and qualifiers over a type */
#define MAX_DEPTH	16	/* anonymous members inside each other */


/* the namespaces of the index */
enum ns { NS_STRUCT = 1, NS_UNION, NS_ENUM, NS_PLAIN, NS_ENUMERATOR };

/*
 * An entry of the index: the type id (0: empty), and its namespace (3
 * bits), for an enumerator its index in the enum (16 bits: BTF's vlen),
 * and above them 13 bits of the hash
 */
struct entry {
	uint32_t id;
	uint32_t info;
};

#define INFO(tag, ns, i)	((tag) << 19 | (uint32_t)(ns) << 16 | (i))
#define INFO_KEY(info)		((info) >> 16)	/* the tag and namespace */
#define INFO_INDEX(info)	((info) & 0xffff)

struct oms_btf {
	struct btf *btf;
	struct entry *index;	/* mask + 1 of them */
	size_t mask;
};

static uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

struct oms_error *oms_btf_check_header(const void *data, size_t size)
{
	const unsigned char *p = data;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
	const unsigned char *strs;
	uint16_t magic;
	size_t left;

	if (size < HEADER_SIZE)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF of %zu bytes is shorter than its header (%d bytes)",
					size, HEADER_SIZE);
	if (size > OMS_BTF_MAX_SIZE)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF of %zu bytes is larger than any kernel's (%u MiB)",
					size, OMS_BTF_MAX_SIZE >> 20);
	memcpy(&magic, p, sizeof(magic));
	if (magic == 0x9feb)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF of the other byte order (magic 0x9feb) is not read");
	if (magic != BTF_MAGIC)
		return oms_error_create(OMS_ERR_FORMAT,
					"not BTF: magic 0x%04x, not 0x%04x",
					magic, BTF_MAGIC);
	if (p[2] != 1)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF version %u, not 1", p[2]);
	hdr_len = get_u32(p + 4);
	type_off = get_u32(p + 8);
	type_len = get_u32(p + 12);
	str_off = get_u32(p + 16);
	str_len = get_u32(p + 20);
	if (hdr_len < HEADER_SIZE || hdr_len > size)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF header length %" PRIu32 " is not between %d and the blob's %zu bytes",
					hdr_len, HEADER_SIZE, size);
	/* libbpf reads the types in place after the header: 4-byte aligned */
	if (hdr_len % 4)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF header length %" PRIu32 " is not a multiple of 4",
					hdr_len);
	left = size - hdr_len;
	if ((uint64_t)type_off + type_len > left ||
	    (uint64_t)str_off + str_len > left)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF sections (types %" PRIu32 "+%" PRIu32 ", strings %" PRIu32 "+%" PRIu32 ") run past the blob's %zu bytes after its header",
					type_off, type_len, str_off, str_len, left);
	if (type_off % 4 || (uint64_t)type_off + type_len > str_off)
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF sections out of place (types %" PRIu32 "+%" PRIu32 ", strings %" PRIu32 "+%" PRIu32 ")",
					type_off, type_len, str_off, str_len);
	strs = p + hdr_len + str_off;
	if (!str_len || strs[0] || strs[str_len - 1])
		return oms_error_create(OMS_ERR_FORMAT,
					"BTF string section (%" PRIu32 " bytes) does not start and end with a NUL",
					str_len);
	return NULL;
}

struct oms_error *oms_btf_read(const struct oms_target *t, uint64_t start,
			       uint64_t stop, void **data_ret,
			       size_t *size_ret)
{
	struct oms_error *err;
	uint64_t size;
	void *data;

	if (stop <= start || stop - start > OMS_BTF_MAX_SIZE)
		return oms_error_create(OMS_ERR_CORRUPT,
					"__start_BTF 0x%" PRIx64 " and __stop_BTF 0x%" PRIx64 " do not bound a kernel's BTF (at most %u MiB)",
					start, stop, OMS_BTF_MAX_SIZE >> 20);
	size = stop - start;
	data = malloc(size);
	if (!data)
		return &oms_enomem;
	err = oms_read(t, start, data, size);
	if (err) {
		free(data);
		return oms_error_prefix(err,
					"cannot read the kernel's BTF (%" PRIu64 " bytes at 0x%" PRIx64 ")",
					size, start);
	}
	*data_ret = data;
	*size_ret = size;
	return NULL;
}

/* libbpf's last word while it parses, for the error (see parse()) */
static __thread char libbpf_message[256];

static int keep_message(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	size_t len;

	(void)level;	/* an unknown kind is only LIBBPF_DEBUG's */
	vsnprintf(libbpf_message, sizeof(libbpf_message), fmt, ap);
	len = strlen(libbpf_message);
	while (len && (libbpf_message[len - 1] == '\n' ||
		       libbpf_message[len - 1] == ' '))
		libbpf_message[--len] = '\0';
	return 0;
}

/* btf__new, with libbpf's complaint in the error rather than on stderr */
static struct oms_error *parse(const void *data, size_t size,
			       struct btf **ret)
{
	libbpf_print_fn_t old;
	struct btf *btf;
	int e;

	libbpf_message[0] = '\0';
	old = libbpf_set_print(keep_message);
	btf = btf__new(data, (uint32_t)size);
	e = errno;
	libbpf_set_print(old);
	if (!btf) {
		const char *why = libbpf_message;

		if (e == ENOMEM)
			return &oms_enomem;
		if (!strncmp(why, "libbpf: ", 8))
			why += 8;
		return oms_error_create(OMS_ERR_FORMAT,
					"libbpf cannot read the BTF (%zu bytes): %s",
					size, *why ? why : strerror(e));
	}
	*ret = btf;
	return NULL;
}

/* of name in namespace ns: FNV-1a, then murmur3's finalizer */
static uint32_t name_hash(enum ns ns, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)ns;

	while (*name) {
		h ^= (unsigned char)*name++;
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

/* the namespace of type t in the index, 0 if none */
static enum ns namespace_of(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT: return NS_STRUCT;
	case BTF_KIND_UNION: return NS_UNION;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* no enumerators: a declaration */
		return btf_vlen(t) ? NS_ENUM : 0;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT: return NS_PLAIN;
	default: return 0;
	}
}

static uint32_t enumerator_name_off(const struct btf_type *t, uint16_t i)
{
	return btf_is_enum(t) ? btf_enum(t)[i].name_off :
				btf_enum64(t)[i].name_off;
}

/* id (or its enumerator i) of name in ns, after those before it */
static void index_add(struct oms_btf *b, enum ns ns, const char *name,
		      uint32_t id, uint16_t i)
{
	uint32_t h;
	size_t j;

	if (!name || !*name)
		return;
	h = name_hash(ns, name);
	for (j = h & b->mask; b->index[j].id; j = (j + 1) & b->mask)
		;
	b->index[j].id = id;
	b->index[j].info = INFO(h >> 19, ns, i);
}

static struct oms_error *index_types(struct oms_btf *b)
{
	uint32_t id, n = btf__type_cnt(b->btf);
	size_t count = 0, cap = 64;

	/* how many: a table sized once */
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b->btf, id);
		enum ns ns = t ? namespace_of(t) : 0;

		if (ns)
			count++;
		if (ns == NS_ENUM)
			count += btf_vlen(t);
	}
	while (cap < count + count / 2)
		cap *= 2;
	b->index = calloc(cap, sizeof(*b->index));
	if (!b->index)
		return &oms_enomem;
	b->mask = cap - 1;
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b->btf, id);
		enum ns ns = t ? namespace_of(t) : 0;
		uint16_t i;

		if (!ns)
			continue;
		index_add(b, ns, btf__name_by_offset(b->btf, t->name_off), id,
			  0);
		if (ns != NS_ENUM)
			continue;
		for (i = 0; i < btf_vlen(t); i++)
			index_add(b, NS_ENUMERATOR,
				  btf__name_by_offset(b->btf,
						      enumerator_name_off(t, i)),
				  id, i);
	}
	return NULL;
}

/* the first entry of name in ns, NULL if none */
static const struct entry *index_find(const struct oms_btf *b, enum ns ns,
				      const char *name)
{
	uint32_t h = name_hash(ns, name), key = INFO_KEY(INFO(h >> 19, ns, 0));
	size_t j;

	for (j = h & b->mask; b->index[j].id; j = (j + 1) & b->mask) {
		const struct entry *e = &b->index[j];
		const struct btf_type *t;
		uint32_t off;
		const char *s;

		if (INFO_KEY(e->info) != key)
			continue;
		t = btf__type_by_id(b->btf, e->id);
		off = ns == NS_ENUMERATOR ?
		      enumerator_name_off(t, INFO_INDEX(e->info)) : t->name_off;
		s = btf__name_by_offset(b->btf, off);
		if (s && !strcmp(s, name))
			return e;
	}
	return NULL;
}

struct oms_error *oms_btf_create(const void *data, size_t size,
				 struct oms_btf **ret)
{
	struct oms_error *err;
	struct oms_btf *b;

	err = oms_btf_check_header(data, size);
	if (err)
		return err;
	b = calloc(1, sizeof(*b));
	if (!b)
		return &oms_enomem;
	err = parse(data, size, &b->btf);
	if (!err)
		err = index_types(b);
	if (err) {
		oms_btf_destroy(b);
		return err;
	}
	*ret = b;
	return NULL;
}

void oms_btf_destroy(struct oms_btf *b)
{
	if (!b)
		return;
	free(b->index);
	btf__free(b->btf);
	free(b);
}

const struct btf *oms_btf_libbpf(const struct oms_btf *b)
{
	return b->btf;
}

uint32_t oms_btf_type_id(const struct oms_btf *b, const char *type)
{
	const char *key = oms_gcc_spelling(type), *name = key;
	const struct entry *e;
	enum ns ns = NS_PLAIN;

	/* as dwarf.c's find_type() reads a key */
	if (!strncmp(key, "struct ", 7))
		ns = NS_STRUCT;
	else if (!strncmp(key, "union ", 6))
		ns = NS_UNION;
	else if (!strncmp(key, "enum ", 5))
		ns = NS_ENUM;
	if (ns != NS_PLAIN)
		name = strchr(key, ' ') + 1;
	e = index_find(b, ns, name);
	return e ? e->id : 0;
}

/* the type under typedefs and qualifiers (dwarf_peel_type), *id its id */
static const struct btf_type *peel(const struct btf *btf, uint32_t *id)
{
	const struct btf_type *t;
	int i;

	for (i = 0; i < MAX_PEEL; i++) {
		t = btf__type_by_id(btf, *id);
		if (!t)
			return NULL;
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			*id = t->type;
			break;
		default:
			return t;
		}
	}
	return NULL;
}

/*
 * Member i of struct or union t at base bytes into the outer type, as
 * dwarf.c's member_info() puts it; false when its type has no size
 */
static bool member_info(const struct btf *btf, const struct btf_type *t,
			uint32_t i, uint64_t base, struct oms_member *ret)
{
	const struct btf_member *m = &btf_members(t)[i];
	uint64_t bit_off = btf_member_bit_offset(t, i), size;
	uint32_t bit_size = btf_member_bitfield_size(t, i);
	int64_t s = btf__resolve_size(btf, m->type);

	if (s < 0)
		return false;
	size = (uint64_t)s;
	if (!btf_kflag(t)) {
		const struct btf_type *mt = btf__type_by_id(btf, m->type);

		if (mt && btf_is_int(mt) &&
		    (btf_int_offset(mt) || btf_int_bits(mt) != size * 8)) {
			bit_off += btf_int_offset(mt);
			bit_size = btf_int_bits(mt);
		}
	}
	memset(ret, 0, sizeof(*ret));
	if (!bit_size) {
		ret->offset = base + bit_off / 8;
		ret->size = size;
		return true;
	}
	/* a bitfield: bits from the start of the outer type */
	bit_off += base * 8;
	/* in a storage unit of the type's size, if it fits there */
	if (!size || size > 8)
		size = 1;
	ret->offset = bit_off / (size * 8) * size;
	if (bit_off - ret->offset * 8 + bit_size > size * 8) {
		ret->offset = bit_off / 8;
		size = (bit_off % 8 + bit_size + 7) / 8;
	}
	ret->size = size;
	ret->bit_offset = (uint32_t)(bit_off - ret->offset * 8);
	ret->bit_size = bit_size;
	return true;
}

/*
 * The member name of struct or union t, also inside its anonymous structs
 * and unions (dwarf.c's find_member()): 1 found (*type_ret its type), 0
 * not there, -1 a member whose type has no size, or more than *anon_left
 * anonymous members entered (OMS_MAX_ANON)
 */
static int find_member(const struct btf *btf, const struct btf_type *t,
		       const char *name, uint64_t base,
		       struct oms_member *ret, uint32_t *type_ret, int depth,
		       unsigned *anon_left)
{
	const struct btf_member *m = btf_members(t);
	uint16_t i, n = btf_vlen(t);
	int r;

	if (depth > MAX_DEPTH)
		return 0;
	for (i = 0; i < n; i++) {
		const char *mname = btf__name_by_offset(btf, m[i].name_off);
		const struct btf_type *sub;
		uint32_t sub_id = m[i].type;

		if (mname && *mname) {
			if (strcmp(mname, name))
				continue;
			if (!member_info(btf, t, i, base, ret))
				return -1;
			*type_ret = m[i].type;
			return 1;
		}
		/* an anonymous struct or union (else padding: int :3) */
		sub = peel(btf, &sub_id);
		if (!sub || !btf_is_composite(sub))
			continue;
		if (!*anon_left)
			return -2;
		--*anon_left;
		r = find_member(btf, sub, name,
				base + btf_member_bit_offset(t, i) / 8, ret,
				type_ret, depth + 1, anon_left);
		if (r)
			return r;
	}
	return 0;
}

struct oms_error *oms_btf_member(const struct oms_btf *b, const char *type,
				 const char *member, struct oms_member *ret)
{
	const struct btf_type *t = NULL;
	char *path, *part, *save;
	uint32_t id, mtype = 0;
	unsigned anon_left = OMS_MAX_ANON;
	uint64_t base = 0;
	int r = 0;

	id = oms_btf_type_id(b, type);
	if (id)
		t = peel(b->btf, &id);
	if (!t || !btf_is_composite(t))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", type);
	path = strdup(member);
	if (!path)
		return &oms_enomem;
	/* "a.b": a member of the member a */
	for (part = strtok_r(path, ".", &save); part;
	     part = strtok_r(NULL, ".", &save)) {
		if (r == 1) {
			base = ret->offset;
			t = peel(b->btf, &mtype);
			if (!t || !btf_is_composite(t)) {
				r = 0;
				break;
			}
		}
		r = find_member(b->btf, t, part, base, ret, &mtype, 0,
				&anon_left);
		if (r != 1)
			break;
	}
	free(path);
	if (r == -2)
		return oms_error_create(OMS_ERR_FORMAT,
					"the BTF of '%s' has more than %d anonymous structs or unions to search for '%s' (a loop?)",
					type, OMS_MAX_ANON, member);
	if (r < 0)
		return oms_error_create(OMS_ERR_FORMAT,
					"cannot read the BTF of '%s.%s'",
					type, member);
	if (!r)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no member '%s.%s'",
					type, member);
	return NULL;
}

struct oms_error *oms_btf_type_size(const struct oms_btf *b, const char *type,
				    uint64_t *size_ret)
{
	uint32_t id;
	int64_t size;

	if (oms_is_pointer_name(type)) {
		*size_ret = btf__pointer_size(b->btf);
		return NULL;
	}
	id = oms_btf_type_id(b, type);
	if (!id)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", type);
	size = btf__resolve_size(b->btf, id);
	if (size < 0)
		return oms_error_create(OMS_ERR_FORMAT,
					"type '%s' has no size in the BTF", type);
	*size_ret = (uint64_t)size;
	return NULL;
}

struct oms_error *oms_btf_enumerator(const struct oms_btf *b, const char *name,
				     int64_t *value_ret)
{
	const struct entry *e = index_find(b, NS_ENUMERATOR, name);
	const struct btf_type *t;
	uint16_t i;

	if (!e)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no enumerator '%s'",
					name);
	t = btf__type_by_id(b->btf, e->id);
	i = (uint16_t)INFO_INDEX(e->info);
	if (btf_is_enum(t))
		*value_ret = btf_kflag(t) ? (int64_t)btf_enum(t)[i].val :
			     (int64_t)(uint32_t)btf_enum(t)[i].val;
	else
		*value_ret = (int64_t)btf_enum64_value(&btf_enum64(t)[i]);
	return NULL;
}

bool oms_btf_datasec_var(const struct oms_btf *b, const char *section,
			 uint32_t i, const char **name_ret,
			 uint32_t *offset_ret)
{
	const struct btf_var_secinfo *v;
	const struct btf_type *t, *var;
	int id;

	id = btf__find_by_name_kind(b->btf, section, BTF_KIND_DATASEC);
	if (id <= 0)
		return false;
	t = btf__type_by_id(b->btf, (uint32_t)id);
	if (!t || i >= btf_vlen(t))
		return false;
	v = &btf_var_secinfos(t)[i];
	var = btf__type_by_id(b->btf, v->type);
	*name_ret = var && btf_is_var(var) ?
		    btf__name_by_offset(b->btf, var->name_off) : NULL;
	if (!*name_ret)
		*name_ret = "";
	*offset_ret = v->offset;
	return true;
}
