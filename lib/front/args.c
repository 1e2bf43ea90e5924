// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

enum {
	OPT_EXACT_RSS = 256,
	OPT_NO_FREE_LISTS,
	OPT_NO_LOG,
	OPT_TIMEOUT,
	OPT_MAX_MEMORY,
	OPT_JSON,
	OPT_APPORT_ATTACH,
	OPT_BTF_ONLY,
	OPT_NO_DEBUGINFOD,
	OPT_PAGES,
};

static const struct option long_options[] = {
	{ "vmlinux", required_argument, NULL, 'k' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "top", required_argument, NULL, 'n' },
	{ "threads", no_argument, NULL, 't' },
	{ "exact-rss", no_argument, NULL, OPT_EXACT_RSS },
	{ "no-free-lists", no_argument, NULL, OPT_NO_FREE_LISTS },
	{ "no-log", no_argument, NULL, OPT_NO_LOG },
	{ "pages", no_argument, NULL, OPT_PAGES },
	{ "force", no_argument, NULL, 'f' },
	{ "btf-only", no_argument, NULL, OPT_BTF_ONLY },
	{ "no-debuginfod", no_argument, NULL, OPT_NO_DEBUGINFOD },
	{ "jobs", required_argument, NULL, 'j' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
	{ "apport-attach", required_argument, NULL, OPT_APPORT_ATTACH },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static struct oms_error *parse_top(const char *arg, size_t *ret)
{
	char *end;
	long top;

	errno = 0;
	top = strtol(arg, &end, 10);
	if (errno || end == arg || *end || top < 0 || top > INT_MAX)
		return oms_error_create(OMS_ERR_USAGE,
					"--top takes a number >= 0, not '%s'",
					arg);
	*ret = (size_t)top;
	return NULL;
}

/* --jobs, --timeout, --max-memory: a number from 1 to max */
static struct oms_error *parse_count(const char *opt, const char *arg,
				     unsigned int max, unsigned int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > (long)max)
		return oms_error_create(OMS_ERR_USAGE,
					"%s takes a number from 1 to %u, not '%s'",
					opt, max, arg);
	*ret = (unsigned int)v;
	return NULL;
}

struct oms_error *oms_args_parse(int argc, char **argv, struct oms_args *a)
{
	struct oms_error *err = NULL;
	int c, saved_opterr = opterr;

	memset(a, 0, sizeof(*a));
	oms_options_init(&a->opts);
	a->jobs = 1;
	a->timeout = 120;
	a->max_memory = 2048;
	optind = 0;	/* glibc: start over, whatever the last parse left */
	opterr = 0;	/* the error is ours, one line */
	while (!err && (c = getopt_long(argc, argv, ":k:n:tfhVj:", long_options,
					NULL)) != -1) {
		switch (c) {
		case 'k': a->vmlinux = optarg; break;
		case OPT_JSON: a->json = true; break;
		case 'n': err = parse_top(optarg, &a->opts.top_n); break;
		case 't': a->opts.all_threads = true; break;
		case OPT_EXACT_RSS: a->opts.exact_rss = true; break;
		case OPT_NO_FREE_LISTS: a->opts.walk_free_lists = false; break;
		case OPT_NO_LOG: a->opts.read_log = false; break;
		case OPT_PAGES: a->opts.page_census = true; break;
		case 'f': a->force = true; break;
		case OPT_BTF_ONLY: a->btf_only = true; break;
		case OPT_NO_DEBUGINFOD: a->no_debuginfod = true; break;
		case OPT_APPORT_ATTACH: a->apport_attach = optarg; break;
		case 'h': a->help = true; break;
		case 'V': a->version = true; break;
		case 'j':
			err = parse_count("--jobs", optarg, 256, &a->jobs);
			a->batch_options = true;
			break;
		case OPT_TIMEOUT:
			err = parse_count("--timeout", optarg, 86400, &a->timeout);
			a->batch_options = true;
			break;
		case OPT_MAX_MEMORY:
			err = parse_count("--max-memory", optarg, 1 << 24,
					  &a->max_memory);
			a->batch_options = true;
			break;
		case ':':
			err = oms_error_create(OMS_ERR_USAGE,
					       "option '%s' needs an argument",
					       argv[optind - 1]);
			break;
		default:
			if (optopt)
				err = oms_error_create(OMS_ERR_USAGE,
						       "unknown option '-%c'",
						       optopt);
			else
				err = oms_error_create(OMS_ERR_USAGE,
						       "unknown option '%s'",
						       argv[optind - 1]);
			break;
		}
	}
	if (!err && a->btf_only && a->vmlinux)
		err = oms_error_create(OMS_ERR_USAGE,
				       "--btf-only and --vmlinux exclude each other");
	a->first_operand = optind;
	opterr = saved_opterr;
	optind = 0;
	return err;
}
