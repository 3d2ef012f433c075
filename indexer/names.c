/* names.c - full names for surnames alone, across articles (names.h). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "quoth/names.h"

/* One slot of a table: a candidate (surname, name, count), a binding
 * (surname -> name, made by quoth_names_bind() when round is 0, else by
 * that round of quoth_names_settle()), or a surname's summary while
 * settling.
 *
 * Candidates are of three kinds, told apart by the name: a full name
 * (with a space), the surname alone (one word), and a longer name the
 * "surname" heads (HEAD, then the name: "Goldman Sachs" under
 * "goldman"). */
typedef struct entry {
	char *surname;		/* NULL: empty slot */
	char *name;
	unsigned long count;
	unsigned round;
	/* summary: the full names' count, the surname alone's, the most
	 * counted longer name it heads */
	unsigned long total, alone, head;
} entry_t;

#define HEAD '\1'

/* Open addressing, linear probing, at most half full. */
typedef struct table {
	entry_t *v;
	size_t n, cap;
	int by_name;		/* keyed by surname and name, not surname alone */
} table_t;

struct quoth_names {
	table_t cands;		/* keyed by surname and name */
	table_t binds;		/* keyed by surname */
	unsigned rounds;
};

/* FNV-1a over S, a separator, and T (if any). */
static uint64_t hash(const char *s, const char *t)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (; t && *t; t++)
		h = (h ^ (unsigned char)*t) * 1099511628211ull;
	return h;
}

/* The slot of the key (SURNAME, NAME) in T (NAME ignored unless T is
 * keyed by name): the entry's, or the empty slot where it would go. */
static entry_t *slot(const table_t *t, const char *surname, const char *name)
{
	if (!t->by_name)
		name = NULL;
	size_t i = hash(surname, name) & (t->cap - 1);
	for (;; i = (i + 1) & (t->cap - 1)) {
		entry_t *e = &t->v[i];
		if (!e->surname || (strcmp(e->surname, surname) == 0 &&
				    (!name || strcmp(e->name, name) == 0)))
			return e;
	}
}

/* Doubles T. */
static int grow(table_t *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	entry_t *old = t->v;
	size_t oldcap = t->cap;
	t->v = calloc(cap, sizeof *t->v);
	if (!t->v) {
		t->v = old;
		return -1;
	}
	t->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].surname)
			*slot(t, old[i].surname, old[i].name) = old[i];
	free(old);
	return 0;
}

/* The entry for the key, added (count 0) if missing; NULL when out of
 * memory. */
static entry_t *get(table_t *t, const char *surname, const char *name)
{
	if (t->v) {
		entry_t *e = slot(t, surname, name);
		if (e->surname)
			return e;
	}
	if ((t->n + 1) * 2 > t->cap && grow(t))
		return NULL;
	entry_t *e = slot(t, surname, name);
	e->surname = strdup(surname);
	e->name = strdup(name);
	if (!e->surname || !e->name) {
		free(e->surname);
		free(e->name);
		e->surname = e->name = NULL;
		return NULL;
	}
	t->n++;
	return e;
}

static void table_free(table_t *t)
{
	for (size_t i = 0; i < t->cap; i++) {
		free(t->v[i].surname);
		free(t->v[i].name);
	}
	free(t->v);
}

quoth_names_t *quoth_names_new(void)
{
	quoth_names_t *n = calloc(1, sizeof *n);
	if (n)
		n->cands.by_name = 1;
	return n;
}

void quoth_names_free(quoth_names_t *n)
{
	if (!n)
		return;
	table_free(&n->cands);
	table_free(&n->binds);
	free(n);
}

quoth_status_t quoth_names_count(quoth_names_t *n, const char *surname,
				 const char *name, unsigned long count)
{
	entry_t *e = get(&n->cands, surname, name);
	if (!e)
		return QUOTH_ERR_NOMEM;
	e->count += count;
	return QUOTH_OK;
}

quoth_status_t quoth_names_count_head(quoth_names_t *n, const char *word,
				      const char *name, unsigned long count)
{
	size_t len = strlen(name);
	char *key = malloc(len + 2);
	if (!key)
		return QUOTH_ERR_NOMEM;
	key[0] = HEAD;
	memcpy(key + 1, name, len + 1);
	quoth_status_t st = quoth_names_count(n, word, key, count);
	free(key);
	return st;
}

quoth_status_t quoth_names_bind(quoth_names_t *n, const char *surname,
				const char *name)
{
	/* a new entry has round 0; an existing one stands */
	return get(&n->binds, surname, name) ? QUOTH_OK : QUOTH_ERR_NOMEM;
}

