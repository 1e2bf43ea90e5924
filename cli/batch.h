/* SPDX-License-Identifier: GPL-2.0 */
/*
 * oomscan on many dumps: files, folders walked for dumps (the kdump-tools
 * layout /var/crash/STAMP/dump.STAMP), each analysed in a child process
 * with a time and memory limit, --jobs of them at a time; JSON lines or a
 * summary table grouped by signature (docs/oomscan.1, BATCH).
 */
#ifndef OMS_CLI_BATCH_H
#define OMS_CLI_BATCH_H

#include <stdbool.h>

#include "../lib/front/args.h"
#include "../lib/backend/dump/dump.h"

/* true when the operands make a batch: more than one, or a folder */
bool oms_batch_wanted(char **operands, int n);

/* analyse every dump of the operands; the exit status: 0 all complete,
 * 3 some partial, 1 some failed (or none found) */
int oms_batch_run(const struct oms_args *a,
		  const struct oms_dump_options *dopts, char **operands,
		  int n);

#endif
