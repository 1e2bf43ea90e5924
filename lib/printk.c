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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printk.h"

/* state_var: enum desc_state in the top two bits (DESC_SV_BITS = 64) */
#define DESC_FLAGS_SHIFT	62
#define DESC_ID_MASK		(~(3ULL << DESC_FLAGS_SHIFT))
#define DESC_COMMITTED		1ULL
#define DESC_FINALIZED		2ULL

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

struct prb {
	uint64_t count, size;
	unsigned int size_bits;
	uint64_t head_id, tail_id;
	unsigned char *descs, *infos, *data;
	bool *page_bad;			/* text ring page could not be read */
	size_t n_pages;
	struct oms_error *read_err;	/* the first failed read of the text */
};

struct strbuf {
	char *s;
	size_t len, cap;
	bool nomem;
};

static void sb_grow(struct strbuf *sb, size_t more)
{
	size_t cap;
	char *s;

	if (sb->nomem || sb->len + more + 1 <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 65536;
	while (cap < sb->len + more + 1)
		cap *= 2;
	s = realloc(sb->s, cap);
	if (!s) {
		sb->nomem = true;
		return;
	}
	sb->s = s;
	sb->cap = cap;
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
	struct {
		const char *type, *member;
		struct oms_field *f;
	} fields[] = {
		{ "struct printk_ringbuffer", "desc_ring", &l->desc_ring },
		{ "struct printk_ringbuffer", "text_data_ring", &l->text_data_ring },
		{ "struct prb_desc_ring", "count_bits", &l->count_bits },
		{ "struct prb_desc_ring", "descs", &l->descs },
		{ "struct prb_desc_ring", "infos", &l->infos },
		{ "struct prb_desc_ring", "head_id", &l->head_id },
		{ "struct prb_desc_ring", "tail_id", &l->tail_id },
		{ "struct prb_data_ring", "size_bits", &l->size_bits },
		{ "struct prb_data_ring", "data", &l->data },
		{ "struct prb_desc", "state_var", &l->state_var },
		{ "struct prb_desc", "text_blk_lpos", &l->text_blk_lpos },
		{ "struct prb_data_blk_lpos", "begin", &l->lpos_begin },
		{ "struct prb_data_blk_lpos", "next", &l->lpos_next },
		{ "struct printk_info", "ts_nsec", &l->ts_nsec },
		{ "struct printk_info", "text_len", &l->text_len },
	};
	struct oms_field counter;
	struct oms_error *err;
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		err = oms_field(t, fields[i].type, fields[i].member,
				fields[i].f);
		if (err)
			return oms_error_prefix(err, "printk ring buffer");
	}
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

/* read the text ring, a page at a time where a bigger read fails, and
 * remember the pages that are not in the dump */
static struct oms_error *read_text_ring(const struct oms_target *t,
					uint64_t addr, struct prb *r)
{
	struct oms_error *err;
	size_t i;

	r->data = malloc(r->size);
	r->n_pages = (r->size + CHUNK - 1) / CHUNK;
	r->page_bad = calloc(r->n_pages, sizeof(*r->page_bad));
	if (!r->data || !r->page_bad)
		return &oms_enomem;
	err = oms_read(t, addr, r->data, r->size);
	if (!err)
		return NULL;
	if (!oms_error_is_memory(err))
		return oms_error_prefix(err, "cannot read the printk text ring at 0x%" PRIx64,
					addr);
	oms_error_destroy(err);
	for (i = 0; i < r->n_pages; i++) {
		size_t n = r->size - i * CHUNK < CHUNK ? r->size - i * CHUNK : CHUNK;

		err = oms_read(t, addr + i * CHUNK, r->data + i * CHUNK, n);
		if (!err)
			continue;
		if (!oms_error_is_memory(err))
			return err;
		r->page_bad[i] = true;
		memset(r->data + i * CHUNK, 0, n);
		if (!r->read_err)
			r->read_err = err;
		else
			oms_error_destroy(err);
	}
	return NULL;
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

	r->descs = malloc(r->count * l->desc_size);
	r->infos = malloc(r->count * l->info_size);
	if (!r->descs || !r->infos)
		return &oms_enomem;
	err = oms_read(t, descs, r->descs, r->count * l->desc_size);
	if (err)
		return oms_error_prefix(err, "cannot read 'prb->desc_ring.descs' at 0x%" PRIx64,
					descs);
	err = oms_read(t, infos, r->infos, r->count * l->info_size);
	if (err)
		return oms_error_prefix(err, "cannot read 'prb->desc_ring.infos' at 0x%" PRIx64,
					infos);
	return read_text_ring(t, data, r);

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
	RECORD_SKIPPED,		/* not committed, or no text: normal */
	RECORD_CORRUPT,		/* a block description that cannot be */
	RECORD_NODATA,		/* its text is on a page not in the dump */
};

/* one record, as get_data() in printk_ringbuffer.c finds its text */
static enum record_result dump_record(const struct prb_layout *l,
				      const struct prb *r, uint64_t id,
				      struct strbuf *sb)
{
	const unsigned char *desc, *info;
	uint64_t sv, state, begin, next, index, size, i;
	uint16_t text_len;

	desc = r->descs + (id % r->count) * l->desc_size;
	info = r->infos + (id % r->count) * l->info_size;
	sv = get_u64(desc + l->state_var.offset + l->counter);
	state = sv >> DESC_FLAGS_SHIFT;
	if ((sv & DESC_ID_MASK) != id ||
	    (state != DESC_COMMITTED && state != DESC_FINALIZED))
		return RECORD_SKIPPED;
	begin = get_u64(desc + l->text_blk_lpos.offset + l->lpos_begin.offset);
	next = get_u64(desc + l->text_blk_lpos.offset + l->lpos_next.offset);

	/* data-less: FAILED_LPOS, NO_LPOS (bit 0 set), or begin == next */
	if ((begin & 1) || (next & 1) || begin == next)
		return RECORD_SKIPPED;
	if ((begin >> r->size_bits) == (next >> r->size_bits) && begin < next) {
		index = begin & (r->size - 1);
		size = next - begin;
	} else if (((begin + r->size) >> r->size_bits) ==
		   (next >> r->size_bits)) {
		/* wrapping block: its data is at the start of the ring */
		index = 0;
		size = next & (r->size - 1);
	} else {
		return RECORD_CORRUPT;
	}
	if ((begin | next) & 7 || size < 8 || index + size > r->size)
		return RECORD_CORRUPT;
	for (i = index / CHUNK; i <= (index + size - 1) / CHUNK; i++)
		if (r->page_bad[i])
			return RECORD_NODATA;
	/* skip the block's id; a text longer than its block is cut */
	index += 8;
	size -= 8;
	memcpy(&text_len, info + l->text_len.offset, sizeof(text_len));
	if (text_len > size)
		text_len = size;
	format_record(sb, get_u64(info + l->ts_nsec.offset), r->data + index,
		      text_len);
	return RECORD_PRINTED;
}

static struct oms_error *walk_ring(const struct prb_layout *l,
				   const struct prb *r, struct strbuf *sb)
{
	uint64_t id, n, corrupt = 0, nodata = 0;

	id = r->tail_id & DESC_ID_MASK;
	for (n = 0; n < r->count; n++) {
		switch (dump_record(l, r, id, sb)) {
		case RECORD_CORRUPT:
			corrupt++;
			break;
		case RECORD_NODATA:
			nodata++;
			break;
		default:
			break;
		}
		if (id == (r->head_id & DESC_ID_MASK))
			break;
		id = (id + 1) & DESC_ID_MASK;
	}
	if (n == r->count)
		return oms_error_create(OMS_ERR_CORRUPT,
					"printk ring buffer: head id %" PRIu64 " not reached from tail id %" PRIu64 " in %" PRIu64 " descriptors",
					r->head_id, r->tail_id, r->count);
	if (corrupt)
		return oms_error_create(OMS_ERR_CORRUPT,
					"printk ring buffer: %" PRIu64 " records with an invalid text block skipped",
					corrupt);
	if (nodata)
		return oms_error_fault(r->read_err->code, r->read_err->address,
				       "printk ring buffer: %" PRIu64 " records on pages not in the dump skipped (%s)",
				       nodata, r->read_err->message);
	return NULL;
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
	oms_error_destroy(r.read_err);
	free(r.page_bad);
	free(r.data);
	free(r.infos);
	free(r.descs);
	return err;
}
