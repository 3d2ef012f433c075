/*
 * search.h - Interface to code in searcher/search.c: the searcher.
 *
 * Opens one or more indexes as one collection, compiles a parsed query
 * (query.h) into a Xapian query following schema.h, and returns ranked
 * articles or quotations with snippets, exact facet counts and spelling
 * suggestions.
 *
 * Query semantics: a plain word matches its stem (Z terms); a phrase or
 * NEAR matches the exact folded words; an acronym matches K terms; field
 * and date filters do not weigh in the ranking.  Wire copies (same text
 * hash) collapse into the best-ranked one, which lists the other outlets.
 */
#ifndef QUOTH_SEARCH_H
#define QUOTH_SEARCH_H

#include <stddef.h>

#include "quoth/query.h"
#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_index quoth_index_t;

typedef enum quoth_target {
	QUOTH_TARGET_ARTICLES,
	QUOTH_TARGET_QUOTES
} quoth_target_t;

typedef enum quoth_sort {
	QUOTH_SORT_RELEVANCE,
	QUOTH_SORT_DATE,	/* oldest first */
	QUOTH_SORT_DATE_DESC	/* newest first */
} quoth_sort_t;

typedef struct quoth_search_opts {
	quoth_qdefault_t def;
	quoth_sort_t sort;
	unsigned offset, limit;
	int facets;		/* compute outlet, date and speaker facets */
	int exact;		/* count every match (facets always do) */
	int snippets;		/* cut a snippet for each hit */
} quoth_search_opts_t;

/* Without exact, matches are counted up to this many before Xapian
 * estimates the rest (as Elasticsearch's track_total_hits does): its
 * estimate of an AND or a phrase takes the words as independent, and was
 * off more than twofold for a third of the phrases of the benchmark. */
#define QUOTH_COUNT_UPTO 1000

/* Highlighted matches in a snippet are wrapped in these bytes. */
#define QUOTH_HL_ON '\x01'
#define QUOTH_HL_OFF '\x02'

typedef struct quoth_hit {
	unsigned rank;		/* 1-based, counting the offset */
	double score;
	char *id, *path, *url, *title, *outlet, *date, *author;
	unsigned long line;	/* JSON line, 0 for files */
	char *snippet;		/* articles: with QUOTH_HL_ON/OFF marks */
	char **also;		/* outlets of collapsed wire copies */
	size_t nalso;
	/* quotations */
	char *text, *speaker, *mention, *cue;
	unsigned long start, end;
} quoth_hit_t;

typedef struct quoth_facet_value {
	char *value;
	unsigned count;
} quoth_facet_value_t;

enum { QUOTH_FACET_OUTLET, QUOTH_FACET_DATE, QUOTH_FACET_SPEAKER,
       QUOTH_NFACETS };

typedef struct quoth_results {
	unsigned total;		/* number of matches: exact when asked for
				 * (exact, facets) or when there are at most
				 * QUOTH_COUNT_UPTO, else Xapian's estimate */
	int total_exact;	/* total is exact */
	quoth_hit_t *hits;
	size_t nhits;
	quoth_facet_value_t *facet[QUOTH_NFACETS];
	size_t nfacet[QUOTH_NFACETS];
	int date_by_month;	/* the date facet counts months, not days */
	char *suggestion;	/* "did you mean" query, or NULL */
} quoth_results_t;

/* Opens the indexes at PATHS[0..N) (index directories) read-only as one.
 * QUOTH_ERR_NOT_FOUND if one is missing, QUOTH_ERR_CORRUPT if damaged; the
 * message, naming the index, in *ERR (caller frees). */
quoth_status_t quoth_index_open(const char *const *paths, size_t n,
				quoth_index_t **out, char **err);
void quoth_index_close(quoth_index_t *ix);
const char *quoth_index_errmsg(const quoth_index_t *ix);

/* The index schema version (schema.h) the index was written with, into
 * OUT (SIZE bytes); "" when it does not say or has remote shards (not
 * asked, to spare a round trip).  An index of another version still
 * answers, by rules it was not written for. */
void quoth_index_schema(quoth_index_t *ix, char *out, size_t size);

/* Runs QUERY.  On a malformed query returns QUOTH_ERR_QUERY with the column
 * in *COLUMN; the message (also for index failures) in
 * quoth_index_errmsg().  *OUT: free with quoth_results_destroy(). */
quoth_status_t quoth_search(quoth_index_t *ix, quoth_target_t target,
			    const char *query, const quoth_search_opts_t *o,
			    quoth_results_t **out, size_t *column);

void quoth_results_destroy(quoth_results_t *r);

/* The stored article with id ID, or the one read from file PATH (*OUT:
 * destroy with quoth_article_destroy()), and its quotations as hits
 * (free with quoth_results_destroy()).  QUOTH_ERR_NOT_FOUND if none. */
struct quoth_article;
quoth_status_t quoth_index_show(quoth_index_t *ix, const char *id_or_path,
				struct quoth_article **out,
				quoth_results_t **quotes);

typedef struct quoth_index_info {
	unsigned articles, quotes;
	unsigned outlets, speakers;
	char first_date[11], last_date[11];
} quoth_index_info_t;

quoth_status_t quoth_index_info(quoth_index_t *ix, quoth_index_info_t *out);

/* Facet listing over the whole index (quoth outlets / speakers): values
 * with their counts in articles and, for speakers, quotations. */
quoth_status_t quoth_index_listing(quoth_index_t *ix, int facet,
				   quoth_results_t **articles,
				   quoth_results_t **quotes);

#ifdef __cplusplus
}
#endif

#endif
