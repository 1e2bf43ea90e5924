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
/* where the entries are, for messages: [*start, *end) */
void oms_ksymtab_range(const struct oms_ksymtab *kt, uint64_t *start,
		       uint64_t *end);

#endif