/* Whether candidate C beats the best full name so far, B. */
static int beats(const entry_t *c, const entry_t *b)
{
	return !b->total || c->count > b->count ||
	       (c->count == b->count && strcmp(c->name, b->name) < 0);
}

/* Adds candidate C to the summary S of its surname. */
static int summarise(entry_t *s, const entry_t *c)
{
	if (c->name[0] == HEAD) {
		if (c->count > s->head)
			s->head = c->count;
	} else if (!strchr(c->name, ' ')) {
		s->alone += c->count;
	} else {
		if (beats(c, s)) {
			char *name = strdup(c->name);
			if (!name)
				return -1;
			free(s->name);
			s->name = name;
			s->count = c->count;
		}
		s->total += c->count;
	}
	return 0;
}

/* Does the summary S bind its surname to its best full name?  That name
 * has at least half the quotations of the full names with the surname
 * (not one Wang of many), at least a quarter of those of the surname
 * alone (not a stray "Contrasting S&P" against hundreds of "S&P"), and
 * more than any one longer name the surname heads (not "Steve Goldman"
 * against "Goldman Sachs"). */
static bool binds(const entry_t *s)
{
	return s->total && s->count * 2 >= s->total &&
	       s->count * 4 >= s->alone && s->count > s->head;
}

quoth_status_t quoth_names_settle(quoth_names_t *n)
{
	unsigned round = ++n->rounds;
	table_t sum = {0};
	quoth_status_t st = QUOTH_OK;
	for (size_t i = 0; i < n->cands.cap && !st; i++) {
		const entry_t *c = &n->cands.v[i];
		if (!c->surname)
			continue;
		entry_t *s = get(&sum, c->surname, c->name);
		if (!s || summarise(s, c))
			st = QUOTH_ERR_NOMEM;
	}
	for (size_t i = 0; i < sum.cap && !st; i++) {
		const entry_t *s = &sum.v[i];
		if (!s->surname || !binds(s))
			continue;
		size_t had = n->binds.n;
		entry_t *b = get(&n->binds, s->surname, s->name);
		if (!b)
			st = QUOTH_ERR_NOMEM;
		else if (n->binds.n > had)
			b->round = round;	/* a binding of a run before stands */
	}
	table_free(&sum);
	return st;
}

const char *quoth_names_full(const quoth_names_t *n, const char *surname)
{
	if (!n->binds.v)
		return NULL;
	const entry_t *e = slot(&n->binds, surname, NULL);
	return e->surname ? e->name : NULL;
}

static int by_surname(const void *a, const void *b)
{
	return strcmp((*(const entry_t *const *)a)->surname,
		      (*(const entry_t *const *)b)->surname);
}

int quoth_names_each_settled(const quoth_names_t *n,
			     int (*fn)(void *ctx, const char *surname,
				       const char *name),
			     void *ctx)
{
	const entry_t **v = malloc((n->binds.n + 1) * sizeof *v);
	if (!v)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n->binds.cap; i++)
		if (n->binds.v[i].surname && n->binds.v[i].round)
			v[k++] = &n->binds.v[i];
	qsort(v, k, sizeof *v, by_surname);
	int rc = 0;
	for (size_t i = 0; i < k && !rc; i++)
		rc = fn(ctx, v[i]->surname, v[i]->name);
	free(v);
	return rc;
}

quoth_status_t quoth_names_dump(const quoth_names_t *n, FILE *f)
{
	for (size_t i = 0; i < n->cands.cap; i++) {
		const entry_t *c = &n->cands.v[i];
		if (c->surname && fprintf(f, "%s%c%s%c%lu%c", c->surname, 0,
					  c->name, 0, c->count, 0) < 0)
			return QUOTH_ERR_IO;
	}
	return fflush(f) ? QUOTH_ERR_IO : QUOTH_OK;
}

quoth_status_t quoth_names_load(quoth_names_t *n, FILE *f)
{
	char *field[3] = {NULL, NULL, NULL};
	size_t cap[3] = {0, 0, 0};
	quoth_status_t st = QUOTH_OK;
	for (;;) {
		int k;
		for (k = 0; k < 3; k++) {
			ssize_t len = getdelim(&field[k], &cap[k], 0, f);
			if (len < 0)
				break;
			if (field[k][len - 1] != '\0') { /* cut short */
				k = -1;
				break;
			}
		}
		if (k == 0)
			break;	/* the end, between candidates */
		char *end;
		unsigned long count = k == 3 ? strtoul(field[2], &end, 10) : 0;
		if (k != 3 || !*field[0] || !*field[1] || end == field[2] || *end) {
			st = QUOTH_ERR_INVALID;
			break;
		}
		if ((st = quoth_names_count(n, field[0], field[1], count)))
			break;
	}
	for (int k = 0; k < 3; k++)
		free(field[k]);
	return st;
}
