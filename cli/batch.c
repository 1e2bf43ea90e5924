// SPDX-License-Identifier: GPL-2.0
/*
 * oomscan on many dumps (batch.h).  Each dump is analysed in a child
 * process, so that a dump that crashes the analysis, hangs or eats memory
 * costs only its own result: the child has RLIMIT_AS (--max-memory) and the
 * parent kills it at --timeout.  The child writes its result into an
 * unlinked temporary file, one record a line:
 *	E <message>				the dump failed
 *	S <exit status>				it was analysed, then
 *	P <what is missing>			if the report is partial
 *	T <kernel> <panic> <victim> <top> <free> <agrees> <signature>
 *	J <the JSON report on one line>		with --json
 * (fields separated by tabs).  The parent prints the results in the order
 * of the inputs.
 */
#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/report/json_writer.h"
#include "../lib/oomscan.h"
#include "../lib/analysis/printable.h"
#include "../lib/report/report.h"
#include "batch.h"

enum {
	EXIT_COMPLETE = 0,
	EXIT_FAILED = 1,
	EXIT_PARTIAL = 3,
};

enum field {
	F_KERNEL, F_PANIC, F_VICTIM, F_TOP, F_FREE, F_AGREES, F_SIGNATURE,
	F_NR,
};

struct job {
	char *path;
	pid_t pid;		/* 0: not started or reaped */
	FILE *out;		/* the child's records */
	double started;
	bool timed_out;
	bool done;
	int status;		/* EXIT_* */
	char *error;		/* the one-line error, or NULL */
	char *partial;		/* what a partial report lacks, or NULL */
	char *fields[F_NR];
	char *json;		/* one line, without its newline */
};

struct inputs {
	char **v;
	size_t n, cap;
};

/* a file found in a folder: a dump is taken once, by device and inode */
struct found {
	char *path;
	dev_t dev;
	ino_t ino;
	bool link;		/* found through a symbolic link */
	bool dangling;		/* a symbolic link to nothing */
};

struct founds {
	struct found *v;
	size_t n, cap;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int add_input(struct inputs *in, const char *path)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? 2 * in->cap : 16;
		char **v = realloc(in->v, cap * sizeof(*v));

		if (!v)
			return -1;
		in->v = v;
		in->cap = cap;
	}
	in->v[in->n] = strdup(path);
	if (!in->v[in->n])
		return -1;
	in->n++;
	return 0;
}

/*
 * A name that says "dump": vmcore* (kdump's, not its vmcore-dmesg.txt),
 * *.vmcore, dump.* (kdump-tools').  Such a file that is not a dump is
 * not skipped in silence: it is analysed, and its error says why.
 */
static bool named_like_dump(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (!strncmp(base, "vmcore-dmesg", 12))
		return false;
	return !strncmp(base, "vmcore", 6) || !strncmp(base, "dump.", 5) ||
	       (n > 7 && !strcmp(base + n - 7, ".vmcore"));
}

static int add_found(struct founds *fs, const char *path,
		     const struct stat *st, bool link)
{
	struct found *f;

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? 2 * fs->cap : 16;
		struct found *v = realloc(fs->v, cap * sizeof(*v));

		if (!v)
			return -1;
		fs->v = v;
		fs->cap = cap;
	}
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	if (!f->path)
		return -1;
	f->link = link;
	f->dangling = !st;
	if (st) {
		f->dev = st->st_dev;
		f->ino = st->st_ino;
	}
	fs->n++;
	return 0;
}

/* nftw has no user pointer */
static struct founds *walk_found;
static int walk_failed;

/*
 * Files, and symbolic links to files, followed (a folder of links to the
 * dumps: ln -s /var/crash/STAMP/dump.* batch/); a link to a folder is
 * not (no loops).  A file counts when it is a dump by its magic or is
 * named like one; a link to nothing counts too: its analysis says so.
 */
static int walk_one(const char *path, const struct stat *lst, int type,
		    struct FTW *ftw)
{
	const struct stat *st = lst;
	struct stat target;

