/*
 * reader.h - Interface to code in indexer/reader.c: the article reader.
 *
 * Turns one input file into a stream of articles:
 *   *.txt, *.md   one article; an optional header block of "Key: value"
 *                 lines up to the first blank line (Title, Outlet, Date,
 *                 Author, URL, Language).  Without a header the reader
 *                 infers the title (first non-empty line that is not site
 *                 furniture such as "Skip to main content"; markdown '#'
 *                 and emphasis stripped), the date (first date phrase in the
 *                 first 2000 bytes), the outlet (a byline such as "By bne
 *                 IntelliNews" when it names an organisation, else the site
 *                 of the first http(s) URL in the text) and the author (a
 *                 "By Jane Roe" byline that names a person).  With a header,
 *                 only a missing title is inferred (from the body) and a
 *                 missing outlet is taken from the URL header: the header
 *                 is the full account of date and author.  A header is one
 *                 only if its first line is "Key: value" with a known key
 *                 (case-insensitive); the body starts after the blank line
 *                 that ends it (article.text_offset).
 *
 * Outlets from URLs: a table of well-known news sites gives their names
 * ("reuters.com" -> "Reuters"); any other site is named by its host without
 * "www." ("example-news.org").
 *   *.jsonl       one article per line (also *.jsonl.gz and *.jsonl.xz),
 *                 streamed: a line is read, parsed and handed out before the
 *                 next one is read, so memory does not grow with file size.
 *                 Keys and aliases are those of SPEC "Articles in".
 *
 * Ids: a text file's id is "f" + 16 hex digits of a 64-bit FNV-1a hash of
 * its path as given; a JSON line's id is its "id" key, else "u" + hash of
 * the URL, else "h" + hash of title + date + text, so inserting a line into
 * a file renumbers nothing.
 *
 * Problems with the input are reported through a diagnostic callback, one
 * call per problem, and never stop the stream: a malformed JSON line (with
 * the line and byte column of the error), a line or text file with no text
 * ("no text") and a JSON line over 256 MiB are reported as
 * QUOTH_DIAG_FAILED and skipped; invalid UTF-8 (replaced by U+FFFD, one
 * warning per article at its first bad byte), a malformed or unknown header
 * line (ignored), an unparseable, impossible or out-of-range date (left
 * NULL) and an unknown language code ("en" used) are QUOTH_DIAG_WARNING and
 * the article is still returned.  Blank JSON lines are skipped silently.
 * JSON aliases rank as listed in the SPEC ("date" before "published" ...);
 * for dates the first alias that parses wins.
 */
#ifndef QUOTH_READER_H
#define QUOTH_READER_H

#include <stddef.h>
#include <stdint.h>

#include "quoth/article.h"
#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_reader quoth_reader_t;

typedef enum quoth_diag_level {
	QUOTH_DIAG_WARNING,	/* article indexed anyway */
	QUOTH_DIAG_FAILED	/* article (or whole file) not indexed */
} quoth_diag_level_t;

typedef struct quoth_diag {
	quoth_diag_level_t level;
	const char *path;
	unsigned long line;	/* 1-based; 0 when not about one line */
	unsigned long column;	/* 1-based byte column; 0 when unknown */
	const char *message;	/* e.g. "invalid UTF-8 (bytes replaced)" */
} quoth_diag_t;

typedef void (*quoth_diag_fn)(void *ctx, const quoth_diag_t *diag);

/* Opens PATH for reading.  DIAG (may be NULL) receives every problem found
 * while reading; CTX is passed through.  Returns QUOTH_OK and *OUT, or
 * QUOTH_ERR_IO (unreadable: strerror text), QUOTH_ERR_INVALID ("empty
 * file": no bytes or only whitespace; "binary file": a NUL byte or over 5%
 * control characters in the first 8 KiB; a corrupt .gz/.xz start),
 * QUOTH_ERR_NOMEM.  On failure *OUT is NULL and the reason is in
 * *ERRMSG_OUT if non-NULL (caller frees with free()). */
quoth_status_t quoth_reader_open(const char *path, quoth_diag_fn diag,
				 void *ctx, quoth_reader_t **out,
				 char **errmsg_out);

/* Hands out the next article in *OUT (owned by the caller: free with
 * quoth_article_destroy()), or *OUT = NULL at the end of the file.
 * Returns QUOTH_ERR_IO if reading failed part-way (message via
 * quoth_reader_errmsg()). */
quoth_status_t quoth_reader_next(quoth_reader_t *r, quoth_article_t **out);

/* Message of the last failure, owned by R. */
const char *quoth_reader_errmsg(const quoth_reader_t *r);

/* Closes R; NULL is a no-op. */
void quoth_reader_close(quoth_reader_t *r);

/* True if PATH names a file the reader accepts (by its name). */
int quoth_reader_accepts(const char *path);

/* Parses a date as news sources print it: ISO 8601 ("2017-04-12",
 * "2017-04-12T18:15:00Z"), "April 12, 2017", "12 April 2017",
 * "Apr 12, 2017", "Fri Oct 20, 2006 6:15pm EDT", "04/12/2017" (US order).
 * The calendar date as printed, with no time-zone shift.  Writes
 * "YYYY-MM-DD" and a NUL into OUT and returns QUOTH_OK, or returns
 * QUOTH_ERR_INVALID if S is not a date or lies outside 1800-01-01 ..
 * today + 1 day. */
quoth_status_t quoth_date_parse(const char *s, size_t len, char out[11]);

/* 64-bit FNV-1a of BUF, used for ids and collapse keys. */
uint64_t quoth_hash64(const void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
