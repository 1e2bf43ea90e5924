// SPDX-License-Identifier: GPL-2.0
/* A target that answers from a snapshot: see replay.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "replay.h"

#define PAGE OMS_REPLAY_PAGE

struct page {
	uint64_t addr;
	uint32_t code;		/* 0: data */
	char *message;		/* code != 0: the recorded one, NULL: a fuzzer's hole */
	bool excluded;		/* oms_replay_exclude()'s hole */
	unsigned char *data;	/* PAGE bytes, also for a hole */
	uint64_t saved;		/* the generation it was saved in */
};

struct question {
	uint8_t kind;
	char *key, *key2;
	uint32_t code;
	char *message;
	uint64_t u;		/* SYMBOL, TYPE_SIZE, ENUMERATOR (as int64_t) */
	struct oms_member member;
	char *text;		/* VMCOREINFO */
};

struct saved_page {
	size_t index;
	uint32_t code;
	char *message;
	bool excluded;
	unsigned char data[PAGE];
};

struct oms_replay {
	struct oms_target target;
	char **meta;		/* key, value, key, value... */
	size_t n_meta;
	struct page *pages;
	size_t n_pages;
	unsigned char *bytes;	/* the pages' data, n_pages * PAGE */
	struct question *questions;
	size_t n_questions;
	uint64_t reads;
	/* the fuzzer's changes, undone by oms_replay_restore() */
	uint64_t generation;
	struct saved_page *saved;
	size_t n_saved, cap_saved;
};

/* --- answers --------------------------------------------------------------- */

static struct page *find_page(struct oms_replay *r, uint64_t addr)
{
	size_t lo = 0, hi = r->n_pages;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->pages[mid].addr == addr)
			return &r->pages[mid];
		if (r->pages[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* the recorded message of a page that failed, as if the read had failed at
 * at (the page's address in it replaced by at's) */
static struct oms_error *page_error(const struct page *p, uint64_t at)
{
	char page_hex[24], at_hex[24];
	const char *m = p->message, *hit;
	size_t n_hits = 0, len = 0, n;
	struct oms_error *err;
	char *out;

	if (p->excluded)	/* lib/backend/dump/kdump.c's words */
		return oms_error_fault(OMS_ERR_NODATA, at,
				       "0x%llx is not in the dump (filtered out)",
				       (unsigned long long)at);
	if (!m)
		return oms_error_fault(p->code, at,
				       "cannot read 0x%llx: a hole the fuzzer made",
				       (unsigned long long)at);
	snprintf(page_hex, sizeof(page_hex), "0x%llx", (unsigned long long)p->addr);
	snprintf(at_hex, sizeof(at_hex), "0x%llx", (unsigned long long)at);
	for (hit = strstr(m, page_hex); hit; hit = strstr(hit + 1, page_hex))
		n_hits++;
	out = malloc(strlen(m) + n_hits * strlen(at_hex) + 1);
	if (!out)
		return &oms_enomem;
	while ((hit = strstr(m, page_hex))) {
		n = (size_t)(hit - m);
		memcpy(out + len, m, n);
		len += n;
		memcpy(out + len, at_hex, strlen(at_hex));
		len += strlen(at_hex);
		m = hit + strlen(page_hex);
	}
	memcpy(out + len, m, strlen(m) + 1);
	err = oms_error_fault(p->code, at, "%s", out);
	free(out);
	return err;
}

static struct oms_error *replay_read(void *priv, uint64_t addr, void *buf,
				    size_t len)
{
	struct oms_replay *r = priv;
	unsigned char *out = buf;
	size_t done = 0;

	r->reads++;
	while (done < len) {
		uint64_t a = addr + done;
		size_t off = a % PAGE, n = PAGE - off;
		struct page *p = find_page(r, a - off);

		if (!p)
			return oms_error_fault(OMS_ERR_FAULT, a,
					       "cannot read 0x%llx: not in the snapshot",
					       (unsigned long long)a);
		if (p->code)
			return page_error(p, a);
		if (n > len - done)
			n = len - done;
		memcpy(out + done, p->data + off, n);
		done += n;
	}
	return NULL;
}

static int question_cmp(const void *a, const void *b)
{
	const struct question *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->key2, y->key2);
}

static const struct question *find_question(struct oms_replay *r,
					    enum oms_replay_kind kind,
					    const char *key, const char *key2)
{
	struct question q = { .kind = kind, .key = (char *)key,
			      .key2 = (char *)key2 };

	return bsearch(&q, r->questions, r->n_questions, sizeof(q),
		       question_cmp);
}

static struct oms_error *answer_error(const struct question *q)
{
	return oms_error_create(q->code, "%s", q->message);
}

static struct oms_error *replay_symbol(void *priv, const char *name,
				      uint64_t *addr_ret)
{
	const struct question *q = find_question(priv, OMS_REPLAY_SYMBOL, name, "");

	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no symbol '%s' in the snapshot", name);
	if (q->code)
		return answer_error(q);
	*addr_ret = q->u;
	return NULL;
}

static struct oms_error *replay_member(void *priv, const char *type,
				      const char *member,
				      struct oms_member *ret)
{
	const struct question *q = find_question(priv, OMS_REPLAY_MEMBER, type,
						 member);

	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no member '%s.%s' in the snapshot",
					type, member);
	if (q->code)
		return answer_error(q);
	*ret = q->member;
	return NULL;
}

