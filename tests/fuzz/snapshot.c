// SPDX-License-Identifier: GPL-2.0
/*
 * snapshot record [-k VMLINUX] VMCORE SNAPSHOT
 *	Open a real dump (oms_dump_open: the vmlinux found as oomscan finds
 *	it, or -k), analyse it through a recording target that passes every
 *	question on to the dump's target and keeps it with its answer, and
 *	write what was asked to SNAPSHOT (the format: replay.h).  Reads are
 *	kept a page at a time: each 4096-byte page a read touched, with its
 *	bytes, or the error reading it gave.  The analysis runs twice, with
 *	oomscan's default options and with --threads --exact-rss --top 0,
 *	so that the snapshot answers every option the fuzzer tries.  It
 *	also keeps the pages of the pid IDR (read only for a gap in the
 *	process list) and the answers tests/fuzz/ablate needs that the analysis
 *	may not ask itself (ablate_questions()).
 * snapshot replay [--text] SNAPSHOT
 *	The report (JSON, or text) of the analysis of SNAPSHOT alone, with
 *	the options and the source of `oomscan [--json] VMCORE`: the same
 *	bytes as that when the replay is faithful (tests/fuzz.test).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../lib/backend/dump/dump.h"
#include "../../lib/oomscan.h"
#include "../../lib/collect/pids.h"
#include "../../lib/model/warn.h"
#include "replay.h"

#define PAGE OMS_REPLAY_PAGE

struct rec_page {
	uint64_t addr;
	uint32_t code;
	char *message;
	unsigned char *data;	/* code 0 */
};

struct rec_question {
	uint8_t kind;
	char *key, *key2;
	uint32_t code;
	char *message;
	uint64_t u;
	struct oms_member member;
	char *text;
};

struct recorder {
	struct oms_target target;
	const struct oms_target *inner;
	struct rec_page *pages;
	size_t n_pages, cap_pages;
	size_t *slots;		/* open addressing: page index + 1, 0 empty */
	size_t n_slots;
	struct rec_question *questions;
	size_t n_questions, cap_questions;
	uint64_t reads;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "snapshot: out of memory\n");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d) {
		fprintf(stderr, "snapshot: out of memory\n");
		exit(1);
	}
	return d;
}

static size_t slot_of(const struct recorder *rc, uint64_t addr)
{
	return (size_t)((addr / PAGE) * 0x9e3779b97f4a7c15ULL) &
	       (rc->n_slots - 1);
}

static struct rec_page *find_page(const struct recorder *rc, uint64_t addr)
{
	size_t i;

	if (!rc->n_slots)
		return NULL;
	for (i = slot_of(rc, addr); rc->slots[i]; i = (i + 1) & (rc->n_slots - 1))
		if (rc->pages[rc->slots[i] - 1].addr == addr)
			return &rc->pages[rc->slots[i] - 1];
	return NULL;
}

static void add_slot(struct recorder *rc, size_t index)
{
	size_t j;

	for (j = slot_of(rc, rc->pages[index].addr); rc->slots[j];
	     j = (j + 1) & (rc->n_slots - 1))
		;
	rc->slots[j] = index + 1;
}

static void rehash(struct recorder *rc)
{
	size_t i;

	free(rc->slots);
	rc->n_slots = rc->n_slots ? 2 * rc->n_slots : 1024;
	rc->slots = xrealloc(NULL, rc->n_slots * sizeof(*rc->slots));
	memset(rc->slots, 0, rc->n_slots * sizeof(*rc->slots));
	for (i = 0; i < rc->n_pages; i++)
		add_slot(rc, i);
}

/* read the page at addr from the real target and keep it; its code */
static uint32_t record_page(struct recorder *rc, uint64_t addr)
{
	struct rec_page *p = find_page(rc, addr);
	struct oms_error *err;

	if (p)
		return p->code;
	if (rc->n_pages == rc->cap_pages) {
		rc->cap_pages = rc->cap_pages ? 2 * rc->cap_pages : 1024;
		rc->pages = xrealloc(rc->pages, rc->cap_pages * sizeof(*rc->pages));
	}
	p = &rc->pages[rc->n_pages++];
	memset(p, 0, sizeof(*p));
	p->addr = addr;
	p->data = xrealloc(NULL, PAGE);
	err = oms_read(rc->inner, addr, p->data, PAGE);
	if (err) {
		free(p->data);
		p->data = NULL;
		p->code = err->code;
		p->message = xstrdup(err->message);
		oms_error_destroy(err);
	}
	if (2 * rc->n_pages > rc->n_slots)
		rehash(rc);
	else
		add_slot(rc, rc->n_pages - 1);
	return p->code;
}

