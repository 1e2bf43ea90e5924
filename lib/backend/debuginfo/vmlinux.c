// SPDX-License-Identifier: GPL-2.0
/*
 * The debug vmlinux: where it is, whether it belongs to the dump, and its
 * ELF symbol table.
 *
 * The file is mapped (ELF_C_READ_MMAP), never read whole: a Debian debug
 * vmlinux is 340-590 MB, of which a run touches the symbol table and the
 * few compilation units dwarf.c looks into.  The symbol table is hashed on
 * the first look-up.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfsection.h"
#include "debuginfo.h"

struct oms_vmlinux {
	char *path;
	char *debuginfod;	/* the server's URL, when it came from one */
	int fd;
	Elf *elf;
	char build_id[129];	/* hex, "" if the file has no GNU build-id */
	size_t percpu_shndx;	/* .data..percpu, 0 if none */
	bool symbols_loaded;
	Elf_Data *symtab;
	const Elf64_Sym *syms;	/* symtab's data, when it needs no conversion */
	const char *strtab;
	size_t strtab_size;
	/*
	 * name -> .symtab index: the hashes of the names, sorted (a radix
	 * sort streams through memory; a hash table of ~120,000 symbols
	 * costs a cache miss an insertion, a third of a run without cache)
	 */
	struct symkey {
		uint32_t hash;
		uint32_t index;
	} *keys;
	size_t nkeys;
	size_t nsyms;		/* .symtab's entries */
	bool symbols_failed;
};

char *oms_cache_dir(void)
{
	const char *env = getenv("OOMSCAN_CACHE");
	char *dir;

	if (env && *env)
		return strdup(env);
	env = getenv("XDG_CACHE_HOME");
	if (env && *env)
		return asprintf(&dir, "%s/oomscan", env) < 0 ? NULL : dir;
	env = getenv("HOME");
	if (env && *env)
		return asprintf(&dir, "%s/.cache/oomscan", env) < 0 ? NULL : dir;
	return NULL;
}

static void read_build_id(struct oms_vmlinux *vm)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(vm->elf, scn))) {
		Elf_Data *data;
		GElf_Nhdr nhdr;
		size_t off = 0, name_off, desc_off, i;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		while ((off = gelf_getnote(data, off, &nhdr, &name_off,
					   &desc_off)) > 0) {
			const unsigned char *desc =
				(const unsigned char *)data->d_buf + desc_off;

			if (nhdr.n_type != NT_GNU_BUILD_ID ||
			    nhdr.n_namesz != 4 ||
			    memcmp((const char *)data->d_buf + name_off, "GNU",
				   4) ||
			    !nhdr.n_descsz ||
			    nhdr.n_descsz * 2 >= sizeof(vm->build_id))
				continue;
			for (i = 0; i < nhdr.n_descsz; i++)
				sprintf(vm->build_id + 2 * i, "%02x", desc[i]);
			return;
		}
	}
}

static void vmlinux_close(struct oms_vmlinux *vm)
{
	if (!vm)
		return;
	free(vm->keys);
	if (vm->elf)
		elf_end(vm->elf);
	if (vm->fd >= 0)
		close(vm->fd);
	free(vm->path);
	free(vm->debuginfod);
	free(vm);
}

void oms_vmlinux_destroy(struct oms_vmlinux *vm)
{
	vmlinux_close(vm);
}

