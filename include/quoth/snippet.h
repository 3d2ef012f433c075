/*
 * snippet.h - Interface to code in searcher/snippet.c: snippets.
 *
 * Cuts a window of an article's text around its best cluster of matches
 * and marks every matched word (QUOTH_HL_ON ... QUOTH_HL_OFF from
 * search.h).  A word matches when its folded form equals a query word, its
 * stem equals a query word's stem (so "sanctions" lights up for
 * `sanction`), or it starts with a query prefix.  The text is tokenized by
 * the same analyzer as at index time, so what is highlighted is what
 * matched.
 */
#ifndef QUOTH_SNIPPET_H
#define QUOTH_SNIPPET_H

#include <stddef.h>

#include "quoth/analyzer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_snippet_terms quoth_snippet_terms_t;

/* NULL when out of memory. */
quoth_snippet_terms_t *quoth_snippet_terms_new(void);
/* Adds a query word (TERM folded, STEM its stem; ACRONYM: match K terms
 * only, by TERM).  Out of memory drops the word. */
void quoth_snippet_terms_add(quoth_snippet_terms_t *t, const char *term,
			     const char *stem, int acronym);
void quoth_snippet_terms_add_prefix(quoth_snippet_terms_t *t,
				    const char *prefix);
/* Adds a phrase: TERMS[0..N) folded, exact; ACRONYM[i] as above.  Its
 * words are marked only where the whole phrase occurs. */
void quoth_snippet_terms_add_phrase(quoth_snippet_terms_t *t,
				    const char *const *terms, const int *acronym,
				    size_t n);
void quoth_snippet_terms_free(quoth_snippet_terms_t *t);

/* A snippet of about WIDTH bytes of TEXT[0..LEN): white space folded, "…"
 * where the text was cut, matches marked.  Caller frees; NULL when out of
 * memory. */
char *quoth_snippet_make(quoth_analyzer_t *a, const quoth_snippet_terms_t *t,
			 const char *text, size_t len, size_t width);

#ifdef __cplusplus
}
#endif

#endif
