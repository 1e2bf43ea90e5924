// SPDX-License-Identifier: GPL-2.0
/* The unit tests' synthetic kernel: see fake.h.  Linear tables: small. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"

struct fake_member {
	char *type, *member;
	uint64_t offset, size;
	uint32_t bit_offset, bit_size;
};

struct fake_named {
	char *name;
	int64_t value;
	char *text;
};

struct fake_region {
	uint64_t addr;
	size_t len;
	unsigned char *data;	/* NULL: a hole */
};

struct oms_fake {
	struct oms_target target;
	struct fake_member *members;
	size_t n_members;
	struct fake_named *types, *symbols, *enums, *vmcoreinfo;
	size_t n_types, n_symbols, n_enums, n_vmcoreinfo;
	int32_t *note_pids;		/* of the PRSTATUS notes, in order */
	size_t n_note_pids;
	struct fake_region *regions;
	size_t n_regions;
	uint64_t next_alloc;
	uint64_t reads;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("fake target");
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

#define PUSH(arr, n) \
	((arr) = xrealloc((arr), sizeof(*(arr)) * ((n) + 1)), &(arr)[(n)++])

static struct fake_named *find_named(struct fake_named *v, size_t n,
				     const char *name)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static struct oms_error *fake_read(void *priv, uint64_t addr, void *buf,
				   size_t len)
{
	struct oms_fake *f = priv;
	unsigned char *out = buf;
	size_t done = 0, i;

	f->reads++;
	while (done < len) {
		uint64_t a = addr + done;
		struct fake_region *r = NULL;

		/* the latest region that covers a wins */
		for (i = f->n_regions; i-- > 0;) {
			if (a >= f->regions[i].addr &&
			    a - f->regions[i].addr < f->regions[i].len) {
				r = &f->regions[i];
				break;
			}
		}
		if (!r)
			return oms_error_fault(OMS_ERR_FAULT, a,
					       "cannot read 0x%llx: not mapped",
					       (unsigned long long)a);
		if (!r->data)
			return oms_error_fault(OMS_ERR_NODATA, a,
					       "cannot read 0x%llx: not in the dump",
					       (unsigned long long)a);
		size_t off = a - r->addr, n = r->len - off, j;

		if (n > len - done)
			n = len - done;
		/* up to where a later region (a hole in it) begins */
		for (j = (size_t)(r - f->regions) + 1; j < f->n_regions; j++)
			if (f->regions[j].addr > a && f->regions[j].addr - a < n)
				n = f->regions[j].addr - a;
		memcpy(out + done, r->data + off, n);
		done += n;
	}
	return NULL;
}

static struct oms_error *fake_symbol(void *priv, const char *name,
				     uint64_t *addr_ret)
{
	struct oms_fake *f = priv;
	struct fake_named *s = find_named(f->symbols, f->n_symbols, name);

	if (!s)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no symbol '%s'", name);
	*addr_ret = (uint64_t)s->value;
	return NULL;
}

static struct oms_error *fake_member(void *priv, const char *type,
				     const char *member,
				     struct oms_member *ret)
{
	struct oms_fake *f = priv;
	size_t i;

	for (i = f->n_members; i-- > 0;) {
		if (!strcmp(f->members[i].type, type) &&
		    !strcmp(f->members[i].member, member)) {
			memset(ret, 0, sizeof(*ret));
			ret->offset = f->members[i].offset;
			ret->size = f->members[i].size;
			ret->bit_offset = f->members[i].bit_offset;
			ret->bit_size = f->members[i].bit_size;
			return NULL;
		}
	}
	return oms_error_create(OMS_ERR_NOT_FOUND, "no member '%s.%s'",
				type, member);
}

static struct oms_error *fake_type_size(void *priv, const char *type,
					uint64_t *size_ret)
{
	struct oms_fake *f = priv;
	struct fake_named *t = find_named(f->types, f->n_types, type);

	if (!t)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", type);
	*size_ret = (uint64_t)t->value;
	return NULL;
}

static struct oms_error *fake_enumerator(void *priv, const char *name,
					 int64_t *value_ret)
{
	struct oms_fake *f = priv;
	struct fake_named *e = find_named(f->enums, f->n_enums, name);

	if (!e)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no enumerator '%s'", name);
	*value_ret = e->value;
	return NULL;
}

static struct oms_error *fake_vmcoreinfo(void *priv, const char *key,
					 char **value_ret)
{
	struct oms_fake *f = priv;
	struct fake_named *v = find_named(f->vmcoreinfo, f->n_vmcoreinfo, key);

	if (!v)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no VMCOREINFO '%s'", key);
	*value_ret = strdup(v->text);
	return *value_ret ? NULL : &oms_enomem;
}

static struct oms_error *fake_note_pid(void *priv, int index,
				       int32_t *pid_ret)
{
	struct oms_fake *f = priv;

	if (index < 0 || (size_t)index >= f->n_note_pids)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no PRSTATUS note %d", index);
	*pid_ret = f->note_pids[index];
	return NULL;
}

static const struct oms_target_ops fake_ops = {
	.read = fake_read,
	.symbol = fake_symbol,
	.member = fake_member,
	.type_size = fake_type_size,
	.enumerator = fake_enumerator,
	.vmcoreinfo = fake_vmcoreinfo,
	.note_pid = fake_note_pid,
};

struct oms_fake *oms_fake_create(void)
{
	struct oms_fake *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	f->target.ops = &fake_ops;
	f->target.priv = f;
	f->next_alloc = 0xffff888000100000ULL;
	return f;
}

static void free_named(struct fake_named *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].text);
	}
	free(v);
}

