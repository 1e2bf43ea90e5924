// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-flat: libFuzzer on the reassembly of makedumpfile's flattened
 * format (lib/backend/dump/flat.c).  The input is the stream's file (a memfd):
 * recognised (oms_flat_detect) and reassembled (oms_flat_reassemble,
 * whatever the first said) into a temporary file in $TMPDIR, closed again.
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
	int fd, out = -1;

	fd = memfd_create("fuzz-flat", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		perror("fuzz-flat: memfd");
		exit(1);
	}
	(void)oms_flat_detect(fd);
	err = oms_flat_reassemble(fd, "fuzz.flat", &out);
	if (!err)
		close(out);
	oms_error_destroy(err);
	close(fd);
	return 0;
}
