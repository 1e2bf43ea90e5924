// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms (lib/backend/debuginfo/kallsyms.c) on tables built here in the
 * fake target's memory, as scripts/kallsyms.c writes them: each way the
 * addresses are encoded, chosen without being told; the name rule of
 * duplicates; long names; VMCOREINFO's SYMBOL()s checked against the
 * table; and tables that cannot be right, which must give one error each,
 * never a crash: a token index that is not where the tokens end, a token
 * that is empty or not printable in a name, a name of its type letter
 * alone, a symbol that VMCOREINFO puts elsewhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/debuginfo/kallsyms.h"
#include "../../lib/backend/fake.h"
#include "tap.h"

#define BASE	0xffffffff82000000ULL	/* the tables' .rodata */
#define MEM	(512u << 10)
#define NUM	0x100u		/* kallsyms_num_syms */
#define RELBASE	0x108u		/* kallsyms_relative_base */
#define TABLE	0x1000u		/* kallsyms_offsets / kallsyms_addresses */
#define NAMES	0x20000u	/* kallsyms_names */
#define TTABLE	0x60000u	/* kallsyms_token_table */
#define TINDEX	0x68000u	/* kallsyms_token_index */
#define TEXT	0xffffffffa1000000ULL	/* _stext, KASLR applied */
/* where the per-cpu symbols are without ABSOLUTE_PERCPU: in the image */
#define PERCPU	0xffffffffa0000000ULL

enum enc { ABSOLUTE, ABSOLUTE_PERCPU, BASE_RELATIVE, PLACE_RELATIVE };

struct sym {
	char type;
	const char *name;
	uint64_t addr;
};

/* as scripts/kallsyms sorts them, by address; per-cpu ones first ('A') */
static char long_name[201];
static struct sym syms[] = {
	{ 'A', "fixed_percpu_data", 0x0 },
	{ 'A', "runqueues", 0x2c000 },
	{ 'T', "_stext", TEXT },
	{ 't', "helper", TEXT + 0x100 },
	{ 't', "dup", TEXT + 0x200 },
	{ 'T', "helper", TEXT + 0x300 },
	{ 't', "dup", TEXT + 0x400 },
	{ 'W', "weak_fn", TEXT + 0x500 },
	{ 'D', "init_task", TEXT + 0x1000000 },
	{ 'd', "percpu_counters", TEXT + 0x1000100 },
	{ 'D', "init_uts_ns", TEXT + 0x1000200 },
	/* two statics of one name: VMCOREINFO names the second */
	{ 'd', "clear_seq", TEXT + 0x1000300 },
	{ 'd', "clear_seq", TEXT + 0x1000400 },
	{ 'B', "mem_section", TEXT + 0x1000500 },
	{ 'B', long_name, TEXT + 0x2000000 },
};
#define NSYMS (sizeof(syms) / sizeof(syms[0]))

static unsigned char mem[MEM];
static const char *const multi[] = { "", "init_", "_task", "cpu", "per" };

static const char *token(unsigned c)
{
	static char one[256][2];

	if (c < sizeof(multi) / sizeof(multi[0]))
		return multi[c];
	if (c < 0x20 || c > 0x7e)
		return "";
	one[c][0] = (char)c;
	return one[c];
}

static void put32(size_t off, uint32_t v) { memcpy(mem + off, &v, 4); }
static void put64(size_t off, uint64_t v) { memcpy(mem + off, &v, 8); }

/* the token table and index, and each name in tokens: greedily the long
 * tokens, else one character a token */
static void write_names(size_t n)
{
	size_t i, off = NAMES, t = 0;
	unsigned c;

	for (c = 0; c < 256; c++) {
		uint16_t idx = (uint16_t)t;

		memcpy(mem + TINDEX + 2 * c, &idx, 2);
		strcpy((char *)mem + TTABLE + t, token(c));
		t += strlen(token(c)) + 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char toks[300];
		char full[300];
		size_t len = 0, p = 0, k;

		snprintf(full, sizeof(full), "%c%s", syms[i].type, syms[i].name);
		while (full[p]) {
			for (k = 1; k < sizeof(multi) / sizeof(multi[0]); k++)
				if (!strncmp(full + p, multi[k], strlen(multi[k])))
					break;
			if (k < sizeof(multi) / sizeof(multi[0])) {
				toks[len++] = (unsigned char)k;
				p += strlen(multi[k]);
			} else {
				toks[len++] = (unsigned char)full[p++];
			}
		}
		if (len > 127) {	/* the "big" length: two bytes */
			mem[off++] = (unsigned char)(0x80 | (len & 0x7f));
			mem[off++] = (unsigned char)(len >> 7);
		} else {
			mem[off++] = (unsigned char)len;
		}
		memcpy(mem + off, toks, len);
		off += len;
	}
}

