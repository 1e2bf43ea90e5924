/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options of oomscan, parsed once for both front ends: the standalone
 * command and `crash> oomscan` take the same ones (docs/oomscan.1).
 */
#ifndef OMS_ARGS_H
#define OMS_ARGS_H

#include "../oomscan.h"

struct oms_args {
	struct oms_options opts;
	bool json;
	const char *vmlinux;	/* -k, --vmlinux */
	bool force;		/* -f, --force */
	bool btf_only;		/* --btf-only: the dump's BTF and kallsyms */
	bool no_debuginfod;	/* --no-debuginfod */
	bool help;		/* -h, --help: print the help, nothing else */
	bool version;		/* -V, --version */
	/* batch analysis (the standalone command, several dumps) */
	unsigned int jobs;	/* -j, --jobs: dumps analysed in parallel (1) */
	unsigned int timeout;	/* --timeout: seconds per dump (120) */
	unsigned int max_memory;	/* --max-memory: MB per dump (2048) */
	bool batch_options;	/* one of the three was given */
	/* --apport-attach: the apport report to add the results to (the
	 * standalone command; the crash extension ignores it) */
	const char *apport_attach;
	int first_operand;	/* argv index of the first non-option */
};

/* parse argv[1..argc-1]; an unknown option, a missing argument or a bad
 * number is an OMS_ERR_USAGE error that names it (one line) */
struct oms_error *oms_args_parse(int argc, char **argv, struct oms_args *a);

#endif
