// SPDX-License-Identifier: GPL-2.0
/*
 * kdump-peek: the libkdumpfile check of the dump generator's tests.
 *
 *   kdump-peek VMCORE ADDRESS [LENGTH]
 *
 * Opens VMCORE with libkdumpfile, adds the KASLR offset from its VMCOREINFO
 * (KERNELOFFSET) to ADDRESS, an unrelocated kernel virtual address as the
 * vmlinux symbol table has it, reads LENGTH bytes (default 16) there and
 * prints them as a string, up to the first NUL.  Exit 0 on success, 1 with
 * one line on stderr on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

static int fail(kdump_ctx_t *ctx, const char *what)
{
	fprintf(stderr, "kdump-peek: %s: %s\n", what,
		ctx ? kdump_get_err(ctx) : strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	kdump_ctx_t *ctx;
	kdump_addr_t addr;
	unsigned long long offset = 0;
	char *val = NULL, *end, buf[256];
	size_t len = 16;
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: kdump-peek VMCORE ADDRESS [LENGTH]\n");
		return 2;
	}
	addr = strtoull(argv[2], &end, 0);
	if (*end) {
		fprintf(stderr, "kdump-peek: bad address '%s'\n", argv[2]);
		return 2;
	}
	if (argc == 4)
		len = strtoul(argv[3], NULL, 0);
	if (!len || len >= sizeof(buf)) {
		fprintf(stderr, "kdump-peek: length must be 1..%zu\n",
			sizeof(buf) - 1);
		return 2;
	}

	fd = open(argv[1], O_RDONLY);
	if (fd < 0)
		return fail(NULL, argv[1]);
	ctx = kdump_new();
	if (!ctx)
		return fail(NULL, "kdump_new");
	if (kdump_open_fd(ctx, fd) != KDUMP_OK)
		return fail(ctx, "cannot open dump");
	if (kdump_set_string_attr(ctx, KDUMP_ATTR_OSTYPE, "linux") != KDUMP_OK)
		return fail(ctx, "cannot set up linux address translation");
	if (kdump_vmcoreinfo_line(ctx, "KERNELOFFSET", &val) == KDUMP_OK) {
		offset = strtoull(val, NULL, 16);
		free(val);
	}
	memset(buf, 0, sizeof(buf));
	if (kdump_read(ctx, KDUMP_KVADDR, addr + offset, buf, &len) != KDUMP_OK)
		return fail(ctx, "cannot read memory");
	printf("%s\n", buf);
	kdump_free(ctx);
	close(fd);
	return 0;
}
