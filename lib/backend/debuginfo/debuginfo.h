/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The debug-info side of the real backend: where the types and the
 * symbols of the dump's kernel come from.
 *   source.c     the choice, made once: the vmlinux, else the dump's own
 *                BTF and kallsyms, else one error (oms_debuginfo_*)
 *   vmlinux.c    finding, checking and the symbol table of the vmlinux
 *   debuginfod.c the vmlinux by build-id from $DEBUGINFOD_URLS's servers
 *   dwarf.c      types, members and enumerators from DWARF, found lazily
 *   units.c      the compilation units of .debug_info and their DW_AT_name
 *   elfsection.c the one walk over an ELF file's sections by name
 *   kallsyms.c   the symbols from the kallsyms tables in the dump (kallsyms.h)
 *   btf.c        the types from the kernel's BTF in the dump, libbpf (btf.h)
 *   image.c      the kernel image in the dump and the BTF found in it,
 *   ksymtab.c    its exported symbols (__ksymtab), and
 *   arm64.c      what arm64 code loads: the data symbols that a kallsyms
 *                of functions only lacks (image.h)
 *   typecache.c  the answers, kept on disk per build-id (DWARF's and BTF's)
 *   strmap.c     a string-keyed hash table
 *   spelling.c   C's and GCC's names of the base types
 */
#ifndef OMS_BACKEND_DEBUGINFO_H
#define OMS_BACKEND_DEBUGINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../../target.h"

/*
 * anonymous structs and unions a member look-up enters (dwarf.c, btf.c):
 * a kernel's deepest type has a few dozen, and types whose anonymous
 * members name the same types again and again would otherwise cost
 * members^depth
 */
#define OMS_MAX_ANON	4096

/* strmap.c: string -> uint64_t, open addressing; keys are not copied */
struct oms_strmap_entry {
	const char *key;
	uint64_t hash;
	uint64_t value;
};

struct oms_strmap {
	struct oms_strmap_entry *entries;
	size_t capacity;	/* 0 or a power of two */
	size_t count;
};

uint64_t oms_strhash(const char *s);
void oms_strmap_init(struct oms_strmap *m);
void oms_strmap_deinit(struct oms_strmap *m);
bool oms_strmap_get(const struct oms_strmap *m, const char *key,
		    uint64_t *value_ret);
/* add key (kept if already there unless replace); false when out of memory */
bool oms_strmap_put(struct oms_strmap *m, const char *key, uint64_t value,
		    bool replace);

/* vmlinux.c */
struct oms_vmlinux;
struct oms_vmlinux_want {
	const char *release;	/* the dump's OSRELEASE, NULL if unknown */
	const char *build_id;	/* the dump's BUILD-ID (hex), "" if none */
	bool debuginfod;	/* none found: ask $DEBUGINFOD_URLS's servers */
};
/* find (path NULL) or open the vmlinux, and check it against want */
struct oms_error *oms_vmlinux_open(const char *path,
				   const struct oms_vmlinux_want *want,
				   bool force, struct oms_vmlinux **ret,
				   char **warning_ret);
void oms_vmlinux_destroy(struct oms_vmlinux *vm);
const char *oms_vmlinux_path(const struct oms_vmlinux *vm);
/* the server's URL when debuginfod gave it, else NULL */
const char *oms_vmlinux_debuginfod(const struct oms_vmlinux *vm);
const char *oms_vmlinux_build_id(const struct oms_vmlinux *vm);
struct Elf;
struct Elf *oms_vmlinux_elf(const struct oms_vmlinux *vm);
int oms_vmlinux_fd(const struct oms_vmlinux *vm);
/* the address of one function of each source file called base (.symtab) */
size_t oms_vmlinux_file_functions(struct oms_vmlinux *vm, const char *base,
				  uint64_t *addrs, size_t max);
/* the symbol's link-time value; *percpu_ret when in .data..percpu */
struct oms_error *oms_vmlinux_symbol(struct oms_vmlinux *vm, const char *name,
				     uint64_t *value_ret, bool *percpu_ret);
/* the cache root: ${OOMSCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oomscan} */
char *oms_cache_dir(void);

