// SPDX-License-Identifier: GPL-2.0
/*
 * The two rules for strings from the dump (lib/printable.h): the text
 * report's \xNN and the JSON's U+FFFD, on the bytes a comm can hold; the
 * JSON each rule writes parses with python3's json.loads (strict).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/report/json_writer.h"
#include "../../lib/analysis/printable.h"
#include "tap.h"

static char *json_of(const char *s)
{
	struct oms_json j;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	oms_json_init(&j, f, false);
	oms_json_array(&j, NULL);
	oms_json_str(&j, NULL, s);
	oms_json_end_array(&j);
	fclose(f);
	return out;
}

/* python3 -c 'json.loads(...)' says the string back as \u escapes */
static char *python_says(const char *json)
{
	char path[] = "/tmp/oms-printable-XXXXXX", cmd[256], *line = NULL;
	size_t n = 0;
	int fd = mkstemp(path);
	FILE *p;

	if (fd < 0 || write(fd, json, strlen(json)) != (ssize_t)strlen(json))
		return NULL;
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json,sys; print(ascii(json.loads(open(sys.argv[1],\"rb\").read().decode(\"utf-8\",\"strict\"))[0]))' %s 2>&1",
		 path);
	p = popen(cmd, "r");
	if (p && getline(&line, &n, p) > 0)
		line[strcspn(line, "\n")] = '\0';
	if (p)
		pclose(p);
	unlink(path);
	return line;
}

static void text_rule(void)
{
	char buf[OMS_PRINTABLE_SIZE(16)];

	IS_STR(oms_printable("hog_p800", buf, sizeof(buf)), "hog_p800",
	       "text: ASCII as it is");
	IS_STR(oms_printable("h\xc3\xb6g_\xc3\xa9", buf, sizeof(buf)),
	       "h\xc3\xb6g_\xc3\xa9", "text: valid UTF-8 as it is");
	IS_STR(oms_printable("a\\x41", buf, sizeof(buf)), "a\\x41",
	       "text: a backslash as the kernel prints it");
	IS_STR(oms_printable("\x1b[2J\t\n\x7f", buf, sizeof(buf)),
	       "\\x1b[2J\\x09\\x0a\\x7f", "text: C0 controls, tab, newline, DEL");
	IS_STR(oms_printable("\xc2\x9b" "1m", buf, sizeof(buf)), "\\xc2\\x9b1m",
	       "text: a C1 control in UTF-8, each byte");
	IS_STR(oms_printable("ab\xe2\x82", buf, sizeof(buf)), "ab\\xe2\\x82",
	       "text: a UTF-8 name cut at 15 bytes");
	IS_STR(oms_printable("\xff\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80", buf, sizeof(buf)),
	       "\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80",
	       "text: 0xff, an overlong '/', a surrogate, beyond U+10FFFF");
	IS_STR(oms_printable("\xff\xff\xff\xff\xff", buf, 12), "\\xff\\xff",
	       "text: cut at a whole escape when it does not fit");
}

static void json_rule(void)
{
	static const struct {
		const char *in, *json, *python;
	} cases[] = {
		{ "hog_p800", "[\"hog_p800\"]", "'hog_p800'" },
		{ "h\xc3\xb6g", "[\"h\xc3\xb6g\"]", "'h\\xf6g'" },
		{ "\xe2\x82\x1b]0;x\x07\xc2\x9b\x7f\xff\xed\xa0\x80",
		  "[\"\\ufffd\\ufffd\\u001b]0;x\\u0007\\u009b\\u007f\\ufffd\\ufffd\\ufffd\\ufffd\"]",
		  "'\\ufffd\\ufffd\\x1b]0;x\\x07\\x9b\\x7f\\ufffd\\ufffd\\ufffd\\ufffd'" },
		{ "\"\\\t\r\n\xe2\x80\xa8", "[\"\\\"\\\\\\t\\r\\n\\u2028\"]",
		  "'\"\\\\\\t\\r\\n\\u2028'" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *json = json_of(cases[i].in), *py;

		IS_STR(json, cases[i].json, "json: case %zu", i);
		py = python_says(json);
		IS_STR(py, cases[i].python, "json: case %zu parses with json.loads to it", i);
		free(py);
		free(json);
	}
}

int main(void)
{
	text_rule();
	json_rule();
	return tap_done();
}