static struct oms_error *rec_read(void *priv, uint64_t addr, void *buf,
				  size_t len)
{
	struct recorder *rc = priv;
	struct oms_error *err;
	uint64_t a, end;

	rc->reads++;
	err = oms_read(rc->inner, addr, buf, len);
	/* every page the read touches, up to the first that fails (the
	 * replay stops there too) */
	if (!len)
		return err;
	end = addr + len - 1;
	for (a = addr - addr % PAGE;; a += PAGE) {
		if (record_page(rc, a))
			break;
		if (a == end - end % PAGE)
			break;
	}
	return err;
}

static struct rec_question *ask(struct recorder *rc, enum oms_replay_kind kind,
				const char *key, const char *key2, bool *known)
{
	struct rec_question *q;
	size_t i;

	for (i = 0; i < rc->n_questions; i++) {
		q = &rc->questions[i];
		if (q->kind == kind && !strcmp(q->key, key) &&
		    !strcmp(q->key2, key2)) {
			*known = true;
			return q;
		}
	}
	if (rc->n_questions == rc->cap_questions) {
		rc->cap_questions = rc->cap_questions ? 2 * rc->cap_questions : 256;
		rc->questions = xrealloc(rc->questions,
					 rc->cap_questions * sizeof(*q));
	}
	q = &rc->questions[rc->n_questions++];
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->key = xstrdup(key);
	q->key2 = xstrdup(key2);
	*known = false;
	return q;
}

/* keep the answer err (NULL: found) of a new question */
static void answered(struct rec_question *q, const struct oms_error *err)
{
	q->code = err ? err->code : 0;
	q->message = xstrdup(err ? err->message : "");
}

static struct oms_error *rec_symbol(void *priv, const char *name,
				    uint64_t *addr_ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = oms_symbol(rc->inner, name, addr_ret);
	bool known;
	struct rec_question *q = ask(rc, OMS_REPLAY_SYMBOL, name, "", &known);

	if (!known) {
		answered(q, err);
		q->u = err ? 0 : *addr_ret;
	}
	return err;
}

static struct oms_error *rec_member(void *priv, const char *type,
				    const char *member, struct oms_member *ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = rc->inner->ops->member(rc->inner->priv, type,
						       member, ret);
	bool known;
	struct rec_question *q = ask(rc, OMS_REPLAY_MEMBER, type, member, &known);

	if (!known) {
		answered(q, err);
		if (!err)
			q->member = *ret;
	}
	return err;
}

static struct oms_error *rec_type_size(void *priv, const char *type,
				       uint64_t *size_ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = oms_type_size(rc->inner, type, size_ret);
	bool known;
	struct rec_question *q = ask(rc, OMS_REPLAY_TYPE_SIZE, type, "", &known);

	if (!known) {
		answered(q, err);
		q->u = err ? 0 : *size_ret;
	}
	return err;
}

static struct oms_error *rec_enumerator(void *priv, const char *name,
					int64_t *value_ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = oms_enumerator(rc->inner, name, value_ret);
	bool known;
	struct rec_question *q = ask(rc, OMS_REPLAY_ENUMERATOR, name, "", &known);

	if (!known) {
		answered(q, err);
		q->u = err ? 0 : (uint64_t)*value_ret;
	}
	return err;
}

static struct oms_error *rec_vmcoreinfo(void *priv, const char *key,
					char **value_ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = oms_vmcoreinfo(rc->inner, key, value_ret);
	bool known;
	struct rec_question *q = ask(rc, OMS_REPLAY_VMCOREINFO, key, "", &known);

	if (!known) {
		answered(q, err);
		q->text = xstrdup(err ? "" : *value_ret);
	}
	return err;
}

static struct oms_error *rec_note_pid(void *priv, int index, int32_t *pid_ret)
{
	struct recorder *rc = priv;
	struct oms_error *err = oms_note_pid(rc->inner, index, pid_ret);
	struct rec_question *q;
	char key[16];
	bool known;

	snprintf(key, sizeof(key), "%d", index);
	q = ask(rc, OMS_REPLAY_NOTE_PID, key, "", &known);
	if (!known) {
		answered(q, err);
		q->u = err ? 0 : (uint64_t)(uint32_t)*pid_ret;
	}
	return err;
}

static const struct oms_target_ops rec_ops = {
	.read = rec_read,
	.symbol = rec_symbol,
	.member = rec_member,
	.type_size = rec_type_size,
	.enumerator = rec_enumerator,
	.vmcoreinfo = rec_vmcoreinfo,
	.note_pid = rec_note_pid,
};

/* --- writing ------------------------------------------------------------------- */

struct writer {
	gzFile gz;
	bool bad;
};

static void put(struct writer *w, const void *buf, size_t len)
{
	if (!w->bad && len && gzwrite(w->gz, buf, (unsigned int)len) != (int)len)
		w->bad = true;
}

