// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms from the dump's memory: see kallsyms.h.
 *
 * The tables (scripts/kallsyms.c writes them, kernel/kallsyms.c reads
 * them):
 *   kallsyms_num_syms     u32, the number of symbols
 *   kallsyms_names        per symbol a length and that many token bytes; a
 *                         length with bit 7 set takes a second byte,
 *                         (b0 & 0x7f) | b1 << 7 (73bbb94466fd "kallsyms:
 *                         support "big" kernel symbols", 6.1; names of 6.0
 *                         are shorter than 128 tokens)
 *   kallsyms_token_index  256 u16, where each token starts in
 *   kallsyms_token_table  NUL-terminated strings
 *   kallsyms_offsets      s32 per symbol (or kallsyms_addresses, unsigned
 *                         longs), and kallsyms_relative_base: see
 *                         enum oms_kallsyms_encoding
 * The first character of an expanded name is its nm type letter.  The
 * names are decoded front to back in one pass; kallsyms_markers and
 * kallsyms_seqs_of_names, which VMCOREINFO does not name, are not needed
 * for that.  Memory is read a chunk at a time (64 KB, or the one page
 * that is needed when a chunk crosses a page that is not in the dump), so
 * that a page missing from the dump fails only the decode that needs it.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debuginfo.h"
#include "kallsyms.h"
#include "../../model/vec.h"

/* bounds: the kernel has ~90,000-160,000 symbols of at most 512 characters
 * (KSYM_NAME_LEN since b8a94bfb3395, 6.1); far beyond is not kallsyms */
#define MAX_SYMS	(1u << 22)
#define MAX_NAME	1024	/* an expanded name, its type letter too */
#define MAX_TOKEN	1024	/* the last token of the token table */
#define CHUNK		(64u << 10)
#define PAGE		4096u

struct oms_kallsyms {
	enum oms_kallsyms_encoding encoding;
	size_t count;
	char *names;		/* the names, each NUL-terminated */
	size_t names_len, names_cap;
	uint32_t *name_off;	/* of symbol i in names */
	char *types;
	size_t name_off_cap, types_cap;	/* grown as the names decode */
	uint64_t *addrs;
	struct oms_strmap by_name;	/* name -> index */
};

/* where the tables are: VMCOREINFO's SYMBOL()s, 0 for one not there */
struct tables {
	uint64_t names, num_syms, token_table, token_index;
	uint64_t addresses, offsets, relative_base, stext;
	unsigned ptr_size;
};

/* bytes of the target from base on, read a chunk at a time */
struct stream {
	const struct oms_target *t;
	const char *what;	/* the table, for messages */
	uint64_t base;
	uint64_t buf_addr;
	size_t buf_len;
	unsigned char buf[CHUNK];
};

static void stream_init(struct stream *s, const struct oms_target *t,
			const char *what, uint64_t base)
{
	s->t = t;
	s->what = what;
	s->base = base;
	s->buf_addr = 0;
	s->buf_len = 0;
}

/* the byte at base + off */
static struct oms_error *stream_byte(struct stream *s, uint64_t off,
				     unsigned char *ret)
{
	uint64_t addr, start, room;
	struct oms_error *err;
	size_t len;

	if (off > UINT64_MAX - s->base)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'%s' at 0x%" PRIx64 " runs past the end of the address space",
					s->what, s->base);
	addr = s->base + off;
	if (s->buf_len && addr >= s->buf_addr &&
	    addr - s->buf_addr < s->buf_len) {
		*ret = s->buf[addr - s->buf_addr];
		return NULL;
	}
	start = addr & ~(uint64_t)(PAGE - 1);
	room = UINT64_MAX - start;	/* the bytes after start */
	len = room < CHUNK - 1 ? (size_t)room + 1 : CHUNK;
	err = oms_read(s->t, start, s->buf, len);
	if (err) {
		/* a page the chunk crossed may be missing: the one needed */
		oms_error_destroy(err);
		len = PAGE;
		err = oms_read(s->t, start, s->buf, len);
	}
	if (err) {
		s->buf_len = 0;
		return oms_error_prefix(err, "cannot read '%s' at 0x%" PRIx64,
					s->what, addr);
	}
	s->buf_addr = start;
	s->buf_len = len;
	*ret = s->buf[addr - start];
	return NULL;
}

