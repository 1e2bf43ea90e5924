// SPDX-License-Identifier: GPL-2.0
/*
 * The compilation units of a vmlinux, by name, read with pread(2).
 *
 * dwarf.c looks for some types first in the unit that defines them
 * (kernel/printk/printk_ringbuffer.c, mm/memcontrol.c), so it needs each
 * unit's DW_AT_name.  Reading the ~2200 unit headers of a 165 MB
 * .debug_info through libdw's mapping costs a page fault each, and the
 * kernel maps 64 KB of page cache around every fault (fault-around): 140
 * MB of resident size for a few KB of data.  pread copies only what is
 * asked for, so this file parses the few bytes it needs itself: the unit
 * header (DWARF 2-5), the unit DIE's abbreviation, and its name.
 *
 * Listing the units reads only their headers.  A name is read when asked
 * for; finding the unit that defines an address (.debug_aranges: its
 * sets name their unit) spares reading them all: dwarf.c finds a source
 * file's unit from the address of one of its functions, then checks that
 * unit's name alone.  Before, the names of all ~2200 units were read to
 * find two: a quarter of a run without cache (make bench).
 */
#include <dwarf.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfsection.h"
#include "debuginfo.h"
#include "../../model/vec.h"

struct section {
	uint64_t offset, size;	/* in the file */
};

struct cursor {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t get(struct cursor *c, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return 0;
	}
	for (i = 0; i < n; i++)	/* little-endian: x86-64 */
		v |= (uint64_t)c->p[i] << (8 * i);
	c->p += n;
	return v;
}

