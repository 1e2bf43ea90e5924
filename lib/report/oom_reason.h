/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OOM decision in words: the one sentence that says why this victim
 * (or why no one), written from m->oom (its rule and its numbers) for the
 * text report, the JSON's oom.reason and the crash command alike.
 * Computes nothing: oms_oom_compute() (oom.h) decided.
 */
#ifndef OMS_OOM_REASON_H
#define OMS_OOM_REASON_H

#include <stddef.h>

#include "../model/model.h"

/* room for any sentence (a longer one is cut, as snprintf() cuts) */
#define OMS_OOM_REASON_SIZE 512

/* the sentence into buf (len bytes, NUL-terminated); returns buf, "" when
 * m->oom was not computed (OMS_OOM_RULE_NONE).  Its comms and the memcg
 * path are the dump's bytes: print them by printable.h's rule */
char *oms_oom_reason(const struct oms_model *m, char *buf, size_t len);

/* the machine name of a rule in the JSON report ("badness"), NULL for
 * OMS_OOM_RULE_NONE */
const char *oms_oom_rule_key(enum oms_oom_rule r);

#endif
