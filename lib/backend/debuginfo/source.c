// SPDX-License-Identifier: GPL-2.0
/*
 * Where the types and symbols of the dump's kernel come from, chosen once
 * when the dump is opened:
 *   1. the debug vmlinux, given (--vmlinux), found in vmlinux.c's places
 *      or fetched by the dump's build-id from debuginfod: its DWARF
 *      (dwarf.c) and its .symtab plus KERNELOFFSET;
 *   2. else the kernel's own BTF and kallsyms, read out of the dump
 *      (btf.c, kallsyms.c): nothing but the vmcore (Linux 6.0 and later,
 *      CONFIG_DEBUG_INFO_BTF);
 *   3. else one error that says what the dump lacks and how to get the
 *      vmlinux of its release.
 * The analysis asks the same questions of both, through the target.
 *
 * Every answer goes to the type cache of the build (typecache.c): the
 * DWARF ones to types/BUILD_ID, the BTF and kallsyms ones to
 * types/BUILD_ID.btf.  On the BTF side the tables are read only on a
 * question the cache cannot answer: kallsyms when a symbol is not in it,
 * the BTF blob when a type is not, so that a batch of dumps of one build
 * reads them once.  Opening always finds __start_BTF and __stop_BTF and
 * checks that a BTF header is there, so that a dump without BTF fails at
 * once with its reason.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf.h"
#include "debuginfo.h"
#include "kallsyms.h"

#define BTF_HEADER_SIZE 24

struct oms_debuginfo {
	bool btf_side;
	uint64_t kaslr_offset;
	struct oms_typecache *cache;	/* the DWARF side: dwarf.c's own */
	/* DWARF */
	struct oms_vmlinux *vm;
	struct oms_types *types;
	/* BTF and kallsyms, loaded on the first question the cache misses */
	const struct oms_target *mem;
	struct oms_kallsyms *ks;
	struct oms_error *ks_err;	/* the load that failed, kept */
	struct oms_btf *btf;
	struct oms_error *btf_err;
	uint64_t btf_start, btf_stop;
	bool opened;		/* a failed open leaves the cache as it was */
};

/* an error of its own for each caller: a kept one is copied */
static struct oms_error *copy_error(const struct oms_error *err)
{
	if (err == &oms_enomem)
		return &oms_enomem;
	return oms_error_create(err->code, "%s", err->message);
}

/* --- symbols ------------------------------------------------------------ */

/*
 * Kept in the cache as the running kernel had them less KERNELOFFSET, and
 * whether they were shifted by it: not a per-cpu symbol (.data..percpu in
 * the vmlinux; in kallsyms an address in the lower half, which no 64-bit
 * kernel's text or data has), so that the dumps of other boots use them
 */
static struct oms_error *load_kallsyms(struct oms_debuginfo *di)
{
	if (!di->ks && !di->ks_err) {
		di->ks_err = oms_kallsyms_create(di->mem, &di->ks);
		if (di->ks_err)
			di->ks_err = oms_error_prefix(di->ks_err,
						      "the kernel's kallsyms in the dump");
	}
	return di->ks_err ? copy_error(di->ks_err) : NULL;
}

static struct oms_error *raw_symbol(struct oms_debuginfo *di,
				    const char *name, uint64_t *value_ret,
				    bool *shifted_ret)
{
	struct oms_error *err;
	bool percpu;

	if (!di->btf_side) {
		err = oms_vmlinux_symbol(di->vm, name, value_ret, &percpu);
		*shifted_ret = !err && !percpu;
		return err;
	}
	err = load_kallsyms(di);
	if (!err)
		err = oms_kallsyms_lookup(di->ks, name, value_ret);
	if (err)
		return err;
	*shifted_ret = *value_ret >> 63;
	if (*shifted_ret)
		*value_ret -= di->kaslr_offset;
	return NULL;
}

struct oms_error *oms_debuginfo_symbol(struct oms_debuginfo *di,
				       const char *name, uint64_t *addr_ret)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	uint64_t value;
	bool shifted;
	char *key;

	/* the cache spares hashing the ~190000 symbols of .symtab, or
	 * decoding the ~150000 of kallsyms */
	if (asprintf(&key, "y %s", name) < 0)
		return &oms_enomem;
	if (oms_typecache_get(di->cache, key, &v)) {
		free(key);
		if (!v.found)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no symbol '%s'", name);
		value = (uint64_t)v.v[0];
		shifted = !v.v[1];	/* v[1]: a per-cpu symbol */
	} else {
		err = raw_symbol(di, name, &value, &shifted);
		if (err && err->code != OMS_ERR_NOT_FOUND) {
			free(key);
			return err;
		}
		v = (struct oms_typecache_value){ !err,
			{ err ? 0 : (int64_t)value, !shifted } };
		oms_typecache_put(di->cache, key, &v);
		free(key);
		if (err)
			return err;
	}
	/* a per-cpu symbol is an offset from __per_cpu_offset[cpu] */
	*addr_ret = shifted ? value + di->kaslr_offset : value;
	return NULL;
}

/* --- types: DWARF, or BTF through the cache --------------------------- */

