/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --apport-attach REPORT.crash: oomscan's verdict (OomScan, the text
 * report) and JSON (OomScanJSON) added to an apport crash report as two
 * text fields, in apport's format (problem_report.py): every other field
 * is kept byte for byte, and OomScan fields of an earlier run are
 * replaced.  The report is written to a new file, then renamed over the
 * old one.
 */
#ifndef OMS_CLI_APPORT_ATTACH_H
#define OMS_CLI_APPORT_ATTACH_H

#include "../lib/oomscan.h"

struct oms_error *oms_apport_attach(const char *report,
				    const struct oms_model *m,
				    const struct oms_options *opts,
				    const struct oms_source *src);

#endif