static struct oms_error *vmlinux_load(const char *path,
				      struct oms_vmlinux **ret)
{
	struct oms_vmlinux *vm;
	struct oms_error *err;
	GElf_Shdr shdr;

	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return &oms_enomem;
	vm->fd = -1;
	vm->path = strdup(path);
	if (!vm->path) {
		err = &oms_enomem;
		goto out_close;
	}
	vm->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (vm->fd < 0) {
		err = oms_error_create(OMS_ERR_OS, "cannot open vmlinux '%s': %s",
				       path, strerror(errno));
		goto out_close;
	}
	elf_version(EV_CURRENT);
	vm->elf = elf_begin(vm->fd, ELF_C_READ_MMAP, NULL);
	if (!vm->elf || elf_kind(vm->elf) != ELF_K_ELF) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s' is not a vmlinux: not an ELF file",
				       path);
		goto out_close;
	}
	if (!oms_elf_find_section(vm->elf, ".debug_info", false, &shdr,
				  NULL) ||
	    shdr.sh_type == SHT_NOBITS) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "'%s' has no DWARF (.debug_info): not a debug vmlinux",
				       path);
		goto out_close;
	}
	if (!oms_elf_find_section(vm->elf, ".data..percpu", false, &shdr,
				  &vm->percpu_shndx))
		vm->percpu_shndx = 0;
	read_build_id(vm);
	*ret = vm;
	return NULL;

out_close:
	vmlinux_close(vm);
	return err;
}

static const char *sym_name(const struct oms_vmlinux *vm, const GElf_Sym *sym)
{
	return sym->st_name < vm->strtab_size ? vm->strtab + sym->st_name :
						 "";
}

/* gelf_getsym, without its checks and copy on a native 64-bit file */
static bool get_sym(const struct oms_vmlinux *vm, size_t i, GElf_Sym *ret)
{
	if (vm->syms) {
		*ret = vm->syms[i];
		return true;
	}
	return gelf_getsym(vm->symtab, (int)i, ret) != NULL;
}

/* sort keys[0..n) by hash, stably (LSD radix, 11 + 11 + 10 bits) */
static bool sort_keys(struct symkey *keys, size_t n)
{
	static const unsigned shifts[] = { 0, 11, 22 };
	struct symkey *tmp = malloc((n ? n : 1) * sizeof(*tmp)), *from = keys,
		      *to = tmp, *swap;
	size_t count[2048], i, pass, sum;

	if (!tmp)
		return false;
	for (pass = 0; pass < 3; pass++) {
		unsigned shift = shifts[pass];

		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(from[i].hash >> shift) & 2047]++;
		for (sum = 0, i = 0; i < 2048; i++) {
			size_t c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i].hash >> shift) & 2047]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	/* after an odd number of passes the result is in tmp */
	memcpy(keys, from, n * sizeof(*keys));
	free(tmp);
	return true;
}

static struct oms_error *load_symbols(struct oms_vmlinux *vm)
{
	GElf_Shdr shdr, strshdr;
	Elf_Scn *scn = NULL, *strscn;
	Elf_Data *strdata;
	size_t i, n;

	while ((scn = elf_nextscn(vm->elf, scn))) {
		if (gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_SYMTAB)
			break;
	}
	if (!scn || !shdr.sh_entsize || !(vm->symtab = elf_getdata(scn, NULL)) ||
	    !(strscn = elf_getscn(vm->elf, shdr.sh_link)) ||
	    !gelf_getshdr(strscn, &strshdr) ||
	    strshdr.sh_type != SHT_STRTAB ||
	    !(strdata = elf_getdata(strscn, NULL)) || !strdata->d_size)
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s' has no symbol table (.symtab)",
					vm->path);
	vm->strtab = strdata->d_buf;
	vm->strtab_size = strdata->d_size;
	if (vm->strtab[vm->strtab_size - 1])
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s': bad symbol string table",
					vm->path);
	n = shdr.sh_size / shdr.sh_entsize;
	if (gelf_getclass(vm->elf) == ELFCLASS64 &&
	    shdr.sh_entsize == sizeof(Elf64_Sym) &&
	    vm->symtab->d_type == ELF_T_SYM &&
	    vm->symtab->d_size >= n * sizeof(Elf64_Sym) &&
	    !((uintptr_t)vm->symtab->d_buf % _Alignof(Elf64_Sym)))
		vm->syms = vm->symtab->d_buf;
	if (n > UINT32_MAX / 4)
		return oms_error_create(OMS_ERR_FORMAT,
					"'%s': too many symbols", vm->path);
	vm->nsyms = n;
	vm->keys = malloc((n ? n : 1) * sizeof(*vm->keys));
	if (!vm->keys)
		return &oms_enomem;
	for (i = 1; i < n; i++) {
		const char *name;
		GElf_Sym sym;

		if (!get_sym(vm, i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
		    GELF_ST_TYPE(sym.st_info) == STT_FILE)
			continue;
		name = sym_name(vm, &sym);
		/* nameless, or an assembler's local label (.LC0) */
		if (!*name || (name[0] == '.' && name[1] == 'L'))
			continue;
		vm->keys[vm->nkeys].hash = (uint32_t)oms_strhash(name);
		vm->keys[vm->nkeys].index = (uint32_t)i;
		vm->nkeys++;
	}
	if (!sort_keys(vm->keys, vm->nkeys))
		return &oms_enomem;
	vm->symbols_loaded = true;
	return NULL;
}

