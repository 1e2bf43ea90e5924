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

/* the census's classes: census.classes in the JSON, PAGE CENSUS's rows */
const char *oms_page_class_key(enum oms_page_class c)
{
	switch (c) {
	case OMS_PAGE_BUDDY: return "buddy";
	case OMS_PAGE_FREE_UNFLAGGED: return "free_unflagged";
	case OMS_PAGE_RESERVED: return "reserved";
	case OMS_PAGE_SLAB: return "slab";
	case OMS_PAGE_LRU_ANON: return "lru_anon";
	case OMS_PAGE_LRU_FILE: return "lru_file";
	case OMS_PAGE_LRU_SHMEM: return "lru_shmem";
	case OMS_PAGE_UNEVICTABLE: return "unevictable";
	case OMS_PAGE_PAGETABLE: return "pagetable";
	case OMS_PAGE_HUGETLB: return "hugetlb";
	case OMS_PAGE_OFFLINE: return "offline";
	case OMS_PAGE_OTHER_TYPE: return "other_type";
	case OMS_PAGE_OTHER_ALLOCATED: return "other_allocated";
	case OMS_PAGE_MISSING: return "missing";
	case OMS_PAGE_NR_CLASSES: break;
	}
	return "unknown";
}
