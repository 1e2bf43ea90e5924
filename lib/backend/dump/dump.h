/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real backend: a vmcore read with libkdumpfile, the types of its
 * kernel read with libdw from the debug vmlinux, and the symbols from the
 * vmlinux's ELF symbol table plus the KASLR offset.
 *
 *	struct oms_dump *d;
 *	err = oms_dump_open("vmcore", &(struct oms_dump_options){0}, &d);
 *	...oms_read(oms_dump_target(d), ...)...
 *	oms_dump_destroy(d);
 *
 * Formats: kdump-compressed (makedumpfile), ELF (/proc/vmcore,
 * makedumpfile -E), and makedumpfile's flattened stream (-F), which is
 * reassembled into an unlinked temporary file first; any of them inside
 * gzip, xz, zstd, lz4 or bzip2 is decompressed into one first (compress.c).
 */
#ifndef OMS_DUMP_H
#define OMS_DUMP_H

#include <stdbool.h>

#include "../../target.h"

struct oms_dump;

struct oms_dump_options {
	const char *vmlinux;	/* NULL: find it (see oms_dump_open) */
	bool force;		/* use a vmlinux whose build-id/release differs (warn) */
	bool no_debuginfod;	/* never ask $DEBUGINFOD_URLS's servers */
	bool btf_only;		/* no vmlinux: the BTF and kallsyms in the dump */
};

/*
 * Open the dump at path and the debug vmlinux of its kernel.  Without
 * opts->vmlinux the vmlinux is looked for, in order, at $OOMSCAN_VMLINUX,
 * /usr/lib/debug/boot/vmlinux-RELEASE, /usr/lib/debug/.build-id/XX/REST.debug,
 * /usr/lib/debug/lib/modules/RELEASE/vmlinux and
 * ${OOMSCAN_CACHE:-${XDG_CACHE_HOME:-~/.cache}/oomscan}/kernels/RELEASE/vmlinux.
 * A vmlinux whose build-id (or, without one in the dump, release) differs
 * from the dump's is OMS_ERR_MISMATCH unless opts->force.
 */
struct oms_error *oms_dump_open(const char *path,
				const struct oms_dump_options *opts,
				struct oms_dump **ret);
const struct oms_target *oms_dump_target(const struct oms_dump *d);
/* the file analysed: the path opened, or the kdump-tools dump beside the
 * apport report opened (see apport.c) */
const char *oms_dump_path(const struct oms_dump *d);
const char *oms_dump_release(const struct oms_dump *d);	/* VMCOREINFO OSRELEASE */
const char *oms_dump_build_id(const struct oms_dump *d);	/* hex, "" if none */
const char *oms_dump_vmlinux(const struct oms_dump *d);	/* path used, or NULL */
/* where the types and symbols came from: "dwarf" or "btf", "vmlinux" or
 * "kallsyms"; the debuginfod server that gave the vmlinux, or NULL */
const char *oms_dump_types(const struct oms_dump *d);
const char *oms_dump_symbols(const struct oms_dump *d);
const char *oms_dump_debuginfod(const struct oms_dump *d);
const char *oms_dump_format(const struct oms_dump *d);	/* "kdump-compressed", "elf", "flattened" */
/* the symbols that kallsyms lacked and the dump gave otherwise (a kernel
 * without KALLSYMS_ALL), so far: their names and where each came from
 * ("ksymtab", "percpu", ...: oms_symbol_origin_name()); the arrays live
 * until the next call or oms_dump_destroy() */
size_t oms_dump_recovered(struct oms_dump *d, const char *const **names_ret,
			  const char *const **from_ret);
/* NULL, or one line to show the user (a mismatch accepted with force) */
const char *oms_dump_warning(const struct oms_dump *d);
void oms_dump_destroy(struct oms_dump *d);	/* NULL is a no-op */

/*
 * true when the file at path starts like a dump that oms_dump_open reads
 * (kdump-compressed, flattened, an ELF core), also inside an outer
 * compression, or is an apport report with a VmCore field: what a batch
 * takes from a folder (compress.c)
 */
bool oms_dump_sniff(const char *path);

#endif
