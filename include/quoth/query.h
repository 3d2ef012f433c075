/*
 * query.h - Interface to code in searcher/query.c: the query parser.
 *
 * Parses the query language of SPEC "Searching" into a tree.  Words go
 * through the analyzer in QUERY mode, so a word node holds exactly the term
 * and stem the indexer produced for the same word.  The tree is plain C:
 * searcher/search.c compiles it into a Xapian query.
 *
 * Grammar (lowest precedence first):
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*        implicit AND (OR with --any)
 *   unary   := ("NOT" | "-") unary | near
 *   near    := primary ("NEAR" | "NEAR/" n primary)*   default n = 10
 *   primary := "(" or ")" | phrase | field ":" (word | phrase) | word
 *   phrase  := '"' ... '"' | '“' ... '”'
 *   word    := text up to space/paren/quote; a trailing '*' makes a prefix
 * Fields: outlet, speaker, author, title, date (date:2017-04-12,
 * date:2017-04, date:2017, date:A..B, date:..B, date:A..).
 * Operators are recognised in capitals only ("or" is a word).
 */
#ifndef QUOTH_QUERY_H
#define QUOTH_QUERY_H

#include <stddef.h>

#include "quoth/analyzer.h"
#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum quoth_qtype {
	QUOTH_QN_WORD,	 /* one analyzed token: term/stem/kind */
	QUOTH_QN_PHRASE, /* kids: WORD nodes, exact adjacent sequence */
	QUOTH_QN_PREFIX, /* term: folded prefix ("sanction" for sanction*) */
	QUOTH_QN_NEAR,	 /* kids: 2+ WORD/PHRASE nodes within `window` words */
	QUOTH_QN_AND,	 /* kids: 2+ */
	QUOTH_QN_OR,	 /* kids: 2+ */
	QUOTH_QN_NOT,	 /* kids: 1; inside AND it means AND NOT; alone,
			  * "everything but" */
	QUOTH_QN_FIELD,	 /* field: "outlet"|"speaker"|"author"|"title";
			  * value: the raw value as typed (quotes removed);
			  * for "title", kids: the value's WORD nodes */
	QUOTH_QN_DATE	 /* from/to: "YYYY-MM-DD" or "" for an open end */
} quoth_qtype_t;

typedef struct quoth_qnode {
	quoth_qtype_t type;
	char *term;		/* WORD, PREFIX */
	char *stem;		/* WORD */
	quoth_token_kind_t kind; /* WORD */
	char *field;		/* FIELD */
	char *value;		/* FIELD */
	char from[11], to[11];	/* DATE */
	unsigned window;	/* NEAR */
	struct quoth_qnode **kids;
	size_t nkids;
	size_t offset;		/* byte offset in the query string */
} quoth_qnode_t;

typedef enum quoth_qdefault {
	QUOTH_QDEFAULT_AND = 0,
	QUOTH_QDEFAULT_OR = 1	/* --any */
} quoth_qdefault_t;

/* Parses QUERY.  A hyphenated word ("al-Assad") becomes OR(PHRASE(al,
 * assad), WORD alassad/JOINED).  A word that analyzes to nothing (pure
 * punctuation) is dropped; a query left empty is an error.  On success
 * returns QUOTH_OK and *OUT (free with quoth_qnode_destroy()).  On a
 * malformed query returns QUOTH_ERR_QUERY, *OUT = NULL, *COLUMN (if non-NULL)
 * to the 1-based column (in characters) of the offending spot, and *ERR (if
 * non-NULL) to the message, e.g. "unclosed quote" (caller frees with
 * free()); the CLI prints "quoth: query:1:COLUMN: MESSAGE". */
quoth_status_t quoth_query_parse(quoth_analyzer_t *a, const char *query,
				 quoth_qdefault_t def, quoth_qnode_t **out,
				 size_t *column, char **err);

/* Frees N and its subtree; NULL is a no-op. */
void quoth_qnode_destroy(quoth_qnode_t *n);

/* Writes a compact S-expression of N for tests and --debug:
 * (AND (WORD russia/russia) (PHRASE low level) (FIELD outlet "x") ...).
 * Caller frees with free(). */
char *quoth_qnode_dump(const quoth_qnode_t *n);

#ifdef __cplusplus
}
#endif

#endif
