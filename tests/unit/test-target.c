// SPDX-License-Identifier: GPL-2.0
/* The target helpers over the fake target: reads, fields, holes. */
#include "../../lib/backend/fake.h"
#include "tap.h"

int main(void)
{
	struct oms_fake *f = oms_fake_create();
	const struct oms_target *t = oms_fake_target(f);
	struct oms_field fld;
	struct oms_error *err;
	uint64_t addr, v;
	int64_t s;
	char buf[16];

	oms_fake_add_type(f, "struct thing", 32);
	oms_fake_add_member(f, "struct thing", "count", 8, 4);
	oms_fake_add_member(f, "struct thing", "name", 16, 16);
	addr = oms_fake_alloc(f, 32);
	oms_fake_poke_u32(f, addr + 8, 0xfffffffe);
	oms_fake_poke(f, addr + 16, "swapper/0", 10);

	NO_ERR(oms_field(t, "struct thing", "count", &fld), "field count");
	IS_INT(fld.offset, 8, "offset of count");
	NO_ERR(oms_read_field(t, addr, &fld, &v), "read count");
	IS_INT(v, 0xfffffffe, "unsigned read");
	NO_ERR(oms_read_field_signed(t, addr, &fld, &s), "signed read");
	IS_INT(s, -2, "signed read sign-extends");
	NO_ERR(oms_read_string(t, addr + 16, buf, sizeof(buf)), "read string");
	IS_STR(buf, "swapper/0", "string");

	err = oms_field(t, "struct thing", "nosuch", &fld);
	OK(err && err->code == OMS_ERR_NOT_FOUND, "missing member is NOT_FOUND");
	oms_error_destroy(err);
	NO_ERR(oms_field_optional(t, "struct thing", "nosuch", &fld),
	       "optional missing member is no error");
	OK(!fld.present, "and is not present");
	OK(oms_type_exists(t, "struct thing") && !oms_type_exists(t, "struct x"),
	   "type_exists");

	oms_fake_add_hole(f, 0x1000, 4096);
	err = oms_read_u64(t, 0x1008, &v);
	OK(err && err->code == OMS_ERR_NODATA && err->address == 0x1008,
	   "a hole reads as NODATA at its address");
	oms_error_destroy(err);
	err = oms_read_u64(t, 0x9000, &v);
	OK(err && err->code == OMS_ERR_FAULT, "unmapped reads as FAULT");
	OK(oms_error_is_memory(err), "a fault is a memory error");
	oms_error_destroy(err);

	oms_fake_destroy(f);
	return tap_done();
}
