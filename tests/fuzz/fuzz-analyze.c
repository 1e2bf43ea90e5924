// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-analyze: libFuzzer on the whole analysis.  The kernel is a snapshot
 * of a real dump ($OOMSCAN_FUZZ_SNAPSHOT, made by `tests/fuzz/snapshot
 * record`; replay.h), its types and symbols as they were; the input is a
 * list of changes to its memory.  Each input: the changes, oms_analyze,
 * both reports to /dev/null, oms_model_deinit, the changes undone.  Any
 * crash, sanitizer report, leak or hang (-timeout) is a bug in lib/.
 *
 * The input: one byte of options, then changes, each an op byte (op % 5)
 * and its operands; PAGE is a u16, the index of a page of the snapshot
 * (modulo their number; the pages are in address order), OFF a u16 modulo
 * 4096, integers little-endian:
 *   0 PAGE OFF LEN(u8) BYTES   write the bytes (up to the page's end)
 *   1 PAGE KIND(u8)            the page reads as a hole: not in the dump
 *                              (KIND even, OMS_ERR_NODATA), unreadable (odd)
 *   2 PAGE OFF PAGE2 OFF2      write the address PAGE2 + OFF2 at OFF: a
 *                              pointer to elsewhere (lists, cycles)
 *   3 PAGE OFF W(u8) D(i8)     add D to the integer of 1, 2, 4 or 8 bytes
 *                              (W % 4) at OFF
 *   4 PAGE OFF PAGE2 OFF2 LEN(u8)  copy LEN bytes from PAGE2 + OFF2
 * The options byte: bit 0 --threads, 1 --exact-rss, 2 --no-free-lists,
 * 3 --no-log, 4 --top 0.
 *
 * A "pinned" input starts with "OMSPIN1\n" and gives each PAGE as the
 * page's address (u64) instead: it means the same on any snapshot of the
 * same dump, whatever pages the analysis reads then (tests/fuzz/regress/
 * keeps them so).  With $OOMSCAN_FUZZ_PIN set to a file, each input run is
 * also written there in that form (`tests/fuzz/run --pin`).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "../../lib/oomscan.h"
#include "replay.h"

#define PIN_MAGIC "OMSPIN1\n"
#define PAGE OMS_REPLAY_PAGE

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct oms_replay *snap;
static size_t npages;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("OOMSCAN_FUZZ_SNAPSHOT");
	struct oms_error *err;

	(void)argc;
	(void)argv;
	if (!path || !*path) {
		fprintf(stderr, "fuzz-analyze: set OOMSCAN_FUZZ_SNAPSHOT to a snapshot (tests/fuzz/snapshot record VMCORE FILE)\n");
		exit(1);
	}
	err = oms_replay_load(path, &snap);
	if (err) {
		fprintf(stderr, "fuzz-analyze: %s\n", err->message);
		exit(1);
	}
	npages = oms_replay_npages(snap);
	devnull = fopen("/dev/null", "w");
	if (!npages || !devnull) {
		fprintf(stderr, "fuzz-analyze: %s\n",
			npages ? "cannot open /dev/null" : "a snapshot without memory");
		exit(1);
	}
	return 0;
}

/* the input, read front to back; reads past its end give zeros */
struct input {
	const uint8_t *p, *end;
	bool pinned;
	FILE *pin;		/* the pinned form, written as read */
};

static bool more(const struct input *in)
{
	return in->p < in->end;
}

static uint64_t take(struct input *in, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)(more(in) ? *in->p++ : 0) << (8 * i);
	return v;
}

static void pin_bytes(struct input *in, uint64_t v, size_t n)
{
	if (in->pin)
		fwrite(&v, 1, n, in->pin);	/* little-endian host */
}

static uint64_t operand(struct input *in, size_t n)
{
	uint64_t v = take(in, n);

	pin_bytes(in, v, n);
	return v;
}

