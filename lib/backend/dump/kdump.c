// SPDX-License-Identifier: GPL-2.0
/*
 * The dump: memory and VMCOREINFO through libkdumpfile, and
 * oms_dump_open, which puts the dump and the types and symbols of its
 * kernel (../debuginfo/source.c: the vmlinux's DWARF, or the BTF and
 * kallsyms in the dump) together behind a struct oms_target.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "dump.h"
#include "internal.h"
#include "../debuginfo/debuginfo.h"

struct oms_dump {
	struct oms_target target;
	char *path;
	int fd;
	kdump_ctx_t *ctx;
	const char *format;
	char *release;
	char *build_id;
	uint64_t kaslr_offset;	/* VMCOREINFO KERNELOFFSET */
	uint32_t odd_compression;	/* see read_diskdump_status() */
	bool no_retry;			/* see read_retry() */
	struct oms_target memory;	/* read and vmcoreinfo only */
	struct oms_debuginfo *di;
	char *warning;
	const char **recovered_names, **recovered_from;
};

/*
 * libkdumpfile (0.5.1; upstream's diskdump.c still does) takes a page
 * whose flags have no compression bit it knows for a raw page, and a
 * compressed page so flagged fails with "Wrong page size: N"; the
 * header's status says which compression the dump uses
 * (read_diskdump_status()).  Any other failure keeps libkdumpfile's own
 * words.
 */
#define ODD_COMPRESSION							\
	"the dump's page compression 0x%x is not one libkdumpfile %d.%d.%d reads (zlib, lzo, snappy, zstd)"
#define ODD_COMPRESSION_ARGS(d)						\
	(d)->odd_compression, KDUMPFILE_VER_MAJOR, KDUMPFILE_VER_MINOR,	\
	KDUMPFILE_VER_MICRO

/*
 * libkdumpfile's page cache, in pages: its look-up cost grows with its size
 * (1024 pages by default); measured on the 2,000-task dump, 128 pages took
 * a run from 0.17 s to 0.10 s, 32 to 512 all beat the default (make bench).
 */
#define CACHE_PAGES 128

/* a libkdumpfile context on the dump's file, reading Linux addresses */
static struct oms_error *ctx_create(struct oms_dump *d, kdump_ctx_t **ret)
{
	struct oms_error *err;
	kdump_ctx_t *ctx;

	ctx = kdump_new();
	if (!ctx)
		return &oms_enomem;
	if (kdump_open_fd(ctx, d->fd) != KDUMP_OK) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s' is not a kernel dump that libkdumpfile reads (%s)",
				       d->path, kdump_get_err(ctx));
		goto out_free_ctx;
	}
	if (kdump_set_string_attr(ctx, KDUMP_ATTR_OSTYPE, "linux") !=
	    KDUMP_OK) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s': cannot set up Linux address translation (%s)",
				       d->path, kdump_get_err(ctx));
		goto out_free_ctx;
	}
	/* failing to set it is harmless */
	kdump_set_number_attr(ctx, "cache.size", CACHE_PAGES);
	*ret = ctx;
	return NULL;

out_free_ctx:
	kdump_free(ctx);
	return err;
}

/* the read that just failed as corrupt met a page of an odd compression */
static bool odd_page(struct oms_dump *d)
{
	return d->odd_compression &&
	       strstr(kdump_get_err(d->ctx), "Wrong page size");
}

/*
 * libkdumpfile up to 0.5.4 can give a read a cache entry without a buffer
 * when it reuses a "ghost" entry (fixed upstream after 0.5.4, e63dab40c8ce
 * "cache: Get data buffer before adjusting ghost partition size"):
 * inflating into it fails, "Decompresion failed: error -2" (Z_STREAM_ERROR),
 * and so does every read after it.  On the matrix's 6.12 -d 31 dump the
 * task walk stopped 8 processes early and the log was lost (found by
 * tests/fuzz.test's record and replay).  So a read that libkdumpfile calls
 * corrupt is tried again on a new context, until a retry fails too (a dump
 * that is corrupt indeed).  A new cache alone (a new "cache.size") is not
 * enough: the address translation keeps buffers of the old one.
 */
