// SPDX-License-Identifier: GPL-2.0
/*
 * An apport crash report (.crash) that carries a kernel dump in its VmCore
 * field: the dump is decoded into an unlinked temporary file, which
 * kdump.c then opens like any dump (an outer compression or a flattened
 * dump inside is undone after that).
 *
 * The format is apport's problem_report.py (ProblemReport.load and
 * write): RFC 822-like "Key: value" lines with case-sensitive keys; a line
 * starting with a space continues the field before it.  A binary field is
 * "Key: base64" followed by continuation lines, each the base64 of one
 * block, decoded line by line; the blocks are a gzip stream (apport writes
 * its header as the first block, then raw deflate blocks, then the CRC and
 * size) or, in reports of old apport versions, a zlib stream.  zlib's
 * inflate with automatic header detection reads both, and checks the
 * gzip CRC that apport writes.
 *
 * A report is recognised by its content, not its name: it starts with
 * "ProblemType:", or its first line is a field and it has a VmCore field.
 *
 * A report without VmCore may still name its dump.  apport's
 * kernel_crashdump, finding kdump-tools' folders /var/crash/STAMP (STAMP:
 * 12 digits, date +%Y%m%d%H%M), writes one report a folder with the
 * folder's dmesg.STAMP in VmCoreDmesg and "Package: KERNEL-PACKAGE-STAMP";
 * the dump is then DIR/STAMP/dump.STAMP, DIR being the report's folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "dump.h"
#include "internal.h"

#define VMCORE_KEY "VmCore:"

/* "Key:" at the start of buf, with apport's key characters */
static bool field_line(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (c == ':')
			return i > 0;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_'))
			return false;
	}
	return false;
}

enum oms_apport_kind oms_apport_detect(int fd)
{
	static const char key[] = "\n" VMCORE_KEY;
	char buf[65536];
	bool problem;
	size_t keep = 0;
	off_t pos = 0;
	ssize_t n;

	n = pread(fd, buf, 64, 0);
	if (n <= 0 || !field_line(buf, (size_t)n))
		return OMS_APPORT_NONE;
	if (n >= 7 && !memcmp(buf, VMCORE_KEY, 7))
		return OMS_APPORT_VMCORE;
	problem = n >= 12 && !memcmp(buf, "ProblemType:", 12);
	/* a text file of fields: is one of them VmCore? */
	for (;;) {
		n = pread(fd, buf + keep, sizeof(buf) - keep, pos);
		if (n <= 0)
			return problem ? OMS_APPORT_REPORT : OMS_APPORT_NONE;
		pos += n;
		n += (ssize_t)keep;
		if (memmem(buf, (size_t)n, key, sizeof(key) - 1))
			return OMS_APPORT_VMCORE;
		/* the tail the key may start in, no longer than what was
		 * read: of a file of 2 bytes ("P:"), 7 came from before buf */
		keep = sizeof(key) - 2;
		if ((size_t)n < keep)
			keep = (size_t)n;
		memmove(buf, buf + n - (ssize_t)keep, keep);
	}
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decode one line of base64 (padded, as Python's base64.b64encode writes
 * it) in place; the length of the bytes, or -1 if it is not base64.
 */
static ssize_t b64_decode(char *s, size_t len)
{
	unsigned char *out = (unsigned char *)s;
	size_t i, o = 0;

	if (len % 4)
		return -1;
	for (i = 0; i < len; i += 4) {
		int v[4], k, pad = 0;

		for (k = 0; k < 4; k++) {
			unsigned char c = (unsigned char)s[i + k];

			if (c == '=' && i + 4 == len && k >= 2) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad)	/* data after '=' */
				return -1;
			v[k] = b64_value(c);
			if (v[k] < 0)
				return -1;
		}
		out[o++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		if (pad < 2)
			out[o++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		if (pad < 1)
			out[o++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	return (ssize_t)o;
}

/* inflate len bytes of the field into out; *end_ret once the stream ends */
static struct oms_error *inflate_block(z_stream *zs, const unsigned char *in,
				       size_t len, int out, const char *path,
				       unsigned long lineno, bool *end_ret)
{
	unsigned char buf[65536];
	int rc;

	zs->next_in = (unsigned char *)in;
	zs->avail_in = (uInt)len;
	do {
		zs->next_out = buf;
		zs->avail_out = sizeof(buf);
		rc = inflate(zs, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			*end_ret = true;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return oms_error_create(OMS_ERR_FORMAT,
						"'%s': the apport field 'VmCore' is corrupt at line %lu: %s",
						path, lineno,
						zs->msg ? zs->msg : "inflate failed");
		if (oms_write_all(out, buf, sizeof(buf) - zs->avail_out))
			return oms_error_create(OMS_ERR_OS,
						"cannot write the dump of '%s' to a temporary file: %s",
						path, strerror(errno));
		if (rc == Z_BUF_ERROR)
			break;	/* no progress: it needs the next block */
	} while (!*end_ret && (zs->avail_in || !zs->avail_out));
	return NULL;
}

/* the VmCore field from its continuation lines on f into out */
static struct oms_error *decode_field(FILE *f, int out, const char *path,
				      unsigned long *lineno)
{
	struct oms_error *err = NULL;
	bool end = false, any = false;
	size_t cap = 0;
	char *line = NULL;
	ssize_t n, len;
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	/* 32: a zlib or a gzip header, whichever it is */
	if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK)
		return &oms_enomem;
	while ((n = getline(&line, &cap, f)) > 0 && line[0] == ' ') {
		bool eol = line[n - 1] == '\n';

		++*lineno;
		while (n > 1 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (end)	/* after the stream: apport ignores it too */
			continue;
		len = b64_decode(line + 1, (size_t)n - 1);
		if (len < 0 && !eol) {	/* the file ends inside the line */
			err = oms_error_create(OMS_ERR_FORMAT,
					       "'%s': the apport field 'VmCore' is truncated (the file ends inside line %lu)",
					       path, *lineno);
			goto out_free_line;
		}
		if (len < 0) {
			err = oms_error_create(OMS_ERR_FORMAT,
					       "'%s': the apport field 'VmCore' is corrupt at line %lu: not base64",
					       path, *lineno);
			goto out_free_line;
		}
		any = true;
		err = inflate_block(&zs, (unsigned char *)line + 1, (size_t)len,
				    out, path, *lineno, &end);
		if (err)
			goto out_free_line;
	}
	if (ferror(f))
		err = oms_error_create(OMS_ERR_OS, "cannot read '%s': %s",
				       path, strerror(errno));
	else if (!any)
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s': the apport field 'VmCore' is empty",
				       path);
	else if (!end)
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s': the apport field 'VmCore' is truncated (its compressed stream does not end)",
				       path);
out_free_line:
	free(line);
	inflateEnd(&zs);
	return err;
}

/*
 * The STAMP of "Package: NAME-STAMP [VERSION]" (see the top), into stamp;
 * false if the report has no such Package field.
 */
static bool package_stamp(FILE *f, char stamp[13])
{
	size_t cap = 0, len;
	char *line = NULL, *v, *dash;
	bool found = false;

	rewind(f);
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, "Package:", 8))
			continue;
		v = line + 8;
		v += strspn(v, " \t");
		v[strcspn(v, " \t\r\n")] = 0;
		dash = strrchr(v, '-');
		if (!dash)
			break;
		len = strlen(dash + 1);
		found = len == 12 && strspn(dash + 1, "0123456789") == len;
		if (found)
			memcpy(stamp, dash + 1, 13);
		break;
	}
	free(line);
	return found;
}

