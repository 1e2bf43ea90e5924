// SPDX-License-Identifier: GPL-2.0
/*
 * recompress: a kdump-compressed dump with its pages compressed another way.
 *
 *   recompress [--every N] {zlib|snappy|zstd|none|unknown} IN OUT
 *
 * Debian 12's makedumpfile 1.7.2 writes zlib (-c) and lzo (-l) pages only;
 * this writes the snappy and zstd pages that libkdumpfile also reads, raw
 * pages ("none"), and pages that carry a compression flag no reader knows
 * ("unknown": zlib data flagged 0x40 alone), so that the tests can open
 * them.  IN is read the way makedumpfile writes it (diskdump_mod.h) and
 * libkdumpfile reads it (src/kdumpfile/diskdump.c), 64-bit little-endian:
 *
 *   block 0                     struct disk_dump_header
 *   blocks 1..sub_hdr_size      struct kdump_sub_header, VMCOREINFO, notes
 *   bitmap_blocks blocks        the bitmap of memory, then the bitmap of
 *                               the pages in the dump (one bit a pfn)
 *   struct page_desc[]          one for each set bit of the second bitmap
 *   page data                   each page as its descriptor says; the zero
 *                               page once, many descriptors pointing at it
 *   eraseinfo                   optional (sub header offset_eraseinfo)
 *
 * Everything before the page data is copied as it is but for the header's
 * compression bit; each page is decompressed (zlib, snappy, zstd or raw),
 * compressed again, and stored raw when that does not make it smaller, as
 * makedumpfile does.  Descriptors that share data keep sharing it.  With
 * --every N, only every Nth page stored compressed is "unknown", the others
 * zlib: a dump that is read in part.  One line on stderr says what came out
 * (pages, then the data stored once for one or more of them):
 *
 *   recompress: 4123 pages (1200 stored): 3900 zstd, 223 raw
 *
 * Exit 0 on success, 1 with one line on stderr on bad input, 2 on usage.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

/* page flags (makedumpfile's diskdump_mod.h) */
#define DUMP_DH_COMPRESSED_ZLIB		0x1
#define DUMP_DH_COMPRESSED_LZO		0x2
#define DUMP_DH_COMPRESSED_SNAPPY	0x4
#define DUMP_DH_COMPRESSED_INCOMPLETE	0x8	/* header status only */
#define DUMP_DH_EXCLUDED_VMEMMAP	0x10	/* header status only */
#define DUMP_DH_COMPRESSED_ZSTD		0x20
#define DUMP_DH_COMPRESSED (DUMP_DH_COMPRESSED_ZLIB | DUMP_DH_COMPRESSED_LZO | \
			    DUMP_DH_COMPRESSED_SNAPPY | DUMP_DH_COMPRESSED_ZSTD)
/* a bit no makedumpfile and no libkdumpfile gives a meaning to */
#define UNKNOWN_COMPRESSION		0x40

/* the 64-bit layout: offsets in struct disk_dump_header ... */
#define DH_SIZE			464
#define DH_HEADER_VERSION	8
#define DH_STATUS		424
#define DH_BLOCK_SIZE		428
#define DH_SUB_HDR_SIZE		432
#define DH_BITMAP_BLOCKS	436
/* ... and in struct kdump_sub_header */
#define SH_SIZE			112
#define SH_SPLIT		12
#define SH_OFFSET_ERASEINFO	64
#define SH_SIZE_ERASEINFO	72
#define SH_MAX_MAPNR_64		96

struct page_desc {
	uint64_t offset;
	uint32_t size;
	uint32_t flags;
	uint64_t page_flags;
};

enum method { ZLIB, SNAPPY, ZSTD, NONE, UNKNOWN };
static const char *const method_names[] = { "zlib", "snappy", "zstd", "none",
					    "unknown" };
static const uint32_t method_flags[] = {
	DUMP_DH_COMPRESSED_ZLIB, DUMP_DH_COMPRESSED_SNAPPY,
	DUMP_DH_COMPRESSED_ZSTD, 0, UNKNOWN_COMPRESSION
};

