/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strings from the dump on a terminal and in JSON.  A comm is any 15
 * bytes (prctl(PR_SET_NAME)), a UTF-8 name cut at 15 bytes ends inside a
 * character, and a corrupt dump gives anything at all: every string that
 * comes from the dump (comm, memcg paths, log lines, zone names, the
 * release, warnings and reasons that quote them) leaves oomscan through
 * one of two rules, each applied in one place:
 *
 *  - text (oms_printable(), every renderer of the text report):
 *    printable ASCII (0x20..0x7e) and valid UTF-8 sequences of a code
 *    point from U+00A0 on pass unchanged; every other byte is printed as
 *    \xNN (two lower-case hex digits, like the kernel's /dev/kmsg): the C0
 *    controls with \t and \n, DEL, the C1 controls U+0080..U+009F (each
 *    byte of their UTF-8 form) and each byte that is not part of a valid
 *    UTF-8 sequence.  A backslash passes unchanged, as the kernel prints
 *    it, so that the Tasks table stays byte for byte the kernel's.
 *  - JSON (lib/json.c): valid UTF-8 passes; each byte that is not part of
 *    a valid UTF-8 sequence becomes U+FFFD; the C0 controls, DEL and the
 *    C1 controls are escaped as \uXXXX (\n, \t, \r as such), as are
 *    U+2028 and U+2029; '"' and '\' as \" and \\.
 *
 * Valid UTF-8 is RFC 3629's: shortest form, no surrogates, at most
 * U+10FFFF.  docs/oomscan.1 (STRINGS) and docs/oomscan.schema.json say the
 * same.
 */
#ifndef OMS_PRINTABLE_H
#define OMS_PRINTABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* the length (1..4) of the valid UTF-8 sequence at s, of at most n bytes,
 * and its code point in *cp; 0 when the bytes there are not one */
size_t oms_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp);

/* the room oms_printable() needs for a string of n bytes, with its NUL */
#define OMS_PRINTABLE_SIZE(n) (4 * (n) + 1)

/* s by the text rule above, in buf of size bytes (NUL-terminated; cut at
 * a whole character or escape when it does not fit); returns buf, so that
 * it goes straight into a printf argument list.  NULL is "". */
const char *oms_printable(const char *s, char *buf, size_t size);

/* the same rule, written to out: for strings of any length */
void oms_fputs_printable(const char *s, FILE *out);

#endif
