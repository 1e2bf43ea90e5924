// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "json.h"

void oms_json_init(struct oms_json *j, FILE *out, bool pretty)
{
	int i;

	j->out = out;
	j->depth = 0;
	j->pretty = pretty;
	for (i = 0; i < OMS_JSON_MAX_DEPTH; i++)
		j->need_comma[i] = false;
}

static void put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', out);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
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
