/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel image in the dump, read whole, and what it holds beyond the
 * kallsyms of a kernel built without CONFIG_KALLSYMS_ALL, whose kallsyms
 * has the functions and none of the data (Debian's arm64 6.1): the data
 * symbols that source.c asks for when kallsyms has no answer.
 *
 *	struct oms_image *img;
 *	err = oms_image_read(target, stext, OMS_IMAGE_MAX, &img);
 *	err = oms_image_find_btf(img, &start, &size);       (image.c)
 *	err = oms_ksymtab_create(img, seed, seed_addr, &kt); (ksymtab.c)
 *	err = oms_ksymtab_lookup(kt, "init_task", &addr);
 *	oms_ksymtab_destroy(kt);
 *	oms_image_destroy(img);
 *
 *  - the BTF: the blob that __start_BTF and __stop_BTF bound, found by
 *    its header (magic 0xeb9f, version 1, a 24-byte header, the types at
 *    0 and the strings right after them) and a parse;
 *  - the exported symbols: __ksymtab and __ksymtab_gpl, the struct
 *    kernel_symbol of each EXPORT_SYMBOL() (include/linux/export.h),
 *    found from one exported function that kallsyms has;
 *  - the per-cpu variables: the BTF's DATASEC .data..percpu gives each
 *    one's offset in the section, an exported one its start (source.c).
 */
#ifndef OMS_BACKEND_IMAGE_H
#define OMS_BACKEND_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../target.h"

/* bytes of the image read from _stext on: Debian's are 27-45 MB */
#define OMS_IMAGE_MAX	(64u << 20)

struct oms_image {
	uint64_t start;		/* the address of buf[0] */
	size_t len;		/* up to the last page that can be read */
	size_t missing;		/* pages not in the dump, read as zeros */
	unsigned char *buf;
};

/*
 * The image from start (page-aligned down) for at most max bytes, to the
 * last page that can be read; a page not in the dump (OMS_ERR_NODATA) or
 * not mapped (OMS_ERR_FAULT: freed init sections, past _end) reads as
 * zeros.  OMS_ERR_FAULT when no page can be read
 */
struct oms_error *oms_image_read(const struct oms_target *t, uint64_t start,
				 size_t max, struct oms_image **ret);
void oms_image_destroy(struct oms_image *img);	/* NULL is a no-op */

/*
 * The kernel's BTF in the image: the first BTF header (at any byte: .BTF
 * is aligned 1) whose blob lies in the image and parses; *addr_ret where
 * it starts, *size_ret its bytes (hdr_len + str_off + str_len).
 * OMS_ERR_NOT_FOUND, saying how far it looked, when none does
 */
struct oms_error *oms_image_find_btf(const struct oms_image *img,
				     uint64_t *addr_ret, size_t *size_ret);

/*
 * Where a sysctl's variable is: the .data of the struct ctl_table entry
 * whose .procname is procname ("panic_on_oom"), of .maxlen maxlen, whose
 * .proc_handler lies in [text_lo, text_hi] (the kernel's text); at the
 * offsets of those members in the entry (from the BTF).  The entry is
 * found by a pointer to the name, 8-aligned in the image.
 * OMS_ERR_NOT_FOUND when no entry, or several that disagree, are there
 */
struct oms_ctl_table_layout {
	uint64_t procname, data, maxlen, proc_handler;	/* offsets */
	uint64_t size;		/* sizeof(struct ctl_table) */
};
struct oms_error *oms_image_find_sysctl(const struct oms_image *img,
					const struct oms_ctl_table_layout *l,
					const char *procname, int32_t maxlen,
					uint64_t text_lo, uint64_t text_hi,
					uint64_t *data_ret);

/*
 * arm64.c: the address that the first atomic instruction (CAS, LDXR,
 * LDAXR) of the arm64 code at pc (len bytes) works on, built by ADRP and
 * ADD: nmi_panic()'s atomic_cmpxchg(&panic_cpu, ...); false if its base
 * register is not built so
 */
bool oms_arm64_atomic_target(const unsigned char *code, size_t len,
			     uint64_t pc, uint64_t *ret);

/*
 * The addresses that the code at pc (up to OMS_ARM64_WINDOW instructions
 * of len bytes) loads size (8 or 4) bytes from by ADRP, ADD and LDR
 * (immediate) or LDRSW: the unsigned longs (ints) it reads (GCC's adrp xN, sym; ldr xM, [xN, :lo12:sym],
 * or through a section anchor, adrp xN, anchor; add xN, xN, #lo12; ldr
 * xM, [xN, #sym - anchor]), at most max of them into out, each once; the
 * count
 */
#define OMS_ARM64_WINDOW	1024
size_t oms_arm64_load_targets(const unsigned char *code, size_t len,
			      uint64_t pc, unsigned size, uint64_t *out,
			      size_t max);

/* ksymtab.c: the exported symbols */
struct oms_ksymtab;
/*
 * Decode __ksymtab and __ksymtab_gpl of img, of
 * CONFIG_HAVE_ARCH_PREL32_RELOCATIONS (arm64, x86-64: three s32 offsets,
 * each from where it is stored): found from the entry of seed, an exported
 * symbol whose address seed_addr is known (kallsyms), then entry by entry
 * both ways while they are entries.  OMS_ERR_NOT_FOUND when no entry
 * names seed at seed_addr.  The names are img's: it must outlive kt
 */
struct oms_error *oms_ksymtab_create(const struct oms_image *img,
				     const char *seed, uint64_t seed_addr,
				     struct oms_ksymtab **ret);
void oms_ksymtab_destroy(struct oms_ksymtab *kt);	/* NULL: no-op */
size_t oms_ksymtab_count(const struct oms_ksymtab *kt);
/* OMS_ERR_NOT_FOUND "no symbol 'NAME' in __ksymtab" */
struct oms_error *oms_ksymtab_lookup(const struct oms_ksymtab *kt,
				     const char *name, uint64_t *addr_ret);
/* whether an exported symbol is at addr */
bool oms_ksymtab_has_address(const struct oms_ksymtab *kt, uint64_t addr);
/* where the entries are, for messages: [*start, *end) */
void oms_ksymtab_range(const struct oms_ksymtab *kt, uint64_t *start,
		       uint64_t *end);

#endif