static struct oms_error *load_btf(struct oms_debuginfo *di)
{
	struct oms_error *err;
	size_t size;
	void *blob;

	if (di->btf || di->btf_err)
		return di->btf_err ? copy_error(di->btf_err) : NULL;
	err = oms_btf_read(di->mem, di->btf_start, di->btf_stop, &blob, &size);
	if (!err) {
		err = oms_btf_check_header(blob, size);
		if (!err)
			err = oms_btf_create(blob, size, &di->btf);
		free(blob);
	}
	if (err) {
		di->btf_err = oms_error_prefix(err,
					       "the kernel's BTF at 0x%" PRIx64 " in the dump",
					       di->btf_start);
		return copy_error(di->btf_err);
	}
	return NULL;
}

/* a member from the BTF, read on the first question the cache misses */
static struct oms_error *btf_member(void *arg, const char *type,
				    const char *member, struct oms_member *ret)
{
	struct oms_debuginfo *di = arg;
	struct oms_error *err = load_btf(di);

	return err ? err : oms_btf_member(di->btf, type, member, ret);
}

struct oms_error *oms_debuginfo_member(struct oms_debuginfo *di,
				       const char *type, const char *member,
				       struct oms_member *ret)
{
	if (!di->btf_side)
		return oms_types_member(di->types, type, member, ret);
	return oms_typecache_member(di->cache, type, member, ret, btf_member,
				    di);
}

/* the cached one-value answers: "s TYPE" (sizeof), "e NAME" (enumerator) */
static struct oms_error *cached_value(struct oms_debuginfo *di, char kind,
				      const char *name, int64_t *ret)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	uint64_t size;
	char *key;

	if (asprintf(&key, "%c %s", kind, name) < 0)
		return &oms_enomem;
	if (oms_typecache_get(di->cache, key, &v)) {
		free(key);
		if (v.found) {
			*ret = v.v[0];
			return NULL;
		}
		return kind == 's' ?
		       oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", name) :
		       oms_error_create(OMS_ERR_NOT_FOUND, "no enumerator '%s'",
					name);
	}
	err = load_btf(di);
	if (!err && kind == 's') {
		err = oms_btf_type_size(di->btf, name, &size);
		*ret = (int64_t)size;
	} else if (!err) {
		err = oms_btf_enumerator(di->btf, name, ret);
	}
	if (!err)
		v = (struct oms_typecache_value){ true, { *ret } };
	else if (err->code == OMS_ERR_NOT_FOUND)
		v = (struct oms_typecache_value){ false, { 0 } };
	if (!err || err->code == OMS_ERR_NOT_FOUND)
		oms_typecache_put(di->cache, key, &v);
	free(key);
	return err;
}

struct oms_error *oms_debuginfo_type_size(struct oms_debuginfo *di,
					  const char *type, uint64_t *size_ret)
{
	struct oms_error *err;
	int64_t v;

	if (!di->btf_side)
		return oms_types_size(di->types, type, size_ret);
	err = cached_value(di, 's', type, &v);
	if (!err)
		*size_ret = (uint64_t)v;
	return err;
}

struct oms_error *oms_debuginfo_enumerator(struct oms_debuginfo *di,
					   const char *name, int64_t *value_ret)
{
	if (!di->btf_side)
		return oms_types_enumerator(di->types, name, value_ret);
	return cached_value(di, 'e', name, value_ret);
}

/* --- choosing ----------------------------------------------------------- */

static struct oms_error *open_dwarf(struct oms_debuginfo *di,
				    const struct oms_debuginfo_options *o,
				    const struct oms_vmlinux_want *want,
				    char **warning_ret)
{
	struct oms_error *err;

	err = oms_vmlinux_open(o->vmlinux, want, o->force, &di->vm,
			       warning_ret);
	if (!err)
		err = oms_types_create(di->vm, &di->types);
	if (!err)
		di->cache = oms_types_cache(di->types);
	return err;
}

/* __start_BTF and __stop_BTF, and a BTF header at the first */
static struct oms_error *open_btf(struct oms_debuginfo *di,
				  const char *build_id)
{
	unsigned char hdr[BTF_HEADER_SIZE];
	struct oms_error *err;
	bool had_answers;
	uint16_t magic;

	di->btf_side = true;
	di->cache = oms_typecache_create(build_id, "btf");
	if (!di->cache)
		return &oms_enomem;
	had_answers = oms_typecache_count(di->cache) > 0;
	err = oms_debuginfo_symbol(di, "__start_BTF", &di->btf_start);
	if (!err)
		err = oms_debuginfo_symbol(di, "__stop_BTF", &di->btf_stop);
	if (err && err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"its kernel has no BTF (no '__start_BTF' in kallsyms: CONFIG_DEBUG_INFO_BTF is off)");
	}
	if (err)
		return err;
	if (di->btf_stop <= di->btf_start ||
	    di->btf_stop - di->btf_start < BTF_HEADER_SIZE ||
	    di->btf_stop - di->btf_start > OMS_BTF_MAX_SIZE)
		return oms_error_create(OMS_ERR_CORRUPT,
					"its BTF from __start_BTF 0x%" PRIx64 " to __stop_BTF 0x%" PRIx64 " is not a BTF's size",
					di->btf_start, di->btf_stop);
	err = oms_read(di->mem, di->btf_start, hdr, sizeof(hdr));
	if (err)
		return oms_error_prefix(err, "cannot read its BTF header at 0x%" PRIx64,
					di->btf_start);
	memcpy(&magic, hdr, sizeof(magic));
	if (magic != 0xeb9f || hdr[2] != 1)
		return oms_error_create(OMS_ERR_FORMAT,
					"its BTF at 0x%" PRIx64 " has no BTF header (magic 0x%04x, version %u; BTF's: 0xeb9f, 1)",
					di->btf_start, magic, hdr[2]);
	/* a cold cache will need all of it: read it now, so that a BTF that
	 * cannot be read fails here with its reason, not a question later */
	if (!had_answers) {
		err = load_btf(di);
		if (err)
			return err;
	}
	return NULL;
}

