// SPDX-License-Identifier: GPL-2.0
/* The Tasks state table of dump_tasks(): see dump_tasks.h. */
#include <inttypes.h>

#include "oom.h"
#include "printable.h"
#include "dump_tasks.h"

/* a number right-aligned in width columns, or a ? where it is unknown */
static void num(FILE *out, int width, bool known, int64_t v)
{
	if (known)
		fprintf(out, "%*" PRId64, width, v);
	else
		fprintf(out, "%*s", width, "?");
}

void oms_dump_tasks(FILE *out, const struct oms_model *m)
{
	const bool split = m->tasks.rss_split_layout;
	size_t i;

	fprintf(out, "Tasks state (memory values in pages):\n");
	if (split)
		fprintf(out, "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n");
	else
		fprintf(out, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for (i = 0; i < m->tasks.n; i++) {
		const struct oms_task *t = &m->tasks.v[i];
		bool mm = oms_task_known(t, OMS_TASK_MM);
		bool rss = mm && oms_task_known(t, OMS_TASK_RSS);
		char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

		if (!oms_oom_dumps_task(m, t))
			continue;
		/* dump_task(): the pid, uid and comm of the thread
		 * find_lock_task_mm() found, get_mm_rss(), get_mm_counter();
		 * a field not in the dump is a ? in its column */
		fputc('[', out);
		num(out, 7, oms_task_known(t, OMS_TASK_PID) && mm, t->mm_pid);
		fputs("] ", out);
		num(out, 5, oms_task_known(t, OMS_TASK_UID), (int)t->uid);
		fputc(' ', out);
		num(out, 5, oms_task_known(t, OMS_TASK_PID), t->tgid);
		fputc(' ', out);
		num(out, 8, mm && oms_task_known(t, OMS_TASK_TOTAL_VM),
		    (int64_t)t->total_vm);
		fputc(' ', out);
		num(out, 8, rss, (int64_t)oms_task_rss(t));
		fputc(' ', out);
		if (split) {
			num(out, 8, rss, (int64_t)t->rss_kernel[OMS_RSS_ANON]);
			fputc(' ', out);
			num(out, 8, rss, (int64_t)t->rss_kernel[OMS_RSS_FILE]);
			fputc(' ', out);
			num(out, 9, rss, (int64_t)t->rss_kernel[OMS_RSS_SHMEM]);
			fputc(' ', out);
		}
		num(out, 8, mm && oms_task_known(t, OMS_TASK_PGTABLES),
		    (int64_t)t->pgtables_bytes);
		fputc(' ', out);
		num(out, 8, mm && oms_task_known(t, OMS_TASK_SWAPENTS),
		    (int64_t)t->rss_kernel[OMS_RSS_SWAPENTS]);
		fputs("         ", out);
		num(out, 5, oms_task_known(t, OMS_TASK_ADJ),
		    (short)t->oom_score_adj);
		fprintf(out, " %s\n", oms_task_known(t, OMS_TASK_COMM) ?
			oms_printable(t->mm_comm, comm, sizeof(comm)) : "?");
	}
}