	(void)ftw;
	if (type == FTW_SL) {
		if (stat(path, &target)) {
			st = NULL;
			goto add;
		}
		st = &target;
	} else if (type != FTW_F) {
		return 0;
	}
	if (!S_ISREG(st->st_mode))
		return 0;
	if (!((st->st_size > 0 && oms_dump_sniff(path)) ||
	      named_like_dump(path)))
		return 0;
add:
	if (add_found(walk_found, path, st, type == FTW_SL)) {
		walk_failed = errno ? errno : ENOMEM;
		return 1;
	}
	return 0;
}

static int cmp_found(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* the dumps taken from the folders so far, by device and inode */
struct file_ids {
	struct { dev_t dev; ino_t ino; } *v;
	size_t n, cap;
};

static bool take_once(struct file_ids *ids, const struct found *f)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (ids->v[i].dev == f->dev && ids->v[i].ino == f->ino)
			return false;
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? 2 * ids->cap : 16;
		void *v = realloc(ids->v, cap * sizeof(*ids->v));

		if (!v)
			return true;	/* not remembered: taken again, no harm */
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n].dev = f->dev;
	ids->v[ids->n].ino = f->ino;
	ids->n++;
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool oms_batch_wanted(char **operands, int n)
{
	struct stat st;

	if (n > 1)
		return true;
	if (n < 1)
		return false;
	if (!stat(operands[0], &st))
		return S_ISDIR(st.st_mode);
	return strpbrk(operands[0], "*?[") != NULL;	/* a glob */
}

/*
 * One operand: a file as given, a folder walked (walk_one).  A dump found
 * twice in the folders (a link to it beside it, two links) is taken once:
 * the file itself rather than a link, else the first link by name.
 */
static int collect_one(const char *path, struct inputs *in,
		       struct file_ids *ids)
{
	struct founds fs = { 0 };
	size_t first = in->n, i;
	struct stat st;
	int pass, ret = 0;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return add_input(in, path);
	walk_found = &fs;
	walk_failed = 0;
	if (nftw(path, walk_one, 16, FTW_PHYS) && walk_failed) {
		errno = walk_failed;
		ret = -1;
		goto out_free_found;
	}
	qsort(fs.v, fs.n, sizeof(*fs.v), cmp_found);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < fs.n; i++) {
			const struct found *f = &fs.v[i];

			if (f->link != (pass == 1))
				continue;
			if (!f->dangling && !take_once(ids, f))
				continue;
			if (add_input(in, f->path)) {
				ret = -1;
				goto out_free_found;
			}
		}
	if (in->n == first)
		fprintf(stderr, "oomscan: warning: no dump in '%s'\n", path);
	qsort(in->v + first, in->n - first, sizeof(*in->v), cmp_str);
out_free_found:
	for (i = 0; i < fs.n; i++)
		free(fs.v[i].path);
	free(fs.v);
	return ret;
}

/*
 * The operands.  One that does not exist and has a wildcard is a glob
 * the shell did not expand (quoted, or from a script: '/var/crash/2026*'),
 * expanded here; one without a match is a warning.
 */
static int collect(char **operands, int n, struct inputs *in)
{
	struct file_ids ids = { 0 };
	struct stat st;
	glob_t g;
	size_t k;
	int i, rc, ret = -1;

	for (i = 0; i < n; i++) {
		if (!stat(operands[i], &st) || !strpbrk(operands[i], "*?[")) {
			if (collect_one(operands[i], in, &ids))
				goto out_free_ids;
			continue;
		}
		rc = glob(operands[i], 0, NULL, &g);
		if (rc == GLOB_NOMATCH) {
			fprintf(stderr, "oomscan: warning: no file matches '%s'\n",
				operands[i]);
			continue;
		}
		if (rc) {
			errno = rc == GLOB_NOSPACE ? ENOMEM : EIO;
			goto out_free_ids;
		}
		for (k = 0; k < g.gl_pathc; k++)
			if (collect_one(g.gl_pathv[k], in, &ids)) {
				globfree(&g);
				goto out_free_ids;
			}
		globfree(&g);
	}
	ret = 0;
out_free_ids:
	free(ids.v);
	return ret;
}

/* --- the child -------------------------------------------------------- */

/* s on one line of a record: tabs and line ends would break it */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r')
			*s = ' ';
}