static uint64_t uleb(struct cursor *c)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (!c->bad) {
		uint64_t b = get(c, 1);

		if (shift < 64)
			v |= (b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	return v;
}

static bool section(Elf *elf, const char *name, struct section *ret)
{
	GElf_Shdr shdr;

	if (!oms_elf_find_section(elf, name, true, &shdr, NULL))
		return false;
	ret->offset = shdr.sh_offset;
	ret->size = shdr.sh_size;
	return true;
}

/* read up to len bytes at off of sec into buf; the count read */
static size_t read_sec(int fd, const struct section *sec, uint64_t off,
		       void *buf, size_t len)
{
	ssize_t n;

	if (off >= sec->size)
		return 0;
	if (len > sec->size - off)
		len = (size_t)(sec->size - off);
	n = pread(fd, buf, len, (off_t)(sec->offset + off));
	return n < 0 ? 0 : (size_t)n;
}

/* skip one attribute value of form; false for a form we do not know */
static bool skip_form(struct cursor *c, uint64_t form, unsigned offset_size,
		      unsigned addr_size, int depth)
{
	switch (form) {
	case DW_FORM_flag_present: case DW_FORM_implicit_const:
		return true;
	case DW_FORM_data1: case DW_FORM_ref1: case DW_FORM_flag:
	case DW_FORM_strx1: case DW_FORM_addrx1:
		get(c, 1); return true;
	case DW_FORM_data2: case DW_FORM_ref2: case DW_FORM_strx2:
	case DW_FORM_addrx2:
		get(c, 2); return true;
	case DW_FORM_strx3: case DW_FORM_addrx3:
		get(c, 3); return true;
	case DW_FORM_data4: case DW_FORM_ref4: case DW_FORM_strx4:
	case DW_FORM_addrx4: case DW_FORM_ref_sup4:
		get(c, 4); return true;
	case DW_FORM_data8: case DW_FORM_ref8: case DW_FORM_ref_sig8:
	case DW_FORM_ref_sup8:
		get(c, 8); return true;
	case DW_FORM_data16:
		get(c, 8); get(c, 8); return true;
	case DW_FORM_addr:
		get(c, addr_size); return true;
	case DW_FORM_strp: case DW_FORM_line_strp: case DW_FORM_sec_offset:
	case DW_FORM_ref_addr: case DW_FORM_strp_sup:
		get(c, offset_size); return true;
	case DW_FORM_udata: case DW_FORM_sdata: case DW_FORM_ref_udata:
	case DW_FORM_strx: case DW_FORM_addrx: case DW_FORM_loclistx:
	case DW_FORM_rnglistx:
		uleb(c); return true;
	case DW_FORM_string:
		while (!c->bad && get(c, 1))
			;
		return true;
	case DW_FORM_block1: c->p += get(c, 1); break;
	case DW_FORM_block2: c->p += get(c, 2); break;
	case DW_FORM_block4: c->p += get(c, 4); break;
	case DW_FORM_block: case DW_FORM_exprloc: c->p += uleb(c); break;
	case DW_FORM_indirect:
		return depth < 4 && skip_form(c, uleb(c), offset_size,
					      addr_size, depth + 1);
	default:
		return false;
	}
	if (c->p > c->end)
		c->bad = true;
	return true;
}

struct oms_units {
	int fd;
	struct section info, abbrev, str, line_str, aranges;
	bool have_str, have_line_str, have_aranges;
	unsigned char *abuf;	/* all of .debug_abbrev, when every name is read */
	unsigned char *arbuf;	/* all of .debug_aranges, on the first look-up */
	bool arbuf_read;
	struct oms_unit *v;
	size_t n;
};

/*
 * find the abbreviation code in the table at abbrev_off, *a after it; the
 * table is in r->abuf, or read into *buf (to free) from the file in
 * growing windows: GCC puts the unit's own abbreviation anywhere in its
 * table
 */
static bool find_abbrev(struct oms_units *r, uint64_t abbrev_off,
			uint64_t code, struct cursor *a, unsigned char **buf)
{
	size_t win = 16384, got = 0;
	const unsigned char *base;

	*buf = NULL;
	if (abbrev_off >= r->abbrev.size)
		return false;
	for (;;) {
		if (r->abuf) {
			base = r->abuf + abbrev_off;
			got = (size_t)(r->abbrev.size - abbrev_off);
		} else {
			unsigned char *b = realloc(*buf, win);

			if (!b)
				return false;
			*buf = b;
			got = read_sec(r->fd, &r->abbrev, abbrev_off, b, win);
			base = b;
		}
		*a = (struct cursor){ base, base + got, false };
		for (;;) {
			uint64_t c = uleb(a), attr, form;

			if (a->bad || !c)
				break;
			uleb(a);	/* tag */
			get(a, 1);	/* children */
			if (c == code)
				return !a->bad;
			do {
				attr = uleb(a);
				form = uleb(a);
				if (form == DW_FORM_implicit_const)
					uleb(a);
			} while (!a->bad && (attr || form));
		}
		/* the end of the table, or of the window: then a larger one */
		if (!a->bad || r->abuf || got < win)
			return false;
		win *= 4;
	}
}

/* a whole section in memory */
static unsigned char *read_whole(int fd, const struct section *sec)
{
	unsigned char *buf;

	if (sec->size > (256u << 20))
		return NULL;
	buf = malloc(sec->size ? sec->size : 1);
	if (buf && read_sec(fd, sec, 0, buf, sec->size) != sec->size) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

/* the DW_AT_name of the DIE at dc, whose abbreviation's attributes are at ac */
static char *die_name(struct oms_units *r, const struct cursor *dc,
		      const struct cursor *ac, unsigned offset_size,
		      unsigned addr_size)
{
	const struct section *strsec;
	struct cursor d = *dc, a = *ac;
	uint64_t str_off;
	char name[512];
	size_t n;

	for (;;) {
		uint64_t attr = uleb(&a), form = uleb(&a);

		if (a.bad || d.bad || (!attr && !form))
			return NULL;
		if (form == DW_FORM_implicit_const)
			uleb(&a);
		if (attr != DW_AT_name) {
			if (!skip_form(&d, form, offset_size, addr_size, 0))
				return NULL;
			continue;
		}
		if (form == DW_FORM_string) {
			n = strnlen((const char *)d.p, (size_t)(d.end - d.p));
			return n < (size_t)(d.end - d.p) ?
				strndup((const char *)d.p, n) : NULL;
		}
		if (form == DW_FORM_strp && r->have_str)
			strsec = &r->str;
		else if (form == DW_FORM_line_strp && r->have_line_str)
			strsec = &r->line_str;
		else
			return NULL;
		str_off = get(&d, offset_size);
		if (d.bad)
			return NULL;
		n = read_sec(r->fd, strsec, str_off, name, sizeof(name) - 1);
		name[n] = '\0';
		return n && strlen(name) < n ? strdup(name) : NULL;
	}
}

/* the DW_AT_name of unit u's DIE, or NULL */
static char *unit_name(struct oms_units *r, const struct oms_unit *u)
{
	unsigned char dbuf[512], *abuf = NULL;
	char *name = NULL;
	struct cursor d, a;
	uint64_t code;
	size_t n;

	n = read_sec(r->fd, &r->info, u->die, dbuf, sizeof(dbuf));
	d = (struct cursor){ dbuf, dbuf + n, false };
	code = uleb(&d);
	if (!d.bad && find_abbrev(r, u->abbrev_off, code, &a, &abuf))
		name = die_name(r, &d, &a, u->offset_size, u->addr_size);
	free(abuf);
	return name;
}

const char *oms_unit_name(struct oms_units *r, size_t i)
{
	struct oms_unit *u = &r->v[i];

	if (!u->name_read) {
		u->name_read = true;
		u->name = unit_name(r, u);
	}
	return u->name ? u->name : "";
}

void oms_units_read_names(struct oms_units *r)
{
	size_t i;

	/* one read of .debug_abbrev rather than one a unit */
	if (!r->abuf)
		r->abuf = read_whole(r->fd, &r->abbrev);
	for (i = 0; i < r->n; i++)
		oms_unit_name(r, i);
	free(r->abuf);
	r->abuf = NULL;
}

struct oms_units *oms_units_create(Elf *elf, int fd)
{
	struct oms_units *r = calloc(1, sizeof(*r));
	struct oms_unit *u;
	size_t cap = 0;
	uint64_t off = 0;

	if (!r)
		return NULL;
	r->fd = fd;
	if (!section(elf, ".debug_info", &r->info) ||
	    !section(elf, ".debug_abbrev", &r->abbrev))
		return r;
	r->have_str = section(elf, ".debug_str", &r->str);
	r->have_line_str = section(elf, ".debug_line_str", &r->line_str);
	r->have_aranges = section(elf, ".debug_aranges", &r->aranges);
	while (off < r->info.size) {
		unsigned char hbuf[32];
		unsigned offset_size = 4, addr_size, version, unit_type = 0;
		uint64_t len, abbrev_off, next;
		struct cursor c;
		size_t got;

		got = read_sec(fd, &r->info, off, hbuf, sizeof(hbuf));
		c = (struct cursor){ hbuf, hbuf + got, false };
		len = get(&c, 4);
		if (len == 0xffffffff) {
			offset_size = 8;
			len = get(&c, 8);
		}
		next = off + (offset_size == 8 ? 12 : 4) + len;
		version = (unsigned)get(&c, 2);
		if (c.bad || next <= off || next > r->info.size ||
		    version < 2 || version > 5)
			break;
		if (version == 5) {
			unit_type = (unsigned)get(&c, 1);
			addr_size = (unsigned)get(&c, 1);
			abbrev_off = get(&c, offset_size);
		} else {
			abbrev_off = get(&c, offset_size);
			addr_size = (unsigned)get(&c, 1);
		}
		if (!c.bad && (version < 5 || unit_type == DW_UT_compile ||
			       unit_type == DW_UT_partial)) {
			u = oms_grow(r->v, &cap, r->n + 1, sizeof(*u));
			if (!u)
				break;
			r->v = u;
			r->v[r->n++] = (struct oms_unit){
				.start = off,
				.die = off + (uint64_t)(c.p - hbuf),
				.end = next,
				.abbrev_off = abbrev_off,
				.offset_size = (uint8_t)offset_size,
				.addr_size = (uint8_t)addr_size,
			};
		}
		off = next;
	}
	return r;
}

/*
 * The unit whose .debug_aranges set holds addr (a link-time address, as
 * in .symtab), as an index into r->v; -1 if none.  A set: unit_length,
 * version (2), the unit's offset in .debug_info, address_size,
 * segment_selector_size, padding to twice the address size, then
 * (address, length) pairs up to (0, 0).
 */
ssize_t oms_units_at_address(struct oms_units *r, uint64_t addr)
{
	uint64_t off = 0, cu = UINT64_MAX;
	size_t lo = 0, hi = r->n;

	if (!r->arbuf_read) {
		r->arbuf_read = true;
		if (r->have_aranges)
			r->arbuf = read_whole(r->fd, &r->aranges);
	}
	if (!r->arbuf)
		return -1;
	while (off < r->aranges.size && cu == UINT64_MAX) {
		struct cursor c = { r->arbuf + off, r->arbuf + r->aranges.size,
				    false };
		unsigned offset_size = 4, asize, ssize;
		uint64_t len, next, info, hdr;

		len = get(&c, 4);
		if (len == 0xffffffff) {
			offset_size = 8;
			len = get(&c, 8);
		}
		next = off + (offset_size == 8 ? 12 : 4) + len;
		get(&c, 2);	/* version */
		info = get(&c, offset_size);
		asize = (unsigned)get(&c, 1);
		ssize = (unsigned)get(&c, 1);
		if (c.bad || next <= off || next > r->aranges.size ||
		    (asize != 4 && asize != 8) || ssize)
			return -1;
		hdr = (uint64_t)(c.p - (r->arbuf + off));
		c.p += (2 * asize - hdr % (2 * asize)) % (2 * asize);
		c.end = r->arbuf + next;
		for (;;) {
			uint64_t a = get(&c, asize), l = get(&c, asize);

			if (c.bad || (!a && !l))
				break;
			if (addr >= a && addr - a < l) {
				cu = info;
				break;
			}
		}
		off = next;
	}
	/* the unit that starts at cu */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].start < cu)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->v[lo].start == cu ? (ssize_t)lo : -1;
}