/* PAGE: an index, or a page address in a pinned input; -1: not a page */
static ssize_t page(struct input *in)
{
	size_t lo = 0, hi = npages;
	uint64_t addr, i;

	if (!in->pinned) {
		i = take(in, 2) % npages;
		pin_bytes(in, oms_replay_page_addr(snap, i), 8);
		return (ssize_t)i;
	}
	addr = operand(in, 8);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t a = oms_replay_page_addr(snap, mid);

		if (a == addr)
			return (ssize_t)mid;
		if (a < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void apply(struct input *in)
{
	uint8_t buf[256];
	uint64_t v, width;
	ssize_t pg, pg2;
	size_t off, off2, len;
	int8_t delta;
	int op;

	while (more(in)) {
		op = (int)(operand(in, 1) % 5);
		pg = page(in);
		switch (op) {
		case 0:		/* bytes */
			off = operand(in, 2) % PAGE;
			len = operand(in, 1);
			if ((size_t)(in->end - in->p) < len)
				len = (size_t)(in->end - in->p);
			memcpy(buf, in->p, len);
			in->p += len;
			if (in->pin)	/* the length as it was taken */
				fwrite(buf, 1, len, in->pin);
			if (pg >= 0)
				oms_replay_poke(snap, (size_t)pg, off, buf, len);
			break;
		case 1:		/* a hole */
			v = operand(in, 1);
			if (pg >= 0)
				oms_replay_hole(snap, (size_t)pg, v & 1 ?
						OMS_ERR_FAULT : OMS_ERR_NODATA);
			break;
		case 2:		/* a pointer */
			off = operand(in, 2) % PAGE;
			pg2 = page(in);
			off2 = operand(in, 2) % PAGE;
			if (off > PAGE - 8)
				off = PAGE - 8;
			if (pg < 0 || pg2 < 0)
				break;
			v = oms_replay_page_addr(snap, (size_t)pg2) + off2;
			oms_replay_poke(snap, (size_t)pg, off, &v, 8);
			break;
		case 3:		/* add to an integer */
			off = operand(in, 2) % PAGE;
			width = 1ULL << (operand(in, 1) % 4);
			delta = (int8_t)operand(in, 1);
			if (off > PAGE - width)
				off = PAGE - width;
			if (pg < 0)
				break;
			v = 0;
			oms_replay_peek(snap, (size_t)pg, off, &v, width);
			v += (uint64_t)(int64_t)delta;
			oms_replay_poke(snap, (size_t)pg, off, &v, width);
			break;
		default:	/* copy */
			off = operand(in, 2) % PAGE;
			pg2 = page(in);
			off2 = operand(in, 2) % PAGE;
			len = operand(in, 1);
			if (len > PAGE - off2)
				len = PAGE - off2;
			if (pg < 0 || pg2 < 0)
				break;
			oms_replay_peek(snap, (size_t)pg2, off2, buf, len);
			oms_replay_poke(snap, (size_t)pg, off, buf, len);
			break;
		}
	}
}

/* both reports to /dev/null, or with $OOMSCAN_FUZZ_REPORT=PREFIX to
 * PREFIX.txt and PREFIX.json (tests/fuzz/corrupt/check reads them) */
static void report(const struct oms_model *m, const struct oms_options *o,
		   const struct oms_source *src)
{
	const char *prefix = getenv("OOMSCAN_FUZZ_REPORT");
	FILE *text = devnull, *json = devnull;
	char path[4096];

	if (prefix && *prefix) {
		snprintf(path, sizeof(path), "%s.txt", prefix);
		text = fopen(path, "w");
		snprintf(path, sizeof(path), "%s.json", prefix);
		json = fopen(path, "w");
		if (!text || !json) {
			fprintf(stderr, "fuzz-analyze: cannot write %s.*\n", prefix);
			exit(1);
		}
	}
	oms_report_text(text, m, o, src);
	oms_report_json(json, m, o, src);
	if (text != devnull) {
		fclose(text);
		fclose(json);
	}
	fflush(devnull);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct oms_source src = {
		.path = "fuzz", .format = "snapshot",
	};
	struct input in = { .p = data, .end = data + size };
	const char *pin_path = getenv("OOMSCAN_FUZZ_PIN");
	struct oms_options o;
	struct oms_model m;
	struct oms_error *err;
	uint8_t flags;

	if (size >= strlen(PIN_MAGIC) &&
	    !memcmp(data, PIN_MAGIC, strlen(PIN_MAGIC))) {
		in.pinned = true;
		in.p += strlen(PIN_MAGIC);
	}
	if (pin_path && *pin_path) {
		in.pin = fopen(pin_path, "w");
		if (in.pin)
			fputs(PIN_MAGIC, in.pin);
	}
	flags = (uint8_t)operand(&in, 1);
	apply(&in);
	if (in.pin)
		fclose(in.pin);

	oms_options_init(&o);
	o.all_threads = flags & 1;
	o.exact_rss = flags & 2;
	o.walk_free_lists = !(flags & 4);
	o.read_log = !(flags & 8);
	if (flags & 16)
		o.top_n = 0;
	oms_model_init(&m);
	err = oms_analyze(oms_replay_target(snap), &o, &m);
	if (!err)
		report(&m, &o, &src);
	oms_error_destroy(err);
	oms_model_deinit(&m);
	oms_replay_restore(snap);
	return 0;
}
