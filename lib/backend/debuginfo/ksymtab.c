// SPDX-License-Identifier: GPL-2.0
/*
 * The exported symbols, from __ksymtab and __ksymtab_gpl in the image:
 * see image.h.
 *
 * With CONFIG_HAVE_ARCH_PREL32_RELOCATIONS each EXPORT_SYMBOL() is
 *	struct kernel_symbol {
 *		int value_offset;	 the symbol, from &value_offset
 *		int name_offset;	 its name in __ksymtab_strings
 *		int namespace_offset;	 its namespace there, or 0
 *	};
 * (include/linux/export.h at 6.1, include/linux/module_symbol.h and
 * kernel/module/internal.h later: the same 12 bytes), each field relative
 * to its own address (offset_to_ptr()).  vmlinux.lds.h sorts each of the
 * two sections by name (SORT(___ksymtab+*)) and puts __ksymtab_gpl right
 * after __ksymtab; the names are NUL-terminated in __ksymtab_strings.
 *
 * Where the table is nothing names without KALLSYMS_ALL, but an exported
 * function that kallsyms has is enough: its name and a NUL in the image
 * (at the tail of a longer one, maybe: see name_at()), then the 4-aligned
 * entry whose name_offset points there and whose value_offset gives
 * kallsyms' address; from there the entries on both sides, as long as
 * each is one: a name in the image that is a C identifier, a value in
 * the image; a namespace of 0, "" (6.1's __kstrtabns_ of no namespace)
 * or a name.  The entries are kept in a strmap, name -> address.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debuginfo.h"
#include "image.h"

#define ENTRY		12
#define MAX_NAME	512	/* KSYM_NAME_LEN */
#define MAX_ENTRIES	(1u << 20)

struct oms_ksymtab {
	struct oms_strmap map;
	uint64_t start, end;
};

static int32_t get_s32(const unsigned char *p)
{
	int32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* the address the s32 at buf offset off points to */
static uint64_t prel32(const struct oms_image *img, size_t off)
{
	return img->start + off + (uint64_t)(int64_t)get_s32(img->buf + off);
}

/* the buf offset of addr, false outside the image */
static bool in_image(const struct oms_image *img, uint64_t addr,
		     size_t *off_ret)
{
	if (addr < img->start || addr - img->start >= img->len)
		return false;
	*off_ret = (size_t)(addr - img->start);
	return true;
}

/*
 * A name at addr: an identifier, NUL-terminated in the image.  Not always
 * after a NUL: __ksymtab_strings is SHF_MERGE, and the linker puts a name
 * that ends another at that one's tail ("ClearPageMovable" in
 * "__ClearPageMovable": 444 of 9587 names on Debian's arm64 6.1)
 */
static const char *name_at(const struct oms_image *img, uint64_t addr)
{
	const unsigned char *s;
	size_t off, i;

	if (!in_image(img, addr, &off))
		return NULL;
	s = img->buf + off;
	for (i = 0; i < MAX_NAME && off + i < img->len; i++) {
		if (!s[i])
			return i ? (const char *)s : NULL;
		if (!isalnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '$')
			return NULL;
		if (!i && isdigit(s[i]))
			return NULL;
	}
	return NULL;
}

/* the entry at buf offset off: its name, or NULL when it is not one */
static const char *entry_at(const struct oms_image *img, size_t off,
			    uint64_t *value_ret)
{
	const char *name;
	size_t dummy;

	if (off > img->len - ENTRY || img->len < ENTRY)
		return NULL;
	*value_ret = prel32(img, off);
	if (!in_image(img, *value_ret, &dummy))
		return NULL;
	name = name_at(img, prel32(img, off + 4));
	if (!name)
		return NULL;
	/* 6.1's namespace is a string, "" for none; 6.5 on 0 for none */
	if (get_s32(img->buf + off + 8) &&
	    !in_image(img, prel32(img, off + 8), &dummy))
		return NULL;
	if (get_s32(img->buf + off + 8) && img->buf[dummy] &&
	    !name_at(img, prel32(img, off + 8)))
		return NULL;
	return name;
}

/* the offset of the entry of seed at seed_addr, false if none */
static bool find_seed(const struct oms_image *img, const char *seed,
		      uint64_t seed_addr, size_t *ret)
{
	size_t len = strlen(seed), n = len + 1, off, e;
	const unsigned char *p = img->buf, *end = img->buf + img->len;
	char *pat = malloc(n);
	bool found = false;

	if (!pat)
		return false;
	memcpy(pat, seed, len);
	pat[len] = '\0';
	while (!found && p < end &&
	       (p = memmem(p, (size_t)(end - p), pat, n))) {
		uint64_t str = img->start + (uint64_t)(p - img->buf);

		/* an entry names it: name_offset = str - &name_offset */
		for (e = 0; e + ENTRY <= img->len; e += 4) {
			off = e + 4;
			if (prel32(img, off) != str ||
			    prel32(img, e) != seed_addr)
				continue;
			*ret = e;
			found = true;
			break;
		}
		p++;
	}
	free(pat);
	return found;
}

struct oms_error *oms_ksymtab_create(const struct oms_image *img,
				     const char *seed, uint64_t seed_addr,
				     struct oms_ksymtab **ret)
{
	struct oms_ksymtab *kt;
	size_t first, last, off, n = 0;
	uint64_t value;
	const char *name;

	if (!find_seed(img, seed, seed_addr, &first))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no __ksymtab entry of '%s' at 0x%" PRIx64 " in the %zu KB of the kernel image from 0x%" PRIx64,
					seed, seed_addr, img->len >> 10,
					img->start);
	kt = calloc(1, sizeof(*kt));
	if (!kt)
		return &oms_enomem;
	oms_strmap_init(&kt->map);
	while (first >= ENTRY && entry_at(img, first - ENTRY, &value) &&
	       ++n < MAX_ENTRIES)
		first -= ENTRY;
	for (off = first, last = first, n = 0;
	     n < MAX_ENTRIES && (name = entry_at(img, off, &value));
	     off += ENTRY, n++) {
		/* the first of a name: __ksymtab's before __ksymtab_gpl's */
		if (!oms_strmap_put(&kt->map, name, value, false)) {
			oms_ksymtab_destroy(kt);
			return &oms_enomem;
		}
		last = off + ENTRY;
	}
	kt->start = img->start + first;
	kt->end = img->start + last;
	*ret = kt;
	return NULL;
}

void oms_ksymtab_destroy(struct oms_ksymtab *kt)
{
	if (!kt)
		return;
	oms_strmap_deinit(&kt->map);
	free(kt);
}

size_t oms_ksymtab_count(const struct oms_ksymtab *kt)
{
	return kt->map.count;
}

struct oms_error *oms_ksymtab_lookup(const struct oms_ksymtab *kt,
				     const char *name, uint64_t *addr_ret)
{
	if (!oms_strmap_get(&kt->map, name, addr_ret))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no symbol '%s' in __ksymtab", name);
	return NULL;
}

bool oms_ksymtab_has_address(const struct oms_ksymtab *kt, uint64_t addr)
{
	size_t i;

	for (i = 0; i < kt->map.capacity; i++)
		if (kt->map.entries[i].key && kt->map.entries[i].value == addr)
			return true;
	return false;
}

void oms_ksymtab_range(const struct oms_ksymtab *kt, uint64_t *start,
		       uint64_t *end)
{
	*start = kt->start;
	*end = kt->end;
}
