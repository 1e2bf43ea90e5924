// SPDX-License-Identifier: GPL-2.0
/* The one walk over an ELF file's sections by name: see elfsection.h. */
#include <string.h>

#include "elfsection.h"

Elf_Scn *oms_elf_find_section(Elf *elf, const char *name, bool in_file,
			      GElf_Shdr *shdr_ret, size_t *index_ret)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, shdr_ret))
			continue;
		n = elf_strptr(elf, shstrndx, shdr_ret->sh_name);
		if (!n || strcmp(n, name))
			continue;
		if (in_file && (shdr_ret->sh_type == SHT_NOBITS ||
				(shdr_ret->sh_flags & SHF_COMPRESSED)))
			continue;
		if (index_ret)
			*index_ret = elf_ndxscn(scn);
		return scn;
	}
	return NULL;
}
