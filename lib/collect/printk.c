// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's log from the dump: the lockless printk ring buffer of 5.10+
 * (kernel/printk/printk_ringbuffer.[ch], commit b6cf8b3f3312 "printk: add
 * lockless ringbuffer", 5.10), formatted the way `makedumpfile
 * --dump-dmesg` prints it (makedumpfile printk.c, dump_record()), so that
 * the text is byte for byte the dmesg.txt that kdump-tools keeps.
 *
 * The ring, as a reader sees it:
 *   prb->desc_ring:      count = 1 << count_bits descriptors (descs[]) and
 *                        as many struct printk_info (infos[]); records run
 *                        from tail_id to head_id, id % count is the slot
 *   prb_desc.state_var:  the top 2 bits are the state (reserved 0,
 *                        committed 1, finalized 2, reusable 3; commit
 *                        10dcb06d40f8, 5.10), the rest the record's id
 *   prb_desc.text_blk_lpos: [begin, next) in the text ring, logical
 *                        positions: index = lpos % size, wrap = lpos / size;
 *                        a block that would cross the end of the ring is
 *                        stored at index 0 instead ("wrapping" block); a
 *                        block starts with the record's id (unsigned long)
 *   prb->text_data_ring: size = 1 << size_bits bytes at data
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "printk.h"
#include "../model/vec.h"

/* state_var: enum desc_state in the top two bits (DESC_SV_BITS = 64) */
#define DESC_FLAGS_SHIFT	62
#define DESC_ID_MASK		(~(3ULL << DESC_FLAGS_SHIFT))
#define DESC_COMMITTED		1ULL
#define DESC_FINALIZED		2ULL
#define DESC_REUSABLE		3ULL

/* sanity bounds: the kernel's CONFIG_LOG_BUF_SHIFT is 12..25, log_buf_len=
 * is at most 1 << 31 (LOG_BUF_LEN_MAX), and count_bits = size_bits - 5 */
#define MIN_BITS		4
#define MAX_SIZE_BITS		31
#define MAX_COUNT_BITS		26

#define CHUNK			4096

struct prb_layout {
	struct oms_field desc_ring, text_data_ring;
	struct oms_field count_bits, descs, infos, head_id, tail_id;
	struct oms_field size_bits, data;
	struct oms_field state_var, text_blk_lpos, lpos_begin, lpos_next;
	struct oms_field ts_nsec, text_len;
	uint64_t counter;		/* atomic_long_t.counter, 0 */
	uint64_t desc_size, info_size;
};

/* one of the ring's three arrays, read a page at a time where a bigger
 * read fails: a page that is not in the dump costs only its records */
struct paged {
	const char *name;		/* "prb->desc_ring.descs" */
	uint64_t addr;
	size_t len;
	unsigned char *buf;		/* a page that could not be read: 0s */
	bool *bad;			/* by page of memory from addr's page */
	size_t n_pages, n_bad;
	struct oms_error *err;		/* the first failed read */
};

struct prb {
	uint64_t addr;			/* struct printk_ringbuffer * */
	uint64_t count, size;
	unsigned int size_bits;
	uint64_t head_id, tail_id;
	struct paged descs, infos, text;
};

struct strbuf {
	char *s;
	size_t len, cap;
	bool nomem;
};

static void sb_grow(struct strbuf *sb, size_t more)
{
	char *s;

	if (sb->nomem)
		return;
	s = oms_grow(sb->s, &sb->cap, sb->len + more + 1, 1);
	if (!s) {
		sb->nomem = true;
		return;
	}
	sb->s = s;
}

static void sb_add(struct strbuf *sb, const char *p, size_t n)
{
	sb_grow(sb, n);
	if (sb->nomem)
		return;
	memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

static struct oms_error *layout_init(const struct oms_target *t,
				     struct prb_layout *l)
{
#define F(T, M, L) OMS_FIELD(struct prb_layout, T, M, L, false)
	static const struct oms_field_spec fields[] = {
		F(printk_ringbuffer, "desc_ring", desc_ring),
		F(printk_ringbuffer, "text_data_ring", text_data_ring),
		F(prb_desc_ring, "count_bits", count_bits),
		F(prb_desc_ring, "descs", descs),
		F(prb_desc_ring, "infos", infos),
		F(prb_desc_ring, "head_id", head_id),
		F(prb_desc_ring, "tail_id", tail_id),
		F(prb_data_ring, "size_bits", size_bits),
		F(prb_data_ring, "data", data),
		F(prb_desc, "state_var", state_var),
		F(prb_desc, "text_blk_lpos", text_blk_lpos),
		F(prb_data_blk_lpos, "begin", lpos_begin),
		F(prb_data_blk_lpos, "next", lpos_next),
		F(printk_info, "ts_nsec", ts_nsec),
		F(printk_info, "text_len", text_len),
	};
#undef F
	struct oms_field counter;
	struct oms_error *err;

	err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), l);
	if (err)
		return oms_error_prefix(err, "printk ring buffer");
	/* atomic_long_t is atomic64_t { s64 counter; } on 64-bit */
	err = oms_field_optional(t, "atomic_long_t", "counter", &counter);
	if (err)
		return err;
	l->counter = counter.present ? counter.offset : 0;
	err = oms_type_size(t, "struct prb_desc", &l->desc_size);
	if (!err)
		err = oms_type_size(t, "struct printk_info", &l->info_size);
	if (err)
		return oms_error_prefix(err, "printk ring buffer");
	if (l->desc_size < l->text_blk_lpos.offset + 16 ||
	    l->info_size < l->text_len.offset + 2 || l->text_len.size != 2 ||
	    l->ts_nsec.size != 8 || l->count_bits.size != 4 ||
	    l->size_bits.size != 4)
		return oms_error_create(OMS_ERR_CORRUPT,
					"unexpected layout of 'struct prb_desc' or 'struct printk_info'");
	return NULL;
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* read p->len bytes at p->addr into p->buf, a page at a time where the
 * whole read fails on memory the dump does not have */
static struct oms_error *read_paged(const struct oms_target *t,
				    struct paged *p)
{
	uint64_t base = p->addr & ~(uint64_t)(CHUNK - 1), from, to;
	struct oms_error *err;
	size_t i;

	p->n_pages = (size_t)((p->addr + p->len - base + CHUNK - 1) / CHUNK);
	p->buf = malloc(p->len ? p->len : 1);
	p->bad = calloc(p->n_pages ? p->n_pages : 1, sizeof(*p->bad));
	if (!p->buf || !p->bad)
		return &oms_enomem;
	err = oms_read(t, p->addr, p->buf, p->len);
	if (!err)
		return NULL;
	if (!oms_error_is_memory(err))
		return oms_error_prefix(err, "cannot read '%s' at 0x%" PRIx64,
					p->name, p->addr);
	oms_error_destroy(err);
	for (i = 0; i < p->n_pages; i++) {
		from = base + i * CHUNK;
		to = from + CHUNK;
		if (from < p->addr)
			from = p->addr;
		if (to > p->addr + p->len)
			to = p->addr + p->len;
		err = oms_read(t, from, p->buf + (from - p->addr), to - from);
		if (!err)
			continue;
		if (!oms_error_is_memory(err))
			return oms_error_prefix(err, "cannot read '%s' at 0x%" PRIx64,
						p->name, from);
		p->bad[i] = true;
		p->n_bad++;
		memset(p->buf + (from - p->addr), 0, to - from);
		if (!p->err)
			p->err = err;
		else
			oms_error_destroy(err);
	}
	return NULL;
}

/* bytes [off, off + len) of the array were read */
static bool paged_ok(const struct paged *p, uint64_t off, uint64_t len)
{
	uint64_t skip = p->addr & (CHUNK - 1), i;

	if (!p->n_bad || !len)
		return true;
	for (i = (skip + off) / CHUNK; i <= (skip + off + len - 1) / CHUNK; i++)
		if (p->bad[i])
			return false;
	return true;
}

static void paged_free(struct paged *p)
{
	oms_error_destroy(p->err);
	free(p->bad);
	free(p->buf);
}

/* the last byte of an array of len bytes at addr can be read, or is on a
 * page filtered out of the dump (OMS_ERR_NODATA): a page that is mapped */
static struct oms_error *check_end(const struct oms_target *t, uint64_t addr,
				   uint64_t len, const char *what)
{
	struct oms_error *err;
	uint64_t end = addr + len - 1;
	unsigned char c;

	err = oms_read(t, end, &c, 1);
	if (!err || err->code == OMS_ERR_NODATA) {
		oms_error_destroy(err);
		return NULL;
	}
	return oms_error_prefix(err, "printk ring buffer: '%s' cannot be %" PRIu64 " bytes at 0x%" PRIx64 ": its end is not in the dump",
				what, len, addr);
}

static struct oms_error *prb_read(const struct oms_target *t,
				  const struct prb_layout *l, struct prb *r)
{
	uint64_t prb, ring, descs, infos, data, v;
	unsigned int count_bits;
	uint32_t u32;
	struct oms_error *err;

	err = oms_symbol(t, "prb", &v);
	if (!err)
		err = oms_read_u64(t, v, &prb);
	if (err)
		return oms_error_prefix(err, "cannot read 'prb'");
	r->addr = prb;

	ring = prb + l->desc_ring.offset;
	err = oms_read_u32(t, ring + l->count_bits.offset, &u32);
	if (err)
		goto out_read;
	count_bits = u32;
	if ((err = oms_read_u64(t, ring + l->descs.offset, &descs)) ||
	    (err = oms_read_u64(t, ring + l->infos.offset, &infos)) ||
	    (err = oms_read_u64(t, ring + l->head_id.offset + l->counter,
				&r->head_id)) ||
	    (err = oms_read_u64(t, ring + l->tail_id.offset + l->counter,
				&r->tail_id)))
		goto out_read;
	ring = prb + l->text_data_ring.offset;
	if ((err = oms_read_u32(t, ring + l->size_bits.offset, &u32)) ||
	    (err = oms_read_u64(t, ring + l->data.offset, &data)))
		goto out_read;
	r->size_bits = u32;

	if (count_bits < MIN_BITS || count_bits > MAX_COUNT_BITS ||
	    r->size_bits < MIN_BITS || r->size_bits > MAX_SIZE_BITS)
		return oms_error_create(OMS_ERR_CORRUPT,
					"printk ring buffer at 0x%" PRIx64 " has count_bits %u, size_bits %u",
					prb, count_bits, r->size_bits);
	r->count = 1ULL << count_bits;
	r->size = 1ULL << r->size_bits;
	/* a corrupt count_bits or size_bits must not cost gigabytes (26
	 * made this ask malloc for 5.6 GB): each array must end in memory
	 * the dump maps */
	if ((err = check_end(t, descs, r->count * l->desc_size, "descs")) ||
	    (err = check_end(t, infos, r->count * l->info_size, "infos")) ||
	    (err = check_end(t, data, r->size, "text_data_ring.data")))
		return err;

	r->descs.name = "prb->desc_ring.descs";
	r->descs.addr = descs;
	r->descs.len = r->count * l->desc_size;
	r->infos.name = "prb->desc_ring.infos";
	r->infos.addr = infos;
	r->infos.len = r->count * l->info_size;
	r->text.name = "prb->text_data_ring.data";
	r->text.addr = data;
	r->text.len = r->size;
	if ((err = read_paged(t, &r->descs)) ||
	    (err = read_paged(t, &r->infos)))
		return err;
	return read_paged(t, &r->text);

out_read:
	return oms_error_prefix(err, "cannot read the printk ring buffer at 0x%" PRIx64,
				prb);
}

/* makedumpfile's isprint() || isspace() in the C locale */
static bool is_plain(unsigned char c)
{
	return (c >= 0x20 && c <= 0x7e) || (c >= '\t' && c <= '\r');
}

static void format_record(struct strbuf *sb, uint64_t ts_nsec,
			  const unsigned char *text, size_t len)
{
	char prefix[64], esc[16];
	int indent;
	size_t i, run;

	indent = snprintf(prefix, sizeof(prefix), "[%5llu.%06llu] ",
			  (unsigned long long)(ts_nsec / 1000000000),
			  (unsigned long long)(ts_nsec % 1000000000 / 1000));
	sb_add(sb, prefix, indent);
	for (i = 0; i < len; i += run) {
		unsigned char c = text[i];

		for (run = 0; i + run < len && text[i + run] != '\n' &&
			      is_plain(text[i + run]); run++)
			;
		if (run) {
			sb_add(sb, (const char *)text + i, run);
			continue;
		}
		run = 1;
		if (c == '\n') {
			sb_add(sb, "\n", 1);
			snprintf(prefix, sizeof(prefix), "%*s", indent, "");
			sb_add(sb, prefix, indent);
		} else {
			/* makedumpfile prints a (signed) char with %02x */
			snprintf(esc, sizeof(esc), "\\x%02x",
				 (unsigned int)(int)(signed char)c);
			sb_add(sb, esc, strlen(esc));
		}
	}
	sb_add(sb, "\n", 1);
}

enum record_result {
	RECORD_PRINTED,
	RECORD_SKIPPED,		/* reserved, reusable, data-less: normal */
	RECORD_BAD_DESC,	/* its state_var holds another id */
	RECORD_BAD_BLOCK,	/* a text block description that cannot be */
	RECORD_BAD_LEN,		/* text_len longer than its block */
	RECORD_NODATA,		/* its descriptor, info or text not in the dump */
	RECORD_NR,
};

/* what the walk met: per result, how many and the first one */
struct walk {
	uint64_t n[RECORD_NR];
	uint64_t first_id[RECORD_NR];
	uint64_t first_value[RECORD_NR];	/* state_var, lpos, text_len */
};

/* one record, as desc_read(), get_data() and copy_data() in
 * kernel/printk/printk_ringbuffer.c accept it (the kernel's prb_read()
 * drops a record they refuse); *value: what was wrong */
static enum record_result dump_record(const struct prb_layout *l,
				      const struct prb *r, uint64_t id,
				      struct strbuf *sb, uint64_t *value)
{
	const unsigned char *desc, *info;
	uint64_t sv, state, begin, next, index, size, slot = id % r->count;
	uint16_t text_len;

	if (!paged_ok(&r->descs, slot * l->desc_size, l->desc_size) ||
	    !paged_ok(&r->infos, slot * l->info_size, l->info_size))
		return RECORD_NODATA;
	desc = r->descs.buf + slot * l->desc_size;
	info = r->infos.buf + slot * l->info_size;
	sv = get_u64(desc + l->state_var.offset + l->counter);
	state = sv >> DESC_FLAGS_SHIFT;
	*value = sv;
	if ((sv & DESC_ID_MASK) != id) {
		/* desc_reserve() moves head_id before it claims the slot,
		 * which holds the id of one wrap before, reusable, until
		 * then (or 0: never used) */
		if (!sv || sv == (DESC_REUSABLE << DESC_FLAGS_SHIFT |
				  ((id - r->count) & DESC_ID_MASK)))
			return RECORD_SKIPPED;
		return RECORD_BAD_DESC;
	}
	if (state != DESC_COMMITTED && state != DESC_FINALIZED)
		return RECORD_SKIPPED;
	begin = get_u64(desc + l->text_blk_lpos.offset + l->lpos_begin.offset);
	next = get_u64(desc + l->text_blk_lpos.offset + l->lpos_next.offset);
	memcpy(&text_len, info + l->text_len.offset, sizeof(text_len));

	/* BLK_DATALESS(): FAILED_LPOS, NO_LPOS / EMPTY_LINE_LPOS (both
	 * lpos odd); no text to print */
	if ((begin & 1) && (next & 1))
		return RECORD_SKIPPED;
	*value = begin;
	/* a regular block: begin and its last byte in the same wrap (newer
	 * kernels also end one exactly at the end of the ring, which
	 * get_data()'s is_blk_wrapped() reads; older ones never do) */
	if (begin < next &&
	    (begin >> r->size_bits) == ((next - 1) >> r->size_bits)) {
		index = begin & (r->size - 1);
		size = next - begin;
	} else if (((begin + r->size) >> r->size_bits) ==
		   (next >> r->size_bits)) {
		/* wrapping block: its data is at the start of the ring */
		index = 0;
		size = next & (r->size - 1);
	} else {
		return RECORD_BAD_BLOCK;
	}
	/* aligned to the id, at least the id */
	if ((begin | next) & 7 || size < 8 || index + size > r->size)
		return RECORD_BAD_BLOCK;
	if (!paged_ok(&r->text, index, size))
		return RECORD_NODATA;
	/* skip the block's id; "actual cannot be less than expected" */
	index += 8;
	size -= 8;
	*value = text_len;
	if (text_len > size)
		return RECORD_BAD_LEN;
	format_record(sb, get_u64(info + l->ts_nsec.offset), r->text.buf + index,
		      text_len);
	return RECORD_PRINTED;
}

/* "; " between the parts of one message */
static void sb_part(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sb_part(struct strbuf *sb, const char *fmt, ...)
{
	char part[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(part, sizeof(part), fmt, ap);
	va_end(ap);
	if (sb->len)
		sb_add(sb, "; ", 2);
	sb_add(sb, part, strlen(part));
}

static void say_missing(struct strbuf *msg, const struct paged *p)
{
	if (p->n_bad)
		sb_part(msg, "%zu of the %zu pages of '%s' at 0x%" PRIx64 " not in the dump (%s)",
			p->n_bad, p->n_pages, p->name, p->addr, p->err->message);
}

/* the walk's findings as one error, NULL when the log is whole */
static struct oms_error *walk_error(const struct prb_layout *l,
				    const struct prb *r, const struct walk *w)
{
	struct strbuf msg = { 0 };
	struct oms_error *err;
	const struct paged *first = NULL;
	uint64_t id;

	if (w->n[RECORD_BAD_DESC]) {
		id = w->first_id[RECORD_BAD_DESC];
		sb_part(&msg, "%" PRIu64 " descriptors with another record's state skipped (the first: id %" PRIu64 ", 'descs[%" PRIu64 "]' at 0x%" PRIx64 " has state_var 0x%" PRIx64 ")",
			w->n[RECORD_BAD_DESC], id, id % r->count,
			r->descs.addr + id % r->count * l->desc_size,
			w->first_value[RECORD_BAD_DESC]);
	}
	if (w->n[RECORD_BAD_BLOCK]) {
		id = w->first_id[RECORD_BAD_BLOCK];
		sb_part(&msg, "%" PRIu64 " records with an invalid text block skipped (the first: id %" PRIu64 ", 'descs[%" PRIu64 "].text_blk_lpos' at 0x%" PRIx64 " begins at %" PRIu64 ")",
			w->n[RECORD_BAD_BLOCK], id, id % r->count,
			r->descs.addr + id % r->count * l->desc_size +
			l->text_blk_lpos.offset,
			w->first_value[RECORD_BAD_BLOCK]);
	}
	if (w->n[RECORD_BAD_LEN]) {
		id = w->first_id[RECORD_BAD_LEN];
		sb_part(&msg, "%" PRIu64 " records whose text_len is longer than their text block skipped (the first: id %" PRIu64 ", 'infos[%" PRIu64 "].text_len' at 0x%" PRIx64 " is %" PRIu64 ")",
			w->n[RECORD_BAD_LEN], id, id % r->count,
			r->infos.addr + id % r->count * l->info_size +
			l->text_len.offset,
			w->first_value[RECORD_BAD_LEN]);
	}
	if (w->n[RECORD_NODATA]) {
		sb_part(&msg, "%" PRIu64 " records on pages not in the dump skipped",
			w->n[RECORD_NODATA]);
		say_missing(&msg, &r->descs);
		say_missing(&msg, &r->infos);
		say_missing(&msg, &r->text);
	}
	if (!w->n[RECORD_PRINTED])
		sb_part(&msg, "no record between tail id %" PRIu64 " and head id %" PRIu64 " could be read",
			(uint64_t)(r->tail_id & DESC_ID_MASK),
			(uint64_t)(r->head_id & DESC_ID_MASK));
	if (msg.nomem) {
		free(msg.s);
		return &oms_enomem;
	}
	if (!msg.len)
		return NULL;
	if (w->n[RECORD_BAD_DESC] || w->n[RECORD_BAD_BLOCK] ||
	    w->n[RECORD_BAD_LEN] || !w->n[RECORD_NODATA]) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "printk ring buffer at 0x%" PRIx64 ": %s",
				       r->addr, msg.s);
	} else {
		first = r->descs.err ? &r->descs :
			r->infos.err ? &r->infos : &r->text;
		err = oms_error_fault(first->err->code, first->err->address,
				      "printk ring buffer at 0x%" PRIx64 ": %s",
				      r->addr, msg.s);
	}
	free(msg.s);
	return err;
}

static struct oms_error *walk_ring(const struct prb_layout *l,
				   const struct prb *r, struct strbuf *sb)
{
	struct walk w = { 0 };
	enum record_result res;
	uint64_t id, n, value;

	id = r->tail_id & DESC_ID_MASK;
	for (n = 0; n < r->count; n++) {
		value = 0;
		res = dump_record(l, r, id, sb, &value);
		if (!w.n[res]++) {
			w.first_id[res] = id;
			w.first_value[res] = value;
		}
		if (id == (r->head_id & DESC_ID_MASK))
			break;
		id = (id + 1) & DESC_ID_MASK;
	}
	if (n == r->count)
		return oms_error_create(OMS_ERR_CORRUPT,
					"printk ring buffer: head id %" PRIu64 " not reached from tail id %" PRIu64 " in %" PRIu64 " descriptors",
					r->head_id, r->tail_id, r->count);
	return walk_error(l, r, &w);
}

struct oms_error *oms_printk_read(const struct oms_target *t, char **text_ret,
				  size_t *len_ret)
{
	struct strbuf sb = { 0 };
	struct prb_layout l;
	struct prb r = { 0 };
	struct oms_error *err;

	*text_ret = NULL;
	*len_ret = 0;
	if (!oms_symbol_exists(t, "prb")) {
		/* before 5.10: struct printk_log records in log_buf */
		return oms_error_create(OMS_ERR_NOT_FOUND,
					oms_symbol_exists(t, "log_buf") ?
					"the pre-5.10 printk log_buf layout is not supported" :
					"no printk ring buffer: symbol 'prb' not found");
	}
	err = layout_init(t, &l);
	if (err)
		return err;
	err = prb_read(t, &l, &r);
	if (err)
		goto out_free;
	err = walk_ring(&l, &r, &sb);
	if (sb.nomem) {
		oms_error_destroy(err);
		err = &oms_enomem;
		free(sb.s);
		goto out_free;
	}
	if (!sb.s)
		sb.s = strdup("");
	if (!sb.s) {
		oms_error_destroy(err);
		err = &oms_enomem;
		goto out_free;
	}
	*text_ret = sb.s;
	*len_ret = sb.len;
out_free:
	paged_free(&r.text);
	paged_free(&r.infos);
	paged_free(&r.descs);
	return err;
}