/* the address that VMCOREINFO's SYMBOL(name) gives; 0 when there is none */
static struct oms_error *symbol_entry(const struct oms_target *t,
				      const char *name, bool required,
				      uint64_t *ret)
{
	struct oms_error *err;
	char key[64], *value, *end;

	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	*ret = 0;
	err = oms_vmcoreinfo(t, key, &value);
	if (err && err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		if (!required)
			return NULL;
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"the dump's VMCOREINFO has no %s: no kallsyms in it (there since Linux 6.0)",
					key);
	}
	if (err)
		return err;
	*ret = strtoull(value, &end, 16);
	if (end == value || (*end && !isspace((unsigned char)*end)) || !*ret)
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "the dump's VMCOREINFO %s=%s is not an address",
				       key, value);
	free(value);
	return err;
}

static struct oms_error *find_tables(const struct oms_target *t,
				     struct tables *tb)
{
	struct oms_error *err;

	memset(tb, 0, sizeof(*tb));
	if ((err = symbol_entry(t, "kallsyms_names", true, &tb->names)) ||
	    (err = symbol_entry(t, "kallsyms_num_syms", true, &tb->num_syms)) ||
	    (err = symbol_entry(t, "kallsyms_token_table", true,
				&tb->token_table)) ||
	    (err = symbol_entry(t, "kallsyms_token_index", true,
				&tb->token_index)) ||
	    (err = symbol_entry(t, "kallsyms_addresses", false,
				&tb->addresses)) ||
	    (err = symbol_entry(t, "kallsyms_offsets", false, &tb->offsets)) ||
	    (err = symbol_entry(t, "kallsyms_relative_base", false,
				&tb->relative_base)) ||
	    (err = symbol_entry(t, "_stext", false, &tb->stext)))
		return err;
	if (!tb->addresses && !tb->offsets)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"the dump's VMCOREINFO has neither SYMBOL(kallsyms_offsets) nor SYMBOL(kallsyms_addresses)");
	/* a kernel of 32-bit pointers has its tables below 4 GiB */
	tb->ptr_size = tb->names > UINT32_MAX ? 8 : 4;
	return NULL;
}

/* kallsyms_token_index and the part of kallsyms_token_table it reaches */
static struct oms_error *read_tokens(const struct oms_target *t,
				     const struct tables *tb, struct stream *s,
				     uint16_t index[256], char **table_ret)
{
	struct oms_error *err;
	unsigned char c = 1;
	size_t len, i, max = 0;
	char *table;

	err = oms_read(t, tb->token_index, index, 256 * sizeof(uint16_t));
	if (err)
		return oms_error_prefix(err,
					"cannot read 'kallsyms_token_index' at 0x%" PRIx64,
					tb->token_index);
	for (i = 0; i < 256; i++)
		if (index[i] > max)
			max = index[i];
	table = malloc(max + MAX_TOKEN);
	if (!table)
		return &oms_enomem;
	stream_init(s, t, "kallsyms_token_table", tb->token_table);
	for (len = 0; len <= max || c; len++) {
		if (len == max + MAX_TOKEN) {
			free(table);
			return oms_error_create(OMS_ERR_CORRUPT,
						"'kallsyms_token_table' at 0x%" PRIx64 ": the token at %zu has no end",
						tb->token_table, max);
		}
		err = stream_byte(s, len, &c);
		if (err) {
			free(table);
			return err;
		}
		table[len] = (char)c;
	}
	/* every token starts inside the table, and the table ends in a NUL */
	*table_ret = table;
	return NULL;
}

static struct oms_error *corrupt_name(const struct tables *tb, size_t i,
				      uint32_t n, const char *what)
{
	return oms_error_create(OMS_ERR_CORRUPT,
				"'kallsyms_names' at 0x%" PRIx64 ": symbol %zu of %" PRIu32 " %s",
				tb->names, i, n, what);
}