static void vmcoreinfo(struct oms_fake *f, const char *name, uint64_t addr)
{
	char key[64], value[32];

	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	snprintf(value, sizeof(value), "%llx", (unsigned long long)addr);
	oms_fake_add_vmcoreinfo(f, key, value);
}

/*
 * The address of symbol i as the encoding e holds it: a per-cpu one at its
 * offset with ABSOLUTE_PERCPU (and in kallsyms_addresses, which hold any
 * value), else where the image has it (x86-64 since 6.15, 9d7de2aa8b41)
 */
static uint64_t sym_addr(enum enc e, size_t i)
{
	if (syms[i].type == 'A' && (e == BASE_RELATIVE || e == PLACE_RELATIVE))
		return PERCPU + syms[i].addr;
	return syms[i].addr;
}

/* the tables of syms in encoding e; with_stext: VMCOREINFO's SYMBOL(_stext) */
static struct oms_fake *build(enum enc e, bool with_stext)
{
	struct oms_fake *f = oms_fake_create();
	/* the lowest relative address */
	uint64_t relbase = e == BASE_RELATIVE ? PERCPU : TEXT;
	size_t i;

	memset(mem, 0, sizeof(mem));
	for (i = 0; i < 200; i++)
		long_name[i] = (char)('a' + i % 26);
	put32(NUM, NSYMS);
	write_names(NSYMS);
	for (i = 0; i < NSYMS; i++) {
		uint64_t a = sym_addr(e, i);
		bool percpu = syms[i].type == 'A';

		switch (e) {
		case ABSOLUTE:
			put64(TABLE + 8 * i, a);
			break;
		case ABSOLUTE_PERCPU:
			put32(TABLE + 4 * i, percpu ? (uint32_t)a :
					     (uint32_t)(relbase - 1 - a));
			break;
		case BASE_RELATIVE:
			put32(TABLE + 4 * i, (uint32_t)(a - relbase));
			break;
		case PLACE_RELATIVE:
			put32(TABLE + 4 * i, (uint32_t)(a - (BASE + TABLE + 4 * i)));
			break;
		}
	}
	put64(RELBASE, relbase);
	oms_fake_add_memory(f, BASE, mem, sizeof(mem));
	vmcoreinfo(f, "kallsyms_names", BASE + NAMES);
	vmcoreinfo(f, "kallsyms_num_syms", BASE + NUM);
	vmcoreinfo(f, "kallsyms_token_table", BASE + TTABLE);
	vmcoreinfo(f, "kallsyms_token_index", BASE + TINDEX);
	vmcoreinfo(f, e == ABSOLUTE ? "kallsyms_addresses" : "kallsyms_offsets",
		   BASE + TABLE);
	if (e == ABSOLUTE_PERCPU || e == BASE_RELATIVE)
		vmcoreinfo(f, "kallsyms_relative_base", BASE + RELBASE);
	if (with_stext)
		vmcoreinfo(f, "_stext", TEXT);
	/* checked against the table: the one of that name, one of the two,
	 * one that kallsyms does not have */
	vmcoreinfo(f, "init_uts_ns", TEXT + 0x1000200);
	vmcoreinfo(f, "clear_seq", TEXT + 0x1000400);
	vmcoreinfo(f, "node_online_map", TEXT + 0x1000500);
	return f;
}

