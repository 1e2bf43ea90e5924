// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-kallsyms: libFuzzer on the decode of the kernel's kallsyms tables
 * (lib/backend/debuginfo/kallsyms.c).  The input is a header and a
 * kernel's memory: the memory at MEM_BASE in a fake target, the header
 * where VMCOREINFO puts each table in it, so that the fuzzer moves the
 * tables as well as their bytes:
 *   u8  which entries VMCOREINFO has: bit 0 kallsyms_addresses, 1
 *       kallsyms_offsets, 2 kallsyms_relative_base, 3 _stext, 4 a hole
 *   u8  pad[3]
 *   u32 kallsyms_names, kallsyms_num_syms, kallsyms_token_table,
 *       kallsyms_token_index, kallsyms_addresses or _offsets,
 *       kallsyms_relative_base: offsets into the memory
 *   u32 hole offset, hole length: bytes that read as not in the dump
 *   u32 pad
 *   u64 _stext
 * (48 bytes, little-endian), then the memory, padded with zeros to whole
 * pages as a dump has them.  Then every symbol is looked up by its name,
 * and a few names besides.  tests/fuzz/make-seeds writes the seeds, the
 * tables of each encoding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/debuginfo/kallsyms.h"
#include "../../lib/backend/fake.h"

#define MEM_BASE	0xffffffff81000000ULL
#define HEADER		48
#define PAGE		4096u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void entry(struct oms_fake *f, const char *name, uint64_t addr)
{
	char key[64], value[32];

	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	snprintf(value, sizeof(value), "%llx", (unsigned long long)addr);
	oms_fake_add_vmcoreinfo(f, key, value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"kallsyms_names", "kallsyms_num_syms", "kallsyms_token_table",
		"kallsyms_token_index", NULL, "kallsyms_relative_base",
	};
	static const char *const others[] = { "_stext", "init_task", "", "x" };
	struct oms_kallsyms *ks = NULL;
	struct oms_error *err;
	struct oms_fake *f;
	uint8_t flags, *mem;
	uint64_t stext, addr;
	size_t len, i;

	if (size < HEADER)
		return 0;
	flags = data[0];
	memcpy(&stext, data + 40, 8);
	len = (size - HEADER + PAGE - 1) / PAGE * PAGE;
	mem = calloc(1, len ? len : 1);
	if (!mem)
		return 0;
	memcpy(mem, data + HEADER, size - HEADER);
	f = oms_fake_create();
	if (len)
		oms_fake_add_memory(f, MEM_BASE, mem, len);
	free(mem);
	if (flags & 16)
		oms_fake_add_hole(f, MEM_BASE + get32(data + 28),
				  get32(data + 32) % (1u << 20));
	for (i = 0; i < 6; i++) {
		const char *name = names[i];

		if (i == 4)
			name = flags & 1 ? "kallsyms_addresses" :
			       flags & 2 ? "kallsyms_offsets" : NULL;
		if (i == 5 && !(flags & 4))
			name = NULL;
		if (name)
			entry(f, name, MEM_BASE + get32(data + 4 + 4 * i));
	}
	if (flags & 8)
		entry(f, "_stext", stext);

	err = oms_kallsyms_create(oms_fake_target(f), &ks);
	if (!err) {
		for (i = 0; i < oms_kallsyms_count(ks); i++) {
			struct oms_kallsyms_symbol s;

			oms_kallsyms_get(ks, i, &s);
			oms_error_destroy(oms_kallsyms_lookup(ks, s.name, &addr));
		}
		for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
			oms_error_destroy(oms_kallsyms_lookup(ks, others[i],
							      &addr));
		(void)oms_kallsyms_encoding_name(oms_kallsyms_encoding(ks));
	}
	oms_error_destroy(err);
	oms_kallsyms_destroy(ks);
	oms_fake_destroy(f);
	return 0;
}
