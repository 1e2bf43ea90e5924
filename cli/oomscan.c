// SPDX-License-Identifier: GPL-2.0
/*
 * oomscan: the standalone command.  Argument parsing, the dump backend,
 * exit codes; the analysis and the report are liboomscan's.
 *
 * Exit status: 0 complete report, 3 report with parts missing,
 * 1 the dump could not be analysed, 2 bad usage (docs/oomscan.1).
 * Several dumps, or a folder of them, are a batch (batch.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/backend/dump/dump.h"
#include "../lib/front/args.h"
#include "../lib/oomscan.h"
#include "../lib/analysis/printable.h"
#include "apport_attach.h"
#include "batch.h"
#include "help.h"

enum {
	EXIT_COMPLETE = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_PARTIAL = 3,
};

static void print_help(FILE *out)
{
	size_t i;

	for (i = 0; i < sizeof(oms_help_lines) / sizeof(oms_help_lines[0]); i++)
		fprintf(out, "%s\n", oms_help_lines[i]);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "oomscan: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nusage: oomscan [options] VMCORE... (see oomscan --help)\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct oms_dump_options dopts = { 0 };
	struct oms_source src = { 0 };
	struct oms_model model;
	struct oms_dump *dump;
	struct oms_error *err;
	struct oms_args a;
	const char *path;
	int status;

	err = oms_args_parse(argc, argv, &a);
	if (err) {
		usage_error("%s", err->message);
		oms_error_destroy(err);
		return EXIT_USAGE;
	}
	if (a.help) {
		print_help(stdout);
		return EXIT_COMPLETE;
	}
	if (a.version) {
		printf("oomscan %s (JSON schema_version %d)\n", OMS_VERSION,
		       OMS_SCHEMA_VERSION);
		return EXIT_COMPLETE;
	}
	if (a.apport_attach) {
		/* the report's own VmCore, or the dump given next to it */
		if (argc - a.first_operand > 1)
			return usage_error("%s", "--apport-attach takes one report and at most one VMCORE");
		if (a.batch_options)
			return usage_error("%s", "--apport-attach analyses one dump: no --jobs, --timeout or --max-memory");
		path = a.first_operand < argc ? argv[a.first_operand] :
						 a.apport_attach;
	} else if (a.first_operand == argc) {
		return usage_error("%s", "no VMCORE given");
	} else {
		path = argv[a.first_operand];
	}
	/* $OOMSCAN_VMLINUX is a vmlinux given, unless --btf-only says none */
	dopts.vmlinux = a.vmlinux ? a.vmlinux :
			a.btf_only ? NULL : getenv("OOMSCAN_VMLINUX");
	dopts.force = a.force;
	dopts.btf_only = a.btf_only;
	dopts.no_debuginfod = a.no_debuginfod;
	if (!a.apport_attach &&
	    oms_batch_wanted(argv + a.first_operand, argc - a.first_operand))
		return oms_batch_run(&a, &dopts, argv + a.first_operand,
				     argc - a.first_operand);

	err = oms_dump_open(path, &dopts, &dump);
	if (err) {
		fprintf(stderr, "oomscan: %s\n", err->message);
		oms_error_destroy(err);
		return EXIT_FAILED;
	}

	if (oms_dump_warning(dump)) {
		/* it may quote the dump: the text rule of printable.h */
		fprintf(stderr, "oomscan: warning: ");
		oms_fputs_printable(oms_dump_warning(dump), stderr);
		fputc('\n', stderr);
	}
	oms_model_init(&model);
	err = oms_analyze(oms_dump_target(dump), &a.opts, &model);
	if (err) {
		fprintf(stderr, "oomscan: %s: %s\n", path, err->message);
		oms_error_destroy(err);
		oms_model_deinit(&model);
		oms_dump_destroy(dump);
		return EXIT_FAILED;
	}
	src.path = oms_dump_path(dump);
	src.format = oms_dump_format(dump);
	src.vmlinux = oms_dump_vmlinux(dump);
	src.types = oms_dump_types(dump);
	src.symbols = oms_dump_symbols(dump);
	src.debuginfod = oms_dump_debuginfod(dump);
	src.build_id = oms_dump_build_id(dump);
	src.n_recovered = oms_dump_recovered(dump, &src.recovered_names,
					     &src.recovered_from);
	if (a.apport_attach) {
		err = oms_apport_attach(a.apport_attach, &model, &a.opts, &src);
		if (err) {
			fprintf(stderr, "oomscan: %s\n", err->message);
			oms_error_destroy(err);
			oms_model_deinit(&model);
			oms_dump_destroy(dump);
			return EXIT_FAILED;
		}
	}
	if (a.json)
		oms_report_json(stdout, &model, &a.opts, &src);
	else
		oms_report_text(stdout, &model, &a.opts, &src);
	status = oms_model_partial(&model) ? EXIT_PARTIAL : EXIT_COMPLETE;
	if (status == EXIT_PARTIAL) {
		/* for a script that reads only the exit status and stderr */
		char line[512];

		oms_model_partial_line(&model, line, sizeof(line));
		fprintf(stderr, "oomscan: partial report: %s\n", line);
	}
	oms_model_deinit(&model);
	oms_dump_destroy(dump);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "oomscan: cannot write the report: %s\n",
			strerror(errno));
		return EXIT_FAILED;
	}
	return status;
}