static kdump_status read_retry(struct oms_dump *d, uint64_t addr, void *buf,
			       size_t len, size_t *done)
{
	kdump_ctx_t *ctx;
	kdump_status st;

	if (d->no_retry || odd_page(d) || !oms_ok(ctx_create(d, &ctx)))
		return KDUMP_ERR_CORRUPT;
	kdump_free(d->ctx);
	d->ctx = ctx;
	*done = len;
	st = kdump_read(d->ctx, KDUMP_KVADDR, addr, buf, done);
	d->no_retry = st == KDUMP_ERR_CORRUPT;
	return st;
}

static struct oms_error *dump_read(void *priv, uint64_t addr, void *buf,
				   size_t len)
{
	struct oms_dump *d = priv;
	size_t done = len;
	kdump_status st;

	st = kdump_read(d->ctx, KDUMP_KVADDR, addr, buf, &done);
	if (st == KDUMP_ERR_CORRUPT)
		st = read_retry(d, addr, buf, len, &done);
	if (st == KDUMP_OK)
		return NULL;
	if (done > len)
		done = 0;
	if (st == KDUMP_ERR_NODATA)
		return oms_error_fault(OMS_ERR_NODATA, addr + done,
				       "0x%llx is not in the dump (filtered out)",
				       (unsigned long long)(addr + done));
	if (st == KDUMP_ERR_CORRUPT && odd_page(d))
		return oms_error_fault(OMS_ERR_FAULT, addr + done,
				       "cannot read 0x%llx: " ODD_COMPRESSION,
				       (unsigned long long)(addr + done),
				       ODD_COMPRESSION_ARGS(d));
	return oms_error_fault(OMS_ERR_FAULT, addr + done,
			       "cannot read 0x%llx: %s",
			       (unsigned long long)(addr + done),
			       kdump_get_err(d->ctx));
}

static struct oms_error *dump_symbol(void *priv, const char *name,
				     uint64_t *addr_ret)
{
	struct oms_dump *d = priv;

	return oms_debuginfo_symbol(d->di, name, addr_ret);
}

static struct oms_error *dump_member(void *priv, const char *type,
				     const char *member,
				     struct oms_member *ret)
{
	struct oms_dump *d = priv;

	return oms_debuginfo_member(d->di, type, member, ret);
}

static struct oms_error *dump_type_size(void *priv, const char *type,
					uint64_t *size_ret)
{
	struct oms_dump *d = priv;

	return oms_debuginfo_type_size(d->di, type, size_ret);
}

static struct oms_error *dump_enumerator(void *priv, const char *name,
					 int64_t *value_ret)
{
	struct oms_dump *d = priv;

	return oms_debuginfo_enumerator(d->di, name, value_ret);
}

static struct oms_error *dump_vmcoreinfo(void *priv, const char *key,
					 char **value_ret)
{
	struct oms_dump *d = priv;
	char *val = NULL;

	if (kdump_vmcoreinfo_line(d->ctx, key, &val) != KDUMP_OK || !val) {
		free(val);
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no VMCOREINFO '%s' in the dump", key);
	}
	*value_ret = val;
	return NULL;
}

/* libkdumpfile's cpu.N.pid: the NT_PRSTATUS notes in the dump's order */
static struct oms_error *dump_note_pid(void *priv, int index,
				       int32_t *pid_ret)
{
	struct oms_dump *d = priv;
	kdump_num_t pid;
	char key[32];

	snprintf(key, sizeof(key), "cpu.%d.pid", index);
	if (index < 0 ||
	    kdump_get_number_attr(d->ctx, key, &pid) != KDUMP_OK)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no PRSTATUS note %d in the dump",
					index);
	*pid_ret = (int32_t)pid;
	return NULL;
}

static const struct oms_target_ops dump_ops = {
	.read = dump_read,
	.symbol = dump_symbol,
	.member = dump_member,
	.type_size = dump_type_size,
	.enumerator = dump_enumerator,
	.vmcoreinfo = dump_vmcoreinfo,
	.note_pid = dump_note_pid,
};

/* the dump's memory and VMCOREINFO alone: what the BTF and kallsyms are
 * read from, before there are types or symbols (source.c) */
static struct oms_error *no_symbol(void *priv, const char *name,
				   uint64_t *addr_ret)
{
	(void)priv;
	(void)addr_ret;
	return oms_error_create(OMS_ERR_NOT_FOUND, "no symbol '%s' yet", name);
}

static struct oms_error *no_member(void *priv, const char *type,
				   const char *member, struct oms_member *ret)
{
	(void)priv;
	(void)ret;
	return oms_error_create(OMS_ERR_NOT_FOUND, "no member '%s.%s' yet",
				type, member);
}