static const char *in_path, *out_path;

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("recompress: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (out_path)
		unlink(out_path);
	exit(1);
}

static void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

static void read_at(int fd, void *buf, size_t len, uint64_t off,
		    const char *what)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = pread(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("'%s': cannot read %s at %llu: %s", in_path, what,
			    (unsigned long long)off, strerror(errno));
		if (n == 0)
			die("'%s' is truncated: %s at %llu is past its end",
			    in_path, what, (unsigned long long)off);
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
}

static void write_at(int fd, const void *buf, size_t len, uint64_t off)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = pwrite(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("cannot write '%s': %s", out_path,
			    n < 0 ? strerror(errno) : "short write");
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

static void put32(unsigned char *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, sizeof(v));
}

static void put64(unsigned char *p, uint64_t v)
{
	v = htole64(v);
	memcpy(p, &v, sizeof(v));
}

/* decompress one page of IN into page (block_size bytes) */
static void decompress_page(const struct page_desc *pd, const void *src,
			    void *page, size_t block_size, uint64_t i)
{
	uLongf zlen = block_size;
	size_t len = block_size;

	switch (pd->flags & DUMP_DH_COMPRESSED) {
	case 0:
		memcpy(page, src, block_size);
		return;
	case DUMP_DH_COMPRESSED_ZLIB:
		if (uncompress(page, &zlen, src, pd->size) != Z_OK)
			die("'%s': page %llu: bad zlib data", in_path,
			    (unsigned long long)i);
		len = zlen;
		break;
	case DUMP_DH_COMPRESSED_SNAPPY:
		if (snappy_uncompress(src, pd->size, page, &len) != SNAPPY_OK)
			die("'%s': page %llu: bad snappy data", in_path,
			    (unsigned long long)i);
		break;
	case DUMP_DH_COMPRESSED_ZSTD:
		len = ZSTD_decompress(page, block_size, src, pd->size);
		if (ZSTD_isError(len))
			die("'%s': page %llu: bad zstd data: %s", in_path,
			    (unsigned long long)i, ZSTD_getErrorName(len));
		break;
	case DUMP_DH_COMPRESSED_LZO:
		die("'%s': page %llu is lzo-compressed, which recompress does not read",
		    in_path, (unsigned long long)i);
	default:
		die("'%s': page %llu has flags 0x%x: more than one compression",
		    in_path, (unsigned long long)i, pd->flags);
	}
	if (len != block_size)
		die("'%s': page %llu decompresses to %zu bytes, not %zu",
		    in_path, (unsigned long long)i, len, block_size);
}

/* compress page into dst (room for dst_size bytes); 0 if it did not shrink */
static size_t compress_page(enum method m, const void *page, size_t block_size,
			    void *dst, size_t dst_size)
{
	uLongf zlen = dst_size;
	size_t len = dst_size;

	switch (m) {
	case ZLIB:
	case UNKNOWN:
		/* makedumpfile -c: compress2(..., Z_BEST_SPEED) */
		if (compress2(dst, &zlen, page, block_size, Z_BEST_SPEED) !=
		    Z_OK)
			die("zlib cannot compress a page");
		len = zlen;
		break;
	case SNAPPY:
		if (snappy_compress(page, block_size, dst, &len) != SNAPPY_OK)
			die("snappy cannot compress a page");
		break;
	case ZSTD:
		/* makedumpfile -z: level 1 */
		len = ZSTD_compress(dst, dst_size, page, block_size, 1);
		if (ZSTD_isError(len))
			die("zstd cannot compress a page: %s",
			    ZSTD_getErrorName(len));
		break;
	case NONE:
		return 0;
	}
	return len < block_size ? len : 0;
}

