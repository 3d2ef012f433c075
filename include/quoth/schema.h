/*
 * schema.h - Interface to code in indexer/schema.c: the index layout and
 * the document-data record.
 *
 * INDEX LAYOUT (written here once; the writer and the searcher both follow
 * it).  An index is a directory holding two Xapian glass databases:
 *
 *   DIR/articles/   one document per article
 *   DIR/quotes/     one document per quotation, apart from the articles so
 *                   that quotations do not change how articles rank
 *
 * A sharded index (quoth index --shards N) is a directory holding the file
 * DIR/shards (the number N) and N index directories DIR/shard-K, K = 0..N-1;
 * an article lives in shard hash64(id) mod N.  A shard list is a file in
 * Xapian 1.4's stub format: "auto PATH" lines (PATH an index, sharded or
 * not, relative to the file's folder) and "remote HOST:PORT" lines (a shard
 * served by xapian-tcpsrv: its articles at PORT, its quotations at PORT+1,
 * as `quoth serve-shard` serves them).
 *
 * Terms of an article document:
 *   Q<id>           unique id term (replace/delete by it)
 *   <word>          folded, unstemmed word with positions (title, then
 *                   body after a gap of QUOTH_TITLE_GAP positions)
 *   K<letters>      acronym ("U.S.", "US" -> Kus) with positions
 *   Z<stem>         Snowball stem, wdf only, of every word ("banks" and
 *                   "bank" -> Zbank): a query word is this one term.
 *                   (Schema 3 left out the Z term of a word that is its
 *                   own stem and matched Z<stem> OR <stem> as synonyms:
 *                   7% smaller, but a common word cost 20% more.)
 *   S<word>, ZS<stem>  title words (title: filter; ZS as Z)
 *   XO<slug>, XOW<word>  outlet: slug of the name, and each folded word
 *   XA<slug>, XAW<word>  author
 *   XS<slug>, XSW<word>  speakers of the article's quotations
 *   D<YYYYMMDD>, M<YYYYMM>, Y<YYYY>  date (a closed date: range is
 *                   the fewest of these that cover it)
 *   XF<hex>         the source file (hash of its real path)
 *   XH<hex>         hash of the folded text (wire copies share it)
 *   L<lang>         language
 * Terms of a quotation document: the quotation's words as above (<word>,
 * K, Z), then its speaker's name words after a gap, XR<article id>,
 * XO/XOW, XA/XAW, XS/XSW (its one speaker), D/M/Y, XF.  No id term: a
 * quotation is found, replaced and deleted through its article (XR); its
 * id "<article id>#<n>" is in slot 3.
 *
 * Value slots (both databases unless noted):
 *   0  date "YYYY-MM-DD"  (sort, open or long range filter, day facet)
 *   1  month "YYYY-MM"    (month facet)
 *   2  outlet display name (outlet facet)
 *   3  stable id           (tie-break: order never depends on sharding)
 *   4  wire-copy key       (articles: XH hex; of results sharing it, only
 *                          the best ranked is shown)
 *   5  speaker             (quotes: the speaker's canonical name)
 *   6  generation          (the run that last wrote the document; a
 *                          re-read source drops documents of older runs)
 *   7  date, 0x1f, id      (--sort=date: one plain value sort orders by
 *                          date, then stable id, as the remote backend,
 *                          which refuses multi-value sort keys, allows)
 *   16 speakers of an article: their canonical names, sorted, joined by
 *      QUOTH_LIST_SEP.  One stock ValueCountMatchSpy counts the distinct
 *      lists; adding each list's count to each of its names counts every
 *      article once per speaker, exactly, with one value read per match,
 *      and runs on xapian-tcpsrv, which refuses spies it does not know.
 *
 * Metadata (articles database):
 *   quoth:schema        QUOTH_SCHEMA_VERSION
 *   src:<hex>           "<mtime_ns> <size> <ndocs> <path>" of an indexed
 *                       source file, written in the commit that finishes it
 *   spk:<surname>       the full name a speaker named by this surname
 *                       alone stands for (names.h; <surname> is the
 *                       analyzer's slug of it), written by the run that
 *                       settled it and kept by later runs
 *
 * DOCUMENT DATA: a record of "key\tvalue\n" lines (tab, newline and
 * backslash in values escaped as \t \n \\), a blank line, then the body
 * (article text, or quotation text) verbatim.
 */
