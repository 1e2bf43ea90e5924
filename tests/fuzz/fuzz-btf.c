// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-btf: libFuzzer on the kernel's BTF as lib/backend/debuginfo/btf.c
 * reads it.  The input is the blob: its header checked, parsed (libbpf),
 * indexed, then asked what an analysis asks (a few of oomscan's types,
 * members, sizes and enumerators) and, for the first structs, unions,
 * typedefs and enums of the blob, every member, size and enumerator, as
 * a look-up by name finds them.  The same blob is also read through a
 * fake target (oms_btf_read).  tests/fuzz/make-seeds writes the seeds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "../../lib/backend/debuginfo/btf.h"
#include "../../lib/backend/fake.h"

#define MAX_TYPES	64	/* of the blob's own, asked about */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const questions[][2] = {
	{ "struct task_struct", "comm" },
	{ "struct task_struct", "tasks.next" },
	{ "struct mm_struct", "rss_stat" },
	{ "atomic_long_t", "counter" },
	{ "unsigned long", "" },
	{ "struct page *", "" },
	{ "enum zone_type", "" },
	{ "union x", "y" },
	{ "NR_FREE_PAGES", "" },
};

static void ask(const struct oms_btf *b, const char *type, const char *member)
{
	struct oms_member m;
	uint64_t size;
	int64_t v;

	if (*member)
		oms_error_destroy(oms_btf_member(b, type, member, &m));
	oms_error_destroy(oms_btf_type_size(b, type, &size));
	oms_error_destroy(oms_btf_enumerator(b, type, &v));
}

static void ask_own(const struct oms_btf *b)
{
	const struct btf *btf = oms_btf_libbpf(b);
	uint32_t id, n = btf__type_cnt(btf), asked = 0;
	char key[300];
	uint16_t i;

	for (id = 1; id < n && asked < MAX_TYPES; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);
		const char *prefix = btf_is_struct(t) ? "struct " :
				     btf_is_union(t) ? "union " :
				     btf_is_any_enum(t) ? "enum " : "";

		if (!name || !*name)
			continue;
		asked++;
		snprintf(key, sizeof(key), "%s%s", prefix, name);
		ask(b, key, "");
		if (btf_is_composite(t)) {
			for (i = 0; i < btf_vlen(t); i++)
				ask(b, key, btf__name_by_offset(btf,
					btf_members(t)[i].name_off) ?: "");
		} else if (btf_is_enum(t)) {
			for (i = 0; i < btf_vlen(t); i++)
				ask(b, btf__name_by_offset(btf,
					btf_enum(t)[i].name_off) ?: "", "");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint64_t start = 0xffffffff82438000ULL;
	struct oms_btf *b = NULL;
	struct oms_error *err;
	struct oms_fake *f;
	void *copy = NULL;
	size_t i, got;

	err = oms_btf_create(data, size, &b);
	if (!err) {
		for (i = 0; i < sizeof(questions) / sizeof(questions[0]); i++)
			ask(b, questions[i][0], questions[i][1]);
		ask_own(b);
	}
	oms_error_destroy(err);
	oms_btf_destroy(b);

	f = oms_fake_create();
	if (size)
		oms_fake_add_memory(f, start, data, size);
	err = oms_btf_read(oms_fake_target(f), start, start + size, &copy,
			   &got);
	if (!err && (got != size || memcmp(copy, data, size)))
		abort();	/* the blob read is not the blob */
	oms_error_destroy(err);
	free(copy);
	oms_fake_destroy(f);
	return 0;
}
