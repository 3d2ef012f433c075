/*
 * extract.h - Interface to code in indexer/extract.c: quotation and speaker
 * extraction.
 *
 * Finds the direct quotations in an article's text and attributes each to
 * its speaker.  Works on the raw UTF-8 bytes; offsets are byte offsets into
 * the text passed in.
 *
 * Quotations: curly (“…”, ‘…’ nested), straight ("…"), guillemet («…») and
 * low (‚„) marks, paired line by line; only top-level quotations are
 * reported (a nested quotation is part of its outer one).  A quotation
 * continued over paragraphs (each paragraph reopens with the mark, only the
 * last one closes) is one quotation per paragraph piece, all with the same
 * speaker.  Stray or unbalanced marks never swallow the rest of the
 * article: a quotation does not cross a line end unless the next paragraph
 * reopens it, the next line closes it (wrapped text), or the paragraph
 * breaks mid-sentence and the next one, starting in lower case, closes it;
 * an unclosed quotation ends at its last inner closing mark, else at the end
 * of its line.  Apostrophes ("didn’t", "Assads’", "rock 'n' roll") are not
 * quotation marks.  Markdown emphasis (**bold**) inside a quotation is kept
 * in the bytes but dropped from `text`; start/end exclude the marks and the
 * white space and '*' at either edge.
 *
 * Attribution, first rule that applies: "according to X" in the sentence; a
 * cue verb before the quotation in its sentence ("X said that “…”", "what X
 * called “…”", "X, the director of Y, said: “…”", "…, saying “…”" takes the
 * sentence's subject); a cue after it ("“…,” X said", "“…,” said X", "“…,”
 * X told …", "“…” ― X"), or, after a comma, "“…,” X <any verb>"; "X: “…”";
 * the paragraph before ending in "X continued:"; "X was adamant that “…”";
 * a partial quotation of two or more words takes the subject of its
 * sentence when that is a person or an organisation ("Moore thanked him for
 * “…”"); the head of the line ("Tillerson: …") or of the outline bullets it
 * sits under ("• Trump:" / "  • “…”"); then the other pieces of the same
 * quotation, the attributed quotation just before it (same paragraph, or
 * the previous one when this one starts its paragraph), and for a
 * quotation paragraph that stands alone the person the previous sentence
 * is about.  Cue verbs are matched in all their forms (say, said, saying,
 * quipped, replies...).
 *
 * Speakers: titles and roles are stripped ("Russian Foreign Minister Sergei
 * Lavrov" -> "Sergei Lavrov", "US Secretary of State Rex Tillerson" -> "Rex
 * Tillerson"); a surname is resolved to the full name the text gives for
 * it; "he"/"she" to the nearest fitting person (an outline head first; then
 * in the nearest sentence with a candidate, a name before a cue verb or an
 * earlier quotation's speaker, else the leftmost name not governed by a
 * preposition: "… against diplomat Matthew Rycroft, whom he accused …"
 * skips Rycroft); "the senator" to the person last titled so, else as for
 * "he"; "it"/"they" to the nearest organisation.  Organisations keep their
 * name ("the Foreign Ministry said" -> "Foreign Ministry").  A speaker
 * described but not named ("a senior Russian diplomat said") gets
 * speaker NULL with the description as speaker_mention.
 *
 * Scare quotes: every quotation is reported, even a single quoted word; a
 * quoted word or phrase with no cue in its sentence gets speaker NULL
 * ("as shaky as the West’s “confidence”").  Single quoted words and phrases
 * in title case (titles of works) never take a sentence's subject.
 */
#ifndef QUOTH_EXTRACT_H
#define QUOTH_EXTRACT_H

#include <stddef.h>
#include <stdbool.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_quote {
	size_t start, end;	/* bytes [start, end) of the quotation, marks excluded */
	char *text;		/* those bytes with every '*' (markdown emphasis)
				 * removed and runs of white space folded to one
				 * space, trimmed */
	char *speaker;		/* canonical name ("Sergei Lavrov"), or NULL */
	char *speaker_mention;	/* the words that named the speaker in the
				 * text ("he", "Lavrov", "Foreign Minister
				 * Sergey Lavrov"), or NULL */
	char *cue;		/* the cue as written ("said", "told",
				 * "according to", "put it", ":"), or NULL when
				 * none was written (inherited speakers, "“…” ― X") */
	int speaker_company;	/* the speaker is one word that starts a
				 * company's name in the text ("Ford" of "Ford
				 * Motor Co"): not a surname to complete */
} quoth_quote_t;

typedef struct quoth_quotes quoth_quotes_t;

/* Extracts the quotations of TEXT[0..LEN) (any bytes; NUL bytes allowed),
 * in text order, not overlapping.  Returns QUOTH_OK and *OUT (possibly
 * holding none; free with quoth_quotes_destroy()), or QUOTH_ERR_NOMEM with
 * *OUT NULL.  Uses only libc; thread-safe (its one shared state, the
 * word table, is built once under pthread_once and only read after). */
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
 * "Sergei", "Dmitri"/"Dmitriy" -> "Dmitry", "Alexey" -> "Alexei", "Yury" ->
 * "Yuri", ...), titles and roles before the name dropped ("Foreign Minister
 * Sergei Lavrov" -> "Sergei Lavrov", "Mr. Trump" -> "Trump"), a possessive
 * and white space runs dropped, capitalisation kept.  An organisation (its
 * last word is "Ministry", "Department", "House", ...) keeps every word but
 * a leading "the".  Caller frees *OUT with free().  QUOTH_OK or
 * QUOTH_ERR_NOMEM (*OUT NULL). */
quoth_status_t quoth_speaker_canonical(const char *name, size_t len,
				       char **out);

/* Does the canonical speaker NAME name an organisation by its last word
 * ("Reuters", "Foreign Ministry", "the New York Fed")?  Such a last word
 * is not a person's surname: "Fed" alone is not "New York Fed". */
bool quoth_speaker_is_org(const char *name);

/* The surname in the canonical speaker NAME, as *LEN bytes from the
 * result: the last word, before a generational suffix ("Hugh McColl Jr"
 * -> "McColl") and after an Arabic article ("Nouri al-Maliki" ->
 * "Maliki").  A name of one word is its own surname. */
const char *quoth_speaker_surname(const char *name, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
