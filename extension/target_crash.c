// SPDX-License-Identifier: GPL-2.0
/*
 * The target over crash's own functions (crash's defs.h):
 *   read        readmem(addr, KVADDR, ..., RETURN_ON_ERROR|QUIET)
 *   symbol      symbol_exists() first, then symbol_value(); crash keeps
 *               per-cpu symbols as raw offsets (sym current_task: 1fb80),
 *               which is what lib/collect/percpu.c expects
 *   member      datatype_info(type, member, NULL / MEMBER_SIZE_REQUEST);
 *               crash's gdb finds members of anonymous structs and unions
 *               (get_member_data() recurses into unnamed fields)
 *   type_size   datatype_info(type, NULL, NULL): structs, unions, enums,
 *               typedefs, integer and pointer types
 *   enumerator  datatype_info(name) gives the value and the enum's tag; the
 *               whole enum is then listed once (GNU_PRINT_ENUMERATORS) and
 *               kept, as each look-up through gdb takes ~40 ms
 *   vmcoreinfo  pc->read_vmcoreinfo() (no_vmcoreinfo() when the dump has none)
 *   note_pid    the PRSTATUS notes crash read (diskdump.c, netdump.c)
 * A negative answer of crash is OMS_ERR_NOT_FOUND, never an error of crash.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "target_crash.h"

bool oms_crash_guard(long (*fn)(void *), void *arg, long *ret)
{
	jmp_buf saved;
	volatile bool done = false;

	/*
	 * error(FATAL) and RESTART() longjmp to pc->main_loop_env, crash's
	 * command loop.  Point it here for the length of the call, so that
	 * such an error ends the call and not the whole analysis.
	 */
	memcpy(saved, pc->main_loop_env, sizeof(saved));
	if (setjmp(pc->main_loop_env) == 0) {
		*ret = fn(arg);
		done = true;
	}
	memcpy(pc->main_loop_env, saved, sizeof(saved));
	return done;
}

struct read_call {
	ulonglong addr;
	void *buf;
	long len;
};

static long call_readmem(void *arg)
{
	struct read_call *c = arg;

	return readmem(c->addr, KVADDR, c->buf, c->len, "oomscan",
		       RETURN_ON_ERROR | QUIET);
}

static bool read_guarded(struct oms_crash_target *ct, uint64_t addr,
			 void *buf, size_t len)
{
	struct read_call c = { addr, buf, (long)len };
	long ok = 0;

	if (!oms_crash_guard(call_readmem, &c, &ok)) {
		ct->caught++;
		return false;
	}
	return ok;
}

static long call_kvtop(void *arg)
{
	physaddr_t paddr;

	return kvtop(CURRENT_CONTEXT(), *(ulong *)arg, &paddr, 0);
}

static struct oms_error *crash_read(void *priv, uint64_t addr, void *buf,
				    size_t len)
{
	struct oms_crash_target *ct = priv;
	uint64_t page = PAGESIZE(), a, end = addr + len, n;
	ulong vaddr;
	long mapped = 0;

	if (!ct->interrupted && received_SIGINT())
		ct->interrupted = true;
	if (ct->interrupted)
		return oms_error_fault(OMS_ERR_FAULT, addr,
				       "cannot read 0x%llx: interrupted",
				       (unsigned long long)addr);
	if (!len || read_guarded(ct, addr, buf, len))
		return NULL;
	/* name the first page that fails, as the dump backend does */
	for (a = addr; a < end; a += n) {
		n = page - (a & (page - 1));
		if (n > end - a)
			n = end - a;
		if (!read_guarded(ct, a, (char *)buf + (a - addr), n))
			break;
	}
	if (a >= end)	/* it failed whole, and not in pieces */
		a = addr;
	vaddr = a;
	if (oms_crash_guard(call_kvtop, &vaddr, &mapped) && mapped)
		return oms_error_fault(OMS_ERR_NODATA, a,
				       "0x%llx is not in the dump (filtered out)",
				       (unsigned long long)a);
	return oms_error_fault(OMS_ERR_FAULT, a,
			       "cannot read 0x%llx: not mapped",
			       (unsigned long long)a);
}

