// SPDX-License-Identifier: GPL-2.0
/*
 * The printk ring buffer reader over the fake target: a small ring built
 * the way the kernel's data_alloc() fills it (a block that does not fit
 * before the end of the text ring is stored at its start), records the
 * reader must skip, and damaged rings that must end with an error.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/fake.h"
#include "../../lib/collect/printk.h"
#include "tap.h"

#define COUNT_BITS	4	/* 16 descriptors */
#define SIZE_BITS	7	/* 128 bytes of text */
#define DESC_SIZE	24
#define INFO_SIZE	88
#define SV_ID_MASK	(~(3ULL << 62))

struct ring {
	struct oms_fake *f;
	uint64_t prb, descs, infos, data;
	uint64_t head_lpos;	/* next free logical position */
	uint64_t next_id;
	unsigned char text[1 << SIZE_BITS];
};

static void add_types(struct oms_fake *f)
{
	oms_fake_add_type(f, "struct printk_ringbuffer", 88);
	oms_fake_add_member(f, "struct printk_ringbuffer", "desc_ring", 0, 48);
	oms_fake_add_member(f, "struct printk_ringbuffer", "text_data_ring", 48, 32);
	oms_fake_add_type(f, "struct prb_desc_ring", 48);
	oms_fake_add_member(f, "struct prb_desc_ring", "count_bits", 0, 4);
	oms_fake_add_member(f, "struct prb_desc_ring", "descs", 8, 8);
	oms_fake_add_member(f, "struct prb_desc_ring", "infos", 16, 8);
	oms_fake_add_member(f, "struct prb_desc_ring", "head_id", 24, 8);
	oms_fake_add_member(f, "struct prb_desc_ring", "tail_id", 32, 8);
	oms_fake_add_type(f, "struct prb_data_ring", 32);
	oms_fake_add_member(f, "struct prb_data_ring", "size_bits", 0, 4);
	oms_fake_add_member(f, "struct prb_data_ring", "data", 8, 8);
	oms_fake_add_type(f, "struct prb_desc", DESC_SIZE);
	oms_fake_add_member(f, "struct prb_desc", "state_var", 0, 8);
	oms_fake_add_member(f, "struct prb_desc", "text_blk_lpos", 8, 16);
	oms_fake_add_type(f, "struct prb_data_blk_lpos", 16);
	oms_fake_add_member(f, "struct prb_data_blk_lpos", "begin", 0, 8);
	oms_fake_add_member(f, "struct prb_data_blk_lpos", "next", 8, 8);
	oms_fake_add_type(f, "struct printk_info", INFO_SIZE);
	oms_fake_add_member(f, "struct printk_info", "seq", 0, 8);
	oms_fake_add_member(f, "struct printk_info", "ts_nsec", 8, 8);
	oms_fake_add_member(f, "struct printk_info", "text_len", 16, 2);
	oms_fake_add_member(f, "struct printk_info", "caller_id", 20, 4);
	oms_fake_add_type(f, "atomic_long_t", 8);
	oms_fake_add_member(f, "atomic_long_t", "counter", 0, 8);
}

