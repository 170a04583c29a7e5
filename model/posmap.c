/* SPDX-License-Identifier: ISC */
/* posmap (declared in deployment.h): a map from a dotted path to a
 * position, also used as a plain set of strings.
 *
 * A loaded file records one position per field: 110,000 for 10,000
 * partners. Paths that differ only in their first index ("partners[7].tls",
 * "partners[8].tls") share a column, a dense array indexed by that number,
 * so such an entry costs 8 bytes rather than a copy of its path and a hash
 * slot. Every other key goes to an open-addressing table whose keys are
 * copied into large blocks; each slot keeps its hash so that probing
 * rarely compares strings. A column only grows while it stays dense; an
 * index far beyond its entries goes to the table. */
#include "config.h"

#include "deployment.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct posmap_slot {
	const char *key;
	uint32_t hash;
	int line, col;
};

struct posmap_table {
	struct posmap_slot *slots;
	size_t cap, used;
};

struct posmap_block {
	struct posmap_block *next;
	size_t used, size;
	char text[];
};

/* line == ABSENT marks an index never put. */
struct posmap_pos {
	int line, col;
};

struct posmap_column {
	struct posmap_pos *v;
	size_t cap, count;
};

struct posmap {
	struct posmap_table paths;   /* key -> position */
	struct posmap_table names;   /* column name -> column index in line */
	struct posmap_column *cols;
	size_t ncols, colcap;
	struct posmap_block *blocks;
};

#define POSMAP_BLOCK 65536
#define ABSENT INT_MIN
/* Longest column name ("partners[].additional_domains[]"); a longer path
 * goes to the table. */
#define COLUMN_NAME_MAX 128

/* Eight bytes a step: keys are dotted paths of 20 to 40 characters, and
 * this runs for every field of the file. */
static uint32_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x243f6a8885a308d3ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return (uint32_t)(h ^ (h >> 32));
}

static uint32_t hash_str(const char *s)
{
	return hash_bytes(s, strlen(s));
}

static void table_init(struct posmap_table *t)
{
	t->cap = 64;
	t->used = 0;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
}

struct posmap *posmap_new(void)
{
	struct posmap *pm = xcalloc(1, sizeof *pm);

	table_init(&pm->paths);
	table_init(&pm->names);
	return pm;
}

void posmap_free(struct posmap *pm)
{
	if (!pm)
		return;
	while (pm->blocks) {
		struct posmap_block *b = pm->blocks;

		pm->blocks = b->next;
		free(b);
	}
	for (size_t i = 0; i < pm->ncols; i++)
		free(pm->cols[i].v);
	free(pm->cols);
	free(pm->names.slots);
	free(pm->paths.slots);
	free(pm);
}

static const char *posmap_copy(struct posmap *pm, const char *key)
{
	size_t n = strlen(key) + 1;
	struct posmap_block *b = pm->blocks;
	char *s;

	if (!b || b->size - b->used < n) {
		size_t size = n > POSMAP_BLOCK ? n : POSMAP_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->next = pm->blocks;
		b->used = 0;
		b->size = size;
		pm->blocks = b;
	}
	s = memcpy(b->text + b->used, key, n);
	b->used += n;
	return s;
}

static struct posmap_slot *table_slot(const struct posmap_table *t, const char *key, uint32_t h)
{
	size_t i = h & (t->cap - 1);

	while (t->slots[i].key && (t->slots[i].hash != h || strcmp(t->slots[i].key, key) != 0))
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void table_grow(struct posmap_table *t)
{
	struct posmap_table old = *t;

	t->cap *= 2;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*table_slot(t, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

/* The slot for key (of hash h), added (with position 0, 0) when new. */
static struct posmap_slot *table_put(struct posmap *pm, struct posmap_table *t, const char *key,
				     uint32_t h)
{
	struct posmap_slot *s;

	if ((t->used + 1) * 4 > t->cap * 3)
		table_grow(t);
	s = table_slot(t, key, h);
	if (!s->key) {
		s->key = posmap_copy(pm, key);
		s->hash = h;
		t->used++;
	}
	return s;
}

static const struct posmap_slot *table_get(const struct posmap_table *t, const char *key,
					   uint32_t h)
{
	const struct posmap_slot *s = table_slot(t, key, h);

	return s->key ? s : NULL;
}

/* A path split at its first index: the path with the number left out
 * ("partners[].tls"), its hash, and the number. */
struct column_key {
	char name[COLUMN_NAME_MAX];
	uint32_t hash;
	size_t index;
};

/* Parses "[N]" at br (no leading zero, so that one index has one
 * spelling); returns the "]" or NULL. */
static const char *parse_index(const char *br, size_t *index)
{
	const char *p = br + 1;
	size_t i = 0;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != ']'))
		return NULL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (i > (SIZE_MAX - 9) / 10)
			return NULL;
		i = i * 10 + (size_t)(*p - '0');
	}
	*index = i;
	return *p == ']' ? p : NULL;
}

