// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-kreport: libFuzzer on the parser of the kernel's OOM report
 * (lib/analysis/kreport.c).  The input is the log text, as oms_printk_read() or
 * `makedumpfile --dump-dmesg` gives it; the text is not NUL-terminated, so
 * that a read past its end is a sanitizer report.  What was parsed then goes
 * where the analysis takes it: the OOM decision, the cross-check against an
 * empty dump and both reports (to /dev/null).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/analysis/crosscheck.h"
#include "../../lib/analysis/kreport.h"
#include "../../lib/analysis/oom.h"
#include "../../lib/oomscan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("fuzz-kreport: /dev/null");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oms_oom_options oo = { 0 };
	struct oms_options o;
	struct oms_model m;
	struct oms_error *err;

	oms_options_init(&o);
	oms_model_init(&m);
	err = oms_kreport_parse((const char *)data, size, &m.report);
	if (!err) {
		/* as oms_analyze() goes on after the log */
		m.panic_is_oom = strstr(m.report.panic_line,
					 "Out of memory") != NULL;
		oms_error_destroy(oms_oom_compute(&m, &oo));
		oms_error_destroy(oms_crosscheck_run(&m));
		oms_report_text(devnull, &m, &o, NULL);
		oms_report_json(devnull, &m, &o, NULL);
		fflush(devnull);
	}
	oms_error_destroy(err);
	oms_model_deinit(&m);
	return 0;
}
