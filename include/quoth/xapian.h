/*
 * xapian.h - Interface to code in indexer/xapian.cc: quoth's binding to
 * Xapian.
 *
 * This is the only door to Xapian: a plain C API over a handful of Xapian
 * classes (WritableDatabase, Database, Document, Query, Enquire, MSet,
 * ValueCountMatchSpy).  No Xapian type appears here, and `make check`
 * fails if any object but the binding references a Xapian symbol.
 *
 * Every function catches every exception.  Failures come back as a
 * quoth_status_t; the message is kept in the database handle
 * (quoth_xdb_errmsg()) or, for opening, returned through ERR:
 *   QUOTH_ERR_LOCKED     another writer holds the lock
 *   QUOTH_ERR_NOT_FOUND  no database at that path
 *   QUOTH_ERR_CORRUPT    damaged database or unknown format version
 *   QUOTH_ERR_MODIFIED   the database changed under a reader: reopen, retry
 *   QUOTH_ERR_NETWORK    a remote shard failed or timed out
 *   QUOTH_ERR_NOMEM      std::bad_alloc
 *   QUOTH_ERR_INTERNAL   any other Xapian::Error
 *
 * Query handles are values: constructors return a new handle that the
 * caller destroys with quoth_xq_destroy(); combining queries copies them
 * (Xapian queries are reference-counted, so this is cheap).  Constructors
 * return NULL only when out of memory; a NULL argument yields NULL.
 */
#ifndef QUOTH_XAPIAN_H
#define QUOTH_XAPIAN_H

#include <stddef.h>

#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_xdb quoth_xdb_t;
typedef struct quoth_xdoc quoth_xdoc_t;
typedef struct quoth_xquery quoth_xquery_t;
typedef struct quoth_xmset quoth_xmset_t;

/* ---- databases ---- */

/* Opens the database at PATH for writing.  CREATE: 0 open an existing one,
 * 1 create it if missing, 2 create it afresh (dropping what it held).  On failure *OUT is NULL and *ERR (if ERR is non-NULL) a
 * message the caller frees with free(). */
quoth_status_t quoth_xdb_open_writable(const char *path, int create,
				       quoth_xdb_t **out, char **err);

/* Opens the databases PATHS[0..N) read-only as one collection.  A path is a
 * database directory or a stub file (Xapian 1.4 format: "auto PATH",
 * "remote HOST:PORT" lines).  TIMEOUT_MS bounds each remote operation. */
quoth_status_t quoth_xdb_open_readonly(const char *const *paths, size_t n,
				       unsigned timeout_ms, quoth_xdb_t **out,
				       char **err);

/* One shard of a collection: a local database (PATH), or a database served
 * by xapian-tcpsrv at HOST:PORT (PATH NULL). */
typedef struct quoth_xshard {
	const char *path;
	const char *host;
	unsigned port;
} quoth_xshard_t;

/* Opens SHARDS[0..N) read-only as one collection (Xapian merges their
 * statistics, so ranking is that of one database).  Remote shards connect
 * and answer within TIMEOUT_MS, or fail with QUOTH_ERR_NETWORK; the
 * message names the shard. */
quoth_status_t quoth_xdb_open_shards(const quoth_xshard_t *shards, size_t n,
				     unsigned timeout_ms, quoth_xdb_t **out,
				     char **err);

/* Commits pending changes (writable only) and closes; NULL is a no-op. */
void quoth_xdb_close(quoth_xdb_t *db);

/* Message of the last failure on DB, owned by DB. */
const char *quoth_xdb_errmsg(const quoth_xdb_t *db);

/* A reader moves to the latest committed revision. */
quoth_status_t quoth_xdb_reopen(quoth_xdb_t *db);

/* Commits pending changes of a writable database. */
quoth_status_t quoth_xdb_commit(quoth_xdb_t *db);

/* Number of documents. */
quoth_status_t quoth_xdb_doccount(quoth_xdb_t *db, unsigned *out);

/* The lowest (UPPER 0) or highest (UPPER 1) value any document has in
 * SLOT, at most SIZE-1 bytes of it, NUL-terminated, into OUT; "" when no
 * document has one.  Xapian keeps these bounds, so no document is read. */
quoth_status_t quoth_xdb_value_bound(quoth_xdb_t *db, unsigned slot, int upper,
				     char *out, size_t size);

