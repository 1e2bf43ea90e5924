/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A snapshot of what one analysis asked a real target, and a target that
 * answers from it (replay.c).  tests/fuzz/snapshot records one from a real
 * dump; the fuzz target fuzz-analyze patches its memory and analyses it
 * again and again, without the dump, the vmlinux or libkdumpfile.
 *
 * The file (gzip, read and written with zlib's gz* calls; integers in the
 * host's byte order, x86-64 little-endian), after the line
 * "OOMSCAN-SNAPSHOT 1\n", is a list of records, each a tag byte:
 *   'H' str KEY, str VALUE      the source of the dump ("path", "format",
 *                               "vmlinux", "build_id")
 *   'P' u64 ADDR, u32 CODE      one 4096-byte page of kernel memory at
 *       CODE 0: 4096 bytes       ADDR (aligned): its bytes, or the error
 *       else:   str MESSAGE      code (OMS_ERR_NODATA, OMS_ERR_FAULT, ...)
 *                               and message of reading it from ADDR
 *   'Q' u8 KIND, str KEY, str KEY2, u32 CODE, str MESSAGE, answer
 *                               one question (KIND: enum oms_replay_kind;
 *                               KEY2 is the member's name, else "") and
 *                               its answer: CODE 0 and the value, or the
 *                               error code and message (not found, ...);
 *                               the value: SYMBOL u64, MEMBER u64 offset,
 *                               u64 size, u32 bit_offset, u32 bit_size,
 *                               TYPE_SIZE u64, ENUMERATOR i64, VMCOREINFO
 *                               str (all written, zero when CODE != 0)
 *   'E'                         the end
 * where str is a u32 length and that many bytes (no NUL).
 *
 * The replay answers a question it has no record of with OMS_ERR_NOT_FOUND,
 * and a read of a page it has no record of with OMS_ERR_FAULT.  A read that
 * fails on a recorded page fails at the first byte of it that was asked
 * for, with the recorded message, its page address replaced by that one
 * (the real backend says where a read failed the same way).
 */
#ifndef OMS_REPLAY_H
#define OMS_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../lib/target.h"

#define OMS_REPLAY_MAGIC "OOMSCAN-SNAPSHOT 1\n"
#define OMS_REPLAY_PAGE 4096

enum oms_replay_kind {
	OMS_REPLAY_SYMBOL = 1,
	OMS_REPLAY_MEMBER,
	OMS_REPLAY_TYPE_SIZE,
	OMS_REPLAY_ENUMERATOR,
	OMS_REPLAY_VMCOREINFO,
	OMS_REPLAY_NOTE_PID,	/* key: the note's index in decimal */
};

struct oms_replay;

struct oms_error *oms_replay_load(const char *path, struct oms_replay **ret);
void oms_replay_destroy(struct oms_replay *r);	/* NULL is a no-op */
const struct oms_target *oms_replay_target(struct oms_replay *r);
/* a value of an 'H' record, or NULL */
const char *oms_replay_meta(const struct oms_replay *r, const char *key);

/* the pages, in address order */
size_t oms_replay_npages(const struct oms_replay *r);
uint64_t oms_replay_page_addr(const struct oms_replay *r, size_t i);
/* the page that holds addr, if the snapshot has it */
bool oms_replay_page_index(const struct oms_replay *r, uint64_t addr,
			   size_t *index_ret);
/* page i holds data (it is not a recorded or a made hole) */
bool oms_replay_page_ok(const struct oms_replay *r, size_t i);
/* the number of reads answered (for a fuzzer's statistics) */
uint64_t oms_replay_reads(const struct oms_replay *r);

/*
 * For the fuzzer: change page i until oms_replay_restore().  Writing into
 * a page that is a hole makes it data again (its bytes: what it held
 * before, zero for a recorded hole).
 */
void oms_replay_poke(struct oms_replay *r, size_t i, size_t off,
		     const void *buf, size_t len);
/* read len bytes of page i (a hole reads as zero) */
void oms_replay_peek(struct oms_replay *r, size_t i, size_t off, void *buf,
		     size_t len);
/* make page i fail with code (OMS_ERR_NODATA, OMS_ERR_FAULT) */
void oms_replay_hole(struct oms_replay *r, size_t i, enum oms_error_code code);
/* make page i a page the dump left out, as makedumpfile -d 31 does: a
 * read of it fails with OMS_ERR_NODATA and the kdump backend's words,
 * "0x... is not in the dump (filtered out)" (tests/fuzz/ablate) */
void oms_replay_exclude(struct oms_replay *r, size_t i);
/* undo every poke and hole since the last restore */
void oms_replay_restore(struct oms_replay *r);

#endif
