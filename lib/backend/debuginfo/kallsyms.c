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
 * for that.
 *
 * A table that does not decode is OMS_ERR_CORRUPT, not garbled names.
 * What scripts/kallsyms.c's write_src() writes, the same from 6.0 to
 * today, and so what is checked:
 *  - the token table is the 256 tokens one after the other, and
 *    token_index[i] the offset of token i: each entry is where the tokens
 *    before it end (best_idx[i] = off; off += strlen(buf) + 1);
 *  - a token a name uses is a character of the symbols or a pair of
 *    tokens, never empty (an unused one is), and printable, as nm prints
 *    the names; a length is at most 0x3fff tokens; a name has its type
 *    letter and at least one character after it;
 *  - VMCOREINFO's SYMBOL()s that are a symbol's address (vmcoreinfo_
 *    symbols[] below) are where kallsyms puts a symbol of that name.
 *
 * Memory is read 256 KB at a time (kallsyms_names of 6.12: 2 MB in 9
 * reads), never past the next table that VMCOREINFO names (the token
 * table, 1 KB, in one read of its page), or only the pages a name needs
 * once a chunk crossed a page that is not in the dump, so that a page
 * missing from the dump fails only the decode that needs it.
 *
 * The names expand into one buffer, token by token, each hashed as it
 * ends into an open-addressing table of every symbol, sized once from the
 * count (no rehash, no per-name allocation), whose probe sequences keep
 * the symbols of one name in kallsyms' order: a look-up takes the first
 * global one of them, else the first.  Addresses are decoded from the
 * table as read when asked for.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
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
#define MAX_TOKEN	1024	/* a token of the token table */
#define MAX_LEN		0x3fff	/* a name's tokens: two bytes of ULEB128 */
#define CHUNK		(256u << 10)	/* read at once */
#define PAGE		4096u
#define SLACK		8	/* tokens are copied 8 bytes at a time */

/*
 * A slot of the name index: symbol + 1 (0: empty; at most MAX_SYMS, 23
 * bits) and above it the 9 high bits of the name's hash, so that most
 * names of another hash are passed over without reading them
 */
#define SLOT_SYM_BITS	23
#define SLOT_SYM(s)	((s) & ((1u << SLOT_SYM_BITS) - 1))
#define SLOT_TAG(hash)	((hash) >> SLOT_SYM_BITS << SLOT_SYM_BITS)

struct oms_kallsyms {
	enum oms_kallsyms_encoding encoding;
	size_t count;
	char *names;		/* a NUL, then the names, each NUL-terminated */
	size_t names_len, names_cap;
	uint32_t *name_off;	/* of symbol i in names */
	char *types;
	size_t name_off_cap, types_cap;	/* grown as the names decode */
	/* kallsyms_offsets (s32) or kallsyms_addresses, as read: an
	 * address is decoded when asked for (address()) */
	unsigned char *raw;
	unsigned raw_size;	/* bytes of an entry */
	uint64_t base;		/* kallsyms_relative_base */
	uint64_t offsets;	/* where kallsyms_offsets is */
	uint32_t *slots;	/* the name index, mask + 1 of them */
	size_t mask;
};

/* where the tables are: VMCOREINFO's SYMBOL()s, 0 for one not there */
struct tables {
	uint64_t names, num_syms, token_table, token_index;
	uint64_t addresses, offsets, relative_base, stext;
	unsigned ptr_size;
};

/* the tokens: token i is len[i] bytes at table + off[i] */
struct tokens {
	char *table;		/* SLACK bytes after the last token */
	uint32_t off[256];
	uint16_t len[256];
	/* 0, or why a name cannot use it: 1 empty, 2 not printable */
	unsigned char bad[256];
};

/*
 * Bytes of the target from base on, read a chunk at a time, but not past
 * limit (the bytes the table may take, 0 if not known) unless asked to;
 * after a chunk that crossed a page not in the dump, only the pages asked
 * for
 */
struct stream {
	const struct oms_target *t;
	const char *what;	/* the table, for messages */
	uint64_t base;
	uint64_t limit;
	size_t chunk;
	uint64_t buf_addr;
	size_t buf_len, buf_cap;
	unsigned char *buf;
};