static void ring_init(struct ring *r, uint64_t first_id, uint64_t first_lpos)
{
	uint64_t ptr, next, target;

	memset(r, 0, sizeof(*r));
	r->f = oms_fake_create();
	add_types(r->f);
	r->prb = oms_fake_alloc(r->f, 88);
	/* descs[] across a page boundary, slots 0..7 before it (the fake
	 * target's blocks are 64-byte aligned with a 64-byte gap): so that
	 * a page not in the dump costs the records on it only */
	next = oms_fake_alloc(r->f, 1) + 128;
	target = ((next + 8 * DESC_SIZE + 64 + 4095) & ~4095ULL) - 8 * DESC_SIZE;
	oms_fake_alloc(r->f, target - next - 64);
	r->descs = oms_fake_alloc(r->f, DESC_SIZE << COUNT_BITS);
	r->infos = oms_fake_alloc(r->f, INFO_SIZE << COUNT_BITS);
	r->data = oms_fake_alloc(r->f, 1 << SIZE_BITS);
	ptr = oms_fake_alloc(r->f, 8);
	oms_fake_poke_u64(r->f, ptr, r->prb);
	oms_fake_add_symbol(r->f, "prb", ptr);
	oms_fake_poke_u32(r->f, r->prb + 0, COUNT_BITS);
	oms_fake_poke_u64(r->f, r->prb + 8, r->descs);
	oms_fake_poke_u64(r->f, r->prb + 16, r->infos);
	oms_fake_poke_u32(r->f, r->prb + 48, SIZE_BITS);
	oms_fake_poke_u64(r->f, r->prb + 56, r->data);
	/* every slot reusable with an id of long ago, like a used ring */
	for (int i = 0; i < 1 << COUNT_BITS; i++)
		oms_fake_poke_u64(r->f, r->descs + i * DESC_SIZE, 3ULL << 62 | i);
	r->next_id = first_id;
	r->head_lpos = first_lpos;
	oms_fake_poke_u64(r->f, r->prb + 32, first_id);	/* tail_id */
}

/* one record as prb_reserve() + prb_final_commit() leave it */
static uint64_t ring_add(struct ring *r, uint64_t ts, const char *text,
			 size_t len, uint64_t state)
{
	uint64_t id = r->next_id++, size = (8 + len + 7) & ~7ULL;
	uint64_t begin = r->head_lpos, next = begin + size, at;
	uint64_t desc = r->descs + (id % (1 << COUNT_BITS)) * DESC_SIZE;
	uint64_t info = r->infos + (id % (1 << COUNT_BITS)) * INFO_SIZE;
	uint16_t text_len = len;

	if ((begin >> SIZE_BITS) != ((next - 1) >> SIZE_BITS))
		/* does not fit before the end: stored at the start */
		next = ((next - 1) >> SIZE_BITS << SIZE_BITS) + size;
	at = next - size;
	oms_fake_poke_u64(r->f, r->data + (at & ((1 << SIZE_BITS) - 1)), id);
	oms_fake_poke(r->f, r->data + (at & ((1 << SIZE_BITS) - 1)) + 8, text,
		      len);
	r->head_lpos = next;
	oms_fake_poke_u64(r->f, desc, state << 62 | id);
	oms_fake_poke_u64(r->f, desc + 8, begin);
	oms_fake_poke_u64(r->f, desc + 16, next);
	oms_fake_poke_u64(r->f, info + 8, ts);
	oms_fake_poke(r->f, info + 16, &text_len, 2);
	oms_fake_poke_u64(r->f, r->prb + 24, id);	/* head_id */
	return id;
}

static uint64_t ring_add_str(struct ring *r, uint64_t ts, const char *text)
{
	return ring_add(r, ts, text, strlen(text), 2);
}

static void test_ring(void)
{
	struct ring r;
	struct oms_error *err;
	char *text;
	size_t len;
	const char *want =
		"[    1.000001] first record\n"
		"[    2.500000] two\n"
		"               lines\n"
		"[    3.000000] tab\there \\x01 \\xffffffc3\n"
		"[12345.678901] after the wrap\n"
		"[   20.000000] last\n";

	/*
	 * ids and positions far from 0: the reader must use them modulo.
	 * Blocks: reserved [48,64) first [64,88) two [88,112); the tab
	 * record does not fit in [112,128) and goes to [0,24); then [24,48)
	 * and [48,64), over the reserved record's old text.
	 */
	ring_init(&r, 1000, 5 << SIZE_BITS | 48);
	ring_add(&r, 4000000000ULL, "res", 3, 0);
	ring_add_str(&r, 1000001000, "first record");
	ring_add_str(&r, 2500000000ULL, "two\nlines");
	ring_add(&r, 3000000999ULL, "tab\there \x01 \xc3", 12, 1);
	ring_add_str(&r, 12345678901234ULL, "after the wrap");
	ring_add_str(&r, 20000000000ULL, "last");

	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	NO_ERR(err, "read a ring with a wrapped block");
	IS_STR(text, want, "text as makedumpfile formats it");
	IS_INT(len, strlen(want), "length");
	free(text);
	oms_fake_destroy(r.f);
}