/* debuginfod.c: $DEBUGINFOD_URLS is set (not empty) */
bool oms_debuginfod_enabled(void);
/*
 * The debug file of build_id (hex) from the servers of $DEBUGINFOD_URLS:
 * its path in *path_ret (to free), or NULL and in *why_ret (to free) one
 * line saying why not; both NULL when DEBUGINFOD_URLS is unset or empty
 */
void oms_debuginfod_find(const char *build_id, char **path_ret,
			 char **why_ret);

/* spelling.c: GCC's name of a C base type ("unsigned long" -> "long
 * unsigned int"), the name itself for any other */
const char *oms_gcc_spelling(const char *type);
/* "struct page *": a pointer type, whose size is the address size */
bool oms_is_pointer_name(const char *type);

/* typecache.c: the answers of type queries, keyed by strings */
struct oms_typecache;
struct oms_typecache_value {
	bool found;
	int64_t v[4];
};
/* load ROOT/types/BUILD_ID, or with kind ROOT/types/BUILD_ID.KIND (a
 * missing or corrupt file is an empty cache; no file without a hex
 * build-id) */
struct oms_typecache *oms_typecache_create(const char *build_id,
					  const char *kind);
/* the number of answers it holds */
size_t oms_typecache_count(const struct oms_typecache *c);
bool oms_typecache_get(struct oms_typecache *c, const char *key,
		       struct oms_typecache_value *ret);
void oms_typecache_put(struct oms_typecache *c, const char *key,
		       const struct oms_typecache_value *v);
/*
 * A member's answer ("m TYPE|MEMBER") from the cache, else from lookup,
 * then kept: a member found or OMS_ERR_NOT_FOUND ("no member 'T.M'");
 * other errors are not kept
 */
typedef struct oms_error *oms_member_lookup_fn(void *arg, const char *type,
					       const char *member,
					       struct oms_member *ret);
struct oms_error *oms_typecache_member(struct oms_typecache *c,
				       const char *type, const char *member,
				       struct oms_member *ret,
				       oms_member_lookup_fn *lookup, void *arg);
/* write the file again if anything was added (atomically; errors ignored) */
void oms_typecache_save(struct oms_typecache *c);
void oms_typecache_destroy(struct oms_typecache *c);

/* units.c: the compilation units of .debug_info and their DW_AT_name */
struct oms_unit {
	uint64_t start;	/* the unit's header in .debug_info */
	uint64_t die;	/* the unit's DIE */
	uint64_t end;	/* where the next unit starts */
	uint64_t abbrev_off;
	uint8_t offset_size, addr_size;
	bool name_read;
	char *name;	/* NULL: not read (see oms_unit_name) or none */
};
struct oms_units;
/* the units in file order, their headers only; NULL without memory */
struct oms_units *oms_units_create(struct Elf *elf, int fd);
void oms_units_destroy(struct oms_units *r);	/* NULL is a no-op */
size_t oms_units_count(const struct oms_units *r);
const struct oms_unit *oms_units_get(const struct oms_units *r, size_t i);
/* the DW_AT_name of unit i, read on the first call; "" if none */
const char *oms_unit_name(struct oms_units *r, size_t i);
/* read every unit's name at once (one read of .debug_abbrev) */
void oms_units_read_names(struct oms_units *r);
/* the unit whose .debug_aranges range holds addr, or -1 */
ssize_t oms_units_at_address(struct oms_units *r, uint64_t addr);
/*
 * The unit of the source file name (a path such as mm/memcontrol.c; a
 * unit's DW_AT_name ends with it), or -1: found from the address of one of
 * the file's functions (.symtab STT_FILE, .debug_aranges), its name
 * checked; or by reading the name of every unit
 */
ssize_t oms_units_find_by_address(struct oms_units *r,
				  struct oms_vmlinux *vm, const char *name);
ssize_t oms_units_find_by_name(struct oms_units *r, const char *name);

/* dwarf.c: the type side of the target */
struct oms_types;
struct oms_error *oms_types_create(struct oms_vmlinux *vm,
				   struct oms_types **ret);
void oms_types_destroy(struct oms_types *t);
/* the on-disk cache of the vmlinux (also for symbols: kdump.c) */
struct oms_typecache *oms_types_cache(struct oms_types *t);
struct oms_error *oms_types_member(struct oms_types *t, const char *type,
				   const char *member, struct oms_member *ret);
