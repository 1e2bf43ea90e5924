/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's log, read from the printk ring buffer in the dump.
 */
#ifndef OMS_PRINTK_H
#define OMS_PRINTK_H

#include <stddef.h>

#include "../target.h"

/*
 * The whole log held in the dump, one line per record, formatted exactly as
 * `makedumpfile --dump-dmesg` (1.7.2, Debian 12) prints it:
 * "[%5llu.%06llu] text\n", a newline inside a record followed by as many
 * spaces as the timestamp prefix is wide, a byte that is neither printable
 * nor a space as "\xNN" ("\xffffffNN" for bytes >= 0x80: makedumpfile
 * formats a signed char).  No caller id: 1.7.2 prints none.
 *
 * Reads the lockless printk_ringbuffer of 5.10+ (symbol "prb").  The
 * pre-5.10 variable-length log_buf records are not supported:
 * OMS_ERR_NOT_FOUND says so.
 *
 * *text_ret (NUL-terminated, the caller frees it) and *len_ret are set
 * even when an error is returned: when part of the ring could not be read
 * (OMS_ERR_NODATA, OMS_ERR_FAULT) or is damaged (OMS_ERR_CORRUPT), they
 * hold the records that could be read, for the caller to use with a
 * warning; when nothing could be read *text_ret is NULL.
 */
struct oms_error *oms_printk_read(const struct oms_target *t, char **text_ret,
				  size_t *len_ret);

#endif
