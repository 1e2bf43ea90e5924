// SPDX-License-Identifier: GPL-2.0
/*
 * printk-dump VMCORE [VMLINUX]: print the kernel log held in a dump, read
 * by lib/printk.c through the real backend, the way `makedumpfile
 * --dump-dmesg` prints it (tests/printk.test compares the two).
 * Exit 0 on success, 1 on an error (the text read so far is still
 * printed), 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../lib/backend/dump/dump.h"
#include "../../lib/collect/printk.h"

int main(int argc, char **argv)
{
	struct oms_dump_options opts = { 0 };
	struct oms_dump *d;
	struct oms_error *err;
	char *text;
	size_t len;
	int ret = 0;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: printk-dump VMCORE [VMLINUX]\n");
		return 2;
	}
	if (argc == 3)
		opts.vmlinux = argv[2];
	err = oms_dump_open(argv[1], &opts, &d);
	if (err) {
		fprintf(stderr, "printk-dump: %s: %s\n", argv[1], err->message);
		oms_error_destroy(err);
		return 1;
	}
	err = oms_printk_read(oms_dump_target(d), &text, &len);
	if (text && fwrite(text, 1, len, stdout) != len)
		ret = 1;
	if (err) {
		fprintf(stderr, "printk-dump: %s: %s\n", argv[1], err->message);
		oms_error_destroy(err);
		ret = 1;
	}
	free(text);
	oms_dump_destroy(d);
	return ret;
}
