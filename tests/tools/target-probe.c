// SPDX-License-Identifier: GPL-2.0
/*
 * target-probe: what the real backend (lib/backend/dump/dump.h) makes of a dump,
 * for tests/backend.test to hold against drgn (tests/oracles/drgn-probe).
 *
 *   target-probe [--vmlinux FILE] [--force] [--quiet] VMCORE [QUERY...]
 *
 * Prints the dump's release, format, vmlinux and build-id, reads
 * init_task.comm, init_uts_ns.name.release and the comm of the task after
 * init_task (a slab object), then a fixed list of symbols, members, type
 * sizes and enumerators, then each QUERY: "member:TYPE:MEMBER",
 * "size:TYPE", "enum:NAME", "symbol:NAME", "read:ADDRESS" (8 bytes).  --quiet prints only the
 * queries.  Lines are "KIND<TAB>WHAT<TAB>VALUE..." (the first four
 * "KIND<TAB>VALUE"); what does not exist prints "missing", what cannot be
 * read "nodata<TAB>ADDRESS" or "fault".  Exit 0, or
 * 1 with one line on stderr when the dump cannot be opened.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/dump/dump.h"

static const char *const members[][2] = {
	{ "struct task_struct", "signal" },
	{ "struct task_struct", "mm" },
	{ "struct task_struct", "pid" },
	{ "struct task_struct", "tgid" },
	{ "struct task_struct", "flags" },
	{ "struct task_struct", "comm" },
	{ "struct task_struct", "tasks" },
	{ "struct task_struct", "__state" },
	{ "struct task_struct", "sched_reset_on_fork" },	/* bitfield */
	{ "struct task_struct", "in_execve" },		/* bitfield until 6.8 */
	{ "struct mm_struct", "rss_stat" },
	{ "struct mm_struct", "total_vm" },
	{ "struct mm_struct", "pgtables_bytes" },
	{ "struct mm_struct", "flags" },
	{ "struct mm_struct", "mmap_base" },	/* in an anonymous struct */
	{ "struct mm_struct", "no_such_member" },
	{ "struct zone", "free_area" },
	{ "struct zone", "_watermark" },
	{ "struct zone", "vm_stat" },
	{ "struct zone", "name" },
	{ "struct zone", "managed_pages" },
	{ "struct free_area", "nr_free" },
	{ "struct free_area", "free_list" },
	{ "struct pglist_data", "node_zones" },
	{ "struct pglist_data", "vm_stat" },
	{ "struct pglist_data", "node_id" },
	{ "struct signal_struct", "oom_score_adj" },
	{ "struct signal_struct", "oom_mm" },
	{ "struct uts_namespace", "name" },
	{ "struct new_utsname", "release" },
	{ "struct list_head", "next" },
	{ "struct printk_ringbuffer", "desc_ring" },
	{ "struct printk_ringbuffer", "text_data_ring" },
	{ "struct prb_desc_ring", "count_bits" },
	{ "struct printk_info", "seq" },
	{ "struct printk_info", "text_len" },
	{ "struct mem_cgroup", "memory" },
	{ "struct mem_cgroup", "swap" },
	{ "struct page_counter", "usage" },
	{ "struct page_counter", "max" },
	{ "struct page", "flags" },
	{ "struct page", "_mapcount" },		/* in an anonymous union */
};

static const char *const sizes[] = {
	"struct task_struct", "struct mm_struct", "struct zone",
	"struct pglist_data", "struct free_area", "struct page",
	"struct printk_info", "struct prb_desc", "struct mem_cgroup",
	"enum zone_type", "atomic_long_t", "unsigned long", "int", "char",
};

static const char *const enums[] = {
	"NR_FREE_PAGES", "MIGRATE_TYPES", "MM_SHMEMPAGES", "ZONE_DMA32",
	"ZONE_NORMAL", "NR_VM_ZONE_STAT_ITEMS", "NR_VM_NODE_STAT_ITEMS",
	"NR_MM_COUNTERS", "MIGRATE_MOVABLE", "PG_slab", "__NR_PAGEFLAGS",
	"MEMCG_SWAP", "MEMCG_OOM_KILL",
};

static const char *const symbols[] = {
	"init_task", "init_uts_ns", "__per_cpu_offset", "nr_cpu_ids",
	"vm_zone_stat", "node_data", "prb", "current_task", "pcpu_hot",
	"runqueues",
};

static int failed;

static void report(const char *kind, const char *what, struct oms_error *err)
{
	if (err->code == OMS_ERR_NOT_FOUND)
		printf("%s\t%s\tmissing\n", kind, what);
	else if (err->code == OMS_ERR_NODATA)
		printf("%s\t%s\tnodata\t0x%" PRIx64 "\n", kind, what,
		       err->address);
	else if (err->code == OMS_ERR_FAULT)
		printf("%s\t%s\tfault\n", kind, what);
	else {
		printf("%s\t%s\terror\n", kind, what);
		fprintf(stderr, "target-probe: %s\n", err->message);
		failed = 1;
	}
	oms_error_destroy(err);
}

static void member(const struct oms_target *t, const char *type,
		   const char *name)
{
	struct oms_member m;
	struct oms_error *err;
	char what[256];

	snprintf(what, sizeof(what), "%s.%s", type, name);
	err = t->ops->member(t->priv, type, name, &m);
	if (err)
		return report("member", what, err);
	if (m.bit_size)
		printf("bitfield\t%s\t%" PRIu64 "\t%u\n", what,
		       m.offset * 8 + m.bit_offset, m.bit_size);
	else
		printf("member\t%s\t%" PRIu64 "\t%" PRIu64 "\n", what, m.offset,
		       m.size);
}