/* expand the names of kallsyms_names into ks */
static struct oms_error *read_names(struct oms_kallsyms *ks,
				    const struct oms_target *t,
				    const struct tables *tb, struct stream *s,
				    uint32_t n)
{
	uint16_t index[256];
	struct oms_error *err;
	uint64_t off = 0;
	char *table = NULL, name[MAX_NAME + 1];
	size_t i;

	err = read_tokens(t, tb, s, index, &table);
	if (err)
		return err;
	stream_init(s, t, "kallsyms_names", tb->names);
	for (i = 0; i < n; i++) {
		unsigned char b0, b1, tok;
		size_t len, j, nlen = 0;
		uint32_t *off32;
		char *names;

		if ((err = stream_byte(s, off++, &b0)))
			goto out_free_table;
		len = b0;
		if (b0 & 0x80) {
			if ((err = stream_byte(s, off++, &b1)))
				goto out_free_table;
			len = (b0 & 0x7fu) | (size_t)b1 << 7;
		}
		if (!len) {
			err = corrupt_name(tb, i, n, "has length 0");
			goto out_free_table;
		}
		for (j = 0; j < len; j++) {
			const char *p;

			if ((err = stream_byte(s, off++, &tok)))
				goto out_free_table;
			for (p = table + index[tok]; *p; p++) {
				if (nlen == MAX_NAME) {
					err = corrupt_name(tb, i, n,
							   "is longer than any kernel symbol");
					goto out_free_table;
				}
				name[nlen++] = *p;
			}
		}
		if (nlen < 2) {
			err = corrupt_name(tb, i, n, "has no name");
			goto out_free_table;
		}
		name[nlen] = '\0';
		if (ks->names_len + nlen > UINT32_MAX) {
			err = corrupt_name(tb, i, n, "is past 4 GiB of names");
			goto out_free_table;
		}
		names = oms_grow(ks->names, &ks->names_cap,
				 ks->names_len + nlen, 1);
		if (!names) {
			err = &oms_enomem;
			goto out_free_table;
		}
		ks->names = names;
		if (!(names = oms_grow(ks->types, &ks->types_cap, i + 1, 1))) {
			err = &oms_enomem;
			goto out_free_table;
		}
		ks->types = names;
		off32 = oms_grow(ks->name_off, &ks->name_off_cap, i + 1,
				 sizeof(*off32));
		if (!off32) {
			err = &oms_enomem;
			goto out_free_table;
		}
		ks->name_off = off32;
		ks->types[i] = name[0];
		ks->name_off[i] = (uint32_t)ks->names_len;
		/* the name after its type letter, and the NUL */
		memcpy(ks->names + ks->names_len, name + 1, nlen);
		ks->names_len += nlen;
	}
out_free_table:
	free(table);
	return err;
}

/* the name index: of equal names the first global one, else the first */
static struct oms_error *index_names(struct oms_kallsyms *ks)
{
	size_t i;

	for (i = 0; i < ks->count; i++) {
		const char *name = ks->names + ks->name_off[i];
		uint64_t old;
		bool ok;

		if (!oms_strmap_get(&ks->by_name, name, &old))
			ok = oms_strmap_put(&ks->by_name, name, i, false);
		else if (!isupper((unsigned char)ks->types[old]) &&
			 isupper((unsigned char)ks->types[i]))
			ok = oms_strmap_put(&ks->by_name, name, i, true);
		else
			ok = true;
		if (!ok)
			return &oms_enomem;
	}
	return NULL;
}

/* n entries of size bytes at addr, into a new buffer */
static struct oms_error *read_array(const struct oms_target *t,
				    const char *what, uint64_t addr, size_t n,
				    size_t size, void **ret)
{
	struct oms_error *err;
	void *buf = malloc(n * size);

	if (!buf)
		return &oms_enomem;
	err = oms_read(t, addr, buf, n * size);
	if (err) {
		free(buf);
		return oms_error_prefix(err,
					"cannot read '%s' (%zu bytes at 0x%" PRIx64 ")",
					what, n * size, addr);
	}
	*ret = buf;
	return NULL;
}

