// SPDX-License-Identifier: GPL-2.0
/*
 * btf.c (lib/backend/debuginfo/btf.c) on a small BTF built here with
 * libbpf: members in anonymous structs and unions, bitfields (with
 * kind_flag, and the older int encoding), arrays, typedefs, qualifiers,
 * forward declarations, duplicate names, enums of 32 and 64 bits, signed
 * and not; and blobs that are not BTF, each one line of error.  The
 * expected numbers are worked out by hand from the layout below, with
 * dwarf.c's rule for a bitfield: in the storage unit of its type's size
 * when it fits there, else in the bytes it spans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "../../lib/backend/debuginfo/btf.h"
#include "../../lib/backend/fake.h"
#include "tap.h"

/*
 * struct inner { int a; int b; };			8 bytes
 * struct outer {					48 bytes
 *	int x;						0
 *	union {						8
 *		unsigned long u;			8
 *		struct { int lo; int hi; };		8, 12
 *	};
 *	unsigned int f1:3, f2:5;			bits 128, 131
 *	unsigned int :22;
 *	unsigned int f3:4;				bits 158..161
 *	char arr[10];					24
 *	struct inner *p;				32
 *	const struct inner in;				40
 *	int flex[];					48
 * };
 * typedef struct { long counter; } atomic_long_t;
 * struct legacy { unsigned int b:3 at bit 8 }, no kind_flag (the int
 * type is the bitfield: BTF_INT_BITS 3)
 */
static struct btf *make(void)
{
	struct btf *btf = btf__new_empty();
	int i_int, i_ul, i_uint, i_char, i_long, inner, anon_s, anon_u, outer,
	    arr, ptr, cinner, flex, anon_atomic, e, u3, idx;

	/* id 1, patched below to 3 bits: the first type of the blob */
	u3 = btf__add_int(btf, "unsigned int", 4, 0);
	i_int = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	i_ul = btf__add_int(btf, "long unsigned int", 8, 0);
	i_uint = btf__add_int(btf, "unsigned int", 4, 0);
	i_char = btf__add_int(btf, "char", 1, BTF_INT_CHAR);
	i_long = btf__add_int(btf, "long int", 8, BTF_INT_SIGNED);
	btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL);
	btf__add_int(btf, "long long unsigned int", 8, 0);

	/* a declaration first: the definition is what counts */
	btf__add_fwd(btf, "outer", BTF_FWD_STRUCT);
	btf__add_fwd(btf, "only_declared", BTF_FWD_STRUCT);

	inner = btf__add_struct(btf, "inner", 8);
	btf__add_field(btf, "a", i_int, 0, 0);
	btf__add_field(btf, "b", i_int, 32, 0);

	anon_s = btf__add_struct(btf, NULL, 8);
	btf__add_field(btf, "lo", i_int, 0, 0);
	btf__add_field(btf, "hi", i_int, 32, 0);
	anon_u = btf__add_union(btf, NULL, 8);
	btf__add_field(btf, "u", i_ul, 0, 0);
	btf__add_field(btf, NULL, anon_s, 0, 0);

	idx = btf__add_int(btf, "__ARRAY_SIZE_TYPE__", 4, 0);
	arr = btf__add_array(btf, idx, i_char, 10);
	ptr = btf__add_ptr(btf, inner);
	cinner = btf__add_const(btf, inner);
	flex = btf__add_array(btf, idx, i_int, 0);

	outer = btf__add_struct(btf, "outer", 48);
	btf__add_field(btf, "x", i_int, 0, 0);
	btf__add_field(btf, NULL, anon_u, 64, 0);
	btf__add_field(btf, "f1", i_uint, 128, 3);
	btf__add_field(btf, "f2", i_uint, 131, 5);
	btf__add_field(btf, NULL, i_uint, 136, 22);	/* padding */
	btf__add_field(btf, "f3", i_uint, 158, 4);
	btf__add_field(btf, "arr", arr, 192, 0);
	btf__add_field(btf, "p", ptr, 256, 0);
	btf__add_field(btf, "in", cinner, 320, 0);
	btf__add_field(btf, "flex", flex, 384, 0);

	anon_atomic = btf__add_struct(btf, NULL, 8);
	btf__add_field(btf, "counter", i_long, 0, 0);
	btf__add_typedef(btf, "atomic_long_t", anon_atomic);
	btf__add_typedef(btf, "outer_t", btf__add_volatile(btf, outer));

	btf__add_struct(btf, "legacy", 4);
	btf__add_field(btf, "b", u3, 8, 0);

	/* two definitions of one name: the first */
	btf__add_struct(btf, "dup", 16);
	btf__add_struct(btf, "dup", 24);
	btf__add_union(btf, "uni", 8);
	btf__add_field(btf, "v", i_ul, 0, 0);

	/* an enum declared, then defined */
	btf__add_enum(btf, "zone_type", 4);
	e = btf__add_enum(btf, "zone_type", 4);
	btf__add_enum_value(btf, "ZONE_DMA", 0);
	btf__add_enum_value(btf, "ZONE_NORMAL", 2);
	(void)e;
	btf__add_enum(btf, NULL, 4);
	btf__add_enum_value(btf, "MM_FILEPAGES", 0);
	btf__add_enum_value(btf, "NR_MM_COUNTERS", 4);
	btf__add_enum_value(btf, "NEGATIVE", -3);	/* makes it signed */
	btf__add_enum(btf, "flags", 4);
	btf__add_enum_value(btf, "HIGH_BIT", 0x80000000LL);
	btf__add_enum64(btf, "big", 8, false);
	btf__add_enum64_value(btf, "BIG_ONE", 0x123456789ULL);
	btf__add_enum64_value(btf, "ZONE_DMA", 7);	/* a later duplicate */
	btf__add_enum64(btf, "big_signed", 8, true);
	btf__add_enum64_value(btf, "MINUS_FIVE", (uint64_t)-5);
	btf__add_typedef(btf, "u64", btf__find_by_name(btf,
						      "long long unsigned int"));
	return btf;
}

