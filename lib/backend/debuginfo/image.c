// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel image in the dump, and its BTF found without __start_BTF:
 * see image.h.
 *
 * The image is read a MB at a time, a page at a time in a MB that does
 * not read whole, up to the last page that can be read: a page not
 * mapped (the init sections, which arm64's free_initmem() unmaps, and
 * past _end) is zeros, and so is a page makedumpfile left out (zeros, at
 * -d 1), as it was in the kernel.
 *
 * The BTF: include/asm-generic/vmlinux.lds.h puts .BTF after .rodata,
 * bounded by __start_BTF and __stop_BTF, of alignment 1 (on Debian's
 * arm64 6.1 at 0x...8f7b910); pahole writes its header as version 1 of
 * struct btf_header with the types first and the strings right after
 * them.  Each place the magic's bytes are is tried: the header's fields,
 * oms_btf_check_header(), then libbpf's parse of the whole blob.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "btf.h"
#include "image.h"

#define PAGE		4096u
#define CHUNK		(1u << 20)
#define HEADER_SIZE	24

static struct oms_error *read_page(const struct oms_target *t, uint64_t addr,
				   unsigned char *dst, bool *missing)
{
	struct oms_error *err = oms_read(t, addr, dst, PAGE);

	*missing = false;
	if (err && err->code == OMS_ERR_NODATA) {
		oms_error_destroy(err);
		memset(dst, 0, PAGE);
		*missing = true;
		return NULL;
	}
	return err;
}

struct oms_error *oms_image_read(const struct oms_target *t, uint64_t start,
				 size_t max, struct oms_image **ret)
{
	struct oms_image *img;
	struct oms_error *err;
	size_t off, i;
	bool missing;

	start &= ~(uint64_t)(PAGE - 1);
	if (start > UINT64_MAX - max)
		max = (size_t)(UINT64_MAX - start + 1) & ~(size_t)(PAGE - 1);
	img = calloc(1, sizeof(*img));
	if (!img)
		return &oms_enomem;
	img->start = start;
	img->buf = malloc(max ? max : 1);
	if (!img->buf) {
		free(img);
		return &oms_enomem;
	}
	for (off = 0; off < max; off += CHUNK) {
		size_t n = max - off < CHUNK ? max - off : CHUNK;

		err = oms_read(t, start + off, img->buf + off, n);
		if (!err) {
			img->len = off + n;
			continue;
		}
		if (err == &oms_enomem)
			goto out_free;
		oms_error_destroy(err);
		for (i = 0; i < n; i += PAGE) {
			err = read_page(t, start + off + i, img->buf + off + i,
					&missing);
			if (err == &oms_enomem)
				goto out_free;
			if (err) {
				/* not mapped: the init sections that
				 * free_initmem() unmapped, or past _end */
				oms_error_destroy(err);
				memset(img->buf + off + i, 0, PAGE);
				continue;
			}
			img->missing += missing;
			img->len = off + i + PAGE;
		}
	}
	if (!img->len) {
		err = oms_error_create(OMS_ERR_FAULT,
				       "cannot read the kernel image at 0x%" PRIx64,
				       start);
		goto out_free;
	}
	*ret = img;
	return NULL;

out_free:
	free(img->buf);
	free(img);
	return err;
}

void oms_image_destroy(struct oms_image *img)
{
	if (!img)
		return;
	free(img->buf);
	free(img);
}

static uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* the blob whose header is at p, *size_ret its bytes; false if none */
static bool btf_at(const unsigned char *p, size_t left, size_t *size_ret)
{
	uint32_t type_len, str_off, str_len;
	struct oms_error *err;
	struct oms_btf *btf;
	uint64_t size;

	if (left < HEADER_SIZE || p[2] != 1 || get_u32(p + 4) != HEADER_SIZE ||
	    get_u32(p + 8) != 0)
		return false;
	type_len = get_u32(p + 12);
	str_off = get_u32(p + 16);
	str_len = get_u32(p + 20);
	size = (uint64_t)HEADER_SIZE + str_off + str_len;
	if (str_off != type_len || size > left || size > OMS_BTF_MAX_SIZE)
		return false;
	err = oms_btf_check_header(p, (size_t)size);
	if (!err)
		err = oms_btf_create(p, (size_t)size, &btf);
	if (err) {
		oms_error_destroy(err);
		return false;
	}
	oms_btf_destroy(btf);
	*size_ret = (size_t)size;
	return true;
}

struct oms_error *oms_image_find_btf(const struct oms_image *img,
				     uint64_t *addr_ret, size_t *size_ret)
{
	static const unsigned char magic[] = { 0x9f, 0xeb, 0x01 };
	const unsigned char *p = img->buf, *end = img->buf + img->len;

	while (p < end) {
		p = memmem(p, (size_t)(end - p), magic, sizeof(magic));
		if (!p)
			break;
		if (btf_at(p, (size_t)(end - p), size_ret)) {
			*addr_ret = img->start + (uint64_t)(p - img->buf);
			return NULL;
		}
		p++;
	}
	return oms_error_create(OMS_ERR_NOT_FOUND,
				"no BTF header in the %zu KB of the kernel image from 0x%" PRIx64,
				img->len >> 10, img->start);
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

struct oms_error *oms_image_find_sysctl(const struct oms_image *img,
					const struct oms_ctl_table_layout *l,
					const char *procname, int32_t maxlen,
					uint64_t text_lo, uint64_t text_hi,
					uint64_t *data_ret)
{
	const unsigned char *p = img->buf, *end = img->buf + img->len;
	size_t n = strlen(procname) + 1, off;
	uint64_t found = 0, data, handler;
	unsigned hits = 0;

	if (l->procname + 8 > l->size || l->data + 8 > l->size ||
	    l->maxlen + 4 > l->size || l->proc_handler + 8 > l->size)
		return oms_error_create(OMS_ERR_FORMAT,
					"struct ctl_table of %" PRIu64 " bytes has no room for its members",
					l->size);
	/* the name, NUL-terminated (and maybe the tail of a longer one) */
	while (p < end && (p = memmem(p, (size_t)(end - p), procname, n))) {
		uint64_t str = img->start + (uint64_t)(p - img->buf);

		for (off = l->procname; off + l->size - l->procname <= img->len;
		     off += 8) {
			const unsigned char *e = img->buf + off - l->procname;
			int32_t len;

			if (get_u64(img->buf + off) != str)
				continue;
			memcpy(&len, e + l->maxlen, sizeof(len));
			data = get_u64(e + l->data);
			handler = get_u64(e + l->proc_handler);
			if (len != maxlen || handler < text_lo ||
			    handler > text_hi || data < img->start ||
			    data - img->start >= img->len)
				continue;
			if (hits++ && data != found)
				return oms_error_create(OMS_ERR_NOT_FOUND,
							"two struct ctl_table entries of '%s' (.data 0x%" PRIx64 ", 0x%" PRIx64 ")",
							procname, found, data);
			found = data;
		}
		p++;
	}
	if (!hits)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no struct ctl_table entry of '%s' in the kernel image",
					procname);
	*data_ret = found;
	return NULL;
}
