/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The target interface: where kernel memory, symbols and types come from.
 *
 * The analysis never knows.  A backend fills a const ops table and passes
 * its own state in priv, like libaddrxlat's addrxlat_cb_t:
 *   lib/backend/dump/ + debuginfo/  libkdumpfile for memory, libdw for types
 *   extension/target_crash.c       crash's readmem, symbol_value, MEMBER_OFFSET
 *   lib/backend/fake.c             the unit tests' synthetic kernel
 *
 * Types are named the way C spells them: "struct task_struct",
 * "enum zone_type", "atomic_long_t".  Members are one level deep (a member
 * of an anonymous struct or union inside TYPE is found too).  Addresses are
 * kernel virtual addresses with the KASLR offset applied.
 */
#ifndef OMS_TARGET_H
#define OMS_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct oms_member {
	uint64_t offset;	/* bytes from the start of the type */
	uint64_t size;		/* bytes; for an array, the whole array */
	uint32_t bit_offset;	/* bitfields: bits past offset, else 0 */
	uint32_t bit_size;	/* bitfields: width, else 0 */
};

struct oms_target_ops {
	/* read len bytes at addr; OMS_ERR_NODATA for a page not in the dump */
	struct oms_error *(*read)(void *priv, uint64_t addr, void *buf,
				  size_t len);
	/* the address of a kernel symbol (data or function) */
	struct oms_error *(*symbol)(void *priv, const char *name,
				    uint64_t *addr_ret);
	/* a member of a struct or union */
	struct oms_error *(*member)(void *priv, const char *type,
				    const char *member,
				    struct oms_member *ret);
	/* sizeof(type) */
	struct oms_error *(*type_size)(void *priv, const char *type,
				       uint64_t *size_ret);
	/* the value of an enumerator, e.g. "NR_FREE_PAGES" */
	struct oms_error *(*enumerator)(void *priv, const char *name,
					int64_t *value_ret);
	/* optional (may be NULL): a VMCOREINFO value, e.g. "OSRELEASE";
	 * the caller frees *value_ret */
	struct oms_error *(*vmcoreinfo)(void *priv, const char *key,
					char **value_ret);
	/* optional (may be NULL): pr_pid of the dump's index-th NT_PRSTATUS
	 * note, the pid of the task each stopped cpu ran (crash_save_cpu()
	 * writes current->pid), the panicking cpu's too; NOT_FOUND past
	 * the last note */
	struct oms_error *(*note_pid)(void *priv, int index, int32_t *pid_ret);
};

struct oms_target {
	const struct oms_target_ops *ops;
	void *priv;
};

/* what a layout keeps of one member: where, how wide, and whether it exists */
struct oms_field {
	uint64_t offset;
	uint32_t size;
	bool present;
};

struct oms_error *oms_read(const struct oms_target *t, uint64_t addr,
			   void *buf, size_t len);
struct oms_error *oms_read_u64(const struct oms_target *t, uint64_t addr,
			       uint64_t *ret);
struct oms_error *oms_read_u32(const struct oms_target *t, uint64_t addr,
			       uint32_t *ret);
/* read an unsigned (or sign-extended) integer of f->size bytes at base+offset */
struct oms_error *oms_read_field(const struct oms_target *t, uint64_t base,
				 const struct oms_field *f, uint64_t *ret);
struct oms_error *oms_read_field_signed(const struct oms_target *t,
					uint64_t base,
					const struct oms_field *f,
					int64_t *ret);
/* the integer of size (1, 2, 4 or 8) bytes at p, unsigned or
 * sign-extended; false for another size */
bool oms_int_of_bytes(const void *p, uint32_t size, bool is_signed,
		      uint64_t *ret);
/* read a NUL-terminated string of at most len-1 bytes into buf */
struct oms_error *oms_read_string(const struct oms_target *t, uint64_t addr,
				  char *buf, size_t len);

struct oms_error *oms_symbol(const struct oms_target *t, const char *name,
			     uint64_t *addr_ret);
bool oms_symbol_exists(const struct oms_target *t, const char *name);
struct oms_error *oms_type_size(const struct oms_target *t, const char *type,
				uint64_t *size_ret);
bool oms_type_exists(const struct oms_target *t, const char *type);
struct oms_error *oms_enumerator(const struct oms_target *t, const char *name,
				 int64_t *value_ret);
/* fill *f; a missing member is an error that names it */
struct oms_error *oms_field(const struct oms_target *t, const char *type,
			    const char *member, struct oms_field *f);
/* the whole member, its bit offset and width too (for a bitfield) */
struct oms_error *oms_member(const struct oms_target *t, const char *type,
			     const char *member, struct oms_member *ret);
/* fill *f; a missing member leaves f->present false and is not an error */
struct oms_error *oms_field_optional(const struct oms_target *t,
				     const char *type, const char *member,
				     struct oms_field *f);
/* a VMCOREINFO value (caller frees), NOT_FOUND when the backend has none */
struct oms_error *oms_vmcoreinfo(const struct oms_target *t, const char *key,
				 char **value_ret);
/* the pid of the index-th PRSTATUS note, NOT_FOUND when there is none */
struct oms_error *oms_note_pid(const struct oms_target *t, int index,
			       int32_t *pid_ret);

#endif
