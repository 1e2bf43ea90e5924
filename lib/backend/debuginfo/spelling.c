// SPDX-License-Identifier: GPL-2.0
/* C's spellings of the base types and GCC's, and of a pointer: see
 * debuginfo.h. */
#include <string.h>

#include "debuginfo.h"

/* what the analysis writes, and GCC's DW_AT_name (which pahole keeps in BTF) */
static const char *const base_names[][2] = {
	{ "unsigned long", "long unsigned int" },
	{ "unsigned long int", "long unsigned int" },
	{ "long", "long int" },
	{ "signed long", "long int" },
	{ "unsigned long long", "long long unsigned int" },
	{ "long long", "long long int" },
	{ "unsigned short", "short unsigned int" },
	{ "short", "short int" },
	{ "unsigned", "unsigned int" },
	{ "signed", "int" },
	{ "bool", "_Bool" },
};

const char *oms_gcc_spelling(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(base_names) / sizeof(base_names[0]); i++)
		if (!strcmp(type, base_names[i][0]))
			return base_names[i][1];
	return type;
}

bool oms_is_pointer_name(const char *type)
{
	size_t len = strlen(type);

	return len > 1 && type[len - 1] == '*';
}
