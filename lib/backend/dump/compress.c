// SPDX-License-Identifier: GPL-2.0
/*
 * A dump inside an outer compression (vmcore.gz, .xz, .zst, .lz4, .bz2),
 * recognised by its magic bytes, not its name: it is decompressed by the
 * Debian tool of its format (gzip, xz-utils, zstd, lz4, bzip2) into an
 * unlinked temporary file, which kdump.c then opens like any dump (a
 * flattened dump inside is reassembled after that).
 *
 * Magic numbers: gzip RFC 1952 (1f 8b), xz file format 1.0 (fd "7zXZ" 00),
 * zstd RFC 8878 (28 b5 2f fd), lz4 frame format (04 22 4d 18) and its
 * legacy format (02 21 4c 18), bzip2 ("BZh" and the block size '1'..'9').
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dump.h"
#include "internal.h"

struct compression {
	const char *name;	/* the tool, run as `name -d -c` */
	unsigned char magic[6];
	size_t len;
};

static const struct compression compressions[] = {
	{ "gzip", { 0x1f, 0x8b }, 2 },
	{ "xz", { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, 6 },
	{ "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4 },
	{ "lz4", { 0x04, 0x22, 0x4d, 0x18 }, 4 },
	{ "lz4", { 0x02, 0x21, 0x4c, 0x18 }, 4 },
	{ "bzip2", { 'B', 'Z', 'h' }, 3 },
};

static const char *detect(const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(compressions) / sizeof(compressions[0]); i++) {
		const struct compression *c = &compressions[i];

		if (len < c->len || memcmp(buf, c->magic, c->len))
			continue;
		/* bzip2: "BZh" alone is too weak, the block size follows */
		if (c->magic[0] == 'B' &&
		    (len < 4 || buf[3] < '1' || buf[3] > '9'))
			continue;
		return c->name;
	}
	return NULL;
}

const char *oms_compress_detect(int fd)
{
	unsigned char buf[8];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);

	return n > 0 ? detect(buf, (size_t)n) : NULL;
}

/*
 * Run `tool -d -c` with fd as its input from offset 0 and out as its
 * output; its stderr goes to the pipe whose read end is *err_fd.  The
 * child's pid, or -1 with errno.
 */
static pid_t spawn(const char *tool, int fd, int out, int *err_fd)
{
	int errpipe[2];
	pid_t pid;

	if (pipe2(errpipe, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(errpipe[0]);
		close(errpipe[1]);
		return -1;
	}
	if (!pid) {
		/* the child: only async-signal-safe calls until exec */
		if (lseek(fd, 0, SEEK_SET) < 0 || dup2(fd, 0) < 0 ||
		    dup2(out, 1) < 0 || dup2(errpipe[1], 2) < 0)
			_exit(126);
		signal(SIGPIPE, SIG_DFL);
		execlp(tool, tool, "-d", "-c", (char *)NULL);
		dprintf(2, "cannot run '%s': %s (install the %s package)\n",
			tool, strerror(errno),
			strcmp(tool, "xz") ? tool : "xz-utils");
		_exit(127);
	}
	close(errpipe[1]);
	*err_fd = errpipe[0];
	return pid;
}

/* the first line the tool printed on stderr, at most len - 1 bytes */
static void first_line(int fd, char *line, size_t len)
{
	size_t used = 0, skip;
	char buf[512];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (used + 1 < len) {
			size_t k = (size_t)n < len - 1 - used ? (size_t)n :
				   len - 1 - used;

			memcpy(line + used, buf, k);
			used += k;
		}
	}
	line[used] = 0;
	/* the first line that is not empty, without its trailing blanks */
	skip = strspn(line, " \t\n");
	memmove(line, line + skip, used - skip + 1);
	line[strcspn(line, "\n")] = 0;
	for (used = strlen(line); used && (line[used - 1] == ' ' ||
					   line[used - 1] == '\t'); used--)
		line[used - 1] = 0;
}

static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

struct oms_error *oms_decompress(int fd, const char *path, int *fd_ret)
{
	const char *tool = oms_compress_detect(fd);
	struct oms_error *err = NULL;
	char line[200];
	int out, errfd, status;
	pid_t pid;

	if (!tool)
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s' is not compressed", path);
	out = oms_tmpfile_fd();
	if (out < 0)
		return oms_error_create(OMS_ERR_OS,
					"cannot create a temporary file to decompress '%s': %s",
					path, strerror(errno));
	pid = spawn(tool, fd, out, &errfd);
	if (pid < 0) {
		err = oms_error_create(OMS_ERR_OS,
				       "cannot start %s to decompress '%s': %s",
				       tool, path, strerror(errno));
		goto out_close;
	}
	first_line(errfd, line, sizeof(line));
	close(errfd);
	status = wait_child(pid);
	if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		if (!line[0] && status >= 0 && WIFSIGNALED(status))
			snprintf(line, sizeof(line), "killed by signal %d",
				 WTERMSIG(status));
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s' is %s-compressed and cannot be decompressed (corrupt or truncated?): %s",
				       path, tool,
				       line[0] ? line : "the decompressor failed");
		goto out_close;
	}
	*fd_ret = out;
	return NULL;

out_close:
	close(out);
	return err;
}

/* the dump signatures: libkdumpfile's, flat.c's, and an ELF core */
static bool dump_magic(const unsigned char *buf, size_t len)
{
	if (len >= 8 && (!memcmp(buf, "KDUMP   ", 8) ||
			 !memcmp(buf, "DISKDUMP", 8)))
		return true;
	if (len >= 13 && !memcmp(buf, "makedumpfile", 13))
		return true;
	/* e_type ET_CORE (4), in the byte order of EI_DATA (1 LE, 2 BE) */
	if (len >= 18 && !memcmp(buf, "\177ELF", 4))
		return buf[5] == 2 ? buf[16] == 0 && buf[17] == 4 :
				     buf[16] == 4 && buf[17] == 0;
	return false;
}

bool oms_dump_sniff(const char *path)
{
	unsigned char buf[32];
	const char *tool;
	size_t len = 0;
	ssize_t n;
	int fd, pfd[2], errfd;
	pid_t pid;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = pread(fd, buf, sizeof(buf), 0);
	tool = n > 0 ? detect(buf, (size_t)n) : NULL;
	if (!tool) {
		/* an apport report counts when it holds the dump: one that
		 * names the dump beside it would count that dump twice */
		bool dump = n > 0 && (dump_magic(buf, (size_t)n) ||
				      oms_apport_detect(fd) == OMS_APPORT_VMCORE);

		close(fd);
		return dump;
	}
	/* the first bytes of the decompressed content */
	if (pipe2(pfd, O_CLOEXEC)) {
		close(fd);
		return false;
	}
	pid = spawn(tool, fd, pfd[1], &errfd);
	close(pfd[1]);
	close(fd);
	if (pid < 0) {
		close(pfd[0]);
		return false;
	}
	close(errfd);	/* its complaints do not matter here */
	while (len < sizeof(buf)) {
		n = read(pfd[0], buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(pfd[0]);
	kill(pid, SIGKILL);
	wait_child(pid);
	return dump_magic(buf, len);
}