void oms_fake_destroy(struct oms_fake *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n_members; i++) {
		free(f->members[i].type);
		free(f->members[i].member);
	}
	free(f->members);
	free_named(f->types, f->n_types);
	free_named(f->symbols, f->n_symbols);
	free_named(f->enums, f->n_enums);
	free_named(f->vmcoreinfo, f->n_vmcoreinfo);
	free(f->note_pids);
	for (i = 0; i < f->n_regions; i++)
		free(f->regions[i].data);
	free(f->regions);
	free(f);
}

const struct oms_target *oms_fake_target(struct oms_fake *f)
{
	return &f->target;
}

void oms_fake_add_type(struct oms_fake *f, const char *type, uint64_t size)
{
	struct fake_named *t = PUSH(f->types, f->n_types);

	t->name = xstrdup(type);
	t->value = (int64_t)size;
	t->text = NULL;
}

void oms_fake_add_member(struct oms_fake *f, const char *type,
			 const char *member, uint64_t offset, uint64_t size)
{
	struct fake_member *m = PUSH(f->members, f->n_members);

	m->type = xstrdup(type);
	m->member = xstrdup(member);
	m->offset = offset;
	m->size = size;
}

void oms_fake_add_bitfield(struct oms_fake *f, const char *type,
			   const char *member, uint64_t offset, uint64_t size,
			   uint32_t bit_offset, uint32_t bit_size)
{
	struct fake_member *m;

	oms_fake_add_member(f, type, member, offset, size);
	m = &f->members[f->n_members - 1];
	m->bit_offset = bit_offset;
	m->bit_size = bit_size;
}

void oms_fake_add_symbol(struct oms_fake *f, const char *name, uint64_t addr)
{
	struct fake_named *s = PUSH(f->symbols, f->n_symbols);

	s->name = xstrdup(name);
	s->value = (int64_t)addr;
	s->text = NULL;
}

void oms_fake_add_enum(struct oms_fake *f, const char *name, int64_t value)
{
	struct fake_named *e = PUSH(f->enums, f->n_enums);

	e->name = xstrdup(name);
	e->value = value;
	e->text = NULL;
}

void oms_fake_add_note_pid(struct oms_fake *f, int32_t pid)
{
	*PUSH(f->note_pids, f->n_note_pids) = pid;
}

void oms_fake_add_vmcoreinfo(struct oms_fake *f, const char *key,
			     const char *value)
{
	struct fake_named *v = PUSH(f->vmcoreinfo, f->n_vmcoreinfo);

	v->name = xstrdup(key);
	v->value = 0;
	v->text = xstrdup(value);
}

void oms_fake_add_memory(struct oms_fake *f, uint64_t addr, const void *buf,
			 size_t len)
{
	struct fake_region *r = PUSH(f->regions, f->n_regions);

	r->addr = addr;
	r->len = len;
	r->data = xrealloc(NULL, len ? len : 1);
	if (buf)
		memcpy(r->data, buf, len);
	else
		memset(r->data, 0, len);
}

void oms_fake_add_hole(struct oms_fake *f, uint64_t addr, size_t len)
{
	struct fake_region *r = PUSH(f->regions, f->n_regions);

	r->addr = addr;
	r->len = len;
	r->data = NULL;
}

void oms_fake_poke(struct oms_fake *f, uint64_t addr, const void *buf,
		   size_t len)
{
	size_t i;

	for (i = f->n_regions; i-- > 0;) {
		struct fake_region *r = &f->regions[i];

		if (r->data && addr >= r->addr && addr - r->addr + len <= r->len) {
			memcpy(r->data + (addr - r->addr), buf, len);
			return;
		}
	}
	fprintf(stderr, "fake target: poke at 0x%llx outside memory\n",
		(unsigned long long)addr);
	abort();
}

void oms_fake_poke_u64(struct oms_fake *f, uint64_t addr, uint64_t v)
{
	oms_fake_poke(f, addr, &v, sizeof(v));
}

void oms_fake_poke_u32(struct oms_fake *f, uint64_t addr, uint32_t v)
{
	oms_fake_poke(f, addr, &v, sizeof(v));
}

uint64_t oms_fake_alloc(struct oms_fake *f, size_t len)
{
	uint64_t addr = f->next_alloc;

	oms_fake_add_memory(f, addr, NULL, len);
	f->next_alloc += (len + 63) & ~(uint64_t)63;
	f->next_alloc += 64;	/* a gap: overruns fault */
	return addr;
}

uint64_t oms_fake_reads(const struct oms_fake *f)
{
	return f->reads;
}