static void check_decode(enum enc e, bool with_stext, const char *what)
{
	static const enum oms_kallsyms_encoding want_enc[] = {
		OMS_KALLSYMS_ABSOLUTE, OMS_KALLSYMS_ABSOLUTE_PERCPU,
		OMS_KALLSYMS_BASE_RELATIVE, OMS_KALLSYMS_PLACE_RELATIVE,
	};
	struct oms_fake *f = build(e, with_stext);
	struct oms_kallsyms *ks = NULL;
	struct oms_error *err;
	size_t i, good = 0;
	uint64_t a;

	err = oms_kallsyms_create(oms_fake_target(f), &ks);
	NO_ERR(err, "%s: decodes", what);
	if (!ks) {
		oms_fake_destroy(f);
		return;
	}
	IS_INT(oms_kallsyms_count(ks), NSYMS, "%s: %zu symbols", what, NSYMS);
	IS_STR(oms_kallsyms_encoding_name(oms_kallsyms_encoding(ks)),
	       oms_kallsyms_encoding_name(want_enc[e]),
	       "%s: the encoding is found", what);
	for (i = 0; i < NSYMS && i < oms_kallsyms_count(ks); i++) {
		struct oms_kallsyms_symbol s;

		oms_kallsyms_get(ks, i, &s);
		if (s.type == syms[i].type && !strcmp(s.name, syms[i].name) &&
		    s.address == sym_addr(e, i))
			good++;
		else
			printf("#   symbol %zu: %c %s 0x%llx\n", i, s.type,
			       s.name, (unsigned long long)s.address);
	}
	IS_INT(good, NSYMS, "%s: every name, type letter and address", what);
	NO_ERR(oms_kallsyms_lookup(ks, "helper", &a), "%s: helper", what);
	IS_INT(a, TEXT + 0x300, "%s: of a static and a global 'helper', the global", what);
	NO_ERR(oms_kallsyms_lookup(ks, "dup", &a), "%s: dup", what);
	IS_INT(a, TEXT + 0x200, "%s: of two static 'dup's, the first", what);
	NO_ERR(oms_kallsyms_lookup(ks, long_name, &a), "%s: a name of 201 tokens", what);
	IS_INT(a, TEXT + 0x2000000, "%s: its address (a two-byte length)", what);
	oms_fake_destroy(f);
	oms_kallsyms_destroy(ks);
}

/* a table that cannot be right: one error of code, whose message has part */
static void check_error(struct oms_fake *f, enum oms_error_code code,
			const char *part, const char *what)
{
	struct oms_kallsyms *ks = NULL;
	struct oms_error *err = oms_kallsyms_create(oms_fake_target(f), &ks);

	OK(err && err->code == code && strstr(err->message, part) &&
	   !strchr(err->message, '\n') && !ks, "%s", what);
	if (err)
		printf("#   %s\n", err->message);
	oms_error_destroy(err);
	oms_kallsyms_destroy(ks);
	oms_fake_destroy(f);
}