/* Adds, or replaces, the one document carrying the unique term IDTERM. */
quoth_status_t quoth_xdb_replace(quoth_xdb_t *db, const char *idterm,
				 const quoth_xdoc_t *doc);

/* Adds DOC as a new document (the caller knows none carries its id term:
 * cheaper than quoth_xdb_replace(), which must look for one). */
quoth_status_t quoth_xdb_add(quoth_xdb_t *db, const quoth_xdoc_t *doc);

/* Deletes every document indexed by TERM. */
quoth_status_t quoth_xdb_delete(quoth_xdb_t *db, const char *term);

/* Calls FN(CTX, v) with the values in slots SLOTS[0..N) of each document
 * indexed by TERM (v[i] NUL-terminated), until FN returns non-zero. */
quoth_status_t quoth_xdb_values(quoth_xdb_t *db, const char *term,
				const unsigned *slots, size_t n,
				int (*fn)(void *ctx, const char *const *v),
				void *ctx);

/* Deletes the documents indexed by TERM whose value in SLOT is not KEEP;
 * *DELETED (if non-NULL) gets their number. */
quoth_status_t quoth_xdb_delete_stale(quoth_xdb_t *db, const char *term,
				      unsigned slot, const char *keep,
				      unsigned *deleted);

/* Number of documents indexed by TERM (0 if none). */
quoth_status_t quoth_xdb_termfreq(quoth_xdb_t *db, const char *term,
				  unsigned *out);

/* Data of the first document indexed by TERM; QUOTH_ERR_NOT_FOUND if none.
 * Caller frees *DATA with free(); it is NUL-terminated, *LEN excludes it. */
quoth_status_t quoth_xdb_get_data(quoth_xdb_t *db, const char *term,
				  char **data, size_t *len);

/* User metadata: *VAL is NULL when KEY is unset; caller frees. */
quoth_status_t quoth_xdb_get_metadata(quoth_xdb_t *db, const char *key,
				      char **val);
quoth_status_t quoth_xdb_set_metadata(quoth_xdb_t *db, const char *key,
				      const char *val);
/* Calls FN(CTX, key) for each metadata key starting with PREFIX. */
quoth_status_t quoth_xdb_metadata_keys(quoth_xdb_t *db, const char *prefix,
				       int (*fn)(void *ctx, const char *key),
				       void *ctx);

/* Calls FN(CTX, term, termfreq) for each term starting with PREFIX. */
quoth_status_t quoth_xdb_terms(quoth_xdb_t *db, const char *prefix,
			       int (*fn)(void *ctx, const char *term,
					 unsigned freq),
			       void *ctx);

/* Spelling: adds WORD to the spelling table (writable), or asks for a
 * suggestion for WORD (*OUT NULL when none; caller frees). */
quoth_status_t quoth_xdb_add_spelling(quoth_xdb_t *db, const char *word,
				      size_t len, unsigned freq);
quoth_status_t quoth_xdb_suggest(quoth_xdb_t *db, const char *word,
				 char **out);

/* Merges the databases SRCS[0..N) into a new database at DEST (which must
 * not exist), compacted.  User metadata of duplicate keys: the first
 * source's value.  Spelling tables are summed. */
quoth_status_t quoth_xdb_compact(const char *const *srcs, size_t n,
				 const char *dest, char **err);

/* ---- documents being built ---- */

/* NULL when out of memory. */
quoth_xdoc_t *quoth_xdoc_new(void);
void quoth_xdoc_destroy(quoth_xdoc_t *doc);
/* Term at position POS, wdf + WDF (0: a field term that must not count in
 * the document's length). */
quoth_status_t quoth_xdoc_add_posting(quoth_xdoc_t *doc, const char *term,
				      size_t len, unsigned pos, unsigned wdf);
/* Term without position, wdf + WDF. */
quoth_status_t quoth_xdoc_add_term(quoth_xdoc_t *doc, const char *term,
				   size_t len, unsigned wdf);
/* Filter term: no wdf, no position. */
quoth_status_t quoth_xdoc_add_boolean(quoth_xdoc_t *doc, const char *term,
				      size_t len);
quoth_status_t quoth_xdoc_set_value(quoth_xdoc_t *doc, unsigned slot,
				    const char *v, size_t len);
quoth_status_t quoth_xdoc_set_data(quoth_xdoc_t *doc, const char *data,
				   size_t len);

/* ---- queries ---- */