struct oms_error *oms_types_size(struct oms_types *t, const char *type,
				 uint64_t *size_ret);
struct oms_error *oms_types_enumerator(struct oms_types *t, const char *name,
				       int64_t *value_ret);

/*
 * source.c: where the dump's kernel's types and symbols come from, chosen
 * once: the debug vmlinux (given, found here, or from debuginfod), else
 * the BTF and kallsyms in the dump, else an error saying what is lacking.
 * mem reads the dump's memory and VMCOREINFO (its symbol and type ops are
 * not used); it must outlive the result.
 */
struct oms_debuginfo;
struct oms_debuginfo_options {
	const char *vmlinux;	/* this one or an error (no BTF fallback) */
	bool force;		/* accept a vmlinux of another build (warn) */
	bool btf_only;		/* the dump's BTF and kallsyms, no vmlinux */
};
struct oms_error *oms_debuginfo_open(const struct oms_target *mem,
				     const struct oms_vmlinux_want *want,
				     const struct oms_debuginfo_options *o,
				     uint64_t kaslr_offset,
				     struct oms_debuginfo **ret,
				     char **warning_ret);
void oms_debuginfo_destroy(struct oms_debuginfo *di);	/* NULL: no-op */
/* the target's symbol (KASLR applied), member, type_size, enumerator */
struct oms_error *oms_debuginfo_symbol(struct oms_debuginfo *di,
				       const char *name, uint64_t *addr_ret);
struct oms_error *oms_debuginfo_member(struct oms_debuginfo *di,
				       const char *type, const char *member,
				       struct oms_member *ret);
struct oms_error *oms_debuginfo_type_size(struct oms_debuginfo *di,
					  const char *type, uint64_t *size_ret);
struct oms_error *oms_debuginfo_enumerator(struct oms_debuginfo *di,
					   const char *name, int64_t *value_ret);
/*
 * Where a symbol that kallsyms lacks came from (a kernel without
 * CONFIG_KALLSYMS_ALL: image.h); OMS_SYMBOL_TABLE for kallsyms' own and
 * the vmlinux's
 */
enum oms_symbol_origin {
	OMS_SYMBOL_TABLE = 0,
	OMS_SYMBOL_BTF_SCAN,	/* __start_BTF, __stop_BTF: the BTF's header */
	OMS_SYMBOL_KSYMTAB,	/* its EXPORT_SYMBOL()'s entry of __ksymtab */
	OMS_SYMBOL_PERCPU,	/* the BTF's .data..percpu, __ksymtab's start */
	OMS_SYMBOL_VMCOREINFO,	/* its SYMBOL() in VMCOREINFO */
	OMS_SYMBOL_SYSCTL,	/* the .data of its struct ctl_table entry */
	OMS_SYMBOL_CODE,	/* the variable a function's code works on */
	OMS_SYMBOL_LIST,	/* the list head in the image of a list */
	OMS_SYMBOL_STRINGS,	/* the array of pointers to its known names */
	OMS_SYMBOL_NONE,	/* none of these: not found */
};
/* "btf-header", "ksymtab", "percpu", "vmcoreinfo", "sysctl", "code", "list", "strings";
 * NULL for OMS_SYMBOL_NONE */
const char *oms_symbol_origin_name(enum oms_symbol_origin how);
/* the symbols asked for that a kallsyms of functions only lacked, in the
 * order first asked: where each came from, OMS_SYMBOL_NONE if nowhere */
size_t oms_debuginfo_recovered_count(const struct oms_debuginfo *di);
void oms_debuginfo_recovered(const struct oms_debuginfo *di, size_t i,
			     const char **name_ret,
			     enum oms_symbol_origin *how_ret);
/* true: BTF and kallsyms from the dump; false: DWARF and the vmlinux */
bool oms_debuginfo_is_btf(const struct oms_debuginfo *di);
const char *oms_debuginfo_vmlinux(const struct oms_debuginfo *di);	/* or NULL */
const char *oms_debuginfo_debuginfod(const struct oms_debuginfo *di);	/* or NULL */

#endif