static struct oms_error *replay_type_size(void *priv, const char *type,
					 uint64_t *size_ret)
{
	const struct question *q = find_question(priv, OMS_REPLAY_TYPE_SIZE,
						 type, "");

	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no type '%s' in the snapshot", type);
	if (q->code)
		return answer_error(q);
	*size_ret = q->u;
	return NULL;
}

static struct oms_error *replay_enumerator(void *priv, const char *name,
					  int64_t *value_ret)
{
	const struct question *q = find_question(priv, OMS_REPLAY_ENUMERATOR,
						 name, "");

	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no enumerator '%s' in the snapshot",
					name);
	if (q->code)
		return answer_error(q);
	*value_ret = (int64_t)q->u;
	return NULL;
}

static struct oms_error *replay_vmcoreinfo(void *priv, const char *key,
					  char **value_ret)
{
	const struct question *q = find_question(priv, OMS_REPLAY_VMCOREINFO,
						 key, "");

	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no VMCOREINFO '%s' in the snapshot",
					key);
	if (q->code)
		return answer_error(q);
	*value_ret = strdup(q->text);
	return *value_ret ? NULL : &oms_enomem;
}

static struct oms_error *replay_note_pid(void *priv, int index,
				       int32_t *pid_ret)
{
	const struct question *q;
	char key[16];

	snprintf(key, sizeof(key), "%d", index);
	q = find_question(priv, OMS_REPLAY_NOTE_PID, key, "");
	if (!q)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no PRSTATUS note %d in the snapshot",
					index);
	if (q->code)
		return answer_error(q);
	*pid_ret = (int32_t)q->u;
	return NULL;
}

static const struct oms_target_ops replay_ops = {
	.read = replay_read,
	.symbol = replay_symbol,
	.member = replay_member,
	.type_size = replay_type_size,
	.enumerator = replay_enumerator,
	.vmcoreinfo = replay_vmcoreinfo,
	.note_pid = replay_note_pid,
};

/* --- the file ---------------------------------------------------------------- */

struct reader {
	gzFile gz;
	const char *path;
	bool bad;
};

static void get(struct reader *rd, void *buf, size_t len)
{
	if (rd->bad || !len)
		return;
	if (gzread(rd->gz, buf, (unsigned int)len) != (int)len)
		rd->bad = true;
}

static uint64_t get_u64(struct reader *rd)
{
	uint64_t v = 0;

	get(rd, &v, sizeof(v));
	return v;
}

static uint32_t get_u32(struct reader *rd)
{
	uint32_t v = 0;

	get(rd, &v, sizeof(v));
	return v;
}

static char *get_str(struct reader *rd)
{
	uint32_t len = get_u32(rd);
	char *s;

	if (rd->bad || len > (1U << 20)) {
		rd->bad = true;
		return NULL;
	}
	s = malloc((size_t)len + 1);
	if (!s) {
		rd->bad = true;
		return NULL;
	}
	get(rd, s, len);
	s[len] = '\0';
	return s;
}