static int cmp_offset(const void *a, const void *b, void *arg)
{
	const struct page_desc *pd = arg;
	uint64_t x = pd[*(const uint64_t *)a].offset;
	uint64_t y = pd[*(const uint64_t *)b].offset;

	return x < y ? -1 : x > y;
}

static uint64_t count_bits(const unsigned char *map, size_t len)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += (uint64_t)__builtin_popcount(map[i]);
	return n;
}

int main(int argc, char **argv)
{
	unsigned char dh[DH_SIZE], sh[SH_SIZE], *head, *bitmap;
	unsigned char *src, *page, *dst;
	uint64_t block_size, sub_hdr_size, bitmap_blocks, max_mapnr;
	uint64_t desc_off, data_start, data_end, ndesc, i, j, nstored = 0;
	uint64_t erase_off, erase_size, out_off, bitmap_bytes, bitmap_off;
	uint64_t counts[5] = { 0 }, nraw = 0, every = 1, ncompressed = 0;
	uint64_t *order;
	struct page_desc *pd, *npd;
	size_t dst_size;
	uint32_t status;
	enum method m, pm;
	struct stat st;
	char *end;
	int in, out;

	if (argc == 6 && !strcmp(argv[1], "--every")) {
		every = strtoull(argv[2], &end, 10);
		if (*end || !every) {
			fprintf(stderr, "recompress: --every takes a number from 1\n");
			return 2;
		}
		argc -= 2;
		argv += 2;
	}
	if (argc != 4) {
		fprintf(stderr,
			"usage: recompress [--every N] {zlib|snappy|zstd|none|unknown} IN OUT\n");
		return 2;
	}
	for (m = ZLIB; m <= UNKNOWN; m++)
		if (!strcmp(argv[1], method_names[m]))
			break;
	if (m > UNKNOWN) {
		fprintf(stderr, "recompress: unknown method '%s'\n", argv[1]);
		return 2;
	}
	in_path = argv[2];
	in = open(in_path, O_RDONLY);
	if (in < 0 || fstat(in, &st))
		die("cannot open '%s': %s", in_path, strerror(errno));

	/* the header and the sub header */
	read_at(in, dh, sizeof(dh), 0, "the header");
	if (memcmp(dh, "KDUMP   ", 8) && memcmp(dh, "DISKDUMP", 8))
		die("'%s' is not a kdump-compressed dump (no KDUMP signature)",
		    in_path);
	block_size = get32(dh + DH_BLOCK_SIZE);
	sub_hdr_size = get32(dh + DH_SUB_HDR_SIZE);
	bitmap_blocks = get32(dh + DH_BITMAP_BLOCKS);
	status = get32(dh + DH_STATUS);
	if (block_size < 4096 || block_size > 65536 ||
	    (block_size & (block_size - 1)))
		die("'%s': block size %llu: not a 64-bit little-endian dump",
		    in_path, (unsigned long long)block_size);
	if (get32(dh + DH_HEADER_VERSION) < 6)
		die("'%s': header version %u: recompress reads 6 and later",
		    in_path, get32(dh + DH_HEADER_VERSION));
	if (sub_hdr_size < 1 || sub_hdr_size > (1 << 20) || !bitmap_blocks ||
	    bitmap_blocks > (1U << 30) / block_size)
		die("'%s': bad sub header (%llu blocks) or bitmap (%llu blocks)",
		    in_path, (unsigned long long)sub_hdr_size,
		    (unsigned long long)bitmap_blocks);
	read_at(in, sh, sizeof(sh), block_size, "the sub header");
	if (get32(sh + SH_SPLIT))
		die("'%s' is one file of a split dump, which recompress does not read",
		    in_path);
	max_mapnr = get64(sh + SH_MAX_MAPNR_64);
	erase_off = get64(sh + SH_OFFSET_ERASEINFO);
	erase_size = get64(sh + SH_SIZE_ERASEINFO);

	/*
	 * The bitmap of the dumped pages: the second half when there are two
	 * (makedumpfile), the whole when one covers every pfn (libkdumpfile's
	 * read_bitmap() decides the same way); max_mapnr of the sub header,
	 * as the header's is 32-bit
	 */
	bitmap_bytes = bitmap_blocks * block_size;
	bitmap_off = (1 + sub_hdr_size) * block_size;
	if (max_mapnr <= bitmap_bytes * 8 / 2) {
		bitmap_bytes /= 2;
		bitmap_off += bitmap_bytes;
	} else if (max_mapnr > bitmap_bytes * 8) {
		die("'%s': a bitmap of %llu bits for %llu pages", in_path,
		    (unsigned long long)(bitmap_bytes * 8),
		    (unsigned long long)max_mapnr);
	}
	bitmap = xmalloc(bitmap_bytes);
	read_at(in, bitmap, bitmap_bytes, bitmap_off, "the bitmap");
	ndesc = count_bits(bitmap, bitmap_bytes);
	free(bitmap);

	/* the page descriptors */
	desc_off = (1 + sub_hdr_size + bitmap_blocks) * block_size;
	data_start = desc_off + ndesc * sizeof(struct page_desc);
	if (data_start > (uint64_t)st.st_size)
		die("'%s' is truncated: %llu page descriptors end at %llu, past its %lld bytes",
		    in_path, (unsigned long long)ndesc,
		    (unsigned long long)data_start, (long long)st.st_size);
	pd = xmalloc(ndesc * sizeof(*pd));
	read_at(in, pd, ndesc * sizeof(*pd), desc_off, "the page descriptors");
	data_end = data_start;
	for (i = 0; i < ndesc; i++) {
		pd[i].offset = le64toh(pd[i].offset);
		pd[i].size = le32toh(pd[i].size);
		pd[i].flags = le32toh(pd[i].flags);
		if (pd[i].flags & ~(uint32_t)DUMP_DH_COMPRESSED)
			die("'%s': page %llu has unknown flags 0x%x", in_path,
			    (unsigned long long)i, pd[i].flags);
		if (!(pd[i].flags & DUMP_DH_COMPRESSED) ?
		    pd[i].size != block_size :
		    !pd[i].size || pd[i].size > block_size)
			die("'%s': page %llu has a bad size %u (flags 0x%x)",
			    in_path, (unsigned long long)i, pd[i].size,
			    pd[i].flags);
		if (pd[i].offset < data_start ||
		    pd[i].offset > (uint64_t)st.st_size ||
		    pd[i].size > (uint64_t)st.st_size - pd[i].offset)
			die("'%s': page %llu at %llu+%u is outside the page data (%llu..%lld)",
			    in_path, (unsigned long long)i,
			    (unsigned long long)pd[i].offset, pd[i].size,
			    (unsigned long long)data_start,
			    (long long)st.st_size);
		if (pd[i].offset + pd[i].size > data_end)
			data_end = pd[i].offset + pd[i].size;
	}
	if (erase_size && erase_off < data_start &&
	    erase_off + erase_size > data_start)
		die("'%s': eraseinfo at %llu+%llu overlaps the page descriptors",
		    in_path, (unsigned long long)erase_off,
		    (unsigned long long)erase_size);
	if (erase_size && erase_off >= data_start) {
		if (erase_off < data_end ||
		    erase_off > (uint64_t)st.st_size ||
		    erase_size > (uint64_t)st.st_size - erase_off)
			die("'%s': eraseinfo at %llu+%llu is not after the page data (%llu)",
			    in_path, (unsigned long long)erase_off,
			    (unsigned long long)erase_size,
			    (unsigned long long)data_end);
		data_end = erase_off + erase_size;
	}
	if (data_end != (uint64_t)st.st_size)
		die("'%s': %llu bytes after the page data that recompress does not know",
		    in_path, (unsigned long long)st.st_size - data_end);

	/* the output: everything before the page data, as it is */
	out_path = argv[3];
	out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		out_path = NULL;
		die("cannot create '%s': %s", argv[3], strerror(errno));
	}
	head = xmalloc(desc_off);
	read_at(in, head, desc_off, 0, "the header and bitmaps");

	/* the pages, in the order of their data; shared data stays shared */
	order = xmalloc(ndesc * sizeof(*order));
	for (i = 0; i < ndesc; i++)
		order[i] = i;
	qsort_r(order, ndesc, sizeof(*order), cmp_offset, pd);
	npd = xmalloc(ndesc * sizeof(*npd));
	src = xmalloc(block_size);
	page = xmalloc(block_size);
	dst_size = compressBound(block_size);
	if (snappy_max_compressed_length(block_size) > dst_size)
		dst_size = snappy_max_compressed_length(block_size);
	if (ZSTD_compressBound(block_size) > dst_size)
		dst_size = ZSTD_compressBound(block_size);
	dst = xmalloc(dst_size);
	out_off = data_start;
	for (i = 0; i < ndesc; i = j) {
		struct page_desc *p = &pd[order[i]], n = *p;
		size_t len;

		read_at(in, src, p->size, p->offset, "page data");
		decompress_page(p, src, page, block_size, order[i]);
		len = compress_page(m, page, block_size, dst, dst_size);
		n.offset = out_off;
		pm = m;
		if (len && m == UNKNOWN && ++ncompressed % every)
			pm = ZLIB;
		if (len) {
			n.size = (uint32_t)len;
			n.flags = method_flags[pm];
			write_at(out, dst, len, out_off);
		} else {
			n.size = (uint32_t)block_size;
			n.flags = 0;
			write_at(out, page, block_size, out_off);
		}
		out_off += n.size;
		nstored++;
		for (j = i; j < ndesc && pd[order[j]].offset == p->offset; j++) {
			if (pd[order[j]].size != p->size ||
			    pd[order[j]].flags != p->flags)
				die("'%s': pages %llu and %llu share data at %llu but not its size or flags",
				    in_path, (unsigned long long)order[i],
				    (unsigned long long)order[j],
				    (unsigned long long)p->offset);
			npd[order[j]] = n;
			npd[order[j]].page_flags = pd[order[j]].page_flags;
			if (len)
				counts[pm]++;
			else
				nraw++;
		}
	}
	for (i = 0; i < ndesc; i++) {
		npd[i].offset = htole64(npd[i].offset);
		npd[i].size = htole32(npd[i].size);
		npd[i].flags = htole32(npd[i].flags);
	}
	write_at(out, npd, ndesc * sizeof(*npd), desc_off);

	/* the eraseinfo after the page data moves with it */
	if (erase_size && erase_off >= data_start) {
		unsigned char *e = xmalloc(erase_size);

		read_at(in, e, erase_size, erase_off, "the eraseinfo");
		write_at(out, e, erase_size, out_off);
		put64(head + block_size + SH_OFFSET_ERASEINFO, out_off);
		out_off += erase_size;
		free(e);
	}
	/* the header's status: the compressions of the pages */
	status &= ~(uint32_t)(DUMP_DH_COMPRESSED | UNKNOWN_COMPRESSION);
	for (pm = ZLIB; pm <= UNKNOWN; pm++)
		if (counts[pm])
			status |= method_flags[pm];
	put32(head + DH_STATUS, status);
	write_at(out, head, desc_off, 0);
	if (close(out))
		die("cannot write '%s': %s", out_path, strerror(errno));

	fprintf(stderr, "recompress: %llu pages (%llu stored): ",
		(unsigned long long)ndesc, (unsigned long long)nstored);
	for (pm = ZLIB; pm <= UNKNOWN; pm++)
		if (counts[pm])
			fprintf(stderr, "%llu %s, ",
				(unsigned long long)counts[pm],
				method_names[pm]);
	fprintf(stderr, "%llu raw\n", (unsigned long long)nraw);
	free(dst);
	free(page);
	free(src);
	free(npd);
	free(order);
	free(head);
	free(pd);
	close(in);
	return 0;
}