static uint64_t absolute_percpu(uint64_t base, int32_t off)
{
	return off >= 0 ? (uint64_t)off : base - 1 - (uint64_t)(int64_t)off;
}

static uint64_t decode(enum oms_kallsyms_encoding e, const struct tables *tb,
		       uint64_t base, const int32_t *offs, size_t i)
{
	switch (e) {
	case OMS_KALLSYMS_ABSOLUTE_PERCPU:
		return absolute_percpu(base, offs[i]);
	case OMS_KALLSYMS_BASE_RELATIVE:
		return base + (uint32_t)offs[i];
	case OMS_KALLSYMS_PLACE_RELATIVE:
		return tb->offsets + 4 * (uint64_t)i +
		       (uint64_t)(int64_t)offs[i];
	default:
		return 0;
	}
}

/*
 * Which way kallsyms_offsets[] are meant: without kallsyms_relative_base
 * place-relative; with it, the decode that puts _stext where VMCOREINFO
 * says (libdrgn's kallsyms.c decides so too), and without _stext to check,
 * by the signs: base-relative offsets of a kernel image (under 2 GiB) are
 * never negative, and with ABSOLUTE_PERCPU every relative one is
 */
static struct oms_error *choose(const struct oms_kallsyms *ks,
				const struct tables *tb, uint64_t base,
				const int32_t *offs,
				enum oms_kallsyms_encoding *ret)
{
	static const enum oms_kallsyms_encoding with_base[] = {
		OMS_KALLSYMS_BASE_RELATIVE, OMS_KALLSYMS_ABSOLUTE_PERCPU,
	};
	uint64_t stext_index;
	size_t i;

	if (!tb->relative_base)
		*ret = OMS_KALLSYMS_PLACE_RELATIVE;
	if (!tb->stext || !oms_strmap_get(&ks->by_name, "_stext", &stext_index)) {
		if (tb->relative_base) {
			*ret = OMS_KALLSYMS_BASE_RELATIVE;
			for (i = 0; i < ks->count; i++)
				if (offs[i] < 0)
					*ret = OMS_KALLSYMS_ABSOLUTE_PERCPU;
		}
		return NULL;
	}
	if (!tb->relative_base) {
		if (decode(*ret, tb, base, offs, stext_index) == tb->stext)
			return NULL;
	} else {
		for (i = 0; i < 2; i++) {
			if (decode(with_base[i], tb, base, offs, stext_index) ==
			    tb->stext) {
				*ret = with_base[i];
				return NULL;
			}
		}
	}
	return oms_error_create(OMS_ERR_CORRUPT,
				"'kallsyms_offsets' at 0x%" PRIx64 "%s do not put _stext at 0x%" PRIx64 ", where VMCOREINFO has it",
				tb->offsets,
				tb->relative_base ? " and 'kallsyms_relative_base'" : "",
				tb->stext);
}

static struct oms_error *read_addresses(struct oms_kallsyms *ks,
					const struct oms_target *t,
					const struct tables *tb)
{
	struct oms_error *err;
	uint64_t base = 0, stext_index;
	int32_t *offs;
	size_t i;

	if (tb->addresses) {
		void *raw;

		ks->encoding = OMS_KALLSYMS_ABSOLUTE;
		err = read_array(t, "kallsyms_addresses", tb->addresses,
				 ks->count, tb->ptr_size, &raw);
		if (err)
			return err;
		for (i = 0; i < ks->count; i++) {
			if (tb->ptr_size == 8) {
				memcpy(&ks->addrs[i], (char *)raw + 8 * i, 8);
			} else {
				uint32_t a;

				memcpy(&a, (char *)raw + 4 * i, 4);
				ks->addrs[i] = a;
			}
		}
		free(raw);
		if (tb->stext &&
		    oms_strmap_get(&ks->by_name, "_stext", &stext_index) &&
		    ks->addrs[stext_index] != tb->stext)
			return oms_error_create(OMS_ERR_CORRUPT,
						"'kallsyms_addresses' at 0x%" PRIx64 " do not put _stext at 0x%" PRIx64 ", where VMCOREINFO has it",
						tb->addresses, tb->stext);
		return NULL;
	}
	if (tb->relative_base) {
		unsigned char b[8] = { 0 };

		err = oms_read(t, tb->relative_base, b, tb->ptr_size);
		if (err)
			return oms_error_prefix(err,
						"cannot read 'kallsyms_relative_base' at 0x%" PRIx64,
						tb->relative_base);
		if (tb->ptr_size == 8) {
			memcpy(&base, b, 8);
		} else {
			uint32_t b32;

			memcpy(&b32, b, 4);
			base = b32;
		}
	}
	err = read_array(t, "kallsyms_offsets", tb->offsets, ks->count, 4,
			 (void **)&offs);
	if (err)
		return err;
	err = choose(ks, tb, base, offs, &ks->encoding);
	for (i = 0; !err && i < ks->count; i++)
		ks->addrs[i] = decode(ks->encoding, tb, base, offs, i);
	free(offs);
	return err;
}