static struct oms_error *no_type_size(void *priv, const char *type,
				      uint64_t *size_ret)
{
	(void)priv;
	(void)size_ret;
	return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s' yet", type);
}

static struct oms_error *no_enumerator(void *priv, const char *name,
				       int64_t *value_ret)
{
	(void)priv;
	(void)value_ret;
	return oms_error_create(OMS_ERR_NOT_FOUND, "no enumerator '%s' yet",
				name);
}

static const struct oms_target_ops memory_ops = {
	.read = dump_read,
	.symbol = no_symbol,
	.member = no_member,
	.type_size = no_type_size,
	.enumerator = no_enumerator,
	.vmcoreinfo = dump_vmcoreinfo,
};

static char *vmcoreinfo(struct oms_dump *d, const char *key)
{
	char *val = NULL;

	if (kdump_vmcoreinfo_line(d->ctx, key, &val) != KDUMP_OK) {
		free(val);
		return NULL;
	}
	return val;
}

/*
 * A kdump-compressed dump's header status (makedumpfile's diskdump_mod.h):
 * DUMP_DH_COMPRESSED_ZLIB 0x1, _LZO 0x2, _SNAPPY 0x4, _INCOMPLETE 0x8,
 * DUMP_DH_EXCLUDED_VMEMMAP 0x10, DUMP_DH_COMPRESSED_ZSTD 0x20.  A bit
 * beyond those is kept in d->odd_compression: when a page then fails to
 * read for its size, it is most likely a compression newer than
 * libkdumpfile, and the error says so (ODD_COMPRESSION above).  The header is
 * struct disk_dump_header, whose status follows the signature (8), the
 * header version (4), the utsname (390), padding to the timestamp and the
 * timestamp (2 + 8 with 32-bit pointers, 6 + 16 with 64-bit ones).
 */
static void read_diskdump_status(struct oms_dump *d)
{
	kdump_num_t ptr_size, byte_order;
	unsigned char buf[4];
	uint32_t status;
	off_t off;

	if (kdump_get_number_attr(d->ctx, KDUMP_ATTR_PTR_SIZE, &ptr_size) !=
	    KDUMP_OK ||
	    kdump_get_number_attr(d->ctx, KDUMP_ATTR_BYTE_ORDER,
				  &byte_order) != KDUMP_OK)
		return;
	off = ptr_size == 8 ? 424 : 412;
	if (pread(d->fd, buf, sizeof(buf), off) != sizeof(buf))
		return;
	if (byte_order == KDUMP_BIG_ENDIAN)
		status = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 |
			 (uint32_t)buf[2] << 8 | buf[3];
	else
		status = (uint32_t)buf[3] << 24 | (uint32_t)buf[2] << 16 |
			 (uint32_t)buf[1] << 8 | buf[0];
	d->odd_compression = status & ~(uint32_t)0x3f;
}

/*
 * Read the kernel's utsname where VMCOREINFO says it is: the first read of
 * kernel memory, which a truncated or corrupt dump fails.
 */
static struct oms_error *check_memory(struct oms_dump *d)
{
	struct oms_error *err;
	kdump_addr_t addr;
	char buf[512];
	size_t i, rlen = strlen(d->release);

	if (kdump_vmcoreinfo_symbol(d->ctx, "init_uts_ns", &addr) != KDUMP_OK)
		return NULL;	/* nothing to check against */
	err = dump_read(d, addr, buf, sizeof(buf));
	if (err && err->code == OMS_ERR_FAULT && d->odd_compression) {
		addr = err->address;
		oms_error_destroy(err);
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s': cannot read 'init_uts_ns' at 0x%llx: " ODD_COMPRESSION,
					d->path, (unsigned long long)addr,
					ODD_COMPRESSION_ARGS(d));
	}
	if (err)
		return oms_error_prefix(err,
					"'%s' is truncated or corrupt: cannot read 'init_uts_ns'",
					d->path);
	for (i = 0; i + rlen < sizeof(buf); i++)
		if (!memcmp(buf + i, d->release, rlen) && !buf[i + rlen])
			return NULL;
	return oms_error_create(OMS_ERR_CORRUPT,
				"'%s' is corrupt: 'init_uts_ns' does not hold the release %s of its VMCOREINFO",
				d->path, d->release);
}