static long call_symbol_value(void *arg)
{
	return (long)symbol_value(arg);
}

static struct oms_error *crash_symbol(void *priv, const char *name,
				      uint64_t *addr_ret)
{
	long value;

	(void)priv;
	if (!symbol_exists((char *)name))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no symbol '%s'",
					name);
	if (!oms_crash_guard(call_symbol_value, (char *)name, &value))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"crash cannot resolve '%s'", name);
	*addr_ret = (ulong)value;
	return NULL;
}

struct datatype_call {
	const char *type;
	const char *member;
	struct datatype_member *dm;
};

static long call_datatype_info(void *arg)
{
	struct datatype_call *c = arg;

	return datatype_info((char *)c->type, (char *)c->member, c->dm);
}

/*
 * "struct zone" -> "zone": gdb finds a tag by name in STRUCT_DOMAIN at
 * once, while "struct zone" goes through gdb's expression parser and
 * takes ~100 ms a look-up on a Debian vmlinux.  C tags share one name
 * space, so the tag alone names the same type.
 */
static const char *tag_name(const char *type)
{
	static const char *const kinds[] = { "struct ", "union ", "enum " };
	size_t i, n;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = strlen(kinds[i]);
		if (!strncmp(type, kinds[i], n))
			return type + n;
	}
	return type;
}

/* datatype_info(), -1 when crash does not know it or gave up */
static long datatype(const char *type, const char *member,
		     struct datatype_member *dm)
{
	struct datatype_call c = { tag_name(type), member, dm };
	long ret;

	if (!oms_crash_guard(call_datatype_info, &c, &ret))
		return -1;
	return ret;
}

#define OMS_BITS_TYPE_MAX 256

struct ptype_call {
	char *cmd;
	FILE *f;
};

static long call_ptype(void *arg)
{
	struct ptype_call *c = arg;

	return gdb_pass_through(c->cmd, c->f, GNU_RETURN_ON_ERROR);
}

/*
 * The bitfields of TYPE: datatype_info() gives a bitfield's byte (its bit
 * position / 8) and its storage unit's size, not its bits, so gdb's
 * "ptype /o" is asked once a type; its lines of a bitfield read
 *	/ *     42: 0   |       4 * /    unsigned int objects : 15;
 * (byte: bit | size).  gdb takes its time (every type of the bundled
 * dump's: 8 s, ~0.1 s a type, the rest of the command 0.9 s), so a type
 * is asked when a member of at most 4 bytes it is asked for sits at an
 * offset its size does not divide (slab.objects: byte 42 of 4), which a
 * plain member never does, and the type is at most OMS_BITS_TYPE_MAX
 * bytes; from then on every bitfield of it has its bits.  A caller asks
 * such a member first (collect/slab.c: objects before inuse); a bitfield
 * at the start of its unit asked before reads as its whole unit.
 */
static struct oms_type_bits *type_bits(struct oms_crash_target *ct,
				       const char *type)
{
	struct oms_type_bits *tb, *v;
	struct ptype_call c;
	char line[512], cmd[160];
	size_t i;
	long ok;

	for (i = 0; i < ct->n_types; i++)
		if (!strcmp(ct->types[i].type, type))
			return &ct->types[i];
	v = realloc(ct->types, (ct->n_types + 1) * sizeof(*v));
	if (!v)
		return NULL;
	ct->types = v;
	tb = &ct->types[ct->n_types];
	memset(tb, 0, sizeof(*tb));
	tb->type = strdup(type);
	if (!tb->type)
		return NULL;
	ct->n_types++;
	snprintf(cmd, sizeof(cmd), "ptype /o %s", type);
	c.cmd = cmd;
	c.f = tmpfile();
	if (!c.f)
		return tb;
	if (oms_crash_guard(call_ptype, &c, &ok) && ok) {
		rewind(c.f);
		while (fgets(line, sizeof(line), c.f)) {
			unsigned long byte, size;
			unsigned int bit, width;
			char *colon, *end, *name;
			struct oms_bitfield *b;

			if (sscanf(line, "/* %lu: %u | %lu */", &byte, &bit,
				   &size) != 3)
				continue;
			end = strrchr(line, ';');
			colon = end ? strstr(line, " : ") : NULL;
			if (!colon || sscanf(colon, " : %u", &width) != 1)
				continue;
			*colon = '\0';
			name = strrchr(line, ' ');
			name = name ? name + 1 : line;
			while (*name == '*')
				name++;
			b = realloc(tb->v, (tb->n + 1) * sizeof(*b));
			if (!b)
				break;
			tb->v = b;
			b = &tb->v[tb->n];
			b->name = strdup(name);
			if (!b->name)
				break;
			b->byte = byte;
			b->bit = bit;
			b->width = width;
			tb->n++;
		}
	}
	fclose(c.f);
	return tb;
}