/*
 * The .symtab index of name, 0 if none: of the symbols of that name the
 * first global (or weak) one in .symtab order, else the first static one
 */
static size_t lookup(const struct oms_vmlinux *vm, const char *name)
{
	uint32_t hash = (uint32_t)oms_strhash(name);
	size_t lo = 0, hi = vm->nkeys, best = 0;
	GElf_Sym sym;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vm->keys[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < vm->nkeys && vm->keys[lo].hash == hash; lo++) {
		if (!get_sym(vm, vm->keys[lo].index, &sym) ||
		    strcmp(sym_name(vm, &sym), name))
			continue;
		if (GELF_ST_BIND(sym.st_info) != STB_LOCAL)
			return vm->keys[lo].index;
		if (!best)
			best = vm->keys[lo].index;
	}
	return best;
}

/* the symbol table loaded, once; its error again on every later call */
static struct oms_error *ensure_symbols(struct oms_vmlinux *vm)
{
	struct oms_error *err;

	if (vm->symbols_loaded)
		return NULL;
	if (vm->symbols_failed)
		return oms_error_create(OMS_ERR_FORMAT, "'%s': no symbol table",
					vm->path);
	err = load_symbols(vm);
	if (err)
		vm->symbols_failed = true;
	return err;
}

/* the .symtab entry of name */
static struct oms_error *find_symbol(struct oms_vmlinux *vm, const char *name,
				     GElf_Sym *ret)
{
	struct oms_error *err;
	size_t index;

	err = ensure_symbols(vm);
	if (err)
		return err;
	index = lookup(vm, name);
	if (!index || !get_sym(vm, index, ret))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no symbol '%s'",
					name);
	return NULL;
}

/*
 * The link-time address of one function of each source file named base
 * (the STT_FILE symbols of .symtab: each is followed by the local symbols
 * of its file), into addrs; how many (at most max)
 */
size_t oms_vmlinux_file_functions(struct oms_vmlinux *vm, const char *base,
				  uint64_t *addrs, size_t max)
{
	size_t i, found = 0;
	bool in_file = false;
	GElf_Sym sym;

	if (!oms_ok(ensure_symbols(vm)))
		return 0;
	for (i = 1; i < vm->nsyms && found < max; i++) {
		if (!get_sym(vm, i, &sym))
			break;
		if (GELF_ST_TYPE(sym.st_info) == STT_FILE) {
			in_file = !strcmp(sym_name(vm, &sym), base);
		} else if (in_file && GELF_ST_TYPE(sym.st_info) == STT_FUNC &&
			   sym.st_size && sym.st_shndx != SHN_UNDEF) {
			addrs[found++] = sym.st_value;
			in_file = false;
		}
	}
	return found;
}

struct oms_error *oms_vmlinux_symbol(struct oms_vmlinux *vm, const char *name,
				     uint64_t *value_ret, bool *percpu_ret)
{
	struct oms_error *err;
	GElf_Sym sym;

	err = find_symbol(vm, name, &sym);
	if (err)
		return err;
	*value_ret = sym.st_value;
	/*
	 * x86-64 links .data..percpu at 0: its symbols are offsets into a
	 * cpu's area, which KASLR does not move.  But a symbol of the section
	 * at a kernel address (__per_cpu_load, __init_begin: the linker
	 * script's, where the section is loaded) is an address like any
	 * other, and so is every per-cpu symbol of a kernel that links the
	 * section in place (arm64)
	 */
	*percpu_ret = vm->percpu_shndx && sym.st_shndx == vm->percpu_shndx &&
		      !(sym.st_value >> 63);
	return NULL;
}