/*
 * A dump that comes as a stream (a pipe, a FIFO, /dev/stdin, a socket:
 * `makedumpfile -F ... | oomscan /dev/stdin`) into an unlinked temporary
 * file: everything after this reads at offsets.  A FIFO without a writer
 * was opened without waiting for one and reads as empty.
 */
static struct oms_error *spool(struct oms_dump *d)
{
	char buf[65536];
	ssize_t n;
	int out, fl;

	fl = fcntl(d->fd, F_GETFL);
	if (fl >= 0)
		fcntl(d->fd, F_SETFL, fl & ~O_NONBLOCK);
	out = oms_tmpfile_fd();
	if (out < 0)
		return oms_error_create(OMS_ERR_OS,
					"cannot create a temporary file for the stream '%s': %s",
					d->path, strerror(errno));
	for (;;) {
		n = read(d->fd, buf, sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		if (oms_write_all(out, buf, (size_t)n)) {
			n = -1;
			break;
		}
	}
	if (n < 0) {
		struct oms_error *err =
			oms_error_create(OMS_ERR_OS,
					 "cannot copy the stream '%s' to a temporary file: %s",
					 d->path, strerror(errno));

		close(out);
		return err;
	}
	close(d->fd);
	d->fd = out;
	return NULL;
}

static struct oms_error *open_kdump(struct oms_dump *d)
{
	struct oms_error *err;
	const char *fmt = NULL;
	struct stat st;
	char *val;

	/* O_NONBLOCK: a FIFO without a writer must not hang the open */
	d->fd = open(d->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (d->fd < 0)
		return oms_error_create(OMS_ERR_OS, "cannot open '%s': %s",
					d->path, strerror(errno));
	if (fstat(d->fd, &st))
		return oms_error_create(OMS_ERR_OS, "cannot stat '%s': %s",
					d->path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s' is a directory, not a dump",
					d->path);
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
	    S_ISSOCK(st.st_mode)) {
		err = spool(d);
		if (err)
			return err;
		if (fstat(d->fd, &st))
			return oms_error_create(OMS_ERR_OS,
						"cannot stat the copy of '%s': %s",
						d->path, strerror(errno));
		if (!st.st_size)
			return oms_error_create(OMS_ERR_FORMAT,
						"'%s' is an empty stream",
						d->path);
	} else {
		int fl = fcntl(d->fd, F_GETFL);

		if (fl >= 0)
			fcntl(d->fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0)
		return oms_error_create(OMS_ERR_FORMAT, "'%s' is empty",
					d->path);
	if (oms_apport_detect(d->fd) != OMS_APPORT_NONE) {
		char *dump;
		int fd;

		err = oms_apport_extract(d->fd, d->path, &fd, &dump);
		if (err)
			return err;
		close(d->fd);
		d->fd = fd;
		if (dump) {	/* from here on, the messages name the dump */
			free(d->path);
			d->path = dump;
		}
	}
	if (oms_compress_detect(d->fd)) {
		int fd;

		err = oms_decompress(d->fd, d->path, &fd);
		if (err)
			return err;
		close(d->fd);
		d->fd = fd;
	}
	if (oms_flat_detect(d->fd)) {
		int fd;

		err = oms_flat_reassemble(d->fd, d->path, &fd);
		if (err)
			return err;
		close(d->fd);
		d->fd = fd;
		d->format = "flattened";
	}
	err = ctx_create(d, &d->ctx);
	if (err)
		return err;
	if (kdump_get_string_attr(d->ctx, KDUMP_ATTR_FILE_FORMAT, &fmt) !=
	    KDUMP_OK || !fmt)
		fmt = "unknown";
	if (!strcmp(fmt, "diskdump") || !strcmp(fmt, "kdump"))
		read_diskdump_status(d);	/* also of a flattened one */
	if (!d->format) {
		if (!strcmp(fmt, "diskdump") || !strcmp(fmt, "kdump"))
			d->format = "kdump-compressed";
		else if (!strcmp(fmt, "elf"))
			d->format = "elf";
		else
			d->format = fmt;	/* libkdumpfile's name */
	}
	d->release = vmcoreinfo(d, "OSRELEASE");
	if (!d->release)
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s' has no VMCOREINFO OSRELEASE: not a Linux kernel dump",
					d->path);
	d->build_id = vmcoreinfo(d, "BUILD-ID");
	if (!d->build_id)
		d->build_id = strdup("");
	if (!d->build_id)
		return &oms_enomem;
	/* lowercase hex, as the vmlinux's note is printed */
	for (val = d->build_id; *val; val++)
		if (*val >= 'A' && *val <= 'F')
			*val = (char)(*val - 'A' + 'a');
	val = vmcoreinfo(d, "KERNELOFFSET");
	if (val) {
		d->kaslr_offset = strtoull(val, NULL, 16);
		free(val);
	}
	return check_memory(d);
}

struct oms_error *oms_dump_open(const char *path,
				const struct oms_dump_options *opts,
				struct oms_dump **ret)
{
	static const struct oms_dump_options defaults;
	struct oms_debuginfo_options dio;
	struct oms_vmlinux_want want;
	struct oms_error *err;
	struct oms_dump *d;

