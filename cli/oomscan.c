// SPDX-License-Identifier: GPL-2.0
/*
 * oomscan: the standalone command.  Argument parsing, the dump backend,
 * exit codes; the analysis and the report are liboomscan's.
 *
 * Exit status: 0 complete report, 3 report with parts missing,
 * 1 the dump could not be analysed, 2 bad usage (docs/oomscan.1).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/backend/dump.h"
#include "../lib/oomscan.h"
#include "help.h"

enum {
	EXIT_COMPLETE = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_PARTIAL = 3,
};

enum {
	OPT_EXACT_RSS = 256,
	OPT_NO_FREE_LISTS,
	OPT_NO_LOG,
};

static const struct option long_options[] = {
	{ "vmlinux", required_argument, NULL, 'k' },
	{ "json", no_argument, NULL, 'j' },
	{ "top", required_argument, NULL, 'n' },
	{ "threads", no_argument, NULL, 't' },
	{ "exact-rss", no_argument, NULL, OPT_EXACT_RSS },
	{ "no-free-lists", no_argument, NULL, OPT_NO_FREE_LISTS },
	{ "no-log", no_argument, NULL, OPT_NO_LOG },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
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
	fprintf(stderr, "\nusage: oomscan [options] VMCORE (see oomscan --help)\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct oms_dump_options dopts = { 0 };
	struct oms_options opts;
	struct oms_source src;
	struct oms_model model;
	struct oms_dump *dump;
	struct oms_error *err;
	bool json = false;
	char *end;
	long top;
	int c, status;

	oms_options_init(&opts);
	while ((c = getopt_long(argc, argv, "k:jn:tfhV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'k':
			dopts.vmlinux = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'n':
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (errno || *end || top < 0 || top > INT_MAX)
				return usage_error("--top takes a number >= 0, not '%s'",
						   optarg);
			opts.top_n = (size_t)top;
			break;
		case 't':
			opts.all_threads = true;
			break;
		case OPT_EXACT_RSS:
			opts.exact_rss = true;
			break;
		case OPT_NO_FREE_LISTS:
			opts.walk_free_lists = false;
			break;
		case OPT_NO_LOG:
			opts.read_log = false;
			break;
		case 'f':
			dopts.force = true;
			break;
		case 'h':
			print_help(stdout);
			return EXIT_COMPLETE;
		case 'V':
			printf("oomscan %s (JSON schema_version %d)\n",
			       OMS_VERSION, OMS_SCHEMA_VERSION);
			return EXIT_COMPLETE;
		default:
			fprintf(stderr, "usage: oomscan [options] VMCORE (see oomscan --help)\n");
			return EXIT_USAGE;
		}
	}
	if (optind == argc)
		return usage_error("%s", "no VMCORE given");
	if (optind + 1 != argc)
		return usage_error("one VMCORE at a time, not also '%s'",
				   argv[optind + 1]);
	if (!dopts.vmlinux)
		dopts.vmlinux = getenv("OOMSCAN_VMLINUX");

	err = oms_dump_open(argv[optind], &dopts, &dump);
	if (err) {
		fprintf(stderr, "oomscan: %s\n", err->message);
		oms_error_destroy(err);
		return EXIT_FAILED;
	}

	oms_model_init(&model);
	err = oms_analyze(oms_dump_target(dump), &opts, &model);
	if (err) {
		fprintf(stderr, "oomscan: %s: %s\n", argv[optind], err->message);
		oms_error_destroy(err);
		oms_model_deinit(&model);
		oms_dump_destroy(dump);
		return EXIT_FAILED;
	}
	src.path = argv[optind];
	src.format = oms_dump_format(dump);
	src.vmlinux = oms_dump_vmlinux(dump);
	src.build_id = oms_dump_build_id(dump);
	if (json)
		oms_report_json(stdout, &model, &opts, &src);
	else
		oms_report_text(stdout, &model, &opts, &src);
	status = oms_model_partial(&model) ? EXIT_PARTIAL : EXIT_COMPLETE;
	oms_model_deinit(&model);
	oms_dump_destroy(dump);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "oomscan: cannot write the report: %s\n",
			strerror(errno));
		return EXIT_FAILED;
	}
	return status;
}
