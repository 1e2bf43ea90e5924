// SPDX-License-Identifier: GPL-2.0
/* The names of the model's enums in the JSON report. */
#include "report.h"

const char *oms_skip_key(enum oms_skip s)
{
	switch (s) {
	case OMS_SKIP_NONE: return NULL;
	case OMS_SKIP_UNKILLABLE: return "unkillable";
	case OMS_SKIP_NO_MM: return "no_mm";
	case OMS_SKIP_ADJ_MIN: return "oom_score_adj_min";
	case OMS_SKIP_OOM_SKIP: return "mmf_oom_skip";
	case OMS_SKIP_IN_VFORK: return "in_vfork";
	case OMS_SKIP_NOT_ELIGIBLE: return "not_eligible";
	case OMS_SKIP_VICTIM_REAPED: return "victim_reaped";
	case OMS_SKIP_NOT_SCANNED: return "not_scanned";
	case OMS_SKIP_UNSCORED: return "unscored";
	}
	return "unknown";
}

const char *oms_constraint_key(enum oms_constraint c)
{
	switch (c) {
	case OMS_CONSTRAINT_NONE: return "none";
	case OMS_CONSTRAINT_CPUSET: return "cpuset";
	case OMS_CONSTRAINT_MEMORY_POLICY: return "memory_policy";
	case OMS_CONSTRAINT_MEMCG: return "memcg";
	}
	return "unknown";
}
