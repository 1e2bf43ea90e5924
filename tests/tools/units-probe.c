// SPDX-License-Identifier: GPL-2.0
/*
 * units-probe: the compilation unit of a vmlinux that lib/backend finds
 * for a source file, both ways units.c offers, for tests/backend.test.
 *
 *   units-probe VMLINUX FILE...
 *
 * For each FILE (a path such as kernel/printk/printk_ringbuffer.c) one
 * line: FILE, the unit found from its functions' addresses (.symtab
 * STT_FILE symbols + .debug_aranges) and the unit found by reading every
 * unit's name, each as the DIE offset in hex and the unit's DW_AT_name
 * ("-" if not found), then libdw's DW_AT_name of the DIE found by
 * addresses: the oracle (libdw reads the unit itself, not units.c).
 */
#include <elfutils/libdw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../lib/backend/debuginfo/debuginfo.h"

int main(int argc, char **argv)
{
	struct oms_vmlinux_want want = { .release = NULL, .build_id = "" };
	struct oms_vmlinux *vm;
	struct oms_units *by_addr, *by_name;
	struct oms_error *err;
	char *warning = NULL;
	Dwarf *dw;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: units-probe VMLINUX FILE...\n");
		return 2;
	}
	err = oms_vmlinux_open(argv[1], &want, true, &vm, &warning);
	if (err) {
		fprintf(stderr, "units-probe: %s\n", err->message);
		return 1;
	}
	by_addr = oms_units_create(oms_vmlinux_elf(vm), oms_vmlinux_fd(vm));
	by_name = oms_units_create(oms_vmlinux_elf(vm), oms_vmlinux_fd(vm));
	dw = dwarf_begin(oms_vmlinux_fd(vm), DWARF_C_READ);
	if (!by_addr || !by_name || !dw) {
		fprintf(stderr, "units-probe: cannot read the units\n");
		return 1;
	}
	printf("units\t%zu\n", oms_units_count(by_name));
	for (i = 2; i < argc; i++) {
		ssize_t a = oms_units_find_by_address(by_addr, vm, argv[i]);
		ssize_t k = oms_units_find_by_name(by_name, argv[i]);
		const char *dn = NULL;
		Dwarf_Die die;

		printf("%s", argv[i]);
		if (a >= 0)
			printf("\t%" PRIx64 "\t%s",
			       oms_units_get(by_addr, (size_t)a)->die,
			       oms_unit_name(by_addr, (size_t)a));
		else
			printf("\t-\t-");
		if (k >= 0)
			printf("\t%" PRIx64 "\t%s",
			       oms_units_get(by_name, (size_t)k)->die,
			       oms_unit_name(by_name, (size_t)k));
		else
			printf("\t-\t-");
		if (a >= 0 && dwarf_offdie(dw, oms_units_get(by_addr, (size_t)a)->die,
					   &die))
			dn = dwarf_diename(&die);
		printf("\t%s\n", dn ? dn : "-");
	}
	dwarf_end(dw);
	oms_units_destroy(by_addr);
	oms_units_destroy(by_name);
	oms_vmlinux_destroy(vm);
	free(warning);
	return 0;
}