static int page_cmp(const void *a, const void *b)
{
	const struct page *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

#define GROW(arr, n, cap)						\
	((n) < (cap) ? true :						\
	 grow((void **)&(arr), &(cap), sizeof(*(arr))))

static bool grow(void **arr, size_t *cap, size_t size)
{
	size_t c = *cap ? 2 * *cap : 64;
	void *v = realloc(*arr, c * size);

	if (!v)
		return false;
	*arr = v;
	*cap = c;
	return true;
}

struct oms_error *oms_replay_load(const char *path, struct oms_replay **ret)
{
	struct reader rd = { .path = path };
	size_t cap_pages = 0, cap_q = 0, cap_meta = 0, i;
	unsigned char *page_data = NULL;
	struct oms_replay *r;
	char magic[sizeof(OMS_REPLAY_MAGIC) - 1];
	struct oms_error *err = NULL;
	uint8_t tag;

	r = calloc(1, sizeof(*r));
	if (!r)
		return &oms_enomem;
	r->target.ops = &replay_ops;
	r->target.priv = r;
	rd.gz = gzopen(path, "rb");
	if (!rd.gz) {
		err = oms_error_create(OMS_ERR_OS, "cannot open '%s': %s", path,
				       errno ? strerror(errno) : "out of memory");
		goto out_destroy;
	}
	gzbuffer(rd.gz, 1 << 17);
	get(&rd, magic, sizeof(magic));
	if (rd.bad || memcmp(magic, OMS_REPLAY_MAGIC, sizeof(magic))) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s' is not an oomscan snapshot", path);
		goto out_close;
	}
	/* each page is read into a buffer of its own, and the buffers are
	 * put together in one block, in address order, at the end */
	for (;;) {
		tag = 0;
		get(&rd, &tag, 1);
		if (rd.bad || tag == 'E')
			break;
		if (tag == 'H') {
			/* room for two: the key and the value */
			if (!GROW(r->meta, r->n_meta + 1, cap_meta)) {
				rd.bad = true;
				break;
			}
			r->meta[r->n_meta++] = get_str(&rd);
			r->meta[r->n_meta++] = get_str(&rd);
		} else if (tag == 'P') {
			struct page *p;

			if (!GROW(r->pages, r->n_pages, cap_pages)) {
				rd.bad = true;
				break;
			}
			p = &r->pages[r->n_pages++];
			memset(p, 0, sizeof(*p));
			p->addr = get_u64(&rd);
			p->code = get_u32(&rd);
			p->data = calloc(1, PAGE);
			if (!p->data) {
				rd.bad = true;
				break;
			}
			if (p->code)
				p->message = get_str(&rd);
			else
				get(&rd, p->data, PAGE);
			if (p->addr % PAGE)
				rd.bad = true;
		} else if (tag == 'Q') {
			struct question *q;

			if (!GROW(r->questions, r->n_questions, cap_q)) {
				rd.bad = true;
				break;
			}
			q = &r->questions[r->n_questions++];
			memset(q, 0, sizeof(*q));
			get(&rd, &q->kind, 1);
			q->key = get_str(&rd);
			q->key2 = get_str(&rd);
			q->code = get_u32(&rd);
			q->message = get_str(&rd);
			switch (q->kind) {
			case OMS_REPLAY_SYMBOL:
			case OMS_REPLAY_TYPE_SIZE:
			case OMS_REPLAY_ENUMERATOR:
			case OMS_REPLAY_NOTE_PID:
				q->u = get_u64(&rd);
				break;
			case OMS_REPLAY_MEMBER:
				q->member.offset = get_u64(&rd);
				q->member.size = get_u64(&rd);
				q->member.bit_offset = get_u32(&rd);
				q->member.bit_size = get_u32(&rd);
				break;
			case OMS_REPLAY_VMCOREINFO:
				q->text = get_str(&rd);
				break;
			default:
				rd.bad = true;
			}
		} else {
			rd.bad = true;
		}
	}
	if (rd.bad) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s': a corrupt or truncated oomscan snapshot",
				       path);
		goto out_close;
	}
	/* one block for all pages, in address order */
	qsort(r->pages, r->n_pages, sizeof(*r->pages), page_cmp);
	page_data = malloc(r->n_pages ? r->n_pages * PAGE : 1);
	if (!page_data) {
		err = &oms_enomem;
		goto out_close;
	}
	for (i = 0; i < r->n_pages; i++) {
		memcpy(page_data + i * PAGE, r->pages[i].data, PAGE);
		free(r->pages[i].data);
		r->pages[i].data = page_data + i * PAGE;
	}
	r->bytes = page_data;
	qsort(r->questions, r->n_questions, sizeof(*r->questions),
	      question_cmp);
	gzclose(rd.gz);
	*ret = r;
	return NULL;

