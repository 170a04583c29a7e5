/* SPDX-License-Identifier: ISC */
/* posmap (declared in deployment.h): a map from a dotted path to a
 * position, also used as a plain set of strings.
 *
 * A loaded file records one position per field: 110,000 for 10,000
 * partners. Paths that differ only in their first index ("partners[7].tls",
 * "partners[8].tls") share a column, a dense array indexed by that number,
 * so such an entry costs 8 bytes rather than a copy of its path and a hash
 * slot. Every other key goes to an open-addressing table on an FNV-1a
 * hash whose keys are copied into large blocks; each slot keeps its hash
 * so that probing rarely compares strings. A column only grows while it
 * stays dense; an index far beyond its entries goes to the table. */
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

static uint32_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
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

/* The slot for key, added (with position 0, 0) when it is new. */
static struct posmap_slot *table_put(struct posmap *pm, struct posmap_table *t, const char *key)
{
	uint32_t h = fnv1a(key);
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

static const struct posmap_slot *table_get(const struct posmap_table *t, const char *key)
{
	const struct posmap_slot *s = table_slot(t, key, fnv1a(key));

	return s->key ? s : NULL;
}

/* Splits path at its first index: name receives the path with the number
 * left out ("partners[].tls"), *index the number. False for a path
 * without one, or one too long to be a field's. */
static bool column_of(const char *path, char name[COLUMN_NAME_MAX], size_t *index)
{
	const char *br = strchr(path, '['), *p;
	size_t head, tail, i = 0;

	if (!br || br[1] < '0' || br[1] > '9' || (br[1] == '0' && br[2] != ']'))
		return false;
	for (p = br + 1; *p >= '0' && *p <= '9'; p++) {
		if (i > (SIZE_MAX - 9) / 10)
			return false;
		i = i * 10 + (size_t)(*p - '0');
	}
	if (*p != ']')
		return false;
	head = (size_t)(br - path) + 1;
	tail = strlen(p);
	if (head + tail >= COLUMN_NAME_MAX)
		return false;
	memcpy(name, path, head);
	memcpy(name + head, p, tail + 1);
	*index = i;
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

/* The column called name, made when index i would start it densely;
 * NULL otherwise, so that keys that merely hold a bracket (a set's) make
 * no column each. */
static struct posmap_column *column_for(struct posmap *pm, const char *name, size_t i)
{
	const struct posmap_slot *found = table_get(&pm->names, name);
	struct posmap_slot *s;

	if (found)
		return &pm->cols[found->line - 1];
	if (i > 8 || pm->ncols >= INT_MAX)
		return NULL;
	pm->cols = xgrow(pm->cols, &pm->colcap, pm->ncols + 1, sizeof *pm->cols);
	memset(&pm->cols[pm->ncols], 0, sizeof *pm->cols);
	s = table_put(pm, &pm->names, name);
	s->line = (int)++pm->ncols;
	return &pm->cols[s->line - 1];
}

void posmap_put(struct posmap *pm, const char *path, int line, int col)
{
	char name[COLUMN_NAME_MAX];
	size_t i;
	struct posmap_column *c = NULL;
	struct posmap_slot *s;

	if (line != ABSENT && column_of(path, name, &i))
		c = column_for(pm, name, i);
	if (c && column_fits(c, i)) {
		c->count += c->v[i].line == ABSENT;
		c->v[i].line = line;
		c->v[i].col = col;
		return;
	}
	s = table_put(pm, &pm->paths, path);
	s->line = line;
	s->col = col;
}

/* A column entry, found first: a put to the table happened only while the
 * column could not yet hold that index, so the column's is the later. */
static const struct posmap_pos *column_get(const struct posmap *pm, const char *path)
{
	char name[COLUMN_NAME_MAX];
	size_t i;
	const struct posmap_slot *s;
	const struct posmap_column *c;

	if (!pm->ncols || !column_of(path, name, &i) || !(s = table_get(&pm->names, name)))
		return NULL;
	c = &pm->cols[s->line - 1];
	return i < c->cap && c->v[i].line != ABSENT ? &c->v[i] : NULL;
}

bool posmap_get(const struct posmap *pm, const char *path, int *line, int *col)
{
	const struct posmap_pos *p = pm ? column_get(pm, path) : NULL;
	const struct posmap_slot *s = pm && !p ? table_get(&pm->paths, path) : NULL;

	*line = p ? p->line : s ? s->line : 0;
	*col = p ? p->col : s ? s->col : 0;
	return p || s;
}