/* a summary field */
static void field(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void field(FILE *out, const char *fmt, ...)
{
	char buf[256], safe[OMS_PRINTABLE_SIZE(sizeof(buf))];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* a comm, a panic line: the text rule of printable.h, which also
	 * keeps tabs and line ends out of the record */
	fprintf(out, "\t%s", oms_printable(buf, safe, sizeof(safe)));
}

/* the T record: the model's summary (analysis/summary.h), printed */
static void summary(FILE *out, const struct oms_model *m)
{
	static const char prefix[] = "Kernel panic - not syncing: ";
	const struct oms_summary *s = &m->summary;
	const struct oms_crosscheck *c = &m->crosscheck;
	const struct oms_task *victim = NULL, *top = NULL;
	uint64_t kb = m->kernel.page_size / 1024;
	const char *panic;

	if (m->oom.has_victim)
		victim = &m->tasks.v[m->oom.victim];
	if (s->has_top)
		top = &m->tasks.v[s->top];

	fprintf(out, "T");
	field(out, "%s", m->kernel.release);
	panic = m->report.panic_line;
	if (!strncmp(panic, prefix, sizeof(prefix) - 1))
		panic += sizeof(prefix) - 1;
	if (*panic)
		field(out, "%s", panic);
	else if (m->kernel.panic_cpu >= 0)
		field(out, "panic (not in the log)");
	else
		field(out, "no panic");
	if (victim)
		field(out, "%d (%s)", oms_task_pid(victim), victim->comm);
	else
		field(out, "none");
	if (top)
		field(out, "%d (%s) %" PRIu64 " kB", oms_task_pid(top),
		      top->comm, s->top_rss * kb);
	else
		field(out, "-");
	if (s->has_free)
		field(out, "%" PRId64 " kB", (int64_t)((uint64_t)s->free_pages * kb));
	else
		field(out, "-");
	if (!c->done)
		field(out, "no report");
	else if (oms_model_report_agrees(m) > 0)
		field(out, "yes (%zu)", c->compared);
	else if (!c->n)
		field(out, "unknown (%zu compared%s)", c->compared,
		      m->report.log_partial ? ", log partial" : "");
	else
		field(out, "no (%zu/%zu differ)", c->n, c->compared);
	field(out, "%s", s->signature);
	fprintf(out, "\n");
}

/* analyse one dump, the records into out; the exit status */
static int child(const struct oms_args *a,
		 const struct oms_dump_options *dopts, const char *path,
		 FILE *out)
{
	struct oms_source src = { 0 };
	struct oms_model model;
	struct oms_dump *dump;
	struct oms_error *err;
	struct oms_options opts = a->opts;
	char *json = NULL;
	size_t len = 0;
	FILE *mem;
	int status;

	err = oms_dump_open(path, dopts, &dump);
	if (err) {
		one_line(err->message);
		fprintf(out, "E\t%s\n", err->message);
		oms_error_destroy(err);
		return EXIT_FAILED;
	}
	if (oms_dump_warning(dump)) {
		fprintf(stderr, "oomscan: %s: warning: ", path);
		oms_fputs_printable(oms_dump_warning(dump), stderr);
		fputc('\n', stderr);
	}
	oms_model_init(&model);
	err = oms_analyze(oms_dump_target(dump), &a->opts, &model);
	if (err) {
		one_line(err->message);
		fprintf(out, "E\t%s: %s\n", path, err->message);
		oms_error_destroy(err);
		status = EXIT_FAILED;
		goto out_deinit;
	}
	status = oms_model_partial(&model) ? EXIT_PARTIAL : EXIT_COMPLETE;
	fprintf(out, "S\t%d\n", status);
	if (status == EXIT_PARTIAL) {
		char line[512];

		oms_model_partial_line(&model, line, sizeof(line));
		one_line(line);
		fprintf(out, "P\t%s\n", line);
	}
	summary(out, &model);
	if (a->json) {
		src.path = oms_dump_path(dump);
		src.format = oms_dump_format(dump);
		src.vmlinux = oms_dump_vmlinux(dump);
		src.types = oms_dump_types(dump);
		src.symbols = oms_dump_symbols(dump);
		src.debuginfod = oms_dump_debuginfod(dump);
		src.build_id = oms_dump_build_id(dump);
		src.n_recovered = oms_dump_recovered(dump, &src.recovered_names,
						     &src.recovered_from);
		mem = open_memstream(&json, &len);
		if (!mem) {
			fprintf(out, "E\tout of memory\n");
			status = EXIT_FAILED;
			goto out_deinit;
		}
		/* one line, as the record needs: the writer's compact JSON */
		opts.compact_json = true;
		oms_report_json(mem, &model, &opts, &src);
		if (fclose(mem) || !json) {
			fprintf(out, "E\tout of memory\n");
			status = EXIT_FAILED;
			free(json);
			goto out_deinit;
		}
		/* the report ends with its newline */
		fprintf(out, "J\t%s", json);
		free(json);
	}
out_deinit:
	oms_model_deinit(&model);
	oms_dump_destroy(dump);
	return status;
}

/* --- the parent ------------------------------------------------------- */

/* the signal mask before oms_batch_run blocked SIGCHLD; the children's */
static sigset_t old_mask;

static struct oms_error *start(const struct oms_args *a,
			       const struct oms_dump_options *dopts,
			       struct job *j)
{
	j->out = tmpfile();
	if (!j->out)
		return oms_error_create(OMS_ERR_OS,
					"cannot create a temporary file: %s",
					strerror(errno));
	fflush(stdout);
	fflush(stderr);
	j->pid = fork();
	if (j->pid < 0) {
		j->pid = 0;
		return oms_error_create(OMS_ERR_OS, "cannot fork: %s",
					strerror(errno));
	}
	if (!j->pid) {
		struct rlimit rl;

		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		rl.rlim_cur = rl.rlim_max = (rlim_t)a->max_memory << 20;
		setrlimit(RLIMIT_AS, &rl);
		int status = child(a, dopts, j->path, j->out);

		_exit(fflush(j->out) ? EXIT_FAILED : status);
	}
	j->started = now();
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* read the child's records after it ended with wait status ws */
static void finish(const struct oms_args *a, struct job *j, int ws)
{
	char *line = NULL, *p, *save;
	size_t cap = 0;
	ssize_t len;
	bool analysed = false;
	int i;

	j->done = true;
	j->pid = 0;
	rewind(j->out);
	while ((len = getline(&line, &cap, j->out)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = 0;
		if (line[0] == 'E' && line[1] == '\t') {
			free(j->error);
			j->error = strdup(line + 2);
		} else if (line[0] == 'S' && line[1] == '\t') {
			analysed = true;
			j->status = atoi(line + 2);
		} else if (line[0] == 'P' && line[1] == '\t') {
			free(j->partial);
			j->partial = strdup(line + 2);
		} else if (line[0] == 'T' && line[1] == '\t') {
			p = line + 2;
			for (i = 0; i < F_NR; i++) {
				char *f = strtok_r(i ? NULL : p, "\t", &save);

				j->fields[i] = dup_or_null(f ? f : "-");
			}
		} else if (line[0] == 'J' && line[1] == '\t') {
			j->json = strdup(line + 2);
		}
	}
	free(line);
	fclose(j->out);
	j->out = NULL;
	if (j->timed_out) {
		free(j->error);
		if (asprintf(&j->error, "'%s': analysis timed out after %u s (--timeout)",
			     j->path, a->timeout) < 0)
			j->error = NULL;
	} else if (WIFSIGNALED(ws) && !j->error) {
		if (asprintf(&j->error, "'%s': the analysis died of signal %d (%s); over the --max-memory %u MB?",
			     j->path, WTERMSIG(ws), strsignal(WTERMSIG(ws)),
			     a->max_memory) < 0)
			j->error = NULL;
	} else if (!analysed && !j->error) {
		if (asprintf(&j->error, "'%s': the analysis ended without a result (exit %d)",
			     j->path, WIFEXITED(ws) ? WEXITSTATUS(ws) : -1) < 0)
			j->error = NULL;
	}
	if (j->error || (a->json && !j->json))
		j->status = EXIT_FAILED;
	if (j->status == EXIT_FAILED && !j->error)
		j->error = strdup("the analysis failed");
}

static void json_line(struct job *j)
{
	struct oms_json js;

	oms_json_init(&js, stdout, false);
	oms_json_object(&js, NULL);
	oms_json_str(&js, "input", j->path);
	if (j->error) {
		oms_json_str(&js, "error", j->error);
		oms_json_int(&js, "schema_version", OMS_SCHEMA_VERSION);
		oms_json_end_object(&js);
		oms_json_finish(&js);
		return;
	}
	oms_json_null(&js, "error");
	fflush(stdout);
	/* the report's members follow: its "{" becomes our "," */
	printf(",%s\n", j->json + 1);
}

static void progress(size_t done, size_t total, const char *current,
		     double start)
{
	double el = now() - start;

	fprintf(stderr, "\r\033[K%zu/%zu dumps, %.0f s, %.2f dumps/s%s%s",
		done, total, el, el > 0 ? (double)done / el : 0.0,
		current ? ": " : "", current ? current : "");
}

static const char *const headers[F_NR] = {
	"KERNEL", "PANIC", "VICTIM", "TOP RSS", "FREE", "REPORT AGREES",
	"SIGNATURE",
};

static void table(struct job *jobs, size_t n)
{
	size_t i, k, w[F_NR + 1], nsig = 0;
	const char **sigs;
	int f;

	w[F_NR] = strlen("DUMP");
	for (f = 0; f < F_NR; f++)
		w[f] = strlen(headers[f]);
	for (i = 0; i < n; i++) {
		if (strlen(jobs[i].path) > w[F_NR])
			w[F_NR] = strlen(jobs[i].path);
		for (f = 0; f < F_NR && !jobs[i].error; f++)
			if (jobs[i].fields[f] && strlen(jobs[i].fields[f]) > w[f])
				w[f] = strlen(jobs[i].fields[f]);
	}
	printf("%-*s", (int)w[F_NR], "DUMP");
	for (f = 0; f < F_NR; f++)
		printf("  %-*s", f == F_NR - 1 ? 0 : (int)w[f], headers[f]);
	printf("\n");
	for (i = 0; i < n; i++) {
		printf("%-*s", (int)w[F_NR], jobs[i].path);
		if (jobs[i].error) {
			printf("  error: %s\n", jobs[i].error);
			continue;
		}
		for (f = 0; f < F_NR; f++)
			printf("  %-*s", f == F_NR - 1 ? 0 : (int)w[f],
			       jobs[i].fields[f] ? jobs[i].fields[f] : "-");
		printf("%s\n", jobs[i].status == EXIT_PARTIAL ? " (partial)" : "");
	}

	/* the dumps grouped by signature, in the order of first appearance */
	sigs = calloc(n ? n : 1, sizeof(*sigs));
	if (!sigs)
		return;
	for (i = 0; i < n; i++) {
		const char *s = jobs[i].error ? NULL : jobs[i].fields[F_SIGNATURE];

		if (!s)
			continue;
		for (k = 0; k < nsig && strcmp(sigs[k], s); k++)
			;
		if (k == nsig)
			sigs[nsig++] = s;
	}
	if (nsig)
		printf("\n%zu signature%s (constraint/victim/dominant memory):\n",
		       nsig, nsig == 1 ? "" : "s");
	for (k = 0; k < nsig; k++) {
		size_t count = 0;

		for (i = 0; i < n; i++)
			if (!jobs[i].error && jobs[i].fields[F_SIGNATURE] &&
			    !strcmp(jobs[i].fields[F_SIGNATURE], sigs[k]))
				count++;
		printf("  %s: %zu dump%s\n", sigs[k], count,
		       count == 1 ? "" : "s");
		for (i = 0; i < n; i++)
			if (!jobs[i].error && jobs[i].fields[F_SIGNATURE] &&
			    !strcmp(jobs[i].fields[F_SIGNATURE], sigs[k]))
				printf("    %s\n", jobs[i].path);
	}
	free(sigs);
}

int oms_batch_run(const struct oms_args *a,
		  const struct oms_dump_options *dopts, char **operands,
		  int n)
{
	struct inputs in = { 0 };
	struct job *jobs = NULL;
	size_t i, next = 0, done = 0, printed = 0, running = 0;
	size_t drawn_done = (size_t)-1;
	bool tty = isatty(2);
	double t0 = now(), drawn = 0;
	int ret = EXIT_COMPLETE, f;
	sigset_t chld;

	/* SIGCHLD blocked: sigtimedwait() below wakes when a child ends */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);

	if (collect(operands, n, &in)) {
		fprintf(stderr, "oomscan: cannot list the dumps: %s\n",
			strerror(errno));
		ret = EXIT_FAILED;
		goto out_free;
	}
	if (!in.n) {
		fprintf(stderr, "oomscan: no dump found\n");
		ret = EXIT_FAILED;
		goto out_free;
	}
	jobs = calloc(in.n, sizeof(*jobs));
	if (!jobs) {
		fprintf(stderr, "oomscan: out of memory\n");
		ret = EXIT_FAILED;
		goto out_free;
	}
	for (i = 0; i < in.n; i++)
		jobs[i].path = in.v[i];

	while (done < in.n) {
		struct oms_error *err;
		size_t limit;
		pid_t pid;
		int ws;

		/*
		 * The first dump alone until it ends (or for 2 s): it fills
		 * the type cache of its kernel build, which the dumps after
		 * it read, rather than --jobs dumps each reading the DWARF
		 */
		limit = done || now() - t0 > 2.0 ? a->jobs : 1;

		while (running < limit && next < in.n) {
			err = start(a, dopts, &jobs[next]);
			if (err) {
				jobs[next].done = true;
				jobs[next].status = EXIT_FAILED;
				jobs[next].error = strdup(err->message);
				oms_error_destroy(err);
				if (jobs[next].out)
					fclose(jobs[next].out);
				jobs[next].out = NULL;
				done++;
			} else {
				running++;
			}
			next++;
		}
		pid = waitpid(-1, &ws, WNOHANG);
		if (pid > 0) {
			for (i = 0; i < in.n && jobs[i].pid != pid; i++)
				;
			if (i < in.n) {
				finish(a, &jobs[i], ws);
				running--;
				done++;
			}
		} else if (pid < 0 && errno != EINTR) {
			break;	/* no child left: cannot happen */
		} else {
			double t = now();

			struct timespec wait = { 0, 200000000 };

			for (i = 0; i < in.n; i++)
				if (jobs[i].pid && !jobs[i].timed_out &&
				    t - jobs[i].started > a->timeout) {
					jobs[i].timed_out = true;
					kill(jobs[i].pid, SIGKILL);
				}
			/* until a child ends, or 0.2 s for the timeouts
			 * and the progress line */
			sigtimedwait(&chld, NULL, &wait);
		}
		/* the JSON lines in the order of the inputs, as they come */
		while (a->json && printed < in.n && jobs[printed].done) {
			if (tty)
				fprintf(stderr, "\r\033[K");
			json_line(&jobs[printed++]);
			fflush(stdout);
		}
		/* redrawn when a dump ends, else twice a second */
		if (tty && (done != drawn_done || now() - drawn > 0.5)) {
			const char *cur = NULL;

			drawn = now();
			drawn_done = done;
			for (i = 0; i < in.n && !cur; i++)
				if (jobs[i].pid)
					cur = jobs[i].path;
			progress(done, in.n, cur, t0);
		}
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (!a->json)
		table(jobs, in.n);
	for (i = 0; i < in.n; i++) {
		if (!jobs[i].done || jobs[i].status == EXIT_FAILED)
			ret = EXIT_FAILED;
		else if (jobs[i].status == EXIT_PARTIAL && ret != EXIT_FAILED)
			ret = EXIT_PARTIAL;
		if (jobs[i].error && !a->json)
			fprintf(stderr, "oomscan: %s\n", jobs[i].error);
		else if (jobs[i].status == EXIT_PARTIAL && jobs[i].partial &&
			 !a->json)
			fprintf(stderr, "oomscan: '%s': partial report: %s\n",
				jobs[i].path, jobs[i].partial);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "oomscan: cannot write the report: %s\n",
			strerror(errno));
		ret = EXIT_FAILED;
	}

out_free:
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	for (i = 0; jobs && i < in.n; i++) {
		free(jobs[i].error);
		free(jobs[i].partial);
		free(jobs[i].json);
		for (f = 0; f < F_NR; f++)
			free(jobs[i].fields[f]);
	}
	free(jobs);
	for (i = 0; i < in.n; i++)
		free(in.v[i]);
	free(in.v);
	return ret;
}
