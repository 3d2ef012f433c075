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
 *
 * Details:
 *  - Double quotes are " “ ” „ ‟, all alike (any one closes a phrase);
 *    ’ and ' are apostrophes, never quotes.  Inside quotes operators and
 *    fields are plain text.
 *  - '-' negates only at the start of a term and only when something
 *    follows it ("-a", "-(a b)", "-outlet:x"); "Minsk-2" is one word and a
 *    lone "-" is punctuation.  NOT NOT a is a.
 *  - With --any the juxtaposed terms are alternatives, at OR's level (so
 *    explicit AND binds tighter: "a b AND c" = a OR (b AND c)), and negated
 *    terms are pulled out of the alternatives: "a b -c" = (a OR b) AND NOT c.
 *  - A word analyzing to one token is a WORD; to a hyphenated run, OR(
 *    PHRASE(parts), WORD joined/JOINED); to several other tokens
 *    ("Russia/U.S."), a PHRASE of them (hyphen parts in order, JOINED
 *    aliases dropped).  A quoted phrase is always a PHRASE, even of one word
 *    (an exact, unstemmed match).
 *  - prefix*: the text before the stars, analyzed, must be one word (or one
 *    hyphenated run, whose joined form is used: "al-Ass*" -> "alass") of 2+
 *    characters; the PREFIX term is folded, not stemmed.
 *  - NEAR/n takes n from 1 to 1000; its sides must be words or phrases (a
 *    hyphenated word gives its phrase of parts); "a NEAR b NEAR c" is one
 *    NEAR of three, and mixing distances in one chain is an error.
 *  - Field names are matched in any case ("Outlet:"); other "name:" words
 *    ("http:", "10:30") are plain words.  A field value is the rest of the
 *    word or a quoted phrase right after the colon.
 *  - Dates: YYYY, YYYY-MM or YYYY-MM-DD (month and day may have 1 digit),
 *    checked against the calendar; a range runs from the first day of A to
 *    the last day of B (date:2017-04..2017-05 = 2017-04-01..2017-05-31).
 *  - Nesting (parentheses and NOTs) deeper than 100 is an error.
 *  - Same-type AND and OR nodes are flattened: (AND a (AND b c)) never
 *    appears.
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
	QUOTH_QN_PHRASE, /* kids: 1+ WORD nodes, exact adjacent sequence */
	QUOTH_QN_PREFIX, /* term: folded prefix ("sanction" for sanction*) */
	QUOTH_QN_NEAR,	 /* kids: 2+ WORD/PHRASE nodes within `window` words */
	QUOTH_QN_AND,	 /* kids: 2+ */
	QUOTH_QN_OR,	 /* kids: 2+ */
	QUOTH_QN_NOT,	 /* kids: 1; inside AND it means AND NOT; alone,
			  * "everything but" */
	QUOTH_QN_FIELD,	 /* field: "outlet"|"speaker"|"author"|"title";
			  * value: the raw value as typed (quotes removed);
			  * for "title", kids: the value's WORD nodes in
			  * order, as in a phrase (a title of punctuation
			  * only is dropped) */
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
	size_t offset;		/* byte offset in the query string (a WORD:
				 * of its surface form; a PHRASE: of its
				 * opening quote) */
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
 * free()); the CLI prints "quoth: query:1:COLUMN: MESSAGE".  The column
 * counts UTF-8 characters and lies in 1 .. characters + 1; the error kept
 * is the first one met reading left to right.  Messages: "empty query",
 * "unclosed quote" (at the opening quote), "unbalanced ')'", "unclosed '('"
 * (at the '('), "empty parentheses", "missing term after OR" (AND, NOT,
 * NEAR, '-'; at the operator), "missing term before OR" (AND, NEAR),
 * "expected a number after NEAR/", "NEAR distance must be from 1 to 1000",
 * "NEAR distances differ within one chain", "NEAR applies to words and
 * phrases only", "empty value for outlet:" (at the field name), "invalid
 * date "2017-13": ..." (at that date), "date range needs at least one
 * end", "date range ends before it starts", "prefix too short: ...", "a
 * prefix must be a single word", "query nested too deeply".
 * Other statuses (*COLUMN = 0, *ERR = NULL): QUOTH_ERR_INVALID (A or QUERY
 * NULL), QUOTH_ERR_NOMEM, QUOTH_ERR_INTERNAL (from the analyzer). */
quoth_status_t quoth_query_parse(quoth_analyzer_t *a, const char *query,
				 quoth_qdefault_t def, quoth_qnode_t **out,
				 size_t *column, char **err);

/* Frees N and its subtree; NULL is a no-op. */
void quoth_qnode_destroy(quoth_qnode_t *n);

/* Writes a compact S-expression of N for tests and --debug, one line, kids
 * in order, separated by single spaces:
 *   (WORD term stem)           kind WORD; (WORD us us ACRONYM) and
 *                              (WORD alassad alassad JOINED) for the others
 *   (PHRASE kid...)            (PREFIX term)          (NEAR window kid...)
 *   (AND kid...)  (OR kid...)  (NOT kid)
 *   (FIELD name "value")       title: (FIELD title "value" (WORD ...)...)
 *   (DATE from to)             an open end is "..": (DATE .. 2017-04-12)
 * FIELD values are in double quotes with '"' and '\' escaped by '\'.
 * E.g. "russia sanctions" -> (AND (WORD russia russia) (WORD sanctions
 * sanction)).  N NULL gives "()".  Caller frees with free(); NULL when out
 * of memory. */
char *quoth_qnode_dump(const quoth_qnode_t *n);

/* Days in MONTH (1..12) of YEAR in the Gregorian calendar. */
int quoth_days_in_month(int year, int month);

#ifdef __cplusplus
}
#endif

#endif