/* False for a path without an index, or one too long to be a field's. */
static bool column_of(const char *path, struct column_key *k)
{
	const char *br = strchr(path, '['), *close = br ? parse_index(br, &k->index) : NULL;
	size_t head, tail;

	if (!close)
		return false;
	head = (size_t)(br - path) + 1;
	tail = strlen(close);
	if (head + tail >= COLUMN_NAME_MAX)
		return false;
	memcpy(k->name, path, head);
	memcpy(k->name + head, close, tail + 1);
	k->hash = hash_bytes(k->name, head + tail);
	return true;
}

/* Whether column c may hold index i without turning sparse. */
static bool column_fits(struct posmap_column *c, size_t i)
{
	size_t cap;

	if (i < c->cap)
		return true;
	if (i > 2 * c->count + 8)
		return false;
	cap = c->cap ? c->cap : 8;
	while (cap <= i)
		cap *= 2;
	c->v = xrealloc(c->v, cap * sizeof *c->v);
	for (size_t k = c->cap; k < cap; k++)
		c->v[k].line = ABSENT;
	c->cap = cap;
	return true;
}

/* The column of k, made when its index would start it densely; NULL
 * otherwise, so that keys that merely hold a bracket (a set's) make no
 * column each. */
static struct posmap_column *column_for(struct posmap *pm, const struct column_key *k)
{
	const struct posmap_slot *found = table_get(&pm->names, k->name, k->hash);
	struct posmap_slot *s;

	if (found)
		return &pm->cols[found->line - 1];
	if (k->index > 8 || pm->ncols >= INT_MAX)
		return NULL;
	pm->cols = xgrow(pm->cols, &pm->colcap, pm->ncols + 1, sizeof *pm->cols);
	memset(&pm->cols[pm->ncols], 0, sizeof *pm->cols);
	s = table_put(pm, &pm->names, k->name, k->hash);
	s->line = (int)++pm->ncols;
	return &pm->cols[s->line - 1];
}

void posmap_put(struct posmap *pm, const char *path, int line, int col)
{
	struct column_key k;
	struct posmap_column *c = NULL;
	struct posmap_slot *s;

	if (line != ABSENT && column_of(path, &k))
		c = column_for(pm, &k);
	if (c && column_fits(c, k.index)) {
		c->count += c->v[k.index].line == ABSENT;
		c->v[k.index].line = line;
		c->v[k.index].col = col;
		return;
	}
	s = table_put(pm, &pm->paths, path, hash_str(path));
	s->line = line;
	s->col = col;
}

/* A column entry, found first: a put to the table happened only while the
 * column could not yet hold that index, so the column's is the later. */
static const struct posmap_pos *column_get(const struct posmap *pm, const char *path)
{
	struct column_key k;
	const struct posmap_slot *s;
	const struct posmap_column *c;

	if (!pm->ncols || !column_of(path, &k) || !(s = table_get(&pm->names, k.name, k.hash)))
		return NULL;
	c = &pm->cols[s->line - 1];
	return k.index < c->cap && c->v[k.index].line != ABSENT ? &c->v[k.index] : NULL;
}

bool posmap_get(const struct posmap *pm, const char *path, int *line, int *col)
{
	const struct posmap_pos *p = pm ? column_get(pm, path) : NULL;
	const struct posmap_slot *s = pm && !p ? table_get(&pm->paths, path, hash_str(path)) : NULL;

	*line = p ? p->line : s ? s->line : 0;
	*col = p ? p->col : s ? s->col : 0;
	return p || s;
}