/* s is suffix, or ends with "/suffix" */
static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix) &&
	       (ls == lx || s[ls - lx - 1] == '/');
}

ssize_t oms_units_find_by_address(struct oms_units *r,
				  struct oms_vmlinux *vm, const char *name)
{
	const char *base = strrchr(name, '/');
	uint64_t addrs[8];
	size_t i, n;
	ssize_t u;

	base = base ? base + 1 : name;
	n = oms_vmlinux_file_functions(vm, base, addrs, 8);
	for (i = 0; i < n; i++) {
		u = oms_units_at_address(r, addrs[i]);
		if (u >= 0 && ends_with(oms_unit_name(r, (size_t)u), name))
			return u;
	}
	return -1;
}

ssize_t oms_units_find_by_name(struct oms_units *r, const char *name)
{
	size_t i;

	oms_units_read_names(r);
	for (i = 0; i < r->n; i++)
		if (ends_with(oms_unit_name(r, i), name))
			return (ssize_t)i;
	return -1;
}

size_t oms_units_count(const struct oms_units *r)
{
	return r ? r->n : 0;
}

const struct oms_unit *oms_units_get(const struct oms_units *r, size_t i)
{
	return &r->v[i];
}

void oms_units_destroy(struct oms_units *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i].name);
	free(r->v);
	free(r->abuf);
	free(r->arbuf);
	free(r);
}
