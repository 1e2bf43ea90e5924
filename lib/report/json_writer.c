// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "json_writer.h"
#include "../analysis/printable.h"

void oms_json_init(struct oms_json *j, FILE *out, bool pretty)
{
	int i;

	j->out = out;
	j->depth = 0;
	j->pretty = pretty;
	for (i = 0; i < OMS_JSON_MAX_DEPTH; i++)
		j->need_comma[i] = false;
}

/*
 * A string from anywhere (the dump above all) as a JSON string, by the one
 * rule of printable.h: valid UTF-8 passes, each byte that is not part of
 * a valid UTF-8 sequence becomes U+FFFD, the C0 and C1 controls, DEL,
 * U+2028 and U+2029 are escaped.
 */
static void put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), len;
	uint32_t cp;

	fputc('"', out);
	for (; n; p += len, n -= len) {
		len = oms_utf8_seq(p, n, &cp);
		if (!len) {
			fputs("\\ufffd", out);	/* U+FFFD */
			len = 1;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			    cp == 0x2028 || cp == 0x2029)
				fprintf(out, "\\u%04x", (unsigned int)cp);
			else
				fwrite(p, 1, len, out);
		}
	}
	fputc('"', out);
}

static void indent(struct oms_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

static void member(struct oms_json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
	if (j->depth > 0)
		indent(j);
	if (key) {
		put_string(j->out, key);
		fputs(j->pretty ? ": " : ":", j->out);
	}
}

static void json_open(struct oms_json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->out);
	if (j->depth + 1 < OMS_JSON_MAX_DEPTH)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void json_close(struct oms_json *j, char c)
{
	bool had = j->need_comma[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(c, j->out);
}

void oms_json_object(struct oms_json *j, const char *key) { json_open(j, key, '{'); }
void oms_json_array(struct oms_json *j, const char *key) { json_open(j, key, '['); }
void oms_json_end_object(struct oms_json *j) { json_close(j, '}'); }
void oms_json_end_array(struct oms_json *j) { json_close(j, ']'); }

void oms_json_str(struct oms_json *j, const char *key, const char *v)
{
	member(j, key);
	if (v)
		put_string(j->out, v);
	else
		fputs("null", j->out);
}

void oms_json_int(struct oms_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRId64, v);
}

void oms_json_uint(struct oms_json *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRIu64, v);
}

void oms_json_bool(struct oms_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
}

void oms_json_null(struct oms_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->out);
}

void oms_json_finish(struct oms_json *j)
{
	fputc('\n', j->out);
}
