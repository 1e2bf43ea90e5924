// SPDX-License-Identifier: GPL-2.0
/* The Tasks state table of dump_tasks(): see render_tasks.h. */
#include "oom.h"
#include "printable.h"
#include "render_tasks.h"

void oms_render_tasks(FILE *out, const struct oms_model *m)
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
		char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

		if (!oms_oom_dumps_task(m, t))
			continue;
		/* dump_task(): the pid, uid and comm of the thread
		 * find_lock_task_mm() found, get_mm_rss(), get_mm_counter();
		 * the comm as the kernel prints it unless it holds what a
		 * terminal must not get (printable.h) */
		fprintf(out, "[%7d] %5d %5d %8lu %8lu ", t->mm_pid, (int)t->uid,
			t->tgid, (unsigned long)t->total_vm,
			(unsigned long)oms_task_rss(t));
		if (split)
			fprintf(out, "%8lu %8lu %9lu ",
				(unsigned long)t->rss_kernel[OMS_RSS_ANON],
				(unsigned long)t->rss_kernel[OMS_RSS_FILE],
				(unsigned long)t->rss_kernel[OMS_RSS_SHMEM]);
		fprintf(out, "%8ld %8lu         %5hd %s\n",
			(long)t->pgtables_bytes,
			(unsigned long)t->rss_kernel[OMS_RSS_SWAPENTS],
			(short)t->oom_score_adj,
			oms_printable(t->mm_comm, comm, sizeof(comm)));
	}
}
