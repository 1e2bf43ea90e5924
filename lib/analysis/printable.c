// SPDX-License-Identifier: GPL-2.0
/* Strings from the dump, safe for a terminal: see printable.h. */
#include <string.h>

#include "printable.h"

size_t oms_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	size_t len, i;

	if (!n)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;	/* a continuation byte, 0xc0, 0xc1, 0xf5.. */
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* the bytes at s that pass the text rule as they are, or 0: escape s[0] */
static size_t plain_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len = oms_utf8_seq(s, n, &cp);

	if (len == 1)
		return cp >= 0x20 && cp < 0x7f;
	return len && cp >= 0xa0 ? len : 0;
}

const char *oms_printable(const char *s, char *buf, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), at = 0, len;

	if (!size)
		return "";
	while (n) {
		len = plain_len(p, n);
		if (len) {
			if (at + len >= size)
				break;
			memcpy(buf + at, p, len);
		} else {
			if (at + 4 >= size)
				break;
			buf[at] = '\\';
			buf[at + 1] = 'x';
			buf[at + 2] = hex[*p >> 4];
			buf[at + 3] = hex[*p & 15];
			len = 1;
			at += 3;
		}
		at += len;
		p += len;
		n -= len;
	}
	buf[at] = '\0';
	return buf;
}

void oms_fputs_printable(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), len;

	while (n) {
		len = plain_len(p, n);
		if (len) {
			fwrite(p, 1, len, out);
		} else {
			fprintf(out, "\\x%02x", *p);
			len = 1;
		}
		p += len;
		n -= len;
	}
}