#ifndef QUOTH_SCHEMA_H
#define QUOTH_SCHEMA_H

#include <stddef.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Changes whenever the terms, values or records an index holds change, the
 * analysis rules included (3: words split at dots between letters). */
#define QUOTH_SCHEMA_VERSION "4"
/* The metadata key that records it (articles database). */
#define QUOTH_META_SCHEMA "quoth:schema"
/* The prefix of the surnames' keys (names.h). */
#define QUOTH_META_SPEAKER "spk:"

#define QUOTH_ARTICLES_DB "articles"
#define QUOTH_QUOTES_DB "quotes"

#define QUOTH_P_ID "Q"
#define QUOTH_P_ACRONYM "K"
#define QUOTH_P_STEM "Z"
#define QUOTH_P_TITLE "S"
#define QUOTH_P_OUTLET "XO"
#define QUOTH_P_AUTHOR "XA"
#define QUOTH_P_SPEAKER "XS"
#define QUOTH_P_DAY "D"
#define QUOTH_P_MONTH "M"
#define QUOTH_P_YEAR "Y"
#define QUOTH_P_SOURCE "XF"
#define QUOTH_P_HASH "XH"
#define QUOTH_P_ARTICLE "XR"
#define QUOTH_P_LANG "L"
/* A field's word terms: its prefix followed by this letter. */
#define QUOTH_P_WORD "W"

#define QUOTH_SLOT_DATE 0
#define QUOTH_SLOT_MONTH 1
#define QUOTH_SLOT_OUTLET 2
#define QUOTH_SLOT_ID 3
#define QUOTH_SLOT_COLLAPSE 4
#define QUOTH_SLOT_SPEAKER 5
#define QUOTH_SLOT_GEN 6
#define QUOTH_SLOT_DATE_ID 7
#define QUOTH_SLOT_SPEAKERS 16
#define QUOTH_LIST_SEP '\x1f'
/* Speakers kept per article, at most. */
#define QUOTH_MAX_SPEAKERS 64

#define QUOTH_TITLE_GAP 100

/* A record being built. */
typedef struct quoth_record {
	char *p;
	size_t len, cap;
	int oom;
} quoth_record_t;

/* Appends KEY\tVALUE\n (VALUE escaped); a NULL VALUE adds nothing. */
void quoth_record_add(quoth_record_t *r, const char *key, const char *value);
void quoth_record_add_ulong(quoth_record_t *r, const char *key,
			    unsigned long v);
/* Appends the blank line and BODY; returns QUOTH_OK or QUOTH_ERR_NOMEM if
 * any append ran out of memory.  The record's bytes are r->p[0..r->len). */
quoth_status_t quoth_record_finish(quoth_record_t *r, const char *body,
				   size_t len);
void quoth_record_free(quoth_record_t *r);

/* The unescaped value of KEY in DATA[0..LEN), or NULL if absent; caller
 * frees with free(). */
char *quoth_record_get(const char *data, size_t len, const char *key);

/* The body of a record: a pointer into DATA, and its length. */
const char *quoth_record_body(const char *data, size_t len, size_t *body_len);

/* The number of shards of the index DIR: 0 when DIR is not sharded. */
unsigned quoth_shards_read(const char *dir);
/* Records that DIR has N shards; QUOTH_ERR_IO on failure. */
quoth_status_t quoth_shards_write(const char *dir, unsigned n);
/* Writes "DIR/shard-K" into OUT (SIZE bytes). */
void quoth_shard_path(const char *dir, unsigned k, char *out, size_t size);

/* Hex of a 64-bit hash: 16 lower-case digits and a NUL into OUT. */
void quoth_hex64(unsigned long long h, char out[17]);

#ifdef __cplusplus
}
#endif

#endif