/* member of type a bitfield: its bits, in a storage of whole bytes */
static void find_bits(struct oms_crash_target *ct, const char *type,
		      const char *member, struct oms_member *ret)
{
	struct oms_type_bits *tb;
	size_t i;

	if (ret->size > 4)
		return;
	for (i = 0, tb = NULL; i < ct->n_types && !tb; i++)
		if (!strcmp(ct->types[i].type, type))
			tb = &ct->types[i];
	/* not asked yet: a storage unit at an offset it is not aligned to
	 * is a bitfield's past the unit's first byte */
	if (!tb && ret->size > 1 && ret->offset % ret->size &&
	    datatype(type, NULL, NULL) <= OMS_BITS_TYPE_MAX)
		tb = type_bits(ct, type);
	for (i = 0; tb && i < tb->n; i++) {
		const struct oms_bitfield *b = &tb->v[i];

		if (strcmp(b->name, member) || b->byte != ret->offset)
			continue;
		ret->bit_offset = b->bit;
		ret->bit_size = b->width;
		ret->size = (b->bit + b->width + 7) / 8;
		return;
	}
}

static struct oms_error *crash_member(void *priv, const char *type,
				      const char *member,
				      struct oms_member *ret)
{
	struct oms_crash_target *ct = priv;
	long offset, size;

	offset = datatype(type, member, NULL);
	if (offset < 0) {
		if (datatype(type, NULL, NULL) < 0)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no type '%s'", type);
		return oms_error_create(OMS_ERR_NOT_FOUND, "no member '%s.%s'",
					type, member);
	}
	size = datatype(type, member, MEMBER_SIZE_REQUEST);
	if (size < 0)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no size for member '%s.%s'", type,
					member);
	memset(ret, 0, sizeof(*ret));
	ret->offset = (uint64_t)offset;
	ret->size = (uint64_t)size;
	find_bits(ct, type, member, ret);
	return NULL;
}

static struct oms_error *crash_type_size(void *priv, const char *type,
					 uint64_t *size_ret)
{
	long size;

	(void)priv;
	size = datatype(type, NULL, NULL);
	if (size < 0)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'",
					type);
	*size_ret = (uint64_t)size;
	return NULL;
}

static struct oms_enumerator *enum_find(struct oms_crash_target *ct,
				       const char *name)
{
	size_t i;

	for (i = 0; i < ct->n_enums; i++)
		if (!strcmp(ct->enums[i].name, name))
			return &ct->enums[i];
	return NULL;
}

static bool enum_add(struct oms_crash_target *ct, const char *name,
		     int64_t value)
{
	struct oms_enumerator *v;
	size_t cap;

	if (enum_find(ct, name))
		return true;
	if (ct->n_enums == ct->cap_enums) {
		cap = ct->cap_enums ? 2 * ct->cap_enums : 256;
		v = realloc(ct->enums, cap * sizeof(*v));
		if (!v)
			return false;
		ct->enums = v;
		ct->cap_enums = cap;
	}
	v = &ct->enums[ct->n_enums];
	v->name = strdup(name);
	if (!v->name)
		return false;
	v->value = value;
	ct->n_enums++;
	return true;
}

static long call_print_enumerators(void *arg)
{
	gdb_interface(arg);
	return 0;
}