static void destroy(struct oms_debuginfo *di)
{
	if (!di)
		return;
	if (di->btf_side) {
		if (di->opened)
			oms_typecache_save(di->cache);
		oms_typecache_destroy(di->cache);
	}
	oms_types_destroy(di->types);	/* saves and frees its cache */
	oms_vmlinux_destroy(di->vm);
	oms_kallsyms_destroy(di->ks);
	oms_error_destroy(di->ks_err);
	oms_btf_destroy(di->btf);
	oms_error_destroy(di->btf_err);
	free(di);
}

void oms_debuginfo_destroy(struct oms_debuginfo *di)
{
	destroy(di);
}

struct oms_error *oms_debuginfo_open(const struct oms_target *mem,
				     const struct oms_vmlinux_want *want,
				     const struct oms_debuginfo_options *o,
				     uint64_t kaslr_offset,
				     struct oms_debuginfo **ret,
				     char **warning_ret)
{
	struct oms_debuginfo *di;
	struct oms_error *err, *dwarf_err = NULL;
	const char *release = want->release ? want->release : "(unknown)";

	*warning_ret = NULL;
	di = calloc(1, sizeof(*di));
	if (!di)
		return &oms_enomem;
	di->mem = mem;
	di->kaslr_offset = kaslr_offset;

	/* a vmlinux given is the one to use, or an error */
	if (o->vmlinux || !o->btf_only) {
		err = open_dwarf(di, o, want, warning_ret);
		if (!err || o->vmlinux ||
		    (err->code != OMS_ERR_NOT_FOUND &&
		     err->code != OMS_ERR_MISMATCH)) {
			if (err)
				goto out_destroy;
			*ret = di;
			return NULL;
		}
		/* none, or only one of another build: the dump's own */
		dwarf_err = err;
		oms_types_destroy(di->types);
		oms_vmlinux_destroy(di->vm);
		di->types = NULL;
		di->vm = NULL;
		di->cache = NULL;
	}
	err = open_btf(di, want->build_id);
	if (err) {
		struct oms_error *why = err;

		if (dwarf_err)
			err = oms_error_create(why->code == OMS_ERR_NOT_FOUND &&
					       dwarf_err->code == OMS_ERR_NOT_FOUND ?
					       OMS_ERR_NOT_FOUND : why->code,
					       "%s; nor can its types and symbols come from the dump: %s",
					       dwarf_err->message, why->message);
		else
			err = oms_error_create(why->code,
					       "kernel %s: its types and symbols cannot come from the dump (--btf-only): %s; give its debug vmlinux (--vmlinux) instead",
					       release, why->message);
		if (why != &oms_enomem)
			oms_error_destroy(why);
		goto out_destroy;
	}
	/* say why the vmlinux was passed over when something was tried:
	 * a debuginfod that failed, a vmlinux of another build */
	if (dwarf_err && (dwarf_err->code == OMS_ERR_MISMATCH ||
			  strstr(dwarf_err->message, "debuginfod:"))) {
		const char *m = dwarf_err->message, *d = strstr(m, "debuginfod:");
		size_t len = d ? strcspn(d, ";)") : strlen(m);

		if (asprintf(warning_ret, "%.*s: using the kernel's BTF and kallsyms from the dump",
			     (int)len, d ? d : m) < 0)
			*warning_ret = NULL;
	}
	oms_error_destroy(dwarf_err);
	di->opened = true;
	*ret = di;
	return NULL;

out_destroy:
	if (dwarf_err != &oms_enomem)
		oms_error_destroy(dwarf_err);
	destroy(di);
	return err;
}

bool oms_debuginfo_is_btf(const struct oms_debuginfo *di)
{
	return di->btf_side;
}

const char *oms_debuginfo_vmlinux(const struct oms_debuginfo *di)
{
	return di->vm ? oms_vmlinux_path(di->vm) : NULL;
}

const char *oms_debuginfo_debuginfod(const struct oms_debuginfo *di)
{
	return di->vm ? oms_vmlinux_debuginfod(di->vm) : NULL;
}
