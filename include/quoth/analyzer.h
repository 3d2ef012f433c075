/*
 * analyzer.h - Interface to code in indexer/analyzer.c: the text analyzer.
 *
 * One function turns text into terms, at index time (DOCUMENT) and at query
 * time (QUERY), so that a query word is produced exactly as the indexed
 * word.  It is shaped like SQLite FTS5's xTokenize: text in, one callback
 * per token out.
 *
 * Rules (SPEC "Analysis"):
 *  - ICU word boundaries; tokens are runs the break iterator tags as
 *    letters, numbers, kana or ideographs (punctuation and space dropped).
 *  - Each token is NFKC case-folded and its diacritics removed
 *    ("Détente" -> "detente"); typographic apostrophes become "'".
 *  - A final possessive "'s" is dropped ("Assad's" -> "assad").
 *  - Words joined by hyphens with no space ("al-Assad", "Mar-a-Lago",
 *    "Minsk-2") give each part as its own token at successive positions,
 *    then one QUOTH_TOKEN_JOINED token ("alassad") at the position of the
 *    first part.  The parts carry QUOTH_TOKEN_HYPHEN_NEXT except the last.
 *    Letters joined by a dot, which ICU keeps as one word ("Chinanews.com",
 *    "Mail.Ru", the ticker "CBCDQ.PK"), are split the same way, so that
 *    `chinanews` finds "Chinanews.com" and `mail.ru` still finds it whole.
 *  - Dotted abbreviations ("U.S.", "U.N.") give one QUOTH_TOKEN_ACRONYM
 *    token "us".  An all-capitals word of 2+ letters ("US", "NATO") gives,
 *    in DOCUMENT mode, a WORD token "us" and an ACRONYM token "us" at the
 *    same position; in QUERY mode only the ACRONYM.  So `US` and `U.S.`
 *    match each other, `nato` matches "NATO", and `us` matches neither
 *    "U.S." nor stands for it.
 *  - Numbers are kept as written ("2017", "04.12.17", "3.5").
 *  - WORD and JOINED tokens carry their Snowball stem (language from
 *    quoth_analyzer_create()); ACRONYM tokens are not stemmed.
 *
 * Positions count words: aliases (flag QUOTH_TOKEN_ALIAS) share the
 * position of the token before them.  Offsets are byte offsets into the
 * text passed in, covering the surface form (a JOINED token covers the
 * whole hyphenated run).
 */
#ifndef QUOTH_ANALYZER_H
#define QUOTH_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_analyzer quoth_analyzer_t;

typedef enum quoth_analyze_mode {
	QUOTH_ANALYZE_DOCUMENT = 0,
	QUOTH_ANALYZE_QUERY = 1,
	/* DOCUMENT tokens with no stem (stem NULL): for a caller that
	 * stems only the few tokens it looks at, with
	 * quoth_analyzer_stem(). */
	QUOTH_ANALYZE_UNSTEMMED = 2
} quoth_analyze_mode_t;

typedef enum quoth_token_kind {
	QUOTH_TOKEN_WORD = 0,	/* ordinary word or number */
	QUOTH_TOKEN_ACRONYM,	/* abbreviation, letters only: "us" */
	QUOTH_TOKEN_JOINED	/* hyphenated run, parts joined: "alassad" */
} quoth_token_kind_t;

enum {
	QUOTH_TOKEN_ALIAS = 1u << 0,	  /* same position as the previous token */
	QUOTH_TOKEN_HYPHEN_NEXT = 1u << 1 /* hyphen-joined to the next part */
};

typedef struct quoth_token {
	const char *term;	/* folded, unstemmed; not NUL-terminated */
	size_t term_len;
	const char *stem;	/* Snowball stem (== term for ACRONYM) */
	size_t stem_len;
	quoth_token_kind_t kind;
	unsigned flags;
	uint32_t pos;		/* 0-based word position */
	size_t start, end;	/* byte offsets of the surface form */
} quoth_token_t;

/* Called once per token, in text order.  TOK and its strings are valid only
 * during the call.  Return 0 to go on, non-zero to stop (the tokenizer then
 * returns QUOTH_OK). */
typedef int (*quoth_token_fn)(void *ctx, const quoth_token_t *tok);

/* Creates an analyzer for LANG (ISO 639-1, NULL means "en"; a language with
 * no Snowball stemmer falls back to no stemming).  An analyzer keeps ICU
 * objects and buffers between calls; it is not thread-safe, use one per
 * thread.  Returns QUOTH_OK, QUOTH_ERR_NOMEM or QUOTH_ERR_INTERNAL (ICU
 * failed to load its data). */
quoth_status_t quoth_analyzer_create(const char *lang, quoth_analyzer_t **out);

/* Destroys A; NULL is a no-op. */
void quoth_analyzer_destroy(quoth_analyzer_t *a);

/* Tokenizes TEXT[0..LEN) (UTF-8; ill-formed bytes are treated as U+FFFD)
 * and calls FN for each token.  Positions start at FIRST_POS, so a caller
 * can index title and body as one position space.  Returns QUOTH_OK or
 * QUOTH_ERR_NOMEM / QUOTH_ERR_INTERNAL. */
quoth_status_t quoth_analyzer_tokenize(quoth_analyzer_t *a,
				       quoth_analyze_mode_t mode,
				       const char *text, size_t len,
				       uint32_t first_pos,
				       quoth_token_fn fn, void *ctx);

/* The Snowball stem of the folded word TERM[0..TLEN) as tokens carry it
 * (a number is its own stem); *STEM is valid until the next call on A.
 * Returns QUOTH_OK or QUOTH_ERR_NOMEM. */
quoth_status_t quoth_analyzer_stem(quoth_analyzer_t *a, const char *term,
				   size_t tlen, const char **stem,
				   size_t *stem_len);

/* Folds S (case, NFKC, diacritics, apostrophes) without splitting it into
 * words: "Sergéy Lavrov’s" -> "sergey lavrov's".  Caller frees *OUT with
 * free().  Returns QUOTH_OK, QUOTH_ERR_NOMEM or QUOTH_ERR_INTERNAL. */
quoth_status_t quoth_analyzer_fold(quoth_analyzer_t *a, const char *s,
				   size_t len, char **out);

/* Makes a slug of NAME for boolean filter terms: folded, runs of
 * non-alphanumerics become one '-', no leading/trailing '-', and a leading
 * "the-" dropped ("The Moscow Times" -> "moscow-times").  Caller frees. */
quoth_status_t quoth_analyzer_slug(quoth_analyzer_t *a, const char *name,
				   size_t len, char **out);

#ifdef __cplusplus
}
#endif

#endif