out_close:
	gzclose(rd.gz);
out_destroy:
	oms_replay_destroy(r);
	return err;
}

void oms_replay_destroy(struct oms_replay *r)
{
	size_t i;

	if (!r)
		return;
	oms_replay_restore(r);
	for (i = 0; i < r->n_meta; i++)
		free(r->meta[i]);
	free(r->meta);
	for (i = 0; i < r->n_pages; i++) {
		free(r->pages[i].message);
		if (!r->bytes)
			free(r->pages[i].data);
	}
	free(r->pages);
	free(r->bytes);
	for (i = 0; i < r->n_questions; i++) {
		free(r->questions[i].key);
		free(r->questions[i].key2);
		free(r->questions[i].message);
		free(r->questions[i].text);
	}
	free(r->questions);
	free(r->saved);
	free(r);
}

const struct oms_target *oms_replay_target(struct oms_replay *r)
{
	return &r->target;
}

const char *oms_replay_meta(const struct oms_replay *r, const char *key)
{
	size_t i;

	for (i = 0; i + 1 < r->n_meta; i += 2)
		if (r->meta[i] && !strcmp(r->meta[i], key))
			return r->meta[i + 1];
	return NULL;
}

size_t oms_replay_npages(const struct oms_replay *r)
{
	return r->n_pages;
}

uint64_t oms_replay_page_addr(const struct oms_replay *r, size_t i)
{
	return r->pages[i].addr;
}

uint64_t oms_replay_reads(const struct oms_replay *r)
{
	return r->reads;
}

/* --- the fuzzer's changes ------------------------------------------------------ */

static void save(struct oms_replay *r, size_t i)
{
	struct page *p = &r->pages[i];
	struct saved_page *s;

	if (p->saved == r->generation + 1)
		return;
	if (!GROW(r->saved, r->n_saved, r->cap_saved))
		abort();	/* the fuzzer's memory is gone: nothing to test */
	s = &r->saved[r->n_saved++];
	s->index = i;
	s->code = p->code;
	s->message = p->message;
	s->excluded = p->excluded;
	memcpy(s->data, p->data, PAGE);
	p->saved = r->generation + 1;
}

void oms_replay_poke(struct oms_replay *r, size_t i, size_t off,
		     const void *buf, size_t len)
{
	struct page *p = &r->pages[i];

	if (off >= PAGE)
		return;
	if (len > PAGE - off)
		len = PAGE - off;
	save(r, i);
	if (p->code) {
		p->code = 0;
		p->message = NULL;
		p->excluded = false;
	}
	memcpy(p->data + off, buf, len);
}

void oms_replay_peek(struct oms_replay *r, size_t i, size_t off, void *buf,
		     size_t len)
{
	if (off >= PAGE)
		return;
	if (len > PAGE - off)
		len = PAGE - off;
	memcpy(buf, r->pages[i].data + off, len);
}

void oms_replay_hole(struct oms_replay *r, size_t i, enum oms_error_code code)
{
	struct page *p = &r->pages[i];

	save(r, i);
	p->code = code;
	p->message = NULL;
	p->excluded = false;
}

void oms_replay_exclude(struct oms_replay *r, size_t i)
{
	struct page *p = &r->pages[i];

	save(r, i);
	p->code = OMS_ERR_NODATA;
	p->message = NULL;
	p->excluded = true;
}

bool oms_replay_page_ok(const struct oms_replay *r, size_t i)
{
	return !r->pages[i].code;
}

bool oms_replay_page_index(const struct oms_replay *r, uint64_t addr,
			   size_t *index_ret)
{
	const struct page *p = find_page((struct oms_replay *)r,
					 addr - addr % PAGE);

	if (!p)
		return false;
	*index_ret = (size_t)(p - r->pages);
	return true;
}

void oms_replay_restore(struct oms_replay *r)
{
	size_t k;

	/* the saved copies are each page's first, restored last to first */
	for (k = r->n_saved; k-- > 0;) {
		struct saved_page *s = &r->saved[k];
		struct page *p = &r->pages[s->index];

		p->code = s->code;
		p->message = s->message;
		p->excluded = s->excluded;
		memcpy(p->data, s->data, PAGE);
	}
	r->n_saved = 0;
	r->generation++;
}