/* the release in the vmlinux's linux_banner: "Linux version RELEASE (...)" */
static char *file_release(struct oms_vmlinux *vm)
{
	static const char prefix[] = "Linux version ";
	struct oms_error *err;
	GElf_Shdr shdr;
	Elf_Scn *scn;
	Elf_Data *data;
	GElf_Sym sym;
	uint64_t value, off;
	const char *p;
	size_t len;

	err = find_symbol(vm, "linux_banner", &sym);
	if (err) {
		oms_error_destroy(err);
		return NULL;
	}
	value = sym.st_value;
	if (!(scn = elf_getscn(vm->elf, sym.st_shndx)) ||
	    !gelf_getshdr(scn, &shdr) || shdr.sh_type == SHT_NOBITS ||
	    !(data = elf_getdata(scn, NULL)) || value < shdr.sh_addr)
		return NULL;
	off = value - shdr.sh_addr;
	if (off + sizeof(prefix) + 65 > data->d_size)
		return NULL;
	p = (const char *)data->d_buf + off;
	if (memcmp(p, prefix, sizeof(prefix) - 1))
		return NULL;
	p += sizeof(prefix) - 1;
	len = strcspn(p, " \n");
	if (len > 64)
		return NULL;
	return strndup(p, len);
}

/* NULL when vm belongs to the dump, else why not (one line) */
static char *mismatch(struct oms_vmlinux *vm,
		      const struct oms_vmlinux_want *want)
{
	char *release, *why = NULL;

	if (want->build_id && *want->build_id && *vm->build_id) {
		if (strcasecmp(want->build_id, vm->build_id) &&
		    asprintf(&why,
			     "vmlinux '%s' has build-id %s, the dump's kernel %s",
			     vm->path, vm->build_id, want->build_id) < 0)
			return strdup("vmlinux build-id mismatch");
		return why;
	}
	if (!want->release)
		return NULL;
	release = file_release(vm);
	if (!release) {
		if (asprintf(&why,
			     "vmlinux '%s' has neither a build-id nor a linux_banner to check against the dump's %s",
			     vm->path, want->release) < 0)
			why = NULL;
		return why;
	}
	if (strcmp(release, want->release) &&
	    asprintf(&why, "vmlinux '%s' is release %s, the dump's kernel %s",
		     vm->path, release, want->release) < 0)
		why = NULL;
	free(release);
	return why;
}

/* open path and check it; *why_ret is set (and NULL returned) on mismatch */
static struct oms_error *try_open(const char *path,
				  const struct oms_vmlinux_want *want,
				  struct oms_vmlinux **ret, char **why_ret)
{
	struct oms_error *err;

	*why_ret = NULL;
	err = vmlinux_load(path, ret);
	if (err)
		return err;
	*why_ret = mismatch(*ret, want);
	return NULL;
}

static struct oms_error *accept(struct oms_vmlinux *vm, char *why, bool force,
				struct oms_vmlinux **ret, char **warning_ret)
{
	if (why && !force) {
		struct oms_error *err;

		err = oms_error_create(OMS_ERR_MISMATCH,
				       "%s (--force uses it anyway)", why);
		free(why);
		vmlinux_close(vm);
		return err;
	}
	*ret = vm;
	*warning_ret = why;
	return NULL;
}

