/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's types from its BTF, with libbpf: the type side of the
 * target without the debug vmlinux.  A Debian kernel carries its BTF in
 * its image, between the symbols __start_BTF and __stop_BTF
 * (CONFIG_DEBUG_INFO_BTF), and a dump holds those pages at every
 * makedumpfile level.
 *
 *	void *blob;
 *	size_t size;
 *	err = oms_btf_read(target, start_btf, stop_btf, &blob, &size);
 *	err = oms_btf_create(blob, size, &btf);
 *	free(blob);
 *	err = oms_btf_member(btf, "struct task_struct", "comm", &m);
 *	oms_btf_destroy(btf);
 *
 * The answers are dwarf.c's (oms_types_member, oms_types_size,
 * oms_types_enumerator) to the same questions, with the contract of
 * target.h: types named as C spells them ("struct task_struct",
 * "union x", "enum zone_type", "atomic_long_t", "unsigned long"); a
 * member one level deep or in an anonymous struct or union inside it, or
 * a path "a.b"; a bitfield in the storage unit of its type's size, as
 * dwarf.c's member_info() puts it; of several definitions of a name the
 * first one, a declaration (BTF_KIND_FWD, an enum without enumerators)
 * never; OMS_ERR_NOT_FOUND "no type 'T'", "no member 'T.M'", "no
 * enumerator 'E'".
 *
 * Where the answers cannot be dwarf.c's (tests/btf.test counts them on
 * the bundled dumps; none is a type oomscan asks about):
 *  - a struct defined inside a function (struct syscall_tp_t in
 *    perf_call_bpf_enter()): the BTF has it, dwarf.c looks at the top
 *    level of each unit only and says "no type"
 *  - a name defined differently in several files (struct pci_root_info
 *    of arch/x86/pci/acpi.c, bus_numa.c, amd_bus.c): both take the first
 *    definition they meet, dwarf.c in .debug_info's order, this in the
 *    BTF's type order, which pahole does not keep in link order (it
 *    encodes the units in parallel, -j): on the 6.1 dump 4 of 11 such
 *    names resolve to another definition than dwarf.c's, on 6.12 none
 *  - the message of a type not there: dwarf.c says "no member 'T.M'"
 *    instead of "no type 'T'" once its type cache has the answer
 */
#ifndef OMS_BACKEND_BTF_H
#define OMS_BACKEND_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../target.h"

/* a blob larger than this is not a kernel's BTF (Debian's: 4-5 MB) */
#define OMS_BTF_MAX_SIZE	(256u << 20)

struct oms_btf;
struct btf;

/*
 * Check the header of a BTF blob of size bytes (magic, version, the
 * sections inside the blob) before libbpf sees it: OMS_ERR_FORMAT with
 * one line that says what is wrong
 */
struct oms_error *oms_btf_check_header(const void *data, size_t size);

/*
 * Read the blob [start, stop) (the addresses of __start_BTF and
 * __stop_BTF) from t's memory into a new buffer (the caller frees it).
 * OMS_ERR_CORRUPT for an empty, reversed or oversized span; a page not in
 * the dump fails with its error (OMS_ERR_NODATA) and says where
 */
struct oms_error *oms_btf_read(const struct oms_target *t, uint64_t start,
			       uint64_t stop, void **data_ret,
			       size_t *size_ret);

/* parse a blob (libbpf copies it: the caller may free data after this) */
struct oms_error *oms_btf_create(const void *data, size_t size,
				 struct oms_btf **ret);
void oms_btf_destroy(struct oms_btf *b);	/* NULL is a no-op */

struct oms_error *oms_btf_member(const struct oms_btf *b, const char *type,
				 const char *member, struct oms_member *ret);
struct oms_error *oms_btf_type_size(const struct oms_btf *b, const char *type,
				    uint64_t *size_ret);
struct oms_error *oms_btf_enumerator(const struct oms_btf *b, const char *name,
				     int64_t *value_ret);

/*
 * Variable i of the BTF's DATASEC section (".data..percpu": every per-cpu
 * variable, pahole's only VARs on 6.1) in the order it lists them: its
 * name and its offset in the section.  false past the last, or when
 * there is no such DATASEC
 */
bool oms_btf_datasec_var(const struct oms_btf *b, const char *section,
			 uint32_t i, const char **name_ret,
			 uint32_t *offset_ret);

/* libbpf's view of it, for the tests (the number of types: btf__type_cnt) */
const struct btf *oms_btf_libbpf(const struct oms_btf *b);
/* the type id that a name (as C spells it) resolves to, 0 if none */
uint32_t oms_btf_type_id(const struct oms_btf *b, const char *type);

#endif