/* the blob of make(), its int of id 1 made 3 bits wide */
static void *blob(size_t *size_ret)
{
	struct btf *btf = make();
	const unsigned char *raw;
	unsigned char *copy;
	uint32_t size, hdr_len, type_off, enc;

	raw = btf__raw_data(btf, &size);
	copy = malloc(size);
	memcpy(copy, raw, size);
	btf__free(btf);
	memcpy(&hdr_len, copy + 4, 4);
	memcpy(&type_off, copy + 8, 4);
	/* struct btf_type (12 bytes), then the int's encoding word */
	memcpy(&enc, copy + hdr_len + type_off + 12, 4);
	enc = (enc & ~0xffu) | 3;
	memcpy(copy + hdr_len + type_off + 12, &enc, 4);
	*size_ret = size;
	return copy;
}

static void member(const struct oms_btf *b, const char *type, const char *m,
		   uint64_t off, uint64_t size, uint32_t bit_off,
		   uint32_t bit_size)
{
	struct oms_member r = { 0 };
	struct oms_error *err = oms_btf_member(b, type, m, &r);

	OK(!err && r.offset == off && r.size == size &&
	   r.bit_offset == bit_off && r.bit_size == bit_size,
	   "%s.%s: offset %llu size %llu bits %u+%u", type, m,
	   (unsigned long long)off, (unsigned long long)size, bit_off,
	   bit_size);
	if (err)
		printf("#   %s\n", err->message);
	else if (r.offset != off || r.size != size || r.bit_offset != bit_off ||
		 r.bit_size != bit_size)
		printf("#   got offset %llu size %llu bits %u+%u\n",
		       (unsigned long long)r.offset,
		       (unsigned long long)r.size, r.bit_offset, r.bit_size);
	oms_error_destroy(err);
}

static void size(const struct oms_btf *b, const char *type, uint64_t want)
{
	uint64_t s = 0;

	NO_ERR(oms_btf_type_size(b, type, &s), "sizeof(%s)", type);
	IS_INT(s, want, "sizeof(%s) is %llu", type, (unsigned long long)want);
}

static void enumerator(const struct oms_btf *b, const char *name, int64_t want)
{
	int64_t v = 0;

	NO_ERR(oms_btf_enumerator(b, name, &v), "%s", name);
	IS_INT(v, want, "%s is %lld", name, (long long)want);
}

static void not_found(struct oms_error *err, const char *message)
{
	OK(err && err->code == OMS_ERR_NOT_FOUND &&
	   !strcmp(err->message, message), "NOT_FOUND \"%s\"", message);
	if (err && strcmp(err->message, message))
		printf("#   %s\n", err->message);
	oms_error_destroy(err);
}

