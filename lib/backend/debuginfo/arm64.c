// SPDX-License-Identifier: GPL-2.0
/*
 * The address of the variable an arm64 function's first atomic
 * instruction works on: see image.h.
 *
 * GCC builds the address of a global with ADRP (its 4 KB page, PC-
 * relative) and ADD (immediate) into a register, through a section
 * anchor maybe (two ADDs: nmi_panic() of Debian's 6.1, "adrp x3; add x3,
 * x3, #0x550; add x0, x3, #0xe0", then "casal w4, w2, [x0]" on
 * panic_cpu).  The instructions are followed in the order they are laid
 * out, branches not taken, a register known only from ADRP and ADD of a
 * known one, every other write to it forgetting it (a conservative
 * reading: the first atomic whose base register is known).  Encodings
 * from the Arm ARM (C6.2: ADRP, ADD (immediate), CAS, LDXR, LDAXR).
 */
#include <string.h>

#include "image.h"

#define MAX_INSNS	128

static int64_t sign_extend(uint64_t v, unsigned bits)
{
	uint64_t m = 1ULL << (bits - 1);

	return (int64_t)((v ^ m) - m);
}

/*
 * ADRP and ADD (immediate) of the address a function builds: true when
 * insn at pc is one of them, reg[rd] then known (or, from a register not
 * known, forgotten)
 */
static bool address_insn(uint32_t insn, uint64_t pc, uint64_t *reg,
			 uint32_t *known)
{
	uint32_t rd = insn & 31, rn = (insn >> 5) & 31;

	if ((insn & 0x9f000000) == 0x90000000) {	/* ADRP */
		uint64_t imm = ((insn >> 5) & 0x7ffff) << 2 |
			       ((insn >> 29) & 3);

		reg[rd] = (pc & ~0xfffULL) +
			  (uint64_t)(sign_extend(imm, 21) * 4096);
		*known |= 1u << rd;
		return true;
	}
	if ((insn & 0xff800000) == 0x91000000) {	/* ADD x, x, #imm */
		if (rn != 31 && (*known & 1u << rn)) {
			reg[rd] = reg[rn] + ((insn >> 10) & 0xfff);
			*known |= 1u << rd;
		} else {
			*known &= ~(1u << rd);
		}
		return true;
	}
	return false;
}

bool oms_arm64_atomic_target(const unsigned char *code, size_t len,
			     uint64_t pc, uint64_t *ret)
{
	uint64_t reg[32];
	uint32_t known = 0;
	size_t i;

	for (i = 0; i + 4 <= len && i / 4 < MAX_INSNS; i += 4) {
		uint32_t insn, rd, rn;

		memcpy(&insn, code + i, 4);
		rd = insn & 31;
		rn = (insn >> 5) & 31;
		if (address_insn(insn, pc + i, reg, &known))
			continue;
		/* CAS{A,L,AL} (32, 64 bits), LDXR, LDAXR (32, 64 bits) */
		if ((insn & 0xbfa07c00) == 0x88a07c00 ||
		    (insn & 0xbfffbc00) == 0x885f3c00) {
			if (rn == 31 || !(known & 1u << rn))
				return false;
			*ret = reg[rn];
			return true;
		}
		/* anything else may write rd: forget it (stores and
		 * branches do not, but forgetting is safe) */
		known &= ~(1u << rd);
	}
	return false;
}

size_t oms_arm64_load_targets(const unsigned char *code, size_t len,
			      uint64_t pc, unsigned size, uint64_t *out,
			      size_t max)
{
	uint64_t reg[32];
	uint32_t known = 0;
	size_t i, n = 0, j;

	for (i = 0; i + 4 <= len && i / 4 < OMS_ARM64_WINDOW; i += 4) {
		uint32_t insn, rd, rn;
		uint64_t t;

		memcpy(&insn, code + i, 4);
		rd = insn & 31;
		rn = (insn >> 5) & 31;
		if (address_insn(insn, pc + i, reg, &known))
			continue;
		/* LDR x, [x, #imm12 * 8]; LDR w or LDRSW x, [x, #imm12 * 4] */
		if ((size == 8 ? (insn & 0xffc00000) == 0xf9400000u :
		     (insn & 0xffc00000) == 0xb9400000u ||
		     (insn & 0xffc00000) == 0xb9800000u) && rn != 31 &&
		    (known & 1u << rn)) {
			t = reg[rn] + ((insn >> 10) & 0xfff) * size;
			for (j = 0; j < n && out[j] != t; j++)
				;
			if (j == n && n < max)
				out[n++] = t;
		}
		known &= ~(1u << rd);
	}
	return n;
}