static void stream_init(struct stream *s, const struct oms_target *t,
			const char *what, uint64_t base, uint64_t limit)
{
	memset(s, 0, sizeof(*s));
	s->t = t;
	s->what = what;
	s->base = base;
	s->limit = limit;
	s->chunk = CHUNK;
}

static void stream_deinit(struct stream *s)
{
	free(s->buf);
	s->buf = NULL;
}

/* [start, start + len) into the buffer */
static struct oms_error *stream_fill(struct stream *s, uint64_t start,
				     size_t len)
{
	struct oms_error *err;
	unsigned char *buf;

	s->buf_len = 0;
	if (len > s->buf_cap) {
		if (!(buf = realloc(s->buf, len)))
			return &oms_enomem;
		s->buf = buf;
		s->buf_cap = len;
	}
	err = oms_read(s->t, start, s->buf, len);
	s->buf_addr = start;
	s->buf_len = err ? 0 : len;
	return err;
}

/*
 * *ret: the len bytes (at most MAX_LEN) at base + off, valid until the
 * next call
 */
static struct oms_error *stream_get(struct stream *s, uint64_t off,
				    size_t len, const unsigned char **ret)
{
	uint64_t addr, start, end, room;
	struct oms_error *err;
	size_t n, need;

	if (off > UINT64_MAX - s->base || len > UINT64_MAX - (s->base + off))
		return oms_error_create(OMS_ERR_CORRUPT,
					"'%s' at 0x%" PRIx64 " runs past the end of the address space",
					s->what, s->base);
	addr = s->base + off;
	if (addr - s->buf_addr < s->buf_len &&
	    len <= s->buf_len - (addr - s->buf_addr)) {
		*ret = s->buf + (addr - s->buf_addr);
		return NULL;
	}
	/* from the page of addr: the pages asked for at least */
	start = addr & ~(uint64_t)(PAGE - 1);
	end = addr + len;
	if (end % PAGE && end <= UINT64_MAX - (PAGE - end % PAGE))
		end += PAGE - end % PAGE;
	need = (size_t)(end - start);
	/* a chunk, short of the end of the address space and of the table */
	room = UINT64_MAX - start;
	n = room < s->chunk - 1 ? (size_t)room + 1 : s->chunk;
	if (s->limit && s->limit <= UINT64_MAX - s->base &&
	    s->base + s->limit > start && s->base + s->limit - start < n)
		n = (size_t)(s->base + s->limit - start);
	if (n < need)
		n = need;
	err = stream_fill(s, start, n);
	if (err && err != &oms_enomem && n > need) {
		oms_error_destroy(err);
		s->chunk = PAGE;
		err = stream_fill(s, start, need);
	}
	if (err) {
		if (err == &oms_enomem)
			return err;
		return oms_error_prefix(err, "cannot read '%s' at 0x%" PRIx64,
					s->what, addr);
	}
	*ret = s->buf + (addr - start);
	return NULL;
}

/* the value of VMCOREINFO's SYMBOL(name): *found false when it has none,
 * an error when the value is not an address */
static struct oms_error *symbol_value(const struct oms_target *t,
				      const char *name, uint64_t *ret,
				      bool *found)
{
	struct oms_error *err;
	char key[64], *value, *end;

	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	*ret = 0;
	*found = false;
	err = oms_vmcoreinfo(t, key, &value);
	if (err && err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	*found = true;
	*ret = strtoull(value, &end, 16);
	if (end == value || (*end && !isspace((unsigned char)*end)) || !*ret)
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "the dump's VMCOREINFO %s=%s is not an address",
				       key, value);
	free(value);
	return err;
}

/* the address of a table that VMCOREINFO's SYMBOL(name) gives; 0 when
 * there is none */
