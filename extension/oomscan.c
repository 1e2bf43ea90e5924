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
#include "../lib/front/args.h"
#include "../lib/oomscan.h"
#include "target_crash.h"
#include "help.h"

enum parse_result {
	PARSE_RUN,
	PARSE_DONE,	/* --help, --version: printed, nothing to analyse */
	PARSE_ERROR,	/* the error line is printed */
};

/* crash's args[]: the options of the standalone command, no VMCORE */
static enum parse_result parse_args(struct oms_options *opts, bool *json)
{
	struct oms_error *err;
	struct oms_args a;

	err = oms_args_parse(argcnt, args, &a);
	if (err) {
		error(INFO, "%s (see help oomscan)\n", err->message);
		oms_error_destroy(err);
		return PARSE_ERROR;
	}
	if (a.help) {
		cmd_usage(pc->curcmd, COMPLETE_HELP);
		return PARSE_DONE;
	}
	if (a.version) {
		fprintf(fp, "oomscan %s (JSON schema_version %d)\n",
			OMS_VERSION, OMS_SCHEMA_VERSION);
		return PARSE_DONE;
	}
	if (a.vmlinux)
		error(INFO, "--vmlinux: ignored, the vmlinux is crash's\n");
	if (a.force)
		error(INFO, "--force: ignored, the vmlinux is crash's\n");
	if (a.batch_options)
		error(INFO, "--jobs, --timeout, --max-memory: ignored, crash has one dump open\n");
	if (a.first_operand < argcnt) {
		error(INFO, "'%s': the dump is crash's, oomscan takes only options\n",
		      args[a.first_operand]);
		return PARSE_ERROR;
	}
	*opts = a.opts;
	*json = a.json;
	return PARSE_RUN;
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
	char partial[512] = "";
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
	src.types = "dwarf";		/* crash's gdb reads the vmlinux's */
	src.symbols = "vmlinux";
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
	if (oms_model_partial(&model))
		oms_model_partial_line(&model, partial, sizeof(partial));
	oms_model_deinit(&model);
	if (fclose(out) != 0) {
		free(text);
		error(INFO, "cannot render the report: %s\n", strerror(errno));
		return;
	}
	put_report(text, len);
	if (ct.interrupted)
		error(INFO, "interrupted: the report above is incomplete\n");
	else if (partial[0] && ct.caught)
		error(INFO, "partial report: %s; crash failed %lu reads or look-ups\n",
		      partial, ct.caught);
	else if (partial[0])
		error(INFO, "partial report: %s\n", partial);
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