	if (!opts)
		opts = &defaults;
	if (!path || !*path)
		return oms_error_create(OMS_ERR_USAGE, "no dump given");
	d = calloc(1, sizeof(*d));
	if (!d)
		return &oms_enomem;
	d->fd = -1;
	d->path = strdup(path);
	if (!d->path) {
		err = &oms_enomem;
		goto out_destroy;
	}
	err = open_kdump(d);
	if (err)
		goto out_destroy;
	want.release = d->release;
	want.build_id = d->build_id;
	want.debuginfod = !opts->no_debuginfod;
	dio.vmlinux = opts->vmlinux;
	dio.force = opts->force;
	dio.btf_only = opts->btf_only;
	d->memory.ops = &memory_ops;
	d->memory.priv = d;
	err = oms_debuginfo_open(&d->memory, &want, &dio, d->kaslr_offset,
				 &d->di, &d->warning);
	if (err)
		goto out_destroy;
	d->target.ops = &dump_ops;
	d->target.priv = d;
	*ret = d;
	return NULL;

out_destroy:
	oms_dump_destroy(d);
	return err;
}

const struct oms_target *oms_dump_target(const struct oms_dump *d)
{
	return &d->target;
}

const char *oms_dump_path(const struct oms_dump *d)
{
	return d->path;
}

const char *oms_dump_release(const struct oms_dump *d)
{
	return d->release;
}

const char *oms_dump_build_id(const struct oms_dump *d)
{
	return d->build_id;
}

const char *oms_dump_vmlinux(const struct oms_dump *d)
{
	return oms_debuginfo_vmlinux(d->di);
}

const char *oms_dump_types(const struct oms_dump *d)
{
	return oms_debuginfo_is_btf(d->di) ? "btf" : "dwarf";
}

const char *oms_dump_symbols(const struct oms_dump *d)
{
	return oms_debuginfo_is_btf(d->di) ? "kallsyms" : "vmlinux";
}

const char *oms_dump_debuginfod(const struct oms_dump *d)
{
	return oms_debuginfo_debuginfod(d->di);
}

const char *oms_dump_format(const struct oms_dump *d)
{
	return d->format;
}

size_t oms_dump_recovered(struct oms_dump *d, const char *const **names_ret,
			  const char *const **from_ret)
{
	size_t i, n = oms_debuginfo_recovered_count(d->di);
	enum oms_symbol_origin how;

	free(d->recovered_names);
	free(d->recovered_from);
	d->recovered_names = calloc(n ? n : 1, sizeof(char *));
	d->recovered_from = calloc(n ? n : 1, sizeof(char *));
	if (!d->recovered_names || !d->recovered_from)
		n = 0;
	for (i = 0; i < n; i++) {
		oms_debuginfo_recovered(d->di, i, &d->recovered_names[i], &how);
		d->recovered_from[i] = oms_symbol_origin_name(how);
	}
	*names_ret = d->recovered_names;
	*from_ret = d->recovered_from;
	return n;
}

const char *oms_dump_warning(const struct oms_dump *d)
{
	return d->warning;
}

void oms_dump_destroy(struct oms_dump *d)
{
	if (!d)
		return;
	oms_debuginfo_destroy(d->di);
	if (d->ctx)
		kdump_free(d->ctx);
	if (d->fd >= 0)
		close(d->fd);
	free(d->release);
	free(d->build_id);
	free(d->warning);
	free(d->recovered_names);
	free(d->recovered_from);
	free(d->path);
	free(d);
}