typedef enum quoth_xop {
	QUOTH_XOP_AND,
	QUOTH_XOP_OR,		/* a PHRASE or NEAR alternative is weighed
				   only where it matches (xapian.cc); one
				   under a scale is not: scale the OR */
	QUOTH_XOP_AND_NOT,	/* first AND NOT (any of the rest) */
	QUOTH_XOP_FILTER,	/* first, filtered by the rest (no weight) */
	QUOTH_XOP_AND_MAYBE,
	QUOTH_XOP_PHRASE,	/* PARAM: window (0 = number of subqueries) */
	QUOTH_XOP_NEAR		/* PARAM: window */
} quoth_xop_t;

quoth_xquery_t *quoth_xq_term(const char *term, size_t len);
quoth_xquery_t *quoth_xq_op(quoth_xop_t op, quoth_xquery_t *const *kids,
			    size_t n, unsigned param);
/* Every term starting with PREFIX (OR-ed, as a synonym). */
quoth_xquery_t *quoth_xq_wildcard(const char *prefix, size_t len);
/* Documents whose value in SLOT lies in [LO, HI]; NULL for an open end. */
quoth_xquery_t *quoth_xq_range(unsigned slot, const char *lo,
			       const char *hi);
quoth_xquery_t *quoth_xq_all(void);
quoth_xquery_t *quoth_xq_none(void);
/* Q with its weight multiplied by F (0: a pure filter). */
quoth_xquery_t *quoth_xq_scale(const quoth_xquery_t *q, double f);
int quoth_xq_empty(const quoth_xquery_t *q);
void quoth_xq_destroy(quoth_xquery_t *q);
/* The constructors above return NULL when Xapian refuses a query (or
 * memory runs out).  This takes the status and message (caller frees) of
 * the last such failure in this thread, or QUOTH_OK and NULL if none came
 * since the last call. */
quoth_status_t quoth_xq_take_error(char **msg);

/* ---- searching ---- */

typedef enum quoth_xsort {
	QUOTH_XSORT_RELEVANCE,	/* weight, then TIEBREAK_SLOT ascending */
	QUOTH_XSORT_VALUE_ASC,	/* SORT_SLOT ascending (make it unique) */
	QUOTH_XSORT_VALUE_DESC	/* SORT_SLOT descending */
} quoth_xsort_t;

typedef struct quoth_xsearch {
	double bm25_k1, bm25_b;	/* BM25 parameters */
	quoth_xsort_t sort;
	unsigned sort_slot;
	unsigned tiebreak_slot;
	int collapse_slot;	/* -1, or: of results sharing a non-empty
				   value there, only the first is kept */
	const unsigned *facet_slots; /* one stock ValueCountMatchSpy each */
	size_t nfacet_slots;
	unsigned offset, limit;
	int exact;		/* check every match: exact total and facets */
	unsigned count_upto;	/* else check this many matches at least, so
				   that a total up to it is exact; a query of
				   one term always has its exact total */
} quoth_xsearch_t;

quoth_status_t quoth_xdb_search(quoth_xdb_t *db, const quoth_xquery_t *q,
				const quoth_xsearch_t *opts,
				quoth_xmset_t **out);

/* The number of matches (exact when opts->exact, when it is at most
 * opts->count_upto or when the query is one term, else Xapian's
 * estimate), whether that number is exact, and the number of results
 * held. */
unsigned quoth_xmset_total(const quoth_xmset_t *m);
int quoth_xmset_total_exact(const quoth_xmset_t *m);
size_t quoth_xmset_size(const quoth_xmset_t *m);
double quoth_xmset_weight(const quoth_xmset_t *m, size_t i);
/* Data of result I; borrowed, valid until quoth_xmset_destroy(). */
quoth_status_t quoth_xmset_data(quoth_xmset_t *m, size_t i,
				const char **data, size_t *len);
/* Value SLOT of result I; borrowed, valid until quoth_xmset_destroy(). */
quoth_status_t quoth_xmset_value(quoth_xmset_t *m, size_t i, unsigned slot,
				 const char **v, size_t *len);
/* Facet K (the K-th of opts->facet_slots): number of distinct values, and
 * the J-th value with its count (most frequent first, ties by value). */
size_t quoth_xmset_facet_size(const quoth_xmset_t *m, size_t k);
void quoth_xmset_facet(const quoth_xmset_t *m, size_t k, size_t j,
		       const char **value, unsigned *count);
void quoth_xmset_destroy(quoth_xmset_t *m);

#ifdef __cplusplus
}
#endif

#endif