struct oms_error *oms_kallsyms_create(const struct oms_target *t,
				      struct oms_kallsyms **ret)
{
	struct oms_kallsyms *ks;
	struct oms_error *err;
	struct stream *s;
	struct tables tb;
	uint32_t n;

	err = find_tables(t, &tb);
	if (err)
		return err;
	err = oms_read_u32(t, tb.num_syms, &n);
	if (err)
		return oms_error_prefix(err,
					"cannot read 'kallsyms_num_syms' at 0x%" PRIx64,
					tb.num_syms);
	if (!n || n > MAX_SYMS)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'kallsyms_num_syms' at 0x%" PRIx64 " is %" PRIu32 ": not a number of kernel symbols",
					tb.num_syms, n);
	ks = calloc(1, sizeof(*ks));
	s = malloc(sizeof(*s));
	if (!ks || !s) {
		free(s);
		free(ks);
		return &oms_enomem;
	}
	oms_strmap_init(&ks->by_name);
	ks->count = n;
	/* the arrays grow as the names decode: a count that is not
	 * kallsyms' allocates nothing before a name fails */
	err = read_names(ks, t, &tb, s, n);
	if (!err)
		err = index_names(ks);
	if (!err && !(ks->addrs = malloc(n * sizeof(*ks->addrs))))
		err = &oms_enomem;
	if (!err)
		err = read_addresses(ks, t, &tb);
	if (err)
		goto out_destroy;
	free(s);
	*ret = ks;
	return NULL;

out_destroy:
	free(s);
	oms_kallsyms_destroy(ks);
	return err;
}

void oms_kallsyms_destroy(struct oms_kallsyms *ks)
{
	if (!ks)
		return;
	oms_strmap_deinit(&ks->by_name);
	free(ks->names);
	free(ks->name_off);
	free(ks->types);
	free(ks->addrs);
	free(ks);
}

size_t oms_kallsyms_count(const struct oms_kallsyms *ks)
{
	return ks->count;
}

void oms_kallsyms_get(const struct oms_kallsyms *ks, size_t i,
		      struct oms_kallsyms_symbol *ret)
{
	ret->name = ks->names + ks->name_off[i];
	ret->address = ks->addrs[i];
	ret->type = ks->types[i];
}

enum oms_kallsyms_encoding
oms_kallsyms_encoding(const struct oms_kallsyms *ks)
{
	return ks->encoding;
}

const char *oms_kallsyms_encoding_name(enum oms_kallsyms_encoding e)
{
	switch (e) {
	case OMS_KALLSYMS_ABSOLUTE: return "absolute";
	case OMS_KALLSYMS_ABSOLUTE_PERCPU: return "absolute-percpu";
	case OMS_KALLSYMS_BASE_RELATIVE: return "base-relative";
	case OMS_KALLSYMS_PLACE_RELATIVE: return "place-relative";
	}
	return "unknown";
}

struct oms_error *oms_kallsyms_lookup(const struct oms_kallsyms *ks,
				      const char *name, uint64_t *addr_ret)
{
	uint64_t i;

	if (!oms_strmap_get(&ks->by_name, name, &i))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no symbol '%s'",
					name);
	*addr_ret = ks->addrs[i];
	return NULL;
}
