/*
 * extract.h - Interface to code in indexer/extract.c: quotation and speaker
 * extraction.
 *
 * Finds the direct quotations in an article's text and attributes each to
 * its speaker.  Works on the raw UTF-8 bytes; offsets are byte offsets into
 * the text passed in.
 *
 * Quotations: curly (“…”, ‘…’ nested), straight ("…") and guillemet marks;
 * a quotation continued over paragraphs (each paragraph reopens with the
 * mark, only the last one closes) is one quotation per paragraph piece, all
 * with the same speaker; stray or unbalanced marks never swallow the rest of
 * the article (a quotation does not cross a blank line unless the next
 * paragraph reopens it); markdown emphasis (**bold**) inside a quotation is
 * kept in the bytes but dropped from `text`.
 *
 * Attribution: cue verbs before or after the quotation (said, says, told,
 * added, asked, noted, warned, wrote, tweeted, called, according to, ...),
 * "X: “…”", outline lists where a bullet names the speaker and the quotes sit
 * under it, pronouns ("he said") resolved to the nearest fitting person,
 * titles and roles stripped ("Foreign Minister Sergei Lavrov" -> "Sergei
 * Lavrov"), a surname resolved to the full name given earlier in the text,
 * organisations ("the Foreign Ministry said").  A quoted word or short
 * phrase with no cue (a scare quote) gets no speaker.
 */
#ifndef QUOTH_EXTRACT_H
#define QUOTH_EXTRACT_H

#include <stddef.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_quote {
	size_t start, end;	/* bytes [start, end) of the quotation, marks excluded */
	char *text;		/* those bytes with "**"/"__" markup removed and
				 * runs of white space folded to one space */
	char *speaker;		/* canonical name ("Sergei Lavrov"), or NULL */
	char *speaker_mention;	/* the words that named the speaker in the
				 * text ("he", "Lavrov", "Foreign Minister
				 * Sergey Lavrov"), or NULL */
	char *cue;		/* the cue as written ("said", "told",
				 * "according to", ":"), or NULL */
} quoth_quote_t;

typedef struct quoth_quotes quoth_quotes_t;

/* Extracts the quotations of TEXT[0..LEN).  Returns QUOTH_OK and *OUT
 * (possibly holding none), or QUOTH_ERR_NOMEM. */
quoth_status_t quoth_extract(const char *text, size_t len,
			     quoth_quotes_t **out);

/* Number of quotations, and the I-th in text order; valid until
 * quoth_quotes_destroy(). */
size_t quoth_quotes_count(const quoth_quotes_t *q);
const quoth_quote_t *quoth_quotes_get(const quoth_quotes_t *q, size_t i);

/* Frees Q and every quotation in it; NULL is a no-op. */
void quoth_quotes_destroy(quoth_quotes_t *q);

/* Canonical form of a person's or organisation's name, used to merge name
 * variants across articles: transliteration variants unified ("Sergey" ->
 * "Sergei", "Dmitri" -> "Dmitry"), titles dropped, "Mr."/"Ms." dropped,
 * capitalisation kept.  Caller frees *OUT with free().  QUOTH_OK or
 * QUOTH_ERR_NOMEM. */
quoth_status_t quoth_speaker_canonical(const char *name, size_t len,
				       char **out);

#ifdef __cplusplus
}
#endif

#endif
