// SPDX-License-Identifier: GPL-2.0
/*
 * The answers dwarf.c found (a member's place, a type's size, an
 * enumerator's value, or that there is none), kept on disk per vmlinux
 * build-id in ROOT/types/BUILD_ID, so that the next run on the same kernel
 * does not open the DWARF at all.
 *
 * The file is text:
 *	oomscan-types 1 BUILD_ID
 *	KEY<TAB>FOUND V0 V1 V2 V3
 *	...
 *	end COUNT CHECKSUM
 * where CHECKSUM is the FNV-1a hash of every byte before the "end" line.
 * A file that does not parse, does not name this build-id or fails the
 * checksum is ignored (and replaced by the next save); it is written to a
 * temporary file in the same directory and renamed over the old one.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debuginfo.h"
#include "../../model/vec.h"

#define CACHE_MAGIC	"oomscan-types 1"
#define CACHE_MAX_SIZE	(16 << 20)

struct oms_typecache {
	char *path;		/* NULL: no cache file (no build-id, no home) */
	char *build_id;
	struct oms_strmap map;	/* key -> index in values */
	char **keys;
	struct oms_typecache_value *values;
	size_t count, capacity;
	bool dirty;
};

static uint64_t fnv_bytes(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len--) {
		h ^= (unsigned char)*p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static bool add(struct oms_typecache *c, const char *key,
		const struct oms_typecache_value *v)
{
	struct oms_typecache_value *values;
	uint64_t index;
	char **keys, *k;
	size_t cap;

	if (oms_strmap_get(&c->map, key, &index)) {
		c->values[index] = *v;
		return true;
	}
	/* keys[] and values[] share one capacity: each grows from it to
	 * the same new one, which is kept once both have */
	cap = c->capacity;
	keys = oms_grow(c->keys, &cap, c->count + 1, sizeof(*keys));
	if (!keys)
		return false;
	c->keys = keys;
	cap = c->capacity;
	values = oms_grow(c->values, &cap, c->count + 1, sizeof(*values));
	if (!values)
		return false;
	c->values = values;
	c->capacity = cap;
	k = strdup(key);
	if (!k)
		return false;
	if (!oms_strmap_put(&c->map, k, c->count, false)) {
		free(k);
		return false;
	}
	c->keys[c->count] = k;
	c->values[c->count] = *v;
	c->count++;
	return true;
}

static void clear(struct oms_typecache *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		free(c->keys[i]);
	c->count = 0;
	oms_strmap_deinit(&c->map);
}

/* parse buf (NUL-terminated, len bytes); false if anything is off */
static bool parse(struct oms_typecache *c, char *buf, size_t len)
{
	char *line = buf, *end, *trailer, *tab;
	unsigned long long count, sum, n = 0;
	char header[200];
	int used;

	/* the trailer: the last line */
	if (len < 2 || buf[len - 1] != '\n')
		return false;
	buf[len - 1] = '\0';
	trailer = strrchr(buf, '\n');
	if (!trailer)
		return false;
	trailer++;
	if (sscanf(trailer, "end %llu %llx%n", &count, &sum, &used) != 2 ||
	    trailer[used] ||
	    fnv_bytes(buf, (size_t)(trailer - buf)) != (uint64_t)sum)
		return false;
	trailer[-1] = '\0';

	snprintf(header, sizeof(header), "%s %s", CACHE_MAGIC, c->build_id);
	end = strchr(line, '\n');
	if (!end)
		return count == 0 && !strcmp(line, header);
	*end = '\0';
	if (strcmp(line, header))
		return false;
	for (line = end + 1; line < trailer; line = end + 1) {
		struct oms_typecache_value v;
		int found;

		end = strchr(line, '\n');
		if (!end)
			end = trailer - 1;
		*end = '\0';
		tab = strchr(line, '\t');
		if (!tab || tab == line)
			return false;
		*tab = '\0';
		if (sscanf(tab + 1, "%d %" SCNd64 " %" SCNd64 " %" SCNd64
			   " %" SCNd64 "%n", &found, &v.v[0], &v.v[1],
			   &v.v[2], &v.v[3], &used) != 5 ||
		    tab[1 + used] || (found != 0 && found != 1))
			return false;
		v.found = found;
		if (!add(c, line, &v))
			return false;
		n++;
	}
	return n == count;
}

static void load(struct oms_typecache *c)
{
	struct stat st;
	char *buf;
	FILE *f;

	f = fopen(c->path, "re");
	if (!f)
		return;
	if (fstat(fileno(f), &st) || st.st_size <= 0 ||
	    st.st_size > CACHE_MAX_SIZE)
		goto out_close;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		goto out_close;
	if (fread(buf, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		buf[st.st_size] = '\0';
		if (strlen(buf) != (size_t)st.st_size ||
		    !parse(c, buf, (size_t)st.st_size))
			clear(c);
	}
	free(buf);
out_close:
	fclose(f);
}

struct oms_typecache *oms_typecache_create(const char *build_id,
					  const char *kind)
{
	struct oms_typecache *c = calloc(1, sizeof(*c));
	bool hex;
	char *root;

	if (!c)
		return NULL;
	oms_strmap_init(&c->map);
	if (!build_id)
		build_id = "";
	hex = *build_id && strspn(build_id, "0123456789abcdef") ==
			   strlen(build_id);
	if (asprintf(&c->build_id, "%s%s%s", build_id, kind ? "." : "",
		     kind ? kind : "") < 0) {
		free(c);
		return NULL;
	}
	if (!hex)
		return c;
	root = oms_cache_dir();
	if (root && asprintf(&c->path, "%s/types/%s", root, c->build_id) < 0)
		c->path = NULL;
	free(root);
	if (c->path)
		load(c);
	return c;
}

size_t oms_typecache_count(const struct oms_typecache *c)
{
	return c ? c->count : 0;
}

bool oms_typecache_get(struct oms_typecache *c, const char *key,
		       struct oms_typecache_value *ret)
{
	uint64_t index;

	if (!c || !oms_strmap_get(&c->map, key, &index))
		return false;
	*ret = c->values[index];
	return true;
}

void oms_typecache_put(struct oms_typecache *c, const char *key,
		       const struct oms_typecache_value *v)
{
	if (!c || strpbrk(key, "\t\n"))
		return;
	if (add(c, key, v))
		c->dirty = true;
}

static int mkdirs(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

void oms_typecache_save(struct oms_typecache *c)
{
	char *tmp = NULL, *text = NULL;
	size_t len = 0, i;
	FILE *f;
	int fd;

	if (!c || !c->path || !c->dirty)
		return;
	f = open_memstream(&text, &len);
	if (!f)
		return;
	fprintf(f, "%s %s\n", CACHE_MAGIC, c->build_id);
	for (i = 0; i < c->count; i++)
		fprintf(f, "%s\t%d %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64
			"\n", c->keys[i], c->values[i].found, c->values[i].v[0],
			c->values[i].v[1], c->values[i].v[2],
			c->values[i].v[3]);
	if (fclose(f))
		goto out_free;
	if (asprintf(&tmp, "%s.XXXXXX", c->path) < 0) {
		tmp = NULL;
		goto out_free;
	}
	if (mkdirs(tmp))
		goto out_free;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto out_free;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		goto out_free;
	}
	fwrite(text, 1, len, f);
	fprintf(f, "end %zu %016" PRIx64 "\n", c->count, fnv_bytes(text, len));
	if (fflush(f) || fsync(fileno(f)) || ferror(f)) {
		fclose(f);
		unlink(tmp);
		goto out_free;
	}
	if (fclose(f) || rename(tmp, c->path))
		unlink(tmp);
	else
		c->dirty = false;
out_free:
	free(tmp);
	free(text);
}

void oms_typecache_destroy(struct oms_typecache *c)
{
	if (!c)
		return;
	clear(c);
	free(c->keys);
	free(c->values);
	free(c->build_id);
	free(c->path);
	free(c);
}

struct oms_error *oms_typecache_member(struct oms_typecache *c,
				       const char *type, const char *member,
				       struct oms_member *ret,
				       oms_member_lookup_fn *lookup, void *arg)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	char *key;

	if (asprintf(&key, "m %s|%s", type, member) < 0)
		return &oms_enomem;
	if (oms_typecache_get(c, key, &v)) {
		free(key);
		if (!v.found)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no member '%s.%s'", type,
						member);
		ret->offset = (uint64_t)v.v[0];
		ret->size = (uint64_t)v.v[1];
		ret->bit_offset = (uint32_t)v.v[2];
		ret->bit_size = (uint32_t)v.v[3];
		return NULL;
	}
	err = lookup(arg, type, member, ret);
	if (!err)
		v = (struct oms_typecache_value){ true, { (int64_t)ret->offset,
			(int64_t)ret->size, ret->bit_offset, ret->bit_size } };
	else if (err->code == OMS_ERR_NOT_FOUND)
		v = (struct oms_typecache_value){ false, { 0 } };
	if (!err || err->code == OMS_ERR_NOT_FOUND)
		oms_typecache_put(c, key, &v);
	free(key);
	return err;
}
