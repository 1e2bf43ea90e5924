// SPDX-License-Identifier: GPL-2.0
/* Typed reads and look-ups on top of a target's ops. */
#include <string.h>

#include "target.h"

struct oms_error *oms_read(const struct oms_target *t, uint64_t addr,
			   void *buf, size_t len)
{
	return t->ops->read(t->priv, addr, buf, len);
}

struct oms_error *oms_read_u64(const struct oms_target *t, uint64_t addr,
			       uint64_t *ret)
{
	return oms_read(t, addr, ret, sizeof(*ret));
}

struct oms_error *oms_read_u32(const struct oms_target *t, uint64_t addr,
			       uint32_t *ret)
{
	return oms_read(t, addr, ret, sizeof(*ret));
}

bool oms_int_of_bytes(const void *p, uint32_t size, bool is_signed,
		      uint64_t *ret)
{
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
	} v;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	memcpy(&v, p, size);
	switch (size) {
	case 1: *ret = is_signed ? (uint64_t)(int64_t)(int8_t)v.u8 : v.u8; break;
	case 2: *ret = is_signed ? (uint64_t)(int64_t)(int16_t)v.u16 : v.u16; break;
	case 4: *ret = is_signed ? (uint64_t)(int64_t)(int32_t)v.u32 : v.u32; break;
	default: *ret = v.u64; break;
	}
	return true;
}

static struct oms_error *read_sized(const struct oms_target *t, uint64_t addr,
				    uint32_t size, bool is_signed,
				    uint64_t *ret)
{
	struct oms_error *err;
	unsigned char buf[8];

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return oms_error_create(OMS_ERR_USAGE,
					"cannot read an integer of %u bytes at 0x%llx",
					size, (unsigned long long)addr);
	err = oms_read(t, addr, buf, size);
	if (err)
		return err;
	oms_int_of_bytes(buf, size, is_signed, ret);
	return NULL;
}

struct oms_error *oms_read_field(const struct oms_target *t, uint64_t base,
				 const struct oms_field *f, uint64_t *ret)
{
	if (!f->present)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"field not present in this kernel");
	return read_sized(t, base + f->offset, f->size, false, ret);
}

struct oms_error *oms_read_field_signed(const struct oms_target *t,
					uint64_t base,
					const struct oms_field *f,
					int64_t *ret)
{
	if (!f->present)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"field not present in this kernel");
	return read_sized(t, base + f->offset, f->size, true, (uint64_t *)ret);
}

struct oms_error *oms_read_string(const struct oms_target *t, uint64_t addr,
				  char *buf, size_t len)
{
	struct oms_error *err;

	size_t done = 0, n;

	if (!len)
		return NULL;
	/* up to the NUL, a 4 KB block at a time (no page is smaller): a
	 * string that ends before a page the dump lacks is read whole */
	while (done < len - 1) {
		n = 4096 - (size_t)((addr + done) & 4095);
		if (n > len - 1 - done)
			n = len - 1 - done;
		err = oms_read(t, addr + done, buf + done, n);
		if (err)
			return err;
		if (memchr(buf + done, '\0', n))
			break;
		done += n;
	}
	buf[len - 1] = '\0';
	buf[strnlen(buf, len - 1)] = '\0';
	return NULL;
}

struct oms_error *oms_symbol(const struct oms_target *t, const char *name,
			     uint64_t *addr_ret)
{
	return t->ops->symbol(t->priv, name, addr_ret);
}

bool oms_symbol_exists(const struct oms_target *t, const char *name)
{
	struct oms_error *err;
	uint64_t addr;

	err = oms_symbol(t, name, &addr);
	oms_error_destroy(err);
	return !err;
}

struct oms_error *oms_type_size(const struct oms_target *t, const char *type,
				uint64_t *size_ret)
{
	return t->ops->type_size(t->priv, type, size_ret);
}

bool oms_type_exists(const struct oms_target *t, const char *type)
{
	struct oms_error *err;
	uint64_t size;

	err = oms_type_size(t, type, &size);
	oms_error_destroy(err);
	return !err;
}

struct oms_error *oms_enumerator(const struct oms_target *t, const char *name,
				 int64_t *value_ret)
{
	return t->ops->enumerator(t->priv, name, value_ret);
}

struct oms_error *oms_member(const struct oms_target *t, const char *type,
			     const char *member, struct oms_member *ret)
{
	memset(ret, 0, sizeof(*ret));
	return t->ops->member(t->priv, type, member, ret);
}

struct oms_error *oms_field(const struct oms_target *t, const char *type,
			    const char *member, struct oms_field *f)
{
	struct oms_member m;
	struct oms_error *err;

	memset(f, 0, sizeof(*f));
	err = t->ops->member(t->priv, type, member, &m);
	if (err)
		return err;
	f->offset = m.offset;
	f->size = (uint32_t)m.size;
	f->present = true;
	return NULL;
}

struct oms_error *oms_field_optional(const struct oms_target *t,
				     const char *type, const char *member,
				     struct oms_field *f)
{
	struct oms_error *err = oms_field(t, type, member, f);

	if (err && err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		memset(f, 0, sizeof(*f));
		return NULL;
	}
	return err;
}

struct oms_error *oms_vmcoreinfo(const struct oms_target *t, const char *key,
				 char **value_ret)
{
	if (!t->ops->vmcoreinfo)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no VMCOREINFO in this target");
	return t->ops->vmcoreinfo(t->priv, key, value_ret);
}

struct oms_error *oms_note_pid(const struct oms_target *t, int index,
			       int32_t *pid_ret)
{
	if (!t->ops->note_pid)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no cpu notes in this target");
	return t->ops->note_pid(t->priv, index, pid_ret);
}