static void size(const struct oms_target *t, const char *type)
{
	struct oms_error *err;
	uint64_t sz;

	err = oms_type_size(t, type, &sz);
	if (err)
		return report("size", type, err);
	printf("size\t%s\t%" PRIu64 "\n", type, sz);
}

static void enumerator(const struct oms_target *t, const char *name)
{
	struct oms_error *err;
	int64_t v;

	err = oms_enumerator(t, name, &v);
	if (err)
		return report("enum", name, err);
	printf("enum\t%s\t%" PRId64 "\n", name, v);
}

static void symbol(const struct oms_target *t, const char *name)
{
	struct oms_error *err;
	uint64_t addr;

	err = oms_symbol(t, name, &addr);
	if (err)
		return report("symbol", name, err);
	printf("symbol\t%s\t0x%" PRIx64 "\n", name, addr);
}

/* read a string at sym + the offsets of a member path */
static void string(const struct oms_target *t, const char *what,
		   uint64_t addr)
{
	struct oms_error *err;
	char buf[66];

	err = oms_read_string(t, addr, buf, sizeof(buf));
	if (err)
		return report("string", what, err);
	printf("string\t%s\t%s\n", what, buf);
}

static void strings(const struct oms_target *t)
{
	struct oms_field comm, tasks, name, release;
	struct oms_error *err;
	uint64_t init_task, uts, next;

	err = oms_symbol(t, "init_task", &init_task);
	if (!err)
		err = oms_field(t, "struct task_struct", "comm", &comm);
	if (!err)
		err = oms_field(t, "struct task_struct", "tasks", &tasks);
	if (!err)
		err = oms_symbol(t, "init_uts_ns", &uts);
	if (!err)
		err = oms_field(t, "struct uts_namespace", "name", &name);
	if (!err)
		err = oms_field(t, "struct new_utsname", "release", &release);
	if (err)
		return report("string", "setup", err);
	string(t, "init_task.comm", init_task + comm.offset);
	string(t, "init_uts_ns.name.release",
	       uts + name.offset + release.offset);
	/* init_task.tasks.next: the next task, a slab object */
	err = oms_read_u64(t, init_task + tasks.offset, &next);
	if (err)
		return report("string", "next_task.comm", err);
	string(t, "next_task.comm", next - tasks.offset + comm.offset);
}

static void query(const struct oms_target *t, const char *q)
{
	char *copy = strdup(q), *sep;

	if (!copy)
		exit(1);
	if (!strncmp(copy, "member:", 7) && (sep = strchr(copy + 7, ':'))) {
		*sep = '\0';
		member(t, copy + 7, sep + 1);
	} else if (!strncmp(copy, "size:", 5)) {
		size(t, copy + 5);
	} else if (!strncmp(copy, "enum:", 5)) {
		enumerator(t, copy + 5);
	} else if (!strncmp(copy, "symbol:", 7)) {
		symbol(t, copy + 7);
	} else if (!strncmp(copy, "read:", 5)) {
		uint64_t addr = strtoull(copy + 5, NULL, 0), v;
		struct oms_error *err = oms_read_u64(t, addr, &v);

		if (err)
			report("read", copy + 5, err);
		else
			printf("read\t%s\t0x%" PRIx64 "\n", copy + 5, v);
	} else {
		fprintf(stderr, "target-probe: bad query '%s'\n", q);
		failed = 1;
	}
	free(copy);
}

int main(int argc, char **argv)
{
	struct oms_dump_options opts = { 0 };
	const struct oms_target *t;
	struct oms_dump *d;
	struct oms_error *err;
	bool quiet = false;
	size_t i;
	int a = 1;

	for (; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--vmlinux") && a + 1 < argc)
			opts.vmlinux = argv[++a];
		else if (!strcmp(argv[a], "--force"))
			opts.force = true;
		else if (!strcmp(argv[a], "--btf-only"))
			opts.btf_only = true;
		else if (!strcmp(argv[a], "--quiet"))
			quiet = true;
		else
			break;
	}
	if (a >= argc || argv[a][0] == '-') {
		fprintf(stderr,
			"usage: target-probe [--vmlinux FILE] [--force] [--btf-only] [--quiet] VMCORE [QUERY...]\n");
		return 2;
	}
	err = oms_dump_open(argv[a], &opts, &d);
	if (err) {
		fprintf(stderr, "target-probe: %s\n", err->message);
		oms_error_destroy(err);
		return 1;
	}
	if (oms_dump_warning(d))
		fprintf(stderr, "target-probe: warning: %s\n",
			oms_dump_warning(d));
	t = oms_dump_target(d);
	if (!quiet) {
		printf("release\t%s\n", oms_dump_release(d));
		printf("format\t%s\n", oms_dump_format(d));
		printf("vmlinux\t%s\n", oms_dump_vmlinux(d) ?
		       oms_dump_vmlinux(d) : "(none)");
		printf("types\t%s\n", oms_dump_types(d));
		printf("symbols\t%s\n", oms_dump_symbols(d));
		printf("build_id\t%s\n", oms_dump_build_id(d));
		strings(t);
		for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
			symbol(t, symbols[i]);
		for (i = 0; i < sizeof(members) / sizeof(members[0]); i++)
			member(t, members[i][0], members[i][1]);
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			size(t, sizes[i]);
		for (i = 0; i < sizeof(enums) / sizeof(enums[0]); i++)
			enumerator(t, enums[i]);
	}
	for (a++; a < argc; a++)
		query(t, argv[a]);
	oms_dump_destroy(d);
	return failed;
}