struct oms_error *oms_vmlinux_open(const char *path,
				   const struct oms_vmlinux_want *want,
				   bool force, struct oms_vmlinux **ret,
				   char **warning_ret)
{
	const char *release = want->release ? want->release : "";
	const char *bid = want->build_id ? want->build_id : "";
	char *cands[5] = { NULL }, *cache, *looked = NULL, *why;
	struct oms_vmlinux *vm, *first = NULL;
	char *first_why = NULL, *dwhy = NULL;
	struct oms_error *err = NULL;
	size_t n = 0, i, len = 0;
	const char *env;
	FILE *f;

	*warning_ret = NULL;
	if (path) {
		err = try_open(path, want, &vm, &why);
		if (err)
			return err;
		return accept(vm, why, force, ret, warning_ret);
	}

	env = getenv("OOMSCAN_VMLINUX");
	if (env && *env)
		cands[n++] = strdup(env);
	if (*release && asprintf(&cands[n], "/usr/lib/debug/boot/vmlinux-%s",
				 release) >= 0)
		n++;
	if (strlen(bid) > 2 &&
	    asprintf(&cands[n], "/usr/lib/debug/.build-id/%.2s/%s.debug", bid,
		     bid + 2) >= 0)
		n++;
	if (*release &&
	    asprintf(&cands[n], "/usr/lib/debug/lib/modules/%s/vmlinux",
		     release) >= 0)
		n++;
	cache = oms_cache_dir();
	if (cache && *release &&
	    asprintf(&cands[n], "%s/kernels/%s/vmlinux", cache, release) >= 0)
		n++;
	free(cache);

	for (i = 0; i < n; i++) {
		if (!cands[i]) {
			err = &oms_enomem;
			goto out_free;
		}
		if (access(cands[i], F_OK))
			continue;
		err = try_open(cands[i], want, &vm, &why);
		if (err)
			goto out_free;
		if (!why) {
			vmlinux_close(first);
			free(first_why);
			first = NULL;
			first_why = NULL;
			err = accept(vm, NULL, force, ret, warning_ret);
			goto out_free;
		}
		/* a wrong one: look further, remember the first */
		if (!first) {
			first = vm;
			first_why = why;
		} else {
			vmlinux_close(vm);
			free(why);
		}
	}
	if (first) {
		err = accept(first, first_why, force, ret, warning_ret);
		goto out_free;
	}
	/* none here: the servers of $DEBUGINFOD_URLS, by build-id */
	if (want->debuginfod) {
		char *got;

		oms_debuginfod_find(bid, &got, &dwhy);
		if (got) {
			err = try_open(got, want, &vm, &why);
			free(got);
			if (err)
				goto out_free;
			err = accept(vm, why, force, ret, warning_ret);
			if (!err) {
				vm->debuginfod = strdup(getenv("DEBUGINFOD_URLS"));
				if (!vm->debuginfod) {
					vmlinux_close(vm);
					err = &oms_enomem;
				}
			}
			goto out_free;
		}
	}

	f = open_memstream(&looked, &len);
	if (!f) {
		err = &oms_enomem;
		goto out_free;
	}
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", cands[i]);
	fclose(f);
	err = oms_error_create(OMS_ERR_NOT_FOUND,
			       "no debug vmlinux for kernel %s (looked at %s%s%s%s); get it with `apt-get download linux-image-%s-dbg` and extract /usr/lib/debug/boot/vmlinux-%s, or `sample-dumps/fetch-kernel %s --vmlinux`",
			       *release ? release : "(unknown release)",
			       looked ? looked : "nothing",
			       dwhy ? "; " : "", dwhy ? dwhy : "",
			       !dwhy && want->debuginfod ? "; DEBUGINFOD_URLS unset" : "",
			       release, release, release);
	free(looked);

out_free:
	for (i = 0; i < n; i++)
		free(cands[i]);
	free(dwhy);
	return err;
}

const char *oms_vmlinux_path(const struct oms_vmlinux *vm)
{
	return vm->path;
}

const char *oms_vmlinux_debuginfod(const struct oms_vmlinux *vm)
{
	return vm->debuginfod;
}

const char *oms_vmlinux_build_id(const struct oms_vmlinux *vm)
{
	return vm->build_id;
}

Elf *oms_vmlinux_elf(const struct oms_vmlinux *vm)
{
	return vm->elf;
}

int oms_vmlinux_fd(const struct oms_vmlinux *vm)
{
	return vm->fd;
}
