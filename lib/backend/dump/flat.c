// SPDX-License-Identifier: GPL-2.0
/*
 * makedumpfile's flattened format (`makedumpfile -F`, what kdump-tools
 * pipes over ssh), which libkdumpfile 0.5.1 cannot open: a 4096-byte
 * header that starts with "makedumpfile\0", then records of
 * {int64 offset; int64 size} (big-endian), each followed by size bytes to
 * put at offset of the real dump, ended by a record whose offset and size
 * are -1 (makedumpfile.h: MAKEDUMPFILE_SIGNATURE, struct
 * makedumpfile_data_header).  `makedumpfile -R` does the same as
 * oms_flat_reassemble.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define FLAT_SIGNATURE		"makedumpfile"
#define FLAT_HEADER_SIZE	4096
/* no real dump is larger: it stops a corrupt offset making a huge file */
#define FLAT_MAX_OFFSET		(1ULL << 46)

bool oms_flat_detect(int fd)
{
	char sig[sizeof(FLAT_SIGNATURE)];

	return pread(fd, sig, sizeof(sig), 0) == (ssize_t)sizeof(sig) &&
	       !memcmp(sig, FLAT_SIGNATURE, sizeof(sig));
}

int oms_tmpfile_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
			errno != EINVAL))
		return fd;
	/* a file system without O_TMPFILE */
	if (asprintf(&tmpl, "%s/oomscan-tmp.XXXXXX", dir) < 0) {
		errno = ENOMEM;
		return -1;
	}
	fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0)
		unlink(tmpl);
	free(tmpl);
	return fd;
}

int oms_write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* read exactly len bytes at *pos; 0, or -1 with errno (0 at end of file) */
static int read_at(int fd, void *buf, size_t len, uint64_t *pos)
{
	char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)*pos);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = 0;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		*pos += (uint64_t)n;
	}
	return 0;
}

static struct oms_error *read_error(const char *path, uint64_t pos)
{
	if (!errno)
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s': flattened dump ends inside a record at %llu (truncated?)",
					path, (unsigned long long)pos);
	return oms_error_create(OMS_ERR_OS, "cannot read '%s': %s", path,
				strerror(errno));
}

struct oms_error *oms_flat_reassemble(int fd, const char *path, int *fd_ret)
{
	struct oms_error *err = NULL;
	uint64_t pos = FLAT_HEADER_SIZE;
	size_t bufsize = 1 << 20;
	char *buf;
	int out;

	buf = malloc(bufsize);
	if (!buf)
		return &oms_enomem;
	out = oms_tmpfile_fd();
	if (out < 0) {
		err = oms_error_create(OMS_ERR_OS,
				       "cannot create a temporary file for the flattened dump '%s': %s",
				       path, strerror(errno));
		goto out_free_buf;
	}
	for (;;) {
		int64_t rec[2], offset, size;
		uint64_t done;

		if (read_at(fd, rec, sizeof(rec), &pos)) {
			err = read_error(path, pos);
			goto out_close;
		}
		offset = (int64_t)be64toh((uint64_t)rec[0]);
		size = (int64_t)be64toh((uint64_t)rec[1]);
		if (offset == -1 && size == -1)
			break;
		if (offset < 0 || size < 0 ||
		    (uint64_t)offset + (uint64_t)size > FLAT_MAX_OFFSET) {
			err = oms_error_create(OMS_ERR_FORMAT,
					       "'%s': bad flattened record at %llu (offset %lld, size %lld)",
					       path,
					       (unsigned long long)pos - 16,
					       (long long)offset,
					       (long long)size);
			goto out_close;
		}
		for (done = 0; done < (uint64_t)size;) {
			size_t n = bufsize;

			if ((uint64_t)size - done < n)
				n = (size_t)((uint64_t)size - done);
			if (read_at(fd, buf, n, &pos)) {
				err = read_error(path, pos);
				goto out_close;
			}
			if (pwrite(out, buf, n, (off_t)((uint64_t)offset + done)) !=
			    (ssize_t)n) {
				err = oms_error_create(OMS_ERR_OS,
						       "cannot write the reassembled flattened dump: %s",
						       errno ? strerror(errno) : "short write");
				goto out_close;
			}
			done += n;
		}
	}
	*fd_ret = out;
	goto out_free_buf;

out_close:
	close(out);
out_free_buf:
	free(buf);
	return err;
}
