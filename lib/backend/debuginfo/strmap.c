// SPDX-License-Identifier: GPL-2.0
/* A string-keyed hash table: open addressing, linear probing. */
#include <stdlib.h>
#include <string.h>

#include "debuginfo.h"

/* FNV-1a, 64 bits */
uint64_t oms_strhash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	/* FNV's low bits are poor; tables index with them: mix (murmur3) */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void oms_strmap_init(struct oms_strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void oms_strmap_deinit(struct oms_strmap *m)
{
	free(m->entries);
	memset(m, 0, sizeof(*m));
}

static struct oms_strmap_entry *slot(const struct oms_strmap *m,
				     const char *key, uint64_t hash)
{
	size_t mask = m->capacity - 1, i = hash & mask;

	for (;;) {
		struct oms_strmap_entry *e = &m->entries[i];

		if (!e->key || (e->hash == hash && !strcmp(e->key, key)))
			return e;
		i = (i + 1) & mask;
	}
}

bool oms_strmap_get(const struct oms_strmap *m, const char *key,
		    uint64_t *value_ret)
{
	struct oms_strmap_entry *e;

	if (!m->capacity)
		return false;
	e = slot(m, key, oms_strhash(key));
	if (!e->key)
		return false;
	*value_ret = e->value;
	return true;
}

static bool grow(struct oms_strmap *m)
{
	struct oms_strmap old = *m;
	size_t i;

	m->capacity = old.capacity ? old.capacity * 2 : 64;
	m->entries = calloc(m->capacity, sizeof(*m->entries));
	if (!m->entries) {
		*m = old;
		return false;
	}
	for (i = 0; i < old.capacity; i++) {
		if (old.entries[i].key)
			*slot(m, old.entries[i].key, old.entries[i].hash) =
				old.entries[i];
	}
	free(old.entries);
	return true;
}

bool oms_strmap_put(struct oms_strmap *m, const char *key, uint64_t value,
		    bool replace)
{
	struct oms_strmap_entry *e;
	uint64_t hash = oms_strhash(key);

	/* keep the load under 1/2 */
	if ((m->count + 1) * 2 > m->capacity && !grow(m))
		return false;
	e = slot(m, key, hash);
	if (e->key) {
		if (replace)
			e->value = value;
		return true;
	}
	e->key = key;
	e->hash = hash;
	e->value = value;
	m->count++;
	return true;
}
