/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fake target of the unit tests: a synthetic kernel built in memory,
 * with the types, symbols, enumerators and memory a test puts into it.
 * Memory not added reads as OMS_ERR_FAULT; a range added with
 * oms_fake_add_hole() reads as OMS_ERR_NODATA (a page filtered out).
 */
#ifndef OMS_FAKE_H
#define OMS_FAKE_H

#include "../target.h"

struct oms_fake;

struct oms_fake *oms_fake_create(void);
void oms_fake_destroy(struct oms_fake *f);
const struct oms_target *oms_fake_target(struct oms_fake *f);

void oms_fake_add_type(struct oms_fake *f, const char *type, uint64_t size);
void oms_fake_add_member(struct oms_fake *f, const char *type,
			 const char *member, uint64_t offset, uint64_t size);
/* a bitfield: bit_size bits from bit_offset past the storage unit at offset */
void oms_fake_add_bitfield(struct oms_fake *f, const char *type,
			   const char *member, uint64_t offset, uint64_t size,
			   uint32_t bit_offset, uint32_t bit_size);
void oms_fake_add_symbol(struct oms_fake *f, const char *name, uint64_t addr);
void oms_fake_add_enum(struct oms_fake *f, const char *name, int64_t value);
void oms_fake_add_vmcoreinfo(struct oms_fake *f, const char *key,
			     const char *value);
/* the next PRSTATUS note's pid (note_pid's index: in the order added) */
void oms_fake_add_note_pid(struct oms_fake *f, int32_t pid);
/* copy len bytes of buf to addr (overlapping earlier ones wins: latest) */
void oms_fake_add_memory(struct oms_fake *f, uint64_t addr, const void *buf,
			 size_t len);
/* make [addr, addr+len) read as "not in the dump" */
void oms_fake_add_hole(struct oms_fake *f, uint64_t addr, size_t len);
/* write helpers into memory already added (abort if not there: test bug) */
void oms_fake_poke(struct oms_fake *f, uint64_t addr, const void *buf,
		   size_t len);
void oms_fake_poke_u64(struct oms_fake *f, uint64_t addr, uint64_t v);
void oms_fake_poke_u32(struct oms_fake *f, uint64_t addr, uint32_t v);
/* a zeroed block of len bytes at a fresh address (for structs); returns it */
uint64_t oms_fake_alloc(struct oms_fake *f, size_t len);
/* count of reads done (for tests of bounded walks) */
uint64_t oms_fake_reads(const struct oms_fake *f);

#endif