static void test_dataless_and_truncated(void)
{
	struct ring r;
	struct oms_error *err;
	uint64_t id, info;
	uint16_t big = 500;
	char *text;
	size_t len;

	ring_init(&r, 7, 0);
	ring_add_str(&r, 0, "a");
	id = ring_add_str(&r, 1000, "dataless");
	/* FAILED_LPOS: the kernel could not reserve text space */
	oms_fake_poke_u64(r.f, r.descs + (id % 16) * DESC_SIZE + 8, 1);
	oms_fake_poke_u64(r.f, r.descs + (id % 16) * DESC_SIZE + 16, 1);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	NO_ERR(err, "read a ring with a data-less record");
	IS_STR(text, "[    0.000000] a\n", "data-less record skipped");
	free(text);

	id = ring_add_str(&r, 2000, "cut");
	ring_add_str(&r, 3000, "after");
	/* a text_len longer than the block: copy_data() refuses the record
	 * ("actual cannot be less than expected"), so do we, and say so */
	info = r.infos + (id % 16) * INFO_SIZE;
	oms_fake_poke(r.f, info + 16, &big, 2);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT,
	   "a text_len longer than its block is CORRUPT");
	OK(err && strstr(err->message, "text_len") &&
	   strstr(err->message, "infos[9]") && strstr(err->message, "is 500"),
	   "naming the record's info and its text_len");
	if (err)
		printf("# %s\n", err->message);
	IS_STR(text, "[    0.000000] a\n[    0.000003] after\n",
	       "the record is left out, the others kept");
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);
}

static void test_bad_descriptors(void)
{
	struct ring r;
	struct oms_error *err;
	uint64_t id, i;
	char *text;
	size_t len;

	/* a state_var of garbage: another id, a state */
	ring_init(&r, 30, 0);
	ring_add_str(&r, 0, "one");
	id = ring_add_str(&r, 1000, "two");
	ring_add_str(&r, 2000, "three");
	oms_fake_poke_u64(r.f, r.descs + (id % 16) * DESC_SIZE,
			  0x5a5a5a5a5a5a5a5aULL);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT, "a garbage state_var is CORRUPT");
	OK(err && strstr(err->message, "descs[15]") &&
	   strstr(err->message, "0x5a5a5a5a5a5a5a5a"),
	   "naming the descriptor and its state_var");
	if (err)
		printf("# %s\n", err->message);
	IS_STR(text, "[    0.000000] one\n[    0.000002] three\n",
	       "the other records are kept");
	oms_error_destroy(err);
	free(text);

	/* every descriptor garbage: not an empty log without a word */
	for (i = 0; i < 16; i++)
		oms_fake_poke_u64(r.f, r.descs + i * DESC_SIZE, ~0ULL);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT &&
	   strstr(err->message, "no record between tail id 30 and head id 32"),
	   "no record readable is CORRUPT and says so");
	if (err)
		printf("# %s\n", err->message);
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);

	/* the head claimed, its slot not yet (desc_reserve()): normal */
	ring_init(&r, 16, 0);
	ring_add_str(&r, 0, "one");
	oms_fake_poke_u64(r.f, r.descs + 1 * DESC_SIZE, 3ULL << 62 | 1);
	oms_fake_poke_u64(r.f, r.prb + 24, 17);	/* head_id */
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	NO_ERR(err, "a head id whose slot still holds the id a wrap before is no damage");
	IS_STR(text, "[    0.000000] one\n", "and its record is not there yet");
	free(text);
	oms_fake_destroy(r.f);
}