static void types(const struct oms_btf *b)
{
	struct oms_member m;
	uint64_t s;
	int64_t v;

	member(b, "struct outer", "x", 0, 4, 0, 0);
	member(b, "struct outer", "u", 8, 8, 0, 0);
	member(b, "struct outer", "lo", 8, 4, 0, 0);
	member(b, "struct outer", "hi", 12, 4, 0, 0);
	member(b, "struct outer", "f1", 16, 4, 0, 3);
	member(b, "struct outer", "f2", 16, 4, 3, 5);
	/* bits 158..161 cross the unsigned int at 16: bytes 19 and 20 */
	member(b, "struct outer", "f3", 19, 2, 6, 4);
	member(b, "struct outer", "arr", 24, 10, 0, 0);
	member(b, "struct outer", "p", 32, 8, 0, 0);
	member(b, "struct outer", "in", 40, 8, 0, 0);
	member(b, "struct outer", "in.b", 44, 4, 0, 0);
	member(b, "struct outer", "flex", 48, 0, 0, 0);
	member(b, "outer_t", "hi", 12, 4, 0, 0);
	member(b, "atomic_long_t", "counter", 0, 8, 0, 0);
	member(b, "struct legacy", "b", 0, 4, 8, 3);
	member(b, "union uni", "v", 0, 8, 0, 0);
	not_found(oms_btf_member(b, "struct outer", "nope", &m),
		  "no member 'struct outer.nope'");
	not_found(oms_btf_member(b, "struct outer", "in.nope", &m),
		  "no member 'struct outer.in.nope'");
	not_found(oms_btf_member(b, "struct outer", "x.y", &m),
		  "no member 'struct outer.x.y'");
	not_found(oms_btf_member(b, "struct only_declared", "a", &m),
		  "no type 'struct only_declared'");
	not_found(oms_btf_member(b, "struct uni", "v", &m),
		  "no type 'struct uni'");
	not_found(oms_btf_member(b, "int", "x", &m), "no type 'int'");

	size(b, "struct outer", 48);
	size(b, "struct inner", 8);
	size(b, "struct dup", 16);
	size(b, "union uni", 8);
	size(b, "atomic_long_t", 8);
	size(b, "outer_t", 48);
	size(b, "enum zone_type", 4);
	size(b, "unsigned long", 8);
	size(b, "unsigned int", 4);
	size(b, "bool", 1);
	size(b, "char", 1);
	size(b, "u64", 8);
	size(b, "struct outer *", 8);
	not_found(oms_btf_type_size(b, "struct only_declared", &s),
		  "no type 'struct only_declared'");
	not_found(oms_btf_type_size(b, "enum nope", &s), "no type 'enum nope'");
	not_found(oms_btf_type_size(b, "short", &s), "no type 'short'");

	enumerator(b, "ZONE_DMA", 0);	/* the first of two */
	enumerator(b, "ZONE_NORMAL", 2);
	enumerator(b, "NR_MM_COUNTERS", 4);
	enumerator(b, "NEGATIVE", -3);
	enumerator(b, "HIGH_BIT", 0x80000000LL);
	enumerator(b, "BIG_ONE", 0x123456789LL);
	enumerator(b, "MINUS_FIVE", -5);
	not_found(oms_btf_enumerator(b, "NOPE", &v), "no enumerator 'NOPE'");
}

/* a blob that must fail with one line of code, its message having part */
static void bad(const void *data, size_t n, enum oms_error_code code,
		const char *part, const char *what)
{
	struct oms_btf *b = NULL;
	struct oms_error *err = oms_btf_create(data, n, &b);

	OK(err && err->code == code && strstr(err->message, part) &&
	   !strchr(err->message, '\n') && !b, "%s", what);
	if (err)
		printf("#   %s\n", err->message);
	oms_error_destroy(err);
	oms_btf_destroy(b);
}

static void bad_blobs(const unsigned char *good, size_t n)
{
	unsigned char *c = malloc(n);
	uint32_t v;

	bad(good, 10, OMS_ERR_FORMAT, "shorter than its header",
	    "10 bytes: shorter than the header");
	bad(good, n - 100, OMS_ERR_FORMAT, "run past",
	    "truncated by 100 bytes: its sections run past the end");
	memcpy(c, good, n);
	c[0] = 0xeb, c[1] = 0x9f;
	bad(c, n, OMS_ERR_FORMAT, "other byte order",
	    "the other byte order: said so");
	c[0] = 'E', c[1] = 'L';
	bad(c, n, OMS_ERR_FORMAT, "not BTF: magic", "a bad magic");
	memcpy(c, good, n);
	c[2] = 2;
	bad(c, n, OMS_ERR_FORMAT, "version 2", "version 2");
	memcpy(c, good, n);
	v = 1 << 30;
	memcpy(c + 4, &v, 4);
	bad(c, n, OMS_ERR_FORMAT, "header length", "a header length past the end");
	memcpy(c, good, n);
	v = 26;	/* libFuzzer's: the types misaligned where libbpf reads them */
	memcpy(c + 4, &v, 4);
	bad(c, n, OMS_ERR_FORMAT, "not a multiple of 4",
	    "a header length of 26: said not a multiple of 4");
	memcpy(c, good, n);
	c[n - 1] = 'x';
	bad(c, n, OMS_ERR_FORMAT, "NUL", "strings without their last NUL");
	/* a type of kind 31: libbpf's word for it, not on stderr */
	memcpy(c, good, n);
	{
		uint32_t hdr_len, type_off, info;

		memcpy(&hdr_len, c + 4, 4);
		memcpy(&type_off, c + 8, 4);
		memcpy(&info, c + hdr_len + type_off + 4, 4);
		info = (info & ~(0x1fu << 24)) | 31u << 24;
		memcpy(c + hdr_len + type_off + 4, &info, 4);
	}
	bad(c, n, OMS_ERR_FORMAT, "libbpf", "a type of kind 31: libbpf rejects it");
	free(c);
}

