// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel image holds for a kallsyms of functions only
 * (lib/backend/debuginfo/image.c, ksymtab.c, arm64.c), on an image built
 * here in the fake target's memory as the linker lays it out: a BTF blob
 * at an odd address (.BTF is aligned 1) after bytes that start like a BTF
 * header and are not one; __ksymtab's PREL32 entries, sorted by name,
 * with names in __ksymtab_strings, one the tail of another (SHF_MERGE)
 * and 6.1's "" namespace; a struct ctl_table entry among decoys; a page
 * not in the dump and one not mapped
 * inside the image; and arm64 code as GCC emits it (nmi_panic() of
 * Debian's 6.1, its bytes as objdump shows them).  Then what must fail,
 * once and clearly: no BTF, no entry of the seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "../../lib/backend/debuginfo/btf.h"
#include "../../lib/backend/debuginfo/image.h"
#include "../../lib/backend/fake.h"
#include "tap.h"

#define BASE	0xffffc0dd40c10000ULL	/* _stext, KASLR applied */
#define SIZE	(256u << 10)
#define BTF_AT	0x9913u			/* odd: .BTF's alignment is 1 */
#define STRS	0x20000u		/* __ksymtab_strings */
#define KSYMTAB	0x21000u		/* __ksymtab, then __ksymtab_gpl */
#define DATA	0x30000u		/* .data: the symbols' values */
#define SYSCTL	0x34000u		/* a struct ctl_table array */
#define HOLE	0x38000u		/* a page not in the dump */
#define UNMAPPED 0x3a000u		/* a page not mapped (freed init) */

static unsigned char img[SIZE];

static void put_s32(size_t off, int32_t v)
{
	memcpy(img + off, &v, 4);
}

static void put_u64(size_t off, uint64_t v)
{
	memcpy(img + off, &v, 8);
}

/* a struct kernel_symbol at off: each field relative to itself */
static void entry(size_t off, uint64_t value, size_t name, size_t ns)
{
	put_s32(off, (int32_t)((int64_t)(BASE + value) - (int64_t)(BASE + off)));
	put_s32(off + 4, (int32_t)((int64_t)name - (int64_t)(off + 4)));
	put_s32(off + 8, (int32_t)((int64_t)ns - (int64_t)(off + 8)));
}

/* a blob libbpf parses: an int and a struct */
static const void *small_btf(struct btf **btf_ret, uint32_t *size_ret)
{
	struct btf *btf = btf__new_empty();
	int i_int;

	i_int = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(btf, "oms_test", 8);
	btf__add_field(btf, "a", i_int, 0, 0);
	btf__add_field(btf, "b", i_int, 32, 0);
	*btf_ret = btf;
	return btf__raw_data(btf, size_ret);
}

static struct oms_fake *build(bool with_btf)
{
	struct oms_fake *f = oms_fake_create();
	struct btf *btf;
	const void *raw;
	uint32_t size;
	size_t s;

	memset(img, 0, sizeof(img));
	/* a false start: the magic and version, then no header */
	memcpy(img + 0x9000, "\x9f\xeb\x01\x00\x18\x00\x00\x00\x07", 9);
	if (with_btf) {
		raw = small_btf(&btf, &size);
		memcpy(img + BTF_AT, raw, size);
		btf__free(btf);
	}
	/* the strings: "" (6.1's namespace of none), then the names, one
	 * of which ends another */
	s = STRS;
	img[s++] = '\0';
	memcpy(img + s, "cpu_number", 11);
	memcpy(img + s + 11, "init_task", 10);
	memcpy(img + s + 21, "kfree", 6);
	memcpy(img + s + 27, "__ClearPageMovable", 19);
	/* sorted by name; __ksymtab_gpl right after */
	entry(KSYMTAB + 0, DATA + 0x100, s + 27 + 2, STRS);	/* ClearPageMovable */
	entry(KSYMTAB + 12, DATA + 0x200, s + 27, STRS);	/* __ClearPageMovable */
	entry(KSYMTAB + 24, DATA + 0x300, s, STRS);		/* cpu_number */
	entry(KSYMTAB + 36, DATA + 0x400, s + 11, STRS);	/* init_task */
	entry(KSYMTAB + 48, 0x1000, s + 21, STRS);		/* kfree, text */
	/* then not an entry: a value far outside the image */
	put_s32(KSYMTAB + 60, 0x7fffffff);
	/* "panic_on_oom" (also the tail of "vm.panic_on_oom"), and a
	 * ctl_table of 64 bytes: procname 0, data 8, maxlen 16, handler 32;
	 * first an entry of another maxlen, then one whose handler is not
	 * text, then the one */
	memcpy(img + SYSCTL, "vm.panic_on_oom", 16);
	put_u64(SYSCTL + 0x100 + 0, BASE + SYSCTL + 3);
	put_u64(SYSCTL + 0x100 + 8, BASE + DATA + 0x500);
	put_s32(SYSCTL + 0x100 + 16, 8);
	put_u64(SYSCTL + 0x100 + 32, BASE + 0x1000);
	put_u64(SYSCTL + 0x140 + 0, BASE + SYSCTL + 3);
	put_u64(SYSCTL + 0x140 + 8, BASE + DATA + 0x600);
	put_s32(SYSCTL + 0x140 + 16, 4);
	put_u64(SYSCTL + 0x140 + 32, BASE + DATA);
	put_u64(SYSCTL + 0x180 + 0, BASE + SYSCTL + 3);
	put_u64(SYSCTL + 0x180 + 8, BASE + DATA + 0x700);
	put_s32(SYSCTL + 0x180 + 16, 4);
	put_u64(SYSCTL + 0x180 + 32, BASE + 0x1000);
	oms_fake_add_memory(f, BASE, img, HOLE);
	oms_fake_add_hole(f, BASE + HOLE, 4096);
	oms_fake_add_memory(f, BASE + HOLE + 4096, img + HOLE + 4096,
			    UNMAPPED - HOLE - 4096);
	oms_fake_add_memory(f, BASE + UNMAPPED + 4096, img + UNMAPPED + 4096,
			    SIZE - UNMAPPED - 4096);
	return f;
}

static void test_image_and_btf(void)
{
	struct oms_fake *f = build(true);
	struct oms_image *im = NULL;
	struct oms_error *err;
	struct oms_btf *b;
	uint64_t addr = 0, size;
	size_t len = 0;

	err = oms_image_read(oms_fake_target(f), BASE + 0x123, SIZE, &im);
	OK(!err, "image: read from _stext (page-aligned down)");
	if (err) {
		oms_error_destroy(err);
		oms_fake_destroy(f);
		return;
	}
	IS_INT(im->start, BASE, "image: starts at _stext's page");
	IS_INT(im->len, SIZE, "image: to the last page that reads, past a page not mapped");
	IS_INT(im->missing, 1, "image: the page not in the dump, as zeros");
	err = oms_image_find_btf(im, &addr, &len);
	OK(!err, "BTF: found by its header");
	IS_INT(addr, BASE + BTF_AT, "BTF: at its odd address, not at the false start before it");
	err = oms_btf_create(im->buf + (addr - im->start), len, &b);
	OK(!err, "BTF: its blob (hdr_len + str_off + str_len bytes) parses");
	if (!err) {
		OK(!oms_btf_type_size(b, "struct oms_test", &size) && size == 8,
		   "BTF: its types are there");
		oms_btf_destroy(b);
	}
	oms_error_destroy(err);
	oms_image_destroy(im);
	oms_fake_destroy(f);

	f = build(false);
	err = oms_image_read(oms_fake_target(f), BASE, SIZE, &im);
	OK(!err, "no BTF: the image reads");
	if (!err) {
		err = oms_image_find_btf(im, &addr, &len);
		OK(err && err->code == OMS_ERR_NOT_FOUND &&
		   strstr(err->message, "no BTF header in the 256 KB of the kernel image from 0xffffc0dd40c10000"),
		   "no BTF: NOT_FOUND, saying where it looked (%s)",
		   err ? err->message : "no error");
		oms_error_destroy(err);
		oms_image_destroy(im);
	}
	oms_fake_destroy(f);

	f = oms_fake_create();
	err = oms_image_read(oms_fake_target(f), BASE, SIZE, &im);
	OK(err && err->code == OMS_ERR_FAULT,
	   "no image: one error (%s)", err ? err->message : "none");
	oms_error_destroy(err);
	oms_fake_destroy(f);
}

static void test_ksymtab(void)
{
	struct oms_fake *f = build(true);
	struct oms_ksymtab *kt;
	struct oms_image *im;
	struct oms_error *err;
	uint64_t addr = 0, start, end;

	if (oms_image_read(oms_fake_target(f), BASE, SIZE, &im)) {
		OK(0, "ksymtab: the image reads");
		oms_fake_destroy(f);
		return;
	}
	err = oms_ksymtab_create(im, "kfree", BASE + 0x1000, &kt);
	OK(!err, "ksymtab: found from kfree's entry");
	if (!err) {
		IS_INT(oms_ksymtab_count(kt), 5, "ksymtab: every entry, both ways from the seed");
		oms_ksymtab_range(kt, &start, &end);
		IS_INT(start, BASE + KSYMTAB, "ksymtab: starts at __ksymtab");
		IS_INT(end, BASE + KSYMTAB + 60, "ksymtab: ends at the first bytes that are no entry");
		OK(!oms_ksymtab_lookup(kt, "init_task", &addr) &&
		   addr == BASE + DATA + 0x400, "ksymtab: init_task's value, from &value_offset");
		OK(!oms_ksymtab_lookup(kt, "ClearPageMovable", &addr) &&
		   addr == BASE + DATA + 0x100,
		   "ksymtab: a name at the tail of another (SHF_MERGE)");
		OK(oms_ksymtab_has_address(kt, BASE + DATA + 0x300) &&
		   !oms_ksymtab_has_address(kt, BASE + DATA + 0x308),
		   "ksymtab: an exported symbol's address is known as one");
		err = oms_ksymtab_lookup(kt, "runqueues", &addr);
		OK(err && err->code == OMS_ERR_NOT_FOUND,
		   "ksymtab: a name not exported is NOT_FOUND (%s)",
		   err ? err->message : "none");
		oms_error_destroy(err);
		oms_ksymtab_destroy(kt);
	} else {
		oms_error_destroy(err);
	}
	err = oms_ksymtab_create(im, "kfree", BASE + 0x2000, &kt);
	OK(err && err->code == OMS_ERR_NOT_FOUND,
	   "ksymtab: a seed at another address than its entry's: NOT_FOUND (%s)",
	   err ? err->message : "none");
	oms_error_destroy(err);
	oms_image_destroy(im);
	oms_fake_destroy(f);
}

static void test_sysctl(void)
{
	const struct oms_ctl_table_layout l = {
		.procname = 0, .data = 8, .maxlen = 16, .proc_handler = 32,
		.size = 64,
	};
	struct oms_fake *f = build(true);
	struct oms_image *im;
	struct oms_error *err;
	uint64_t addr = 0;

	if (oms_image_read(oms_fake_target(f), BASE, SIZE, &im)) {
		OK(0, "sysctl: the image reads");
		oms_fake_destroy(f);
		return;
	}
	err = oms_image_find_sysctl(im, &l, "panic_on_oom", 4, BASE,
				    BASE + 0x2000, &addr);
	OK(!err, "sysctl: the entry of panic_on_oom found by its procname");
	IS_INT(addr, BASE + DATA + 0x700,
	       "sysctl: its .data, not another maxlen's nor a handler's not in the text");
	oms_error_destroy(err);
	err = oms_image_find_sysctl(im, &l, "oom_dump_tasks", 4, BASE,
				    BASE + 0x2000, &addr);
	OK(err && err->code == OMS_ERR_NOT_FOUND,
	   "sysctl: a name no entry has: NOT_FOUND (%s)",
	   err ? err->message : "none");
	oms_error_destroy(err);
	/* two that qualify and disagree: none */
	put_s32(SYSCTL + 0x100 + 16, 4);
	oms_fake_poke(f, BASE + SYSCTL + 0x100 + 16, img + SYSCTL + 0x100 + 16, 4);
	oms_image_destroy(im);
	if (!oms_image_read(oms_fake_target(f), BASE, SIZE, &im)) {
		err = oms_image_find_sysctl(im, &l, "panic_on_oom", 4, BASE,
					    BASE + 0x2000, &addr);
		OK(err && err->code == OMS_ERR_NOT_FOUND,
		   "sysctl: two entries of other .data: NOT_FOUND (%s)",
		   err ? err->message : "none");
		oms_error_destroy(err);
		oms_image_destroy(im);
	}
	oms_fake_destroy(f);
}

/* nmi_panic() of Debian's 6.1 arm64 (objdump -d of its vmlinux) */
static const uint32_t nmi_panic[] = {
	0xd503201f, 0xd503201f, 0xd503233f, 0xa9bf7bfd, 0xd000a1a2,
	0x910003fd, 0x91002042, 0xaa0003e5, 0xd538d080, 0xaa0103e6,
	0xb8606842, 0x14000012, 0xb000bd03, 0x91154063, 0x91038060,
	0x12800001, 0x2a0103e4, 0x88e4fc02, 0x2a0403e0,
};

static const uint32_t pcpu_nr_pages[] = {
	0xd503201f, 0xd503201f, 0xb0006060, 0xf000bae1, 0xd503233f,
	0xd50323bf, 0xb9823002, 0xf9454420, 0x9b007c40, 0xd65f03c0,
};

static void test_arm64(void)
{
	uint64_t t = 0, targets[8];
	/* adrp x4, +0x1000 pages; ldr x1, [x4, #0x588]; add x3, x4, #0x170;
	 * ldr x2, [x3, #0xf8]; ldr x5, [x4, #0x588] */
	const uint32_t loads[] = {
		0x90000004 | (0x1u << 29), 0xf942c481, 0x9105c083, 0xf9407c62,
		0xf942c485,
	};
	size_t n;

	OK(oms_arm64_atomic_target((const unsigned char *)nmi_panic,
				   sizeof(nmi_panic), 0xffff8000080934c4ULL, &t),
	   "arm64: nmi_panic()'s casal works on a known address");
	IS_INT(t, 0xffff800009834630ULL,
	       "arm64: adrp, add #0x550, add #0xe0: panic_cpu (the vmlinux's nm)");
	OK(!oms_arm64_atomic_target((const unsigned char *)nmi_panic,
				    sizeof(nmi_panic) - 8, 0xffff8000080934c4ULL, &t),
	   "arm64: no atomic in the code: none");
	n = oms_arm64_load_targets((const unsigned char *)loads, sizeof(loads),
				   0xffff800008000010ULL, 8, targets, 8);
	IS_INT(n, 2, "arm64: the 8-byte loads, each once");
	IS_INT(targets[0], 0xffff800008001588ULL,
	       "arm64: adrp (page of pc + 1 << 12), ldr #0x588");
	IS_INT(targets[1], 0xffff800008001268ULL,
	       "arm64: through a section anchor: add #0x170, ldr #0xf8");
	IS_INT(oms_arm64_load_targets((const unsigned char *)loads,
				      sizeof(loads), 0xffff800008000010ULL, 4,
				      targets, 8), 0,
	       "arm64: no 4-byte load among them");
	/* pcpu_nr_pages() of Debian's 6.1: ldrsw of pcpu_nr_units */
	IS_INT(oms_arm64_load_targets((const unsigned char *)pcpu_nr_pages,
				      sizeof(pcpu_nr_pages),
				      0xffff8000082ecc10ULL, 4, targets, 8), 1,
	       "arm64: pcpu_nr_pages()'s one int load (ldrsw)");
	IS_INT(targets[0], 0xffff800008ef9230ULL,
	       "arm64: pcpu_nr_units (the vmlinux's nm)");
	IS_INT(oms_arm64_load_targets((const unsigned char *)pcpu_nr_pages,
				      sizeof(pcpu_nr_pages),
				      0xffff8000082ecc10ULL, 8, targets, 8), 1,
	       "arm64: and its one unsigned long load");
	IS_INT(targets[0], 0xffff800009a4ba88ULL,
	       "arm64: pcpu_nr_populated (the vmlinux's nm)");
}

int main(void)
{
	test_image_and_btf();
	test_ksymtab();
	test_sysctl();
	test_arm64();
	return tap_done();
}