static void test_missing_page(void)
{
	struct ring r;
	struct oms_error *err;
	uint64_t i;
	char *text;
	size_t len;

	/* ids 0..10, slots 8..15 on the second page of descs[], a hole */
	ring_init(&r, 0, 0);
	for (i = 0; i <= 10; i++)
		ring_add(&r, i * 1000, "r", 1, 2);
	oms_fake_add_hole(r.f, r.descs + 8 * DESC_SIZE, DESC_SIZE);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_NODATA,
	   "a page of descs[] not in the dump is NODATA");
	OK(err && strstr(err->message, "3 records on pages not in the dump") &&
	   strstr(err->message, "1 of the 2 pages of 'prb->desc_ring.descs'"),
	   "how many records, which array, how many pages");
	if (err)
		printf("# %s\n", err->message);
	OK(text && strstr(text, "] r\n") && !strstr(text, "[    0.000008]") &&
	   strstr(text, "[    0.000007] r\n"),
	   "the records on the other page are kept");
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);
}

static void test_corrupt(void)
{
	struct ring r;
	struct oms_error *err;
	uint64_t id, reads;
	char *text;
	size_t len;

	/* head_id behind tail_id: the walk would go round 2^62 ids */
	ring_init(&r, 100, 0);
	ring_add_str(&r, 0, "one");
	ring_add_str(&r, 0, "two");
	oms_fake_poke_u64(r.f, r.prb + 24, 99);
	reads = oms_fake_reads(r.f);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT, "unreachable head id is CORRUPT");
	if (err)
		printf("# %s\n", err->message);
	OK(oms_fake_reads(r.f) - reads < 100, "and costs a bounded number of reads");
	OK(text && strstr(text, "] one\n"), "the records read come back");
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);

	/* a block description two wraps long */
	ring_init(&r, 100, 0);
	ring_add_str(&r, 0, "one");
	id = ring_add_str(&r, 0, "two");
	oms_fake_poke_u64(r.f, r.descs + (id % 16) * DESC_SIZE + 16,
			  3 << SIZE_BITS);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT, "invalid text block is CORRUPT");
	IS_STR(text, "[    0.000000] one\n", "the other records are kept");
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);

	/* count_bits of garbage */
	ring_init(&r, 0, 0);
	oms_fake_poke_u32(r.f, r.prb, 60);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_CORRUPT && !text,
	   "absurd count_bits is CORRUPT, no text");
	oms_error_destroy(err);
	oms_fake_destroy(r.f);

	/* the text ring not in the dump */
	ring_init(&r, 0, 0);
	ring_add_str(&r, 0, "one");
	oms_fake_add_hole(r.f, r.data, 1 << SIZE_BITS);
	err = oms_printk_read(oms_fake_target(r.f), &text, &len);
	OK(err && err->code == OMS_ERR_NODATA, "text ring filtered out is NODATA");
	IS_STR(text, "", "with no text");
	oms_error_destroy(err);
	free(text);
	oms_fake_destroy(r.f);
}

static void test_old_layout(void)
{
	struct oms_fake *f = oms_fake_create();
	struct oms_error *err;
	char *text;
	size_t len;

	oms_fake_add_symbol(f, "log_buf", oms_fake_alloc(f, 8));
	err = oms_printk_read(oms_fake_target(f), &text, &len);
	OK(err && err->code == OMS_ERR_NOT_FOUND && !text,
	   "pre-5.10 log_buf is NOT_FOUND");
	OK(err && strstr(err->message, "not supported"), "and says so");
	oms_error_destroy(err);
	oms_fake_destroy(f);
}

int main(void)
{
	test_ring();
	test_dataless_and_truncated();
	test_bad_descriptors();
	test_missing_page();
	test_corrupt();
	test_old_layout();
	return tap_done();
}