static struct oms_error *symbol_entry(const struct oms_target *t,
				      const char *name, bool required,
				      uint64_t *ret)
{
	struct oms_error *err;
	bool found;

	err = symbol_value(t, name, ret, &found);
	if (err || found || !required)
		return err;
	return oms_error_create(OMS_ERR_NOT_FOUND,
				"the dump's VMCOREINFO has no SYMBOL(%s): no kallsyms in it (there since Linux 6.0)",
				name);
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

/* the bytes from addr to the lowest table above it, 0 if none is */
static uint64_t room_above(const struct tables *tb, uint64_t addr)
{
	const uint64_t all[] = {
		tb->names, tb->num_syms, tb->token_table, tb->token_index,
		tb->addresses, tb->offsets, tb->relative_base,
	};
	uint64_t room = 0;
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (all[i] > addr && (!room || all[i] - addr < room))
			room = all[i] - addr;
	return room;
}

/*
 * kallsyms_token_index and kallsyms_token_table: the 256 tokens one after
 * the other, each entry of the index where the ones before it end
 */
static struct oms_error *read_tokens(const struct oms_target *t,
				     const struct tables *tb,
				     struct tokens *tk)
{
	struct oms_error *err;
	struct stream s;
	uint16_t index[256];
	size_t cap = 0, off = 0;
	unsigned i;

	err = oms_read(t, tb->token_index, index, sizeof(index));
	if (err)
		return oms_error_prefix(err,
					"cannot read 'kallsyms_token_index' at 0x%" PRIx64,
					tb->token_index);
	stream_init(&s, t, "kallsyms_token_table", tb->token_table,
		    room_above(tb, tb->token_table));
	tk->table = NULL;
	for (i = 0; i < 256; i++) {
		const unsigned char *p;
		size_t len;
		char *table;

		if (index[i] != off) {
			err = oms_error_create(OMS_ERR_CORRUPT,
					       "'kallsyms_token_index' at 0x%" PRIx64 " has token %u at %u of 'kallsyms_token_table', not at %zu, where the tokens before it end",
					       tb->token_index, i, index[i], off);
			goto out_free;
		}
		tk->off[i] = (uint32_t)off;
		tk->bad[i] = 0;
		for (len = 0;; len++) {
			if (len > MAX_TOKEN) {
				err = oms_error_create(OMS_ERR_CORRUPT,
						       "'kallsyms_token_table' at 0x%" PRIx64 ": token %u at %zu has no end",
						       tb->token_table, i, off);
				goto out_free;
			}
			if ((err = stream_get(&s, off + len, 1, &p)))
				goto out_free;
			table = oms_grow(tk->table, &cap, off + len + 1 + SLACK,
					 1);
			if (!table) {
				err = &oms_enomem;
				goto out_free;
			}
			tk->table = table;
			table[off + len] = (char)*p;
			if (!*p)
				break;
			if (*p < 0x20 || *p > 0x7e)
				tk->bad[i] = 2;
		}
		if (!len)
			tk->bad[i] = 1;
		tk->len[i] = (uint16_t)len;
		off += len + 1;
	}
	/* the slack read by the 8-byte copies */
	memset(tk->table + off, 0, SLACK);
	stream_deinit(&s);
	return NULL;

out_free:
	stream_deinit(&s);
	free(tk->table);
	tk->table = NULL;
	return err;
}

static struct oms_error *corrupt_name(const struct tables *tb, size_t i,
				      uint32_t n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct oms_error *corrupt_name(const struct tables *tb, size_t i,
				      uint32_t n, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return oms_error_create(OMS_ERR_CORRUPT,
				"'kallsyms_names' at 0x%" PRIx64 ": symbol %zu of %" PRIu32 " %s",
				tb->names, i, n, what);
}

/*
 * Of a name of len bytes at s, which has SLACK bytes of room after it: a
 * word at a time (the last one read whole, masked to the name), then
 * murmur3's finalizer
 */
static uint32_t name_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (len) {
		memcpy(&w, s, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		w &= ~0ULL >> (64 - 8 * len);
#else
		w >>= 64 - 8 * len;
#endif
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

/* the name index of count symbols: a load of at most 2/3 */
static struct oms_error *index_create(struct oms_kallsyms *ks, size_t count)
{
	size_t cap = 64;

	while (cap < count + count / 2)
		cap *= 2;
	ks->slots = calloc(cap, sizeof(*ks->slots));
	if (!ks->slots)
		return &oms_enomem;
	ks->mask = cap - 1;
	return NULL;
}

/* symbol i, of that hash, after those before it */
static void index_add(struct oms_kallsyms *ks, size_t i, uint32_t hash)
{
	size_t j = hash & ks->mask;

	while (ks->slots[j])
		j = (j + 1) & ks->mask;
	ks->slots[j] = SLOT_TAG(hash) | ((uint32_t)i + 1);
}

/*
 * Expand the len token bytes at p to dst (MAX_NAME + SLACK bytes of room)
 * and *nlen_ret its length: the type letter and the name
 */
static struct oms_error *expand(const struct tokens *tk,
				const unsigned char *p, size_t len, char *dst,
				size_t *nlen_ret, const struct tables *tb,
				size_t i, uint32_t n)
{
	size_t j, nlen = 0;

	for (j = 0; j < len; j++) {
		unsigned tok = p[j];
		size_t tl = tk->len[tok];
		const char *src = tk->table + tk->off[tok];

		if (tk->bad[tok])
			return corrupt_name(tb, i, n, "uses token %u, which is %s",
					    tok, tk->bad[tok] == 1 ? "empty" :
					    "not printable");
		if (nlen + tl > MAX_NAME)
			return corrupt_name(tb, i, n,
					    "is longer than any kernel symbol");
		/* a token is 1-3 characters mostly: 8 bytes, and the
		 * next token overwrites the rest */
		if (tl <= SLACK)
			memcpy(dst + nlen, src, SLACK);
		else
			memcpy(dst + nlen, src, tl);
		nlen += tl;
	}
	*nlen_ret = nlen;
	return NULL;
}

/*
 * The n names of kallsyms_names into ks, each hashed into the index as it
 * expands.  In ks->names each name follows the NUL of the one before it:
 * expanded over that NUL, its type letter is taken and the NUL put back
 */
static struct oms_error *read_names(struct oms_kallsyms *ks,
				    const struct oms_target *t,
				    const struct tables *tb, uint32_t n)
{
	struct oms_error *err;
	struct tokens tk;
	struct stream s;
	uint64_t off = 0;
	size_t i, pending = 0;
	uint32_t pending_hash = 0;

	err = read_tokens(t, tb, &tk);
	if (err)
		return err;
	stream_init(&s, t, "kallsyms_names", tb->names,
		    room_above(tb, tb->names));
	ks->names = oms_grow(NULL, &ks->names_cap, 1 + MAX_NAME + SLACK, 1);
	if (!ks->names) {
		err = &oms_enomem;
		goto out;
	}
	ks->names[0] = '\0';
	ks->names_len = 1;
	for (i = 0; i < n; i++) {
		const unsigned char *p;
		size_t len, nlen = 0;
		uint32_t *off32;
		char *c, *dst;

		if ((err = stream_get(&s, off++, 1, &p)))
			goto out;
		len = *p;
		if (len & 0x80) {
			if ((err = stream_get(&s, off++, 1, &p)))
				goto out;
			len = (len & 0x7f) | (size_t)*p << 7;
		}
		if (!len) {
			err = corrupt_name(tb, i, n, "has length 0");
			goto out;
		}
		if (len > MAX_LEN) {
			err = corrupt_name(tb, i, n,
					   "has length %zu, more than 0x3fff tokens",
					   len);
			goto out;
		}
		if ((err = stream_get(&s, off, len, &p)))
			goto out;
		off += len;
		dst = ks->names + ks->names_len - 1;
		if ((err = expand(&tk, p, len, dst, &nlen, tb, i, n)))
			goto out;
		if (nlen < 2) {
			err = corrupt_name(tb, i, n, "has no name");
			goto out;
		}
		if (ks->names_len + nlen > UINT32_MAX) {
			err = corrupt_name(tb, i, n, "is past 4 GiB of names");
			goto out;
		}
		if (!(c = oms_grow(ks->types, &ks->types_cap, i + 1, 1))) {
			err = &oms_enomem;
			goto out;
		}
		ks->types = c;
		off32 = oms_grow(ks->name_off, &ks->name_off_cap, i + 1,
				 sizeof(*off32));
		if (!off32) {
			err = &oms_enomem;
			goto out;
		}
		ks->name_off = off32;
		ks->types[i] = dst[0];
		dst[0] = '\0';
		dst[nlen] = '\0';
		ks->name_off[i] = (uint32_t)ks->names_len;
		/* into the index one name later, its slot fetched meanwhile */
		if (i)
			index_add(ks, pending, pending_hash);
		pending = i;
		pending_hash = name_hash(dst + 1, nlen - 1);
		__builtin_prefetch(&ks->slots[pending_hash & ks->mask], 1);
		ks->names_len += nlen;
		/* room for the next name */
		c = oms_grow(ks->names, &ks->names_cap,
			     ks->names_len + MAX_NAME + SLACK, 1);
		if (!c) {
			err = &oms_enomem;
			goto out;
		}
		ks->names = c;
	}
	index_add(ks, pending, pending_hash);
out:
	stream_deinit(&s);
	free(tk.table);
	return err;
}

/* the symbols of one name, in kallsyms' order */
struct probe {
	const struct oms_kallsyms *ks;
	const char *name;
	size_t slot;
	uint32_t tag;
};

static void probe_init(struct probe *p, const struct oms_kallsyms *ks,
		       const char *name)
{
	char padded[MAX_NAME + SLACK];
	size_t len = strlen(name);
	uint32_t h;

	p->ks = ks;
	p->name = name;
	/* a name no symbol has (longer than any) hashes as its start */
	if (len > MAX_NAME)
		len = MAX_NAME;
	memcpy(padded, name, len);
	h = name_hash(padded, len);
	p->slot = h & ks->mask;
	p->tag = SLOT_TAG(h);
}

/* the next symbol of the name; false after the last */
static bool probe_next(struct probe *p, size_t *sym_ret)
{
	const struct oms_kallsyms *ks = p->ks;

	for (;;) {
		uint32_t s = ks->slots[p->slot];

		if (!s)
			return false;
		p->slot = (p->slot + 1) & ks->mask;
		if (SLOT_TAG(s) == p->tag &&
		    !strcmp(ks->names + ks->name_off[SLOT_SYM(s) - 1],
			    p->name)) {
			*sym_ret = SLOT_SYM(s) - 1;
			return true;
		}
	}
}

/* of the symbols of a name the first global one, else the first */
static bool find_name(const struct oms_kallsyms *ks, const char *name,
		      size_t *ret)
{
	struct probe p;
	bool found = false;
	size_t i;

	probe_init(&p, ks, name);
	while (probe_next(&p, &i)) {
		if (isupper((unsigned char)ks->types[i])) {
			*ret = i;
			return true;
		}
		if (!found)
			*ret = i;
		found = true;
	}
	return found;
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

/* the address of symbol i, if e is the encoding */
static uint64_t address(const struct oms_kallsyms *ks,
			enum oms_kallsyms_encoding e, size_t i)
{
	const unsigned char *p = ks->raw + i * ks->raw_size;
	uint32_t a32;
	uint64_t a;
	int32_t off;

	if (e == OMS_KALLSYMS_ABSOLUTE) {
		if (ks->raw_size == 8) {
			memcpy(&a, p, 8);
			return a;
		}
		memcpy(&a32, p, 4);
		return a32;
	}
	memcpy(&off, p, 4);
	switch (e) {
	case OMS_KALLSYMS_ABSOLUTE_PERCPU:
		return absolute_percpu(ks->base, off);
	case OMS_KALLSYMS_BASE_RELATIVE:
		return ks->base + (uint32_t)off;
	case OMS_KALLSYMS_PLACE_RELATIVE:
		return ks->offsets + 4 * (uint64_t)i + (uint64_t)(int64_t)off;
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
				const struct tables *tb,
				enum oms_kallsyms_encoding *ret)
{
	static const enum oms_kallsyms_encoding with_base[] = {
		OMS_KALLSYMS_BASE_RELATIVE, OMS_KALLSYMS_ABSOLUTE_PERCPU,
	};
	size_t i, stext_index;

	if (!tb->relative_base)
		*ret = OMS_KALLSYMS_PLACE_RELATIVE;
	if (!tb->stext || !find_name(ks, "_stext", &stext_index)) {
		if (tb->relative_base) {
			*ret = OMS_KALLSYMS_BASE_RELATIVE;
			for (i = 0; i < ks->count; i++) {
				int32_t off;

				memcpy(&off, ks->raw + 4 * i, 4);
				if (off < 0)
					*ret = OMS_KALLSYMS_ABSOLUTE_PERCPU;
			}
		}
		return NULL;
	}
	if (!tb->relative_base) {
		if (address(ks, *ret, stext_index) == tb->stext)
			return NULL;
	} else {
		for (i = 0; i < 2; i++) {
			if (address(ks, with_base[i], stext_index) ==
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
	size_t stext_index;

	if (tb->addresses) {
		ks->encoding = OMS_KALLSYMS_ABSOLUTE;
		ks->raw_size = tb->ptr_size;
		err = read_array(t, "kallsyms_addresses", tb->addresses,
				 ks->count, tb->ptr_size, (void **)&ks->raw);
		if (err)
			return err;
		if (tb->stext && find_name(ks, "_stext", &stext_index) &&
		    address(ks, ks->encoding, stext_index) != tb->stext)
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
			memcpy(&ks->base, b, 8);
		} else {
			uint32_t b32;

			memcpy(&b32, b, 4);
			ks->base = b32;
		}
	}
	ks->offsets = tb->offsets;
	ks->raw_size = 4;
	err = read_array(t, "kallsyms_offsets", tb->offsets, ks->count, 4,
			 (void **)&ks->raw);
	if (!err)
		err = choose(ks, tb, &ks->encoding);
	return err;
}

/*
 * VMCOREINFO's SYMBOL()s that are the address of a symbol of that name:
 * VMCOREINFO_SYMBOL(), or VMCOREINFO_SYMBOL_ARRAY() of an array, in
 * crash_save_vmcoreinfo_init() (kernel/crash_core.c, later
 * kernel/vmcore_info.c), log_buf_vmcoreinfo_setup()
 * (kernel/printk/printk.c) and x86-64's arch_crash_save_vmcoreinfo().
 * Not mem_section and vmemmap: VMCOREINFO_SYMBOL_ARRAY() of those writes
 * their value, a pointer (SPARSEMEM_EXTREME's mem_section, x86's
 * vmemmap_base), not where they are.  Each is checked when VMCOREINFO has
 * it and kallsyms has the name (of several of the name, one must be
 * there: statics of other files).
 */
static const char *const vmcoreinfo_symbols[] = {
	"init_uts_ns", "node_online_map", "swapper_pg_dir", "_stext",
	"vmap_area_list",	/* 6.1 has it, 6.12 not */
	"mem_map", "contig_page_data",	/* !CONFIG_NUMA */
	"kallsyms_names", "kallsyms_num_syms", "kallsyms_token_table",
	"kallsyms_token_index", "kallsyms_offsets", "kallsyms_addresses",
	"kallsyms_relative_base",
	"prb", "printk_rb_static", "clear_seq",
	"init_top_pgt", "node_data",	/* x86-64 */
};

/* a symbol of each name of vmcoreinfo_symbols[] where VMCOREINFO says */
static struct oms_error *check_vmcoreinfo(const struct oms_kallsyms *ks,
					  const struct oms_target *t)
{
	struct oms_error *err;
	struct probe p;
	uint64_t addr;
	size_t i, sym, first = 0;
	bool found, seen, there;

	for (i = 0; i < sizeof(vmcoreinfo_symbols) /
			sizeof(vmcoreinfo_symbols[0]); i++) {
		const char *name = vmcoreinfo_symbols[i];

		err = symbol_value(t, name, &addr, &found);
		if (err) {
			/* not an address: VMCOREINFO's fault, not kallsyms' */
			if (err == &oms_enomem)
				return err;
			oms_error_destroy(err);
			continue;
		}
		if (!found)
			continue;
		/* of several of the name, any one (statics of other files) */
		seen = there = false;
		probe_init(&p, ks, name);
		while (!there && probe_next(&p, &sym)) {
			there = address(ks, ks->encoding, sym) == addr;
			if (!seen)
				first = sym;
			seen = true;
		}
		if (seen && !there)
			return oms_error_create(OMS_ERR_CORRUPT,
						"kallsyms has '%s' at 0x%" PRIx64 ", VMCOREINFO's SYMBOL(%s) at 0x%" PRIx64,
						name,
						address(ks, ks->encoding, first),
						name, addr);
	}
	return NULL;
}

struct oms_error *oms_kallsyms_create(const struct oms_target *t,
				      struct oms_kallsyms **ret)
{
	struct oms_kallsyms *ks;
	struct oms_error *err;
	struct tables tb;
	uint64_t room;
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
	/* a name takes two bytes at least: a length and a token */
	room = room_above(&tb, tb.names);
	if (room && n > room / 2)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'kallsyms_num_syms' at 0x%" PRIx64 " is %" PRIu32 ": more names than the %" PRIu64 " bytes of 'kallsyms_names' hold",
					tb.num_syms, n, room);
	ks = calloc(1, sizeof(*ks));
	if (!ks)
		return &oms_enomem;
	ks->count = n;
	/* the arrays grow as the names decode, and the index is touched
	 * only where they go: a count that is not kallsyms' costs little
	 * before a name fails */
	err = index_create(ks, n);
	if (!err)
		err = read_names(ks, t, &tb, n);
	if (!err)
		err = read_addresses(ks, t, &tb);
	if (!err)
		err = check_vmcoreinfo(ks, t);
	if (err) {
		oms_kallsyms_destroy(ks);
		return err;
	}
	*ret = ks;
	return NULL;
}

void oms_kallsyms_destroy(struct oms_kallsyms *ks)
{
	if (!ks)
		return;
	free(ks->slots);
	free(ks->names);
	free(ks->name_off);
	free(ks->types);
	free(ks->raw);
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
	ret->address = address(ks, ks->encoding, i);
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

/*
 * scripts/kallsyms.c without --all-symbols keeps the symbols of the text
 * ranges, _stext to _etext and _sinittext to _einittext, ends included:
 * _etext itself is a 'D'.  A data symbol outside them is KALLSYMS_ALL's
 */
bool oms_kallsyms_has_data(const struct oms_kallsyms *ks)
{
	static const char *const ranges[][2] = {
		{ "_stext", "_etext" }, { "_sinittext", "_einittext" },
	};
	uint64_t lo[2] = { 0 }, hi[2] = { 0 }, a;
	size_t i, j, k;

	for (k = 0; k < 2; k++) {
		if (find_name(ks, ranges[k][0], &i) &&
		    find_name(ks, ranges[k][1], &j)) {
			lo[k] = address(ks, ks->encoding, i);
			hi[k] = address(ks, ks->encoding, j);
		}
	}
	for (i = 0; i < ks->count; i++) {
		if (!ks->types[i] || !strchr("dbrgDBRG", ks->types[i]))
			continue;
		a = address(ks, ks->encoding, i);
		if (!(a >= lo[0] && a <= hi[0]) && !(a >= lo[1] && a <= hi[1]))
			return true;
	}
	return false;
}

uint64_t oms_kallsyms_next(const struct oms_kallsyms *ks, uint64_t addr)
{
	uint64_t next = UINT64_MAX, a;
	size_t i;

	for (i = 0; i < ks->count; i++) {
		a = address(ks, ks->encoding, i);
		if (a > addr && a < next)
			next = a;
	}
	return next;
}

struct oms_error *oms_kallsyms_lookup(const struct oms_kallsyms *ks,
				      const char *name, uint64_t *addr_ret)
{
	size_t i;

	if (!find_name(ks, name, &i))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no symbol '%s'",
					name);
	*addr_ret = address(ks, ks->encoding, i);
	return NULL;
}
