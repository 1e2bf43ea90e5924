// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-apport: libFuzzer on the reader of apport crash reports
 * (lib/backend/dump/apport.c).  The input is the report's file (a memfd); it is
 * recognised (oms_apport_detect) and its dump taken out (oms_apport_extract,
 * whatever the first said: a file must never crash it), into a temporary
 * file in $TMPDIR, closed again.  The report's path is in a folder that
 * does not exist, so that a report without VmCore finds no dump beside it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../lib/backend/dump/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oms_error *err;
	char *dump = NULL;
	int fd, out = -1;

	fd = memfd_create("fuzz-apport", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		perror("fuzz-apport: memfd");
		exit(1);
	}
	(void)oms_apport_detect(fd);
	err = oms_apport_extract(fd, "/nonexistent/fuzz.crash", &out, &dump);
	if (!err)
		close(out);
	oms_error_destroy(err);
	free(dump);
	close(fd);
	return 0;
}
