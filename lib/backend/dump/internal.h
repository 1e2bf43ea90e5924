/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the dump backend (dump.h): the pieces oms_dump_open puts together.
 *   kdump.c      the dump (libkdumpfile), oms_dump_open, the target ops;
 *                the types and symbols from ../debuginfo/
 *   flat.c       makedumpfile's flattened format into a temporary file
 *   compress.c   a dump inside gzip/xz/zstd/lz4/bzip2 into a temporary file
 *   apport.c     the VmCore field of an apport report into a temporary file
 * The unwrapping runs outside in: apport -> compress -> flat -> kdump.
 */
#ifndef OMS_BACKEND_DUMP_INTERNAL_H
#define OMS_BACKEND_DUMP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../../target.h"

/* flat.c */
bool oms_flat_detect(int fd);
/* reassemble the flattened dump on fd into an unlinked temporary file */
struct oms_error *oms_flat_reassemble(int fd, const char *path, int *fd_ret);
/* an unlinked temporary file in $TMPDIR (O_TMPFILE), or -1 with errno */
int oms_tmpfile_fd(void);
/* write all of buf to fd (short writes and EINTR retried); 0 or -1, errno */
int oms_write_all(int fd, const void *buf, size_t len);

/* compress.c: the tool of an outer compression (gzip, xz, zstd, lz4,
 * bzip2) by its magic, or NULL */
const char *oms_compress_detect(int fd);
/* decompress the file on fd into an unlinked temporary file */
struct oms_error *oms_decompress(int fd, const char *path, int *fd_ret);

/* apport.c: an apport crash report (.crash) */
enum oms_apport_kind {
	OMS_APPORT_NONE,	/* not a report */
	OMS_APPORT_REPORT,	/* a report without a VmCore field */
	OMS_APPORT_VMCORE,	/* a report with one */
};
enum oms_apport_kind oms_apport_detect(int fd);
/*
 * The dump of a report: its VmCore field decoded into an unlinked
 * temporary file (*dump_ret NULL), or without VmCore the kdump-tools dump
 * beside it, opened, its path in *dump_ret (to free)
 */
struct oms_error *oms_apport_extract(int fd, const char *path, int *fd_ret,
				     char **dump_ret);

#endif