/* keep every enumerator of enum TAG: gdb prints "  NAME = VALUE" lines */
static void enum_list(struct oms_crash_target *ct, const char *tag)
{
	struct gnu_request req;
	char line[256], name[128];
	long long value;
	long unused;
	FILE *f;

	f = tmpfile();
	if (!f)
		return;
	memset(&req, 0, sizeof(req));
	req.command = GNU_GET_DATATYPE;
	req.name = (char *)tag;
	req.flags = GNU_PRINT_ENUMERATORS | GNU_RETURN_ON_ERROR;
	req.fp = f;
	if (oms_crash_guard(call_print_enumerators, &req, &unused) &&
	    !(req.flags & GNU_COMMAND_FAILED)) {
		rewind(f);
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "  %127[A-Za-z0-9_] = %lld", name,
				   &value) == 2 && !enum_add(ct, name, value))
				break;
	}
	fclose(f);
}

static struct oms_error *crash_enumerator(void *priv, const char *name,
					  int64_t *value_ret)
{
	struct oms_crash_target *ct = priv;
	struct datatype_member dm;
	struct oms_enumerator *e;

	e = enum_find(ct, name);
	if (e) {
		*value_ret = e->value;
		return NULL;
	}
	/*
	 * What enumerator_value() does, keeping the tag: datatype_info()
	 * sets dm.tagname (and dm.value) only for an enumerator's name.
	 */
	memset(&dm, 0, sizeof(dm));
	dm.name = (char *)name;
	if (datatype(name, NULL, &dm) < 0 || !dm.tagname)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no enumerator '%s'", name);
	*value_ret = dm.value;
	enum_list(ct, dm.tagname);
	return NULL;
}

void oms_crash_target_deinit(struct oms_crash_target *ct)
{
	size_t i;

	for (i = 0; i < ct->n_enums; i++)
		free(ct->enums[i].name);
	free(ct->enums);
	for (i = 0; i < ct->n_types; i++) {
		size_t j;

		for (j = 0; j < ct->types[i].n; j++)
			free(ct->types[i].v[j].name);
		free(ct->types[i].v);
		free(ct->types[i].type);
	}
	free(ct->types);
	memset(ct, 0, sizeof(*ct));
}

static long call_read_vmcoreinfo(void *arg)
{
	return (long)pc->read_vmcoreinfo(arg);
}

static struct oms_error *crash_vmcoreinfo(void *priv, const char *key,
					  char **value_ret)
{
	long value = 0;

	(void)priv;
	*value_ret = NULL;
	if (!pc->read_vmcoreinfo ||
	    !oms_crash_guard(call_read_vmcoreinfo, (char *)key, &value) ||
	    !value)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no VMCOREINFO '%s'", key);
	*value_ret = (char *)value;	/* malloc'd by crash */
	return NULL;
}

/*
 * pr_pid of the index-th NT_PRSTATUS note crash read from the dump
 * (diskdump.c's or netdump.c's nt_prstatus_percpu[], the note header, its
 * name padded to 4 bytes, then struct elf_prstatus: pr_pid after
 * elf_siginfo, pr_cursig and two unsigned longs, at 32 on a 64-bit kernel)
 */
#define PRSTATUS_PID_OFFSET	32

static struct oms_error *crash_note_pid(void *priv, int index,
					int32_t *pid_ret)
{
	const Elf64_Nhdr *note = NULL;
	const char *desc;

	(void)priv;
	if (DISKDUMP_DUMPFILE())
		note = diskdump_get_prstatus_percpu(index);
	else if (KDUMP_DUMPFILE() || NETDUMP_DUMPFILE())
		note = netdump_get_prstatus_percpu(index);
	if (!note || note->n_type != NT_PRSTATUS ||
	    note->n_descsz < PRSTATUS_PID_OFFSET + sizeof(*pid_ret))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no PRSTATUS note %d in crash's dump", index);
	desc = (const char *)note + sizeof(*note) + roundup(note->n_namesz, 4);
	memcpy(pid_ret, desc + PRSTATUS_PID_OFFSET, sizeof(*pid_ret));
	return NULL;
}

const struct oms_target_ops oms_crash_target_ops = {
	.read = crash_read,
	.symbol = crash_symbol,
	.member = crash_member,
	.type_size = crash_type_size,
	.enumerator = crash_enumerator,
	.vmcoreinfo = crash_vmcoreinfo,
	.note_pid = crash_note_pid,
};
