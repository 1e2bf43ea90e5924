/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own symbol table, kallsyms, read from the dump's memory
 * where VMCOREINFO says its tables are (since Linux 6.0, 5fd8fea935a1
 * "vmcoreinfo: include kallsyms symbols", f09bddbd8661 for the count):
 * the symbols without the debug vmlinux.
 *
 *	struct oms_kallsyms *ks;
 *	err = oms_kallsyms_create(target, &ks);
 *	err = oms_kallsyms_lookup(ks, "init_task", &addr);
 *	oms_kallsyms_destroy(ks);
 *
 * Of the target only ->ops->read and ->ops->vmcoreinfo are used: the dump
 * backend has no symbols yet when it builds this.  Every symbol is decoded
 * once, front to back, and hashed by name.  Addresses are as the running
 * kernel had them: KASLR applied, x86-64's per-cpu symbols (before 6.15)
 * the offsets into a per-cpu area that .symtab holds for them, unshifted.
 */
#ifndef OMS_BACKEND_KALLSYMS_H
#define OMS_BACKEND_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../target.h"

/*
 * How kallsyms_offsets[] (or kallsyms_addresses[]) give the addresses;
 * chosen by which VMCOREINFO entries there are and by the data (the
 * decode that puts _stext where VMCOREINFO's SYMBOL(_stext) says), never
 * by the kernel's version
 */
enum oms_kallsyms_encoding {
	/* kallsyms_addresses[]: the addresses themselves (gone in 6.11,
	 * 64e166099b69) */
	OMS_KALLSYMS_ABSOLUTE = 1,
	/* kallsyms_offsets[] and kallsyms_relative_base, with
	 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU: an offset >= 0 is the address
	 * itself, a negative one relative_base - 1 - offset (gone in 6.15,
	 * 01157ddc58dc) */
	OMS_KALLSYMS_ABSOLUTE_PERCPU,
	/* kallsyms_offsets[] and kallsyms_relative_base: relative_base +
	 * (u32)offset */
	OMS_KALLSYMS_BASE_RELATIVE,
	/* kallsyms_offsets[] alone, each relative to where it is stored:
	 * &kallsyms_offsets[i] + (s32)offset (7.0, a081b5789255) */
	OMS_KALLSYMS_PLACE_RELATIVE,
};

/* one symbol; name lives as long as the table */
struct oms_kallsyms_symbol {
	const char *name;
	uint64_t address;
	char type;	/* nm's letter: 'T', 't', 'D', 'b', ... */
};

struct oms_kallsyms;

/*
 * Decode the kallsyms tables of the kernel behind t.  OMS_ERR_NOT_FOUND
 * when VMCOREINFO does not name them; OMS_ERR_NODATA / OMS_ERR_FAULT when
 * a page of them is not in the dump; OMS_ERR_CORRUPT, one line that says
 * what is wrong, when they are not what scripts/kallsyms.c writes (a token
 * index entry that is not where the tokens before it end, a name of an
 * empty or unprintable token, of no characters, of a bad length, an absurd
 * count) or do not agree with VMCOREINFO (addresses that do not put _stext,
 * or another of its SYMBOL()s, where it says)
 */
struct oms_error *oms_kallsyms_create(const struct oms_target *t,
				      struct oms_kallsyms **ret);
void oms_kallsyms_destroy(struct oms_kallsyms *ks);	/* NULL is a no-op */

/* the number of symbols, and symbol i of them in kallsyms' order */
size_t oms_kallsyms_count(const struct oms_kallsyms *ks);
void oms_kallsyms_get(const struct oms_kallsyms *ks, size_t i,
		      struct oms_kallsyms_symbol *ret);
enum oms_kallsyms_encoding
oms_kallsyms_encoding(const struct oms_kallsyms *ks);
/* "absolute", "absolute-percpu", "base-relative", "place-relative" */
const char *oms_kallsyms_encoding_name(enum oms_kallsyms_encoding e);

/*
 * Whether it has data symbols (an nm letter d, b, r or g, either case)
 * outside the text ranges, which a kernel without CONFIG_KALLSYMS_ALL has
 * none of: its kallsyms is the functions alone, and the ends of the
 * ranges (_etext, a 'D'; Debian's arm64 6.1)
 */
bool oms_kallsyms_has_data(const struct oms_kallsyms *ks);

/* the lowest address of a symbol above addr (where the function at addr
 * ends, at the latest), UINT64_MAX if none */
uint64_t oms_kallsyms_next(const struct oms_kallsyms *ks, uint64_t addr);

/*
 * The address of the symbol name; of several of that name the first
 * global one (an uppercase type letter), else the first static one, as
 * vmlinux.c chooses in .symtab.  OMS_ERR_NOT_FOUND: "no symbol 'NAME'".
 * Where that is not vmlinux.c's answer (tests/btf.test: 58 of 82,125
 * names on the 6.1 dump, 29 of 148,055 on 6.12): a name of several
 * static symbols, of which kallsyms (in address order) and .symtab (in
 * link order) have another first; and __per_cpu_load and __init_begin,
 * symbols of .data..percpu at kernel addresses, which vmlinux.c leaves
 * unshifted as if per-cpu offsets and kallsyms has right.  A per-cpu
 * symbol's letter is 'A' whatever nm says (scripts/kallsyms.c,
 * make_percpus_absolute()), so it counts as global.
 */
struct oms_error *oms_kallsyms_lookup(const struct oms_kallsyms *ks,
				      const char *name, uint64_t *addr_ret);

#endif
