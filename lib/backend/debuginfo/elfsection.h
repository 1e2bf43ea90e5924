/* SPDX-License-Identifier: GPL-2.0 */
/* The one walk over an ELF file's sections by name (vmlinux.c, units.c). */
#ifndef OMS_BACKEND_ELFSECTION_H
#define OMS_BACKEND_ELFSECTION_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The first section of elf named name, its header in *shdr_ret and its
 * index in *index_ret (NULL: not wanted); with in_file, the first of that
 * name whose bytes are in the file as they are, neither SHT_NOBITS nor
 * SHF_COMPRESSED (units.c reads them with pread).  NULL when there is none
 * or the section names cannot be read.
 */
Elf_Scn *oms_elf_find_section(Elf *elf, const char *name, bool in_file,
			      GElf_Shdr *shdr_ret, size_t *index_ret);

#endif
