// SPDX-License-Identifier: GPL-2.0
/*
 * oomscan.so: the `oomscan` command inside crash, on liboomscan with crash
 * itself as the target (target_crash.c).
 *
 *	crash> extend oomscan.so
 *	crash> oomscan [--json] [--top N] [--threads] ...
 *
 * The options and the report are those of the standalone command; the dump
 * and the vmlinux are crash's.  The report goes to crash's fp, so pipes and
 * redirections work.  Nothing here exits or longjmps: a bad argument or a
 * failed analysis is one error(INFO) line and the command returns.  Only
 * the constructor runs at load time; every symbol is hidden.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "../lib/oomscan.h"
#include "target_crash.h"
#include "help.h"

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

enum parse_result {
	PARSE_RUN,
	PARSE_DONE,	/* --help, --version: printed, nothing to analyse */
	PARSE_ERROR,	/* the error line is printed */
};

/* crash's args[]: the options of the standalone command, no VMCORE */
static enum parse_result parse_args(struct oms_options *opts, bool *json)
{
	int c, saved_opterr = opterr;
	enum parse_result res = PARSE_RUN;
	char *end;
	long top;

	optind = 0;	/* glibc: start over, whatever the last command left */
	opterr = 0;	/* one error line, ours */
	while (res == PARSE_RUN &&
	       (c = getopt_long(argcnt, args, ":k:jn:tfhV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'k':
		case 'f':
			error(INFO, "%s: ignored, the vmlinux is crash's\n",
			      c == 'k' ? "--vmlinux" : "--force");
			break;
		case 'j':
			*json = true;
			break;
		case 'n':
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (errno || *end || top < 0 || top > INT_MAX) {
				error(INFO, "--top takes a number >= 0, not '%s'\n",
				      optarg);
				res = PARSE_ERROR;
			}
			opts->top_n = (size_t)top;
			break;
		case 't':
			opts->all_threads = true;
			break;
		case OPT_EXACT_RSS:
			opts->exact_rss = true;
			break;
		case OPT_NO_FREE_LISTS:
			opts->walk_free_lists = false;
			break;
		case OPT_NO_LOG:
			opts->read_log = false;
			break;
		case 'h':
			cmd_usage(pc->curcmd, COMPLETE_HELP);
			res = PARSE_DONE;
			break;
		case 'V':
			fprintf(fp, "oomscan %s (JSON schema_version %d)\n",
				OMS_VERSION, OMS_SCHEMA_VERSION);
			res = PARSE_DONE;
			break;
		case ':':
			error(INFO, "option '%s' needs an argument\n",
			      args[optind - 1]);
			res = PARSE_ERROR;
			break;
		default:
			if (optopt)
				error(INFO, "unknown option '-%c' (see help oomscan)\n",
				      optopt);
			else
				error(INFO, "unknown option '%s' (see help oomscan)\n",
				      args[optind - 1]);
			res = PARSE_ERROR;
			break;
		}
	}
	if (res == PARSE_RUN && optind < argcnt) {
		error(INFO, "'%s': the dump is crash's, oomscan takes only options\n",
		      args[optind]);
		res = PARSE_ERROR;
	}
	opterr = saved_opterr;
	optind = 0;
	return res;
}

static const char *dump_format(void)
{
	if (pc->flags2 & FLAT)
		return "flattened";
	if (DISKDUMP_DUMPFILE())
		return "kdump-compressed";
	if (KDUMP_DUMPFILE() || NETDUMP_DUMPFILE())
		return "elf";
	if (LIVE())
		return "live system";
	return "crash session";
}

/*
 * Debian's crash 8.0.2 builds its task table from the PID hash, and on
 * 6.1.192 finds only the tasks that were running ("not found in PID hash").
 * oomscan walks init_task's list itself; say when the two views differ.
 */
static void task_view_note(FILE *out, const struct oms_model *m)
{
	if (!m->tasks.complete || RUNNING_TASKS() >= m->tasks.nr_threads_total)
		return;
	fprintf(out, "note: crash's task table has %lu tasks, the kernel's task list %zu threads; this report is from the kernel's list\n",
		RUNNING_TASKS(), m->tasks.nr_threads_total);
}

static long call_getbuf(void *arg)
{
	return (long)GETBUF(*(size_t *)arg);
}

/*
 * Put the rendered report on crash's fp.  The model and the memstream are
 * freed before the first write: a reader that goes away (`oomscan | head`)
 * sends crash a SIGPIPE, and crash longjmps to its command loop from inside
 * fwrite.  The copy in a GETBUF buffer is freed by crash itself then.
 */
static void put_report(char *text, size_t len)
{
	long buf = 0;

	if (!len) {
		free(text);
		return;
	}
	if (!oms_crash_guard(call_getbuf, &len, &buf) || !buf) {
		free(text);
		error(INFO, "cannot allocate %zu bytes for the report\n", len);
		return;
	}
	memcpy((char *)buf, text, len);
	free(text);
	fwrite((char *)buf, 1, len, fp);
	fflush(fp);
	FREEBUF(buf);
}

static void cmd_oomscan(void)
{
	struct oms_crash_target ct = { 0 };
	struct oms_target t = { &oms_crash_target_ops, &ct };
	struct oms_options opts;
	struct oms_source src = { 0 };
	struct oms_model model;
	struct oms_error *err;
	bool json = false;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	oms_options_init(&opts);
	if (parse_args(&opts, &json) != PARSE_RUN)
		return;

	oms_model_init(&model);
	err = oms_analyze(&t, &opts, &model);
	oms_crash_target_deinit(&ct);
	if (err) {
		error(INFO, "%s\n", err->message);
		oms_error_destroy(err);
		oms_model_deinit(&model);
		return;
	}
	src.path = pc->dumpfile;
	src.format = dump_format();
	src.vmlinux = pc->namelist;
	out = open_memstream(&text, &len);
	if (!out) {
		error(INFO, "cannot render the report: %s\n", strerror(errno));
		oms_model_deinit(&model);
		return;
	}
	if (json) {
		oms_report_json(out, &model, &opts, &src);
	} else {
		oms_report_text(out, &model, &opts, &src);
		task_view_note(out, &model);
	}
	oms_model_deinit(&model);
	if (fclose(out) != 0) {
		free(text);
		error(INFO, "cannot render the report: %s\n", strerror(errno));
		return;
	}
	put_report(text, len);
	if (ct.interrupted)
		error(INFO, "interrupted: the report above is incomplete\n");
	else if (ct.caught)
		error(INFO, "crash failed %lu reads or look-ups; the report says what it lacks\n",
		      ct.caught);
}

static struct command_table_entry command_table[] = {
	{ "oomscan", cmd_oomscan, oms_crash_help, 0 },
	{ NULL },
};

static void __attribute__((constructor)) oomscan_init(void)
{
	register_extension(command_table);
}
