/*
 * names.h - Interface to code in indexer/names.c: which full name a speaker
 * named by surname alone stands for, across articles.
 *
 * Within an article the extractor already turns "Lavrov" into the
 * "Sergei Lavrov" the article names (extract.h).  An article that gives
 * the surname only needs the rest of the archive: of the full names quoted
 * with that surname, the most quoted, then the first in byte order, so
 * that the answer depends on what is indexed and not on the order it
 * comes in or on how many processes read it.  It wins only when the
 * archive leaves little doubt: when it is quoted at least as often as the
 * other full names with that surname together, at least a quarter as often
 * as the surname alone, and more often than any one longer name the
 * surname starts ("Goldman" is not "Steve Goldman" when "Goldman Sachs"
 * is quoted more).
 *
 * The writer counts the full names of a run's input first (a survey,
 * writer.h) and only then indexes; a surname bound by an earlier run keeps
 * its name (quoth_names_bind()), so every quotation of an index that says
 * "Lavrov" alone names the same Lavrov.
 *
 * Surnames are keys the caller makes (the writer: the analyzer's slug of
 * the name's last word), so this module knows nothing of text analysis.
 */
#ifndef QUOTH_NAMES_H
#define QUOTH_NAMES_H

#include <stddef.h>
#include <stdio.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_names quoth_names_t;

/* NULL when out of memory. */
quoth_names_t *quoth_names_new(void);
void quoth_names_free(quoth_names_t *n);

/* COUNT more quotations said by NAME, whose surname is SURNAME: a full
 * name, or (one word) the surname alone. */
quoth_status_t quoth_names_count(quoth_names_t *n, const char *surname,
				 const char *name, unsigned long count);

/* COUNT more quotations said by the longer name NAME, whose first word
 * is WORD (keyed as surnames are): "Goldman Sachs" under "goldman". */
quoth_status_t quoth_names_count_head(quoth_names_t *n, const char *word,
				      const char *name, unsigned long count);

/* Binds SURNAME to NAME whatever the counts say (a binding an earlier run
 * recorded).  The first binding of a surname stands. */
quoth_status_t quoth_names_bind(quoth_names_t *n, const char *surname,
				const char *name);

/* Binds every surname not bound yet to its most-counted full name (ties:
 * the first in byte order) when the counts leave little doubt (above).
 * Counting after this is allowed; the next settle leaves earlier
 * bindings as they are. */
quoth_status_t quoth_names_settle(quoth_names_t *n);

/* The full name SURNAME is bound to, or NULL. */
const char *quoth_names_full(const quoth_names_t *n, const char *surname);

/* Calls FN(CTX, surname, name) for each binding made by
 * quoth_names_settle() (not those given to quoth_names_bind()), in byte
 * order of surname; stops at, and returns, FN's first non-zero result. */
int quoth_names_each_settled(const quoth_names_t *n,
			     int (*fn)(void *ctx, const char *surname,
				       const char *name),
			     void *ctx);

/* The counts of N written to F, for quoth_names_load() in another process:
 * each candidate as "surname\0name\0count\0".  Bindings are not written. */
quoth_status_t quoth_names_dump(const quoth_names_t *n, FILE *f);

/* Adds the counts quoth_names_dump() wrote to F into N.  QUOTH_ERR_INVALID
 * if F ends inside a candidate or holds something else. */
quoth_status_t quoth_names_load(quoth_names_t *n, FILE *f);

#ifdef __cplusplus
}
#endif

#endif
