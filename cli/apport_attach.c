// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apport_attach.h"

/* the fields this writes, dropped from the old report when it has them */
static bool ours(const char *line)
{
	return !strncmp(line, "OomScan:", 8) ||
	       !strncmp(line, "OomScanJSON:", 12);
}

/*
 * Key: value, or for a multi-line value "Key:" and one continuation line
 * per line, as apport's _write_key_and_ascii_value_to_file writes it.
 * Trailing newlines are dropped (apport's load() cannot keep them).
 */
static void write_text_field(FILE *out, const char *key, const char *v,
			     size_t len)
{
	size_t i;

	while (len && v[len - 1] == '\n')
		len--;
	if (!memchr(v, '\n', len)) {
		fprintf(out, "%s: %.*s\n", key, (int)len, v);
		return;
	}
	fprintf(out, "%s:\n ", key);
	for (i = 0; i < len; i++) {
		putc(v[i], out);
		if (v[i] == '\n')
			putc(' ', out);
	}
	putc('\n', out);
}

/* copy the old report to out, without OomScan fields; its last byte */
static struct oms_error *copy_fields(FILE *in, FILE *out, const char *report)
{
	bool skip = false, nl = true;
	size_t cap = 0;
	char *line = NULL;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) > 0) {
		if (line[0] != ' ')
			skip = ours(line);
		if (skip)
			continue;
		fwrite(line, 1, (size_t)n, out);
		nl = line[n - 1] == '\n';
	}
	free(line);
	if (ferror(in))
		return oms_error_create(OMS_ERR_OS, "cannot read '%s': %s",
					report, strerror(errno));
	if (!nl)	/* a last line without its newline: end it */
		putc('\n', out);
	return NULL;
}

struct oms_error *oms_apport_attach(const char *report,
				    const struct oms_model *m,
				    const struct oms_options *opts,
				    const struct oms_source *src)
{
	struct oms_error *err = NULL;
	char *text = NULL, *json = NULL, *tmp;
	size_t tlen = 0, jlen = 0;
	FILE *in, *out, *mem;
	struct stat st;
	int fd;

	mem = open_memstream(&text, &tlen);
	if (!mem)
		return &oms_enomem;
	oms_report_text(mem, m, opts, src);
	if (fclose(mem))
		return &oms_enomem;
	mem = open_memstream(&json, &jlen);
	if (!mem) {
		err = &oms_enomem;
		goto out_free_text;
	}
	oms_report_json(mem, m, opts, src);
	if (fclose(mem)) {
		err = &oms_enomem;
		goto out_free_json;
	}
	in = fopen(report, "re");
	if (!in || fstat(fileno(in), &st)) {
		err = oms_error_create(OMS_ERR_OS, "cannot open '%s': %s",
				       report, strerror(errno));
		if (in)
			fclose(in);
		goto out_free_json;
	}
	if (asprintf(&tmp, "%s.oomscan.XXXXXX", report) < 0) {
		err = &oms_enomem;
		goto out_close_in;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		err = oms_error_create(OMS_ERR_OS,
				       "cannot create a new report next to '%s': %s",
				       report, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		goto out_free_tmp;
	}
	err = copy_fields(in, out, report);
	if (!err) {
		write_text_field(out, "OomScan", text, tlen);
		write_text_field(out, "OomScanJSON", json, jlen);
		/* apport's reports are 0640 root:whoopsie: keep the mode */
		if (fchmod(fileno(out), st.st_mode & 07777) ||
		    fflush(out) || ferror(out) || fsync(fileno(out)))
			err = oms_error_create(OMS_ERR_OS,
					       "cannot write the new report '%s': %s",
					       tmp, strerror(errno));
	}
	if (fclose(out) && !err)
		err = oms_error_create(OMS_ERR_OS,
				       "cannot write the new report '%s': %s",
				       tmp, strerror(errno));
	if (!err && rename(tmp, report))
		err = oms_error_create(OMS_ERR_OS,
				       "cannot rename '%s' to '%s': %s", tmp,
				       report, strerror(errno));
	if (err)
		unlink(tmp);
out_free_tmp:
	free(tmp);
out_close_in:
	fclose(in);
out_free_json:
	free(json);
out_free_text:
	free(text);
	return err;
}