static void put_u8(struct writer *w, uint8_t v) { put(w, &v, 1); }
static void put_u32(struct writer *w, uint32_t v) { put(w, &v, 4); }
static void put_u64(struct writer *w, uint64_t v) { put(w, &v, 8); }

static void put_str(struct writer *w, const char *s)
{
	put_u32(w, (uint32_t)strlen(s));
	put(w, s, strlen(s));
}

static int page_cmp(const void *a, const void *b)
{
	const struct rec_page *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int question_cmp(const void *a, const void *b)
{
	const struct rec_question *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->key2, y->key2);
}

static int write_snapshot(struct recorder *rc, const char *path,
			  const struct oms_source *src)
{
	struct writer w = { 0 };
	const char *meta[][2] = {
		{ "path", src->path }, { "format", src->format },
		{ "vmlinux", src->vmlinux }, { "build_id", src->build_id },
		{ "types", src->types }, { "symbols", src->symbols },
	};
	size_t i;

	/* in address and name order: the same dump, the same file */
	qsort(rc->pages, rc->n_pages, sizeof(*rc->pages), page_cmp);
	qsort(rc->questions, rc->n_questions, sizeof(*rc->questions),
	      question_cmp);
	w.gz = gzopen(path, "wb6");
	if (!w.gz) {
		fprintf(stderr, "snapshot: cannot write '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	put(&w, OMS_REPLAY_MAGIC, strlen(OMS_REPLAY_MAGIC));
	for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++) {
		if (!meta[i][1])
			continue;
		put_u8(&w, 'H');
		put_str(&w, meta[i][0]);
		put_str(&w, meta[i][1]);
	}
	for (i = 0; i < rc->n_questions; i++) {
		const struct rec_question *q = &rc->questions[i];

		put_u8(&w, 'Q');
		put_u8(&w, q->kind);
		put_str(&w, q->key);
		put_str(&w, q->key2);
		put_u32(&w, q->code);
		put_str(&w, q->message);
		switch (q->kind) {
		case OMS_REPLAY_MEMBER:
			put_u64(&w, q->member.offset);
			put_u64(&w, q->member.size);
			put_u32(&w, q->member.bit_offset);
			put_u32(&w, q->member.bit_size);
			break;
		case OMS_REPLAY_VMCOREINFO:
			put_str(&w, q->text);
			break;
		default:
			put_u64(&w, q->u);
		}
	}
	for (i = 0; i < rc->n_pages; i++) {
		const struct rec_page *p = &rc->pages[i];

		put_u8(&w, 'P');
		put_u64(&w, p->addr);
		put_u32(&w, p->code);
		if (p->code)
			put_str(&w, p->message);
		else
			put(&w, p->data, PAGE);
	}
	put_u8(&w, 'E');
	if (gzclose(w.gz) != Z_OK || w.bad) {
		fprintf(stderr, "snapshot: cannot write '%s'\n", path);
		return 1;
	}
	return 0;
}

static void recorder_deinit(struct recorder *rc)
{
	size_t i;

	for (i = 0; i < rc->n_pages; i++) {
		free(rc->pages[i].data);
		free(rc->pages[i].message);
	}
	free(rc->pages);
	free(rc->slots);
	for (i = 0; i < rc->n_questions; i++) {
		free(rc->questions[i].key);
		free(rc->questions[i].key2);
		free(rc->questions[i].message);
		free(rc->questions[i].text);
	}
	free(rc->questions);
}

/* analyse t with o; false when the analysis fails */
static bool analyze(const struct oms_target *t, const struct oms_options *o,
		    const char *what)
{
	struct oms_model m;
	struct oms_error *err;

	oms_model_init(&m);
	err = oms_analyze(t, o, &m);
	if (err) {
		fprintf(stderr, "snapshot: %s: %s\n", what, err->message);
		oms_error_destroy(err);
	}
	oms_model_deinit(&m);
	return !err;
}

/* what tests/fuzz/ablate tells the reads of one object from the next
 * one's by, asked here in case the analysis does not: the size of a zone
 * (they are an array), where a task_struct's thread_struct begins (its
 * last member; x86 allocates task_structs shorter than their sizeof, as
 * far as the FPU state in it needs), and the link of the process list */
static void ablate_questions(const struct oms_target *t)
{
	struct oms_field f;
	uint64_t size;

	oms_error_destroy(oms_type_size(t, "struct zone", &size));
	oms_error_destroy(oms_field(t, "struct task_struct", "thread", &f));
	oms_error_destroy(oms_field(t, "struct task_struct", "tasks", &f));
	oms_error_destroy(oms_symbol(t, "init_task", &size));
}

/* the pid IDR of init_pid_ns and the struct pids, which the analysis reads
 * only for a gap in the process list (lib/collect/pids.c): recorded so that the
 * fuzzer, making two task_struct pages holes, reaches that walk too */
static void gap_pages(const struct oms_target *t)
{
	struct oms_warnings w = { 0 };
	struct oms_pid_leader *v = NULL;
	size_t n = 0;
	bool complete;

	oms_error_destroy(oms_pid_leaders(t, &w, &v, &n, &complete));
	free(v);
	oms_warnings_deinit(&w);
}

static int record(int argc, char **argv)
{
	struct oms_dump_options dopts = { 0 };
	struct recorder rc = { .target = { .ops = &rec_ops } };
	struct oms_options o;
	struct oms_source src = { 0 };
	struct oms_dump *d;
	struct oms_error *err;
	size_t i, failed = 0;
	int argi = 0, status;

	if (argc >= 2 && !strcmp(argv[0], "-k")) {
		dopts.vmlinux = argv[1];
		argi = 2;
	} else {
		dopts.vmlinux = getenv("OOMSCAN_VMLINUX");
	}
	if (argc - argi != 2) {
		fprintf(stderr, "usage: snapshot record [-k VMLINUX] VMCORE SNAPSHOT\n");
		return 2;
	}
	err = oms_dump_open(argv[argi], &dopts, &d);
	if (err) {
		fprintf(stderr, "snapshot: %s\n", err->message);
		oms_error_destroy(err);
		return 1;
	}
	rc.target.priv = &rc;
	rc.inner = oms_dump_target(d);
	oms_options_init(&o);
	status = analyze(&rc.target, &o, argv[argi]) ? 0 : 1;
	o.all_threads = true;
	o.exact_rss = true;
	o.top_n = 0;
	if (!status && !analyze(&rc.target, &o, argv[argi]))
		status = 1;
	if (!status) {
		ablate_questions(&rc.target);
		gap_pages(&rc.target);
	}
	if (!status) {
		src.path = oms_dump_path(d);
		src.format = oms_dump_format(d);
		src.vmlinux = oms_dump_vmlinux(d);
		src.types = oms_dump_types(d);
		src.symbols = oms_dump_symbols(d);
		src.debuginfod = oms_dump_debuginfod(d);
		src.build_id = oms_dump_build_id(d);
		status = write_snapshot(&rc, argv[argi + 1], &src);
	}
	if (!status) {
		for (i = 0; i < rc.n_pages; i++)
			failed += rc.pages[i].code != 0;
		fprintf(stderr, "snapshot: %s: %zu pages (%zu not readable), %zu questions, %llu reads\n",
			argv[argi + 1], rc.n_pages, failed, rc.n_questions,
			(unsigned long long)rc.reads);
	}
	recorder_deinit(&rc);
	oms_dump_destroy(d);
	return status;
}

static int replay(int argc, char **argv)
{
	struct oms_replay *r;
	struct oms_options o;
	struct oms_source src = { 0 };
	struct oms_model m;
	struct oms_error *err;
	bool text = false;
	int status;

	if (argc == 2 && !strcmp(argv[0], "--text")) {
		text = true;
		argv++;
		argc--;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: snapshot replay [--text] SNAPSHOT\n");
		return 2;
	}
	err = oms_replay_load(argv[0], &r);
	if (err) {
		fprintf(stderr, "snapshot: %s\n", err->message);
		oms_error_destroy(err);
		return 1;
	}
	oms_options_init(&o);
	oms_model_init(&m);
	err = oms_analyze(oms_replay_target(r), &o, &m);
	if (err) {
		fprintf(stderr, "snapshot: %s: %s\n", argv[0], err->message);
		oms_error_destroy(err);
		oms_model_deinit(&m);
		oms_replay_destroy(r);
		return 1;
	}
	src.path = oms_replay_meta(r, "path");
	src.format = oms_replay_meta(r, "format");
	src.vmlinux = oms_replay_meta(r, "vmlinux");
	src.build_id = oms_replay_meta(r, "build_id");
	src.types = oms_replay_meta(r, "types");
	src.symbols = oms_replay_meta(r, "symbols");
	if (text)
		oms_report_text(stdout, &m, &o, &src);
	else
		oms_report_json(stdout, &m, &o, &src);
	status = oms_model_partial(&m) ? 3 : 0;
	oms_model_deinit(&m);
	oms_replay_destroy(r);
	if (fflush(stdout)) {
		fprintf(stderr, "snapshot: cannot write the report: %s\n",
			strerror(errno));
		return 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "record"))
		return record(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "replay"))
		return replay(argc - 2, argv + 2);
	fprintf(stderr, "usage: snapshot record [-k VMLINUX] VMCORE SNAPSHOT\n"
			"       snapshot replay [--text] SNAPSHOT\n");
	return 2;
}