static void corrupt(void)
{
	struct oms_fake *f;
	enum enc e;
	uint64_t v;

	/* no kallsyms in VMCOREINFO */
	f = oms_fake_create();
	oms_fake_add_vmcoreinfo(f, "OSRELEASE", "5.15.0");
	check_error(f, OMS_ERR_NOT_FOUND, "SYMBOL(kallsyms_names)",
		    "no SYMBOL(kallsyms_names): NOT_FOUND, naming it");

	f = build(ABSOLUTE_PERCPU, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(kallsyms_names)", "zz");
	check_error(f, OMS_ERR_CORRUPT, "is not an address",
		    "SYMBOL(kallsyms_names)=zz: CORRUPT");

	f = build(ABSOLUTE_PERCPU, true);
	v = 0;
	oms_fake_poke(f, BASE + NUM, &v, 4);
	check_error(f, OMS_ERR_CORRUPT, "kallsyms_num_syms",
		    "kallsyms_num_syms 0: CORRUPT");

	f = build(ABSOLUTE_PERCPU, true);
	v = 0x7fffffff;
	oms_fake_poke(f, BASE + NUM, &v, 4);
	check_error(f, OMS_ERR_CORRUPT, "not a number of kernel symbols",
		    "kallsyms_num_syms 2^31-1: CORRUPT, not a 2^31-symbol walk");

	/* more symbols than kallsyms_names has room for (two bytes each,
	 * up to kallsyms_token_table) */
	f = build(ABSOLUTE_PERCPU, true);
	v = (TTABLE - NAMES) / 2 + 1;
	oms_fake_poke(f, BASE + NUM, &v, 4);
	check_error(f, OMS_ERR_CORRUPT, "more names than the 262144 bytes of 'kallsyms_names' hold",
		    "a count of more names than the room to the next table: CORRUPT");

	/* more symbols than names: the stream runs into zeros */
	f = build(ABSOLUTE_PERCPU, true);
	v = NSYMS + 5;
	oms_fake_poke(f, BASE + NUM, &v, 4);
	check_error(f, OMS_ERR_CORRUPT, "length 0",
		    "a count beyond the names: a name of length 0, CORRUPT");

	/* a name of 0x3fff tokens of five characters each */
	f = build(ABSOLUTE_PERCPU, true);
	{
		unsigned char big[402] = { 0xff, 0x7f };

		memset(big + 2, 1, sizeof(big) - 2);	/* "init_" */
		oms_fake_poke(f, BASE + NAMES, big, sizeof(big));
	}
	check_error(f, OMS_ERR_CORRUPT, "longer than any kernel symbol",
		    "a name of 0x3fff long tokens: CORRUPT, bounded");

	/* a length that two bytes of ULEB128 do not hold: 0x7fff */
	f = build(ABSOLUTE_PERCPU, true);
	{
		unsigned char big[2] = { 0xff, 0xff };

		oms_fake_poke(f, BASE + NAMES, big, sizeof(big));
	}
	check_error(f, OMS_ERR_CORRUPT, "more than 0x3fff tokens",
		    "a name of 0x7fff tokens: CORRUPT, more than scripts/kallsyms writes");

	/* a name of its type letter alone: "T" */
	f = build(ABSOLUTE_PERCPU, true);
	{
		unsigned char one[2] = { 1, 'T' };

		oms_fake_poke(f, BASE + NAMES, one, sizeof(one));
	}
	check_error(f, OMS_ERR_CORRUPT, "symbol 0 of 15 has no name",
		    "a name of its type letter alone: CORRUPT, naming the symbol");

	/* the last token without an end */
	f = build(ABSOLUTE_PERCPU, true);
	{
		uint16_t last;
		unsigned char x[2048];

		memset(x, 'x', sizeof(x));
		memcpy(&last, mem + TINDEX + 2 * 255, 2);
		oms_fake_poke(f, BASE + TTABLE + last, x, sizeof(x));
	}
	check_error(f, OMS_ERR_CORRUPT, "token 255 at ",
		    "a token table without a NUL at its end: CORRUPT");

	/*
	 * scripts/kallsyms writes token_index[i] where the tokens before i
	 * end: an entry elsewhere does not decode (as tests/nodebug.test's
	 * 16 bytes of 0xff over the index of a real dump)
	 */
	f = build(ABSOLUTE_PERCPU, true);
	{
		uint16_t idx;

		memcpy(&idx, mem + TINDEX + 2 * 'a', 2);
		idx++;
		oms_fake_poke(f, BASE + TINDEX + 2 * 'a', &idx, 2);
	}
	check_error(f, OMS_ERR_CORRUPT,
		    "'kallsyms_token_index' at 0xffffffff82068000 has token 97 at ",
		    "a token index entry one past where its token starts: CORRUPT, naming it");

	f = build(ABSOLUTE_PERCPU, true);
	{
		unsigned char ff[16];

		memset(ff, 0xff, sizeof(ff));
		oms_fake_poke(f, BASE + TINDEX, ff, sizeof(ff));
	}
	check_error(f, OMS_ERR_CORRUPT, "has token 0 at 65535 of 'kallsyms_token_table', not at 0",
		    "16 bytes of 0xff over the token index: CORRUPT");

	/* a token of the table that is not printable, in a name: 'a' as 0x01
	 * (the index still right) */
	f = build(ABSOLUTE_PERCPU, true);
	{
		uint16_t idx;
		unsigned char c = 0x01;

		memcpy(&idx, mem + TINDEX + 2 * 'a', 2);
		oms_fake_poke(f, BASE + TTABLE + idx, &c, 1);
	}
	check_error(f, OMS_ERR_CORRUPT, "uses token 97, which is not printable",
		    "a name of a token that is not printable: CORRUPT, naming the symbol and token");

	/* a name of a token that is empty (an unused one): the 'A' of the
	 * first name as token 0x05 */
	f = build(ABSOLUTE_PERCPU, true);
	{
		unsigned char c = 0x05;

		oms_fake_poke(f, BASE + NAMES + 1, &c, 1);
	}
	check_error(f, OMS_ERR_CORRUPT, "symbol 0 of 15 uses token 5, which is empty",
		    "a name of an empty token: CORRUPT");

	/* a page of the names not in the dump */
	f = build(ABSOLUTE_PERCPU, true);
	oms_fake_add_hole(f, BASE + NAMES, 4096);
	check_error(f, OMS_ERR_NODATA, "cannot read 'kallsyms_names' at 0x",
		    "a page of kallsyms_names not in the dump: NODATA, where");

	f = build(PLACE_RELATIVE, true);
	oms_fake_add_hole(f, BASE + TABLE, 4096);
	check_error(f, OMS_ERR_NODATA, "cannot read 'kallsyms_offsets'",
		    "kallsyms_offsets not in the dump: NODATA");

	/* tables in no encoding that puts _stext where VMCOREINFO says */
	f = build(ABSOLUTE_PERCPU, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(_stext)", "ffffffffa2000000");
	check_error(f, OMS_ERR_CORRUPT, "do not put _stext",
		    "offsets that put _stext elsewhere than VMCOREINFO: CORRUPT");

	f = build(ABSOLUTE, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(_stext)", "ffffffffa2000000");
	check_error(f, OMS_ERR_CORRUPT, "do not put _stext",
		    "kallsyms_addresses that put _stext elsewhere: CORRUPT");

	/* a SYMBOL() of VMCOREINFO elsewhere than kallsyms' symbol of that
	 * name, in each encoding */
	for (e = ABSOLUTE; e <= PLACE_RELATIVE; e++) {
		f = build(e, true);
		oms_fake_add_vmcoreinfo(f, "SYMBOL(init_uts_ns)",
					"ffffffffa2001000");
		check_error(f, OMS_ERR_CORRUPT,
			    "kallsyms has 'init_uts_ns' at 0xffffffffa2000200, VMCOREINFO's SYMBOL(init_uts_ns) at 0xffffffffa2001000",
			    "SYMBOL(init_uts_ns) elsewhere than kallsyms has it: CORRUPT, naming both");
	}
	f = build(BASE_RELATIVE, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(clear_seq)", "ffffffffa2000500");
	check_error(f, OMS_ERR_CORRUPT, "kallsyms has 'clear_seq' at 0xffffffffa2000300",
		    "SYMBOL(clear_seq) at neither of the two: CORRUPT, naming the first");

	/* VMCOREINFO's fault, not kallsyms': not checked */
	f = build(BASE_RELATIVE, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(init_uts_ns)", "zz");
	{
		struct oms_kallsyms *ks = NULL;

		NO_ERR(oms_kallsyms_create(oms_fake_target(f), &ks),
		       "SYMBOL(init_uts_ns)=zz: not an address, not kallsyms' to judge");
		oms_kallsyms_destroy(ks);
	}
	oms_fake_destroy(f);
	/* SYMBOL(mem_section) is VMCOREINFO_SYMBOL_ARRAY(): the value of the
	 * pointer (SPARSEMEM_EXTREME), not where it is */
	f = build(BASE_RELATIVE, true);
	oms_fake_add_vmcoreinfo(f, "SYMBOL(mem_section)", "ff11000000002000");
	{
		struct oms_kallsyms *ks = NULL;

		NO_ERR(oms_kallsyms_create(oms_fake_target(f), &ks),
		       "SYMBOL(mem_section), the pointer's value: not checked");
		oms_kallsyms_destroy(ks);
	}
	oms_fake_destroy(f);
}

int main(void)
{
	struct oms_kallsyms *ks;
	struct oms_fake *f;
	struct oms_error *err;
	uint64_t a;

	check_decode(ABSOLUTE, true, "(a) kallsyms_addresses");
	check_decode(ABSOLUTE_PERCPU, true, "(b) offsets + relative_base, ABSOLUTE_PERCPU");
	check_decode(ABSOLUTE_PERCPU, false, "(b) without SYMBOL(_stext)");
	check_decode(BASE_RELATIVE, true, "(c) offsets + relative_base");
	check_decode(BASE_RELATIVE, false, "(c) without SYMBOL(_stext)");
	check_decode(PLACE_RELATIVE, true, "(d) place-relative offsets");
	check_decode(PLACE_RELATIVE, false, "(d) without SYMBOL(_stext)");

	f = build(ABSOLUTE_PERCPU, true);
	ks = NULL;
	NO_ERR(oms_kallsyms_create(oms_fake_target(f), &ks), "a table to look up in");
	if (ks) {
		err = oms_kallsyms_lookup(ks, "no_such_symbol", &a);
		OK(err && err->code == OMS_ERR_NOT_FOUND &&
		   !strcmp(err->message, "no symbol 'no_such_symbol'"),
		   "a name not there: NOT_FOUND \"no symbol 'no_such_symbol'\"");
		oms_error_destroy(err);
		NO_ERR(oms_kallsyms_lookup(ks, "runqueues", &a), "runqueues");
		IS_INT(a, 0x2c000, "ABSOLUTE_PERCPU: a per-cpu symbol is its offset, unshifted");
	}
	oms_kallsyms_destroy(ks);
	oms_kallsyms_destroy(NULL);
	oms_fake_destroy(f);

	corrupt();
	return tap_done();
}
