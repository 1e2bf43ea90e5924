/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer for the JSON report: commas, nesting and
 * string escapes, nothing more. */
#ifndef OMS_JSON_H
#define OMS_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define OMS_JSON_MAX_DEPTH 32

struct oms_json {
	FILE *out;
	int depth;
	bool need_comma[OMS_JSON_MAX_DEPTH];
	bool pretty;
};

void oms_json_init(struct oms_json *j, FILE *out, bool pretty);
/* key may be NULL inside arrays and at the top */
void oms_json_object(struct oms_json *j, const char *key);
void oms_json_array(struct oms_json *j, const char *key);
void oms_json_end_object(struct oms_json *j);
void oms_json_end_array(struct oms_json *j);
void oms_json_str(struct oms_json *j, const char *key, const char *v);
void oms_json_int(struct oms_json *j, const char *key, int64_t v);
void oms_json_uint(struct oms_json *j, const char *key, uint64_t v);
void oms_json_bool(struct oms_json *j, const char *key, bool v);
void oms_json_null(struct oms_json *j, const char *key);
/* a newline after the top-level value */
void oms_json_finish(struct oms_json *j);

#endif
