/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The processes of init_pid_ns: the pid of every thread-group leader, from
 * the namespace's IDR (an xarray since v4.20, 0a835c4f090a "Reimplement
 * IDR and IDA using the radix tree"; the radix tree became the xarray in
 * v4.20, f8d5d0cc145c), and the task that pid->tasks[PIDTYPE_TGID] leads
 * to (v4.19 added PIDTYPE_TGID, 6883f81aac6f).  The task walk asks it when
 * the process list has a gap that neither direction crosses: each pid in
 * the IDR is a way to a task_struct that does not go through its
 * neighbours in the list.
 */
#ifndef OMS_PIDS_H
#define OMS_PIDS_H

#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"
#include "../target.h"

struct oms_pid_leader {
	int32_t nr;		/* the pid in init_pid_ns (its tgid) */
	uint64_t task;		/* struct task_struct * of the leader; 0: its
				   struct pid is not in the dump, so nr may be
				   a leader's or a thread's */
	uint64_t pid;		/* struct pid *, 0 when it is not in the dump */
};

/*
 * Every leader of init_pid_ns in pid order, and every pid whose struct pid
 * is not in the dump (task 0).  A node of the IDR that cannot be read is a
 * warning in w and costs the pids under it; *complete_ret says whether
 * every node was read.  Errors: no such layout
 * in this kernel (OMS_ERR_NOT_FOUND), out of memory.
 */
struct oms_error *oms_pid_leaders(const struct oms_target *t,
				  struct oms_warnings *w,
				  struct oms_pid_leader **ret, size_t *n_ret,
				  bool *complete_ret);

#endif
