// SPDX-License-Identifier: GPL-2.0
/*
 * The debug vmlinux by its build-id from the debuginfod servers of
 * $DEBUGINFOD_URLS (elfutils' libdebuginfod): the way Debian, Ubuntu and
 * Fedora users fetch debug info already.  The file lands in
 * libdebuginfod's own cache ($DEBUGINFOD_CACHE_PATH, else
 * ~/.cache/debuginfod_client), where the next run finds it at once;
 * $DEBUGINFOD_TIMEOUT and the other variables of debuginfod-find(1) apply.
 * A download of some hundred MB shows its progress on a terminal.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <elfutils/debuginfod.h>

#include "debuginfo.h"

struct progress {
	const char *build_id;
	bool shown;
};

static int show_progress(debuginfod_client *c, long done, long total)
{
	struct progress *p = debuginfod_get_user_data(c);

	if (total > 0)
		fprintf(stderr, "\roomscan: debuginfod: the vmlinux of build-id %.12s...: %ld of %ld MB",
			p->build_id, done >> 20, total >> 20);
	else
		fprintf(stderr, "\roomscan: debuginfod: the vmlinux of build-id %.12s...: %ld MB",
			p->build_id, done >> 20);
	p->shown = true;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool oms_debuginfod_enabled(void)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	return urls && *urls;
}

void oms_debuginfod_find(const char *build_id, char **path_ret,
			 char **why_ret)
{
	unsigned char bid[64];
	struct progress p = { .build_id = build_id };
	debuginfod_client *c;
	size_t len = build_id ? strlen(build_id) : 0, i;
	char *path = NULL;
	int fd;

	*path_ret = NULL;
	*why_ret = NULL;
	if (!oms_debuginfod_enabled())
		return;
	if (!len || len % 2 || len / 2 > sizeof(bid)) {
		if (asprintf(why_ret, "debuginfod: the dump has no usable BUILD-ID ('%s')",
			     build_id ? build_id : "") < 0)
			*why_ret = NULL;
		return;
	}
	for (i = 0; i < len / 2; i++) {
		int hi = hexval(build_id[2 * i]), lo = hexval(build_id[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			if (asprintf(why_ret, "debuginfod: the dump's BUILD-ID '%s' is not hex",
				     build_id) < 0)
				*why_ret = NULL;
			return;
		}
		bid[i] = (unsigned char)(hi << 4 | lo);
	}
	c = debuginfod_begin();
	if (!c) {
		if (asprintf(why_ret, "debuginfod: cannot start a client") < 0)
			*why_ret = NULL;
		return;
	}
	debuginfod_set_user_data(c, &p);
	if (isatty(STDERR_FILENO))
		debuginfod_set_progressfn(c, show_progress);
	fd = debuginfod_find_debuginfo(c, bid, (int)(len / 2), &path);
	if (p.shown)
		fprintf(stderr, "\n");
	if (fd >= 0) {
		close(fd);
		*path_ret = path;
	} else {
		free(path);
		if (asprintf(why_ret, "debuginfod: no vmlinux of build-id %s from %s: %s",
			     build_id, getenv("DEBUGINFOD_URLS"),
			     fd == -ENOENT ? "not found" : strerror(-fd)) < 0)
			*why_ret = NULL;
	}
	debuginfod_end(c);
}
