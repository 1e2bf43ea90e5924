/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own OOM report, parsed out of the log text.
 */
#ifndef OMS_KREPORT_H
#define OMS_KREPORT_H

#include <stddef.h>

#include "../error.h"
#include "../model/model.h"

/*
 * Parse the last OOM report of the log text (as oms_printk_read() or
 * `makedumpfile --dump-dmesg` or `dmesg` print it: "[ seconds] " prefixes,
 * optional "[ T123] " caller ids, continuation lines indented) into *ret,
 * which the caller has zeroed or not initialized: it is overwritten.
 *
 * A log without any OOM report is no error: ret->found is false (the panic
 * line, if any, is still filled).  A report whose start was overwritten
 * (the log wrapped) gives found, truncated and !has_header with what
 * survived.  Only running out of memory is an error; then *ret is empty.
 */
struct oms_error *oms_kreport_parse(const char *text, size_t len,
				    struct oms_kernel_report *ret);

#endif