static void reads(const unsigned char *good, size_t n)
{
	struct oms_fake *f = oms_fake_create();
	const uint64_t start = 0xffffffff82438070ULL;
	struct oms_error *err;
	void *data = NULL;
	size_t got = 0;

	oms_fake_add_memory(f, start, good, n);
	NO_ERR(oms_btf_read(oms_fake_target(f), start, start + n, &data, &got),
	       "the blob reads from the target");
	OK(got == n && data && !memcmp(data, good, n), "byte for byte");
	free(data);
	err = oms_btf_read(oms_fake_target(f), start + n, start, &data, &got);
	OK(err && err->code == OMS_ERR_CORRUPT,
	   "__stop_BTF before __start_BTF: CORRUPT");
	oms_error_destroy(err);
	err = oms_btf_read(oms_fake_target(f), start,
			   start + OMS_BTF_MAX_SIZE + 1, &data, &got);
	OK(err && err->code == OMS_ERR_CORRUPT,
	   "a span beyond %u MiB: CORRUPT, nothing allocated",
	   OMS_BTF_MAX_SIZE >> 20);
	oms_error_destroy(err);
	oms_fake_add_hole(f, start + 64, 16);
	err = oms_btf_read(oms_fake_target(f), start, start + n, &data, &got);
	OK(err && err->code == OMS_ERR_NODATA && err->address == start + 64 &&
	   strstr(err->message, "cannot read the kernel's BTF"),
	   "a page of it not in the dump: NODATA at it, saying what");
	if (err)
		printf("#   %s\n", err->message);
	oms_error_destroy(err);
	oms_fake_destroy(f);
}

/*
 * A struct whose 16 anonymous members are the struct itself (libFuzzer's
 * timeout in CI): a member not there, looked up through them all the way
 * to the depth limit, would be 16^16 descents; the look-up gives up after
 * a bounded number (MAX_ANON), with an error, and the anonymous members
 * of a type nested normally are still found.
 */
static void anonymous_loop(void)
{
	struct btf *btf = btf__new_empty();
	const unsigned char *raw;
	struct oms_btf *b = NULL;
	struct oms_member m;
	struct oms_error *err;
	int self, i_int, i;
	uint32_t size;

	i_int = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	self = btf__add_struct(btf, "task_struct", 4);
	for (i = 0; i < 16; i++)
		btf__add_field(btf, NULL, self, 0, 0);
	btf__add_field(btf, "pid", i_int, 0, 0);
	raw = btf__raw_data(btf, &size);
	NO_ERR(oms_btf_create(raw, size, &b), "the self-nested blob parses");
	if (b) {
		err = oms_btf_member(b, "struct task_struct", "comm", &m);
		OK(err && err->code == OMS_ERR_FORMAT,
		   "a member not there, through 16 anonymous self-members: an error, in bounded time");
		if (err)
			printf("#   %s\n", err->message);
		oms_error_destroy(err);
	}
	oms_btf_destroy(b);
	btf__free(btf);
}

int main(void)
{
	struct oms_btf *b = NULL;
	size_t n;
	unsigned char *good = blob(&n);

	NO_ERR(oms_btf_check_header(good, n), "the header of the blob is good");
	NO_ERR(oms_btf_create(good, n, &b), "the blob parses");
	if (b)
		types(b);
	oms_btf_destroy(b);
	oms_btf_destroy(NULL);
	bad_blobs(good, n);
	reads(good, n);
	anonymous_loop();
	free(good);
	return tap_done();
}