/* the kdump-tools dump beside a report without VmCore (see the top) */
static struct oms_error *dump_beside(FILE *f, const char *path, int *fd_ret,
				     char **dump_ret)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) : 1;
	const char *dir = slash ? path : ".";
	char stamp[13], *dump;
	int fd;

	if (!package_stamp(f, stamp))
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s' is an apport report without a 'VmCore' field: it holds no kernel dump",
					path);
	if (asprintf(&dump, "%.*s/%s/dump.%s", dirlen, dir, stamp, stamp) < 0)
		return &oms_enomem;
	fd = open(dump, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		struct oms_error *err =
			oms_error_create(OMS_ERR_FORMAT,
					 "'%s' is an apport report without a 'VmCore' field, and its kdump-tools dump '%s' is not there: %s",
					 path, dump, strerror(errno));

		free(dump);
		return err;
	}
	*fd_ret = fd;
	*dump_ret = dump;
	return NULL;
}

struct oms_error *oms_apport_extract(int fd, const char *path, int *fd_ret,
				     char **dump_ret)
{
	struct oms_error *err = NULL;
	unsigned long lineno = 0;
	size_t cap = 0;
	char *line = NULL;
	ssize_t n;
	FILE *f;
	int dfd, out;

	*dump_ret = NULL;
	dfd = dup(fd);
	if (dfd < 0 || lseek(dfd, 0, SEEK_SET) < 0 || !(f = fdopen(dfd, "r"))) {
		err = oms_error_create(OMS_ERR_OS, "cannot read '%s': %s",
				       path, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return err;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		char *v;

		lineno++;
		if (strncmp(line, VMCORE_KEY, sizeof(VMCORE_KEY) - 1))
			continue;
		/* the value, stripped as apport's load() does */
		v = line + sizeof(VMCORE_KEY) - 1;
		v += strspn(v, " \t");
		v[strcspn(v, " \t\r\n")] = 0;
		if (strcmp(v, "base64")) {
			err = oms_error_create(OMS_ERR_FORMAT,
					       "'%s': the apport field 'VmCore' is not a binary (base64) field",
					       path);
			goto out_close;
		}
		out = oms_tmpfile_fd();
		if (out < 0) {
			err = oms_error_create(OMS_ERR_OS,
					       "cannot create a temporary file for the dump in '%s': %s",
					       path, strerror(errno));
			goto out_close;
		}
		err = decode_field(f, out, path, &lineno);
		if (err) {
			close(out);
			goto out_close;
		}
		*fd_ret = out;
		goto out_close;
	}
	err = dump_beside(f, path, fd_ret, dump_ret);
out_close:
	free(line);
	fclose(f);
	return err;
}
