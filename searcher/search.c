/*
 * search.c - the searcher: query tree -> Xapian query -> hits.
 *
 * Facets use only Xapian's stock ValueCountMatchSpy (so they run on
 * xapian-tcpsrv too).  The speaker facet of articles is multi-valued: an
 * article's speakers are one value (sorted names joined by QUOTH_LIST_SEP),
 * the spy counts distinct lists, and each list's count is added to each of
 * its names.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "quoth/analyzer.h"
#include "quoth/article.h"
#include "quoth/extract.h"
#include "quoth/reader.h"
#include "quoth/schema.h"
#include "quoth/search.h"
#include "quoth/snippet.h"
#include "quoth/xapian.h"

#define RETRIES 3

/* The shards of a collection: each shard's articles and quotations
 * databases, and the strings they point into. */
typedef struct shards {
	quoth_xshard_t *art, *quo;
	size_t n, cap;
	char **strs;
	size_t nstrs, capstrs;
	char err[1024];
} shards_t;

struct quoth_index {
	quoth_xdb_t *articles;
	quoth_xdb_t *quotes;	/* opened when first needed */
	quoth_analyzer_t *a;
	double k1, b;
	unsigned timeout;	/* ms, for remote shards */
	char errmsg[1024];
	shards_t shards;	/* what --index named, expanded */
	int remote;		/* some shard is remote */
};

static void seterr(quoth_index_t *ix, const char *msg)
{
	snprintf(ix->errmsg, sizeof ix->errmsg, "%s", msg);
}

/* The quotations database; an article search never opens it.  NULL (and
 * the reason in ix->errmsg) if it cannot be opened. */
static quoth_xdb_t *quotes_db(quoth_index_t *ix)
{
	if (ix->quotes)
		return ix->quotes;
	char *err = NULL;
	if (quoth_xdb_open_shards(ix->shards.quo, ix->shards.n, ix->timeout,
				  &ix->quotes, &err))
		seterr(ix, err ? err : "cannot open the quotations");
	free(err);
	return ix->quotes;
}

static double env_double(const char *name, double def)
{
	const char *v = getenv(name);
	return v && *v ? strtod(v, NULL) : def;
}

/* ---- opening: indexes, sharded indexes, shard lists ---- */

static char *keep(shards_t *s, char *str)
{
	if (!str)
		return NULL;
	if (s->nstrs == s->capstrs) {
		size_t cap = s->capstrs ? s->capstrs * 2 : 16;
		char **p = realloc(s->strs, cap * sizeof *p);
		if (!p) {
			free(str);
			return NULL;
		}
		s->strs = p;
		s->capstrs = cap;
	}
	return s->strs[s->nstrs++] = str;
}

static void shards_free(shards_t *s)
{
	for (size_t i = 0; i < s->nstrs; i++)
		free(s->strs[i]);
	free(s->strs);
	free(s->art);
	free(s->quo);
	memset(s, 0, sizeof *s);
}

static int shards_add(shards_t *s, quoth_xshard_t a, quoth_xshard_t q)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		quoth_xshard_t *na = realloc(s->art, cap * sizeof *na);
		if (na)
			s->art = na;
		quoth_xshard_t *nq = na ? realloc(s->quo, cap * sizeof *nq) : NULL;
		if (!nq)
			return -1;
		s->quo = nq;
		s->cap = cap;
	}
	s->art[s->n] = a;
	s->quo[s->n++] = q;
	return 0;
}

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	if (p)
		sprintf(p, "%s/%s", dir, name);
	return p;
}

static int expand(shards_t *s, const char *path, int depth);

/* A shard list: "auto PATH" and "remote HOST:PORT" lines. */
static int expand_list(shards_t *s, const char *file, int depth)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		snprintf(s->err, sizeof s->err, "%s: %s", file, strerror(errno));
		return -1;
	}
	char *dir = strdup(file), line[4096];
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	int rc = dir ? 0 : -1;
	unsigned long no = 0;
	while (!rc && fgets(line, sizeof line, f)) {
		no++;
		char kind[16], arg[4000];
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		int got = sscanf(line, "%15s %3999s", kind, arg);
		if (got <= 0)
			continue;
		char *colon = got == 2 ? strrchr(arg, ':') : NULL;
		if (got == 2 && strcmp(kind, "auto") == 0) {
			char *p = arg[0] == '/' || !slash ? strdup(arg) : join(dir, arg);
			rc = p ? expand(s, p, depth + 1) : -1;
			free(p);
		} else if (got == 2 && strcmp(kind, "remote") == 0 && colon &&
			   atoi(colon + 1) > 0 && atoi(colon + 1) < 65535) {
			unsigned port = (unsigned)atoi(colon + 1);
			*colon = '\0';
			char *host = keep(s, strdup(arg));
			rc = !host || shards_add(s, (quoth_xshard_t){NULL, host, port},
						 (quoth_xshard_t){NULL, host, port + 1});
		} else {
			snprintf(s->err, sizeof s->err, "%s:%lu: expected 'auto PATH' "
				 "or 'remote HOST:PORT'", file, no);
			rc = -1;
		}
	}
	fclose(f);
	free(dir);
	return rc;
}

/* PATH: an index directory, a sharded index, or a shard list. */
static int expand(shards_t *s, const char *path, int depth)
{
	struct stat sb;
	if (depth > 8) {
		snprintf(s->err, sizeof s->err, "%s: shard lists nest too deeply",
			 path);
		return -1;
	}
	if (stat(path, &sb)) {
		snprintf(s->err, sizeof s->err, "%s: no index there", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return expand_list(s, path, depth);
	unsigned n = quoth_shards_read(path);
	for (unsigned k = 0; k < n; k++) {
		char sub[4200];
		quoth_shard_path(path, k, sub, sizeof sub);
		if (expand(s, sub, depth + 1))
			return -1;
	}
	if (n)
		return 0;
	char *a = keep(s, join(path, QUOTH_ARTICLES_DB));
	char *q = keep(s, join(path, QUOTH_QUOTES_DB));
	if (!a || !q)
		return -1;
	return shards_add(s, (quoth_xshard_t){a, NULL, 0},
			  (quoth_xshard_t){q, NULL, 0});
}

quoth_status_t quoth_index_open(const char *const *paths, size_t n,
				quoth_index_t **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	quoth_index_t *ix = calloc(1, sizeof *ix);
	if (!ix)
		return QUOTH_ERR_NOMEM;
	ix->timeout = (unsigned)env_double("QUOTH_REMOTE_TIMEOUT", 10000);
	quoth_status_t st = QUOTH_OK;
	for (size_t i = 0; i < n && !st; i++)
		if (expand(&ix->shards, paths[i], 0))
			st = ix->shards.err[0] ? QUOTH_ERR_NOT_FOUND : QUOTH_ERR_NOMEM;
	if (st && err)
		*err = strdup(ix->shards.err);
	for (size_t i = 0; !st && i < ix->shards.n; i++)
		ix->remote |= ix->shards.art[i].host != NULL;
	if (!st)
		st = quoth_xdb_open_shards(ix->shards.art, ix->shards.n, ix->timeout,
					   &ix->articles, err);
	if (!st)
		st = quoth_analyzer_create("en", &ix->a);
	if (st) {
		quoth_index_close(ix);
		return st;
	}
	/* BM25 parameters measured with `make eval` (README, "Relevance"):
	 * k1 = 2.0 ranked best or near best on both Cranfield and CACM
	 * among 0.8..3.0, b = 0.6 among 0.4..0.9 (0.75 while only inflected
	 * words had a Z term and so counted twice in a document's length);
	 * the environment overrides them for tuning. */
	ix->k1 = env_double("QUOTH_BM25_K1", 2.0);
	ix->b = env_double("QUOTH_BM25_B", 0.6);
	*out = ix;
	return QUOTH_OK;
}

void quoth_index_close(quoth_index_t *ix)
{
	if (!ix)
		return;
	quoth_xdb_close(ix->articles);
	quoth_xdb_close(ix->quotes);
	shards_free(&ix->shards);
	quoth_analyzer_destroy(ix->a);
	free(ix);
}

const char *quoth_index_errmsg(const quoth_index_t *ix)
{
	return ix->errmsg;
}

void quoth_index_schema(quoth_index_t *ix, char *out, size_t size)
{
	char *v = NULL;
	if (!ix->remote)
		quoth_xdb_get_metadata(ix->articles, QUOTH_META_SCHEMA, &v);
	snprintf(out, size, "%s", v ? v : "");
	free(v);
}

/* ---- compiling the query tree ---- */

typedef struct compiler {
	quoth_index_t *ix;
	quoth_xdb_t *db;	/* the database searched */
	quoth_target_t target;
	int any;		/* --any: OR is the default operator */
	quoth_status_t st;
} compiler_t;

static quoth_xquery_t *term2(const char *p1, const char *p2, const char *t)
{
	char buf[256];
	int n = snprintf(buf, sizeof buf, "%s%s%s", p1, p2, t);
	if (n < 0 || (size_t)n >= sizeof buf)
		return quoth_xq_none();
	return quoth_xq_term(buf, (size_t)n);
}

/* The exact (unstemmed) term of a word node. */
static quoth_xquery_t *exact_term(const quoth_qnode_t *w)
{
	return term2(w->kind == QUOTH_TOKEN_ACRONYM ? QUOTH_P_ACRONYM : "", "",
		     w->term);
}

static quoth_xquery_t *compile(compiler_t *c, const quoth_qnode_t *n);

static quoth_xquery_t *combine(quoth_xop_t op, quoth_xquery_t **kids,
			       size_t nk, unsigned param)
{
	if (nk == 1)
		return kids[0];
	quoth_xquery_t *q = quoth_xq_op(op, kids, nk, param);
	for (size_t i = 0; i < nk; i++)
		quoth_xq_destroy(kids[i]);
	return q;
}

/* Every word whose stem is STEM (in the field PREFIX): Z<stem> (schema.h). */
static quoth_xquery_t *stem_query(const char *prefix, const char *stem)
{
	return term2(QUOTH_P_STEM, prefix, stem);
}

static quoth_xquery_t *compile_phrase(const quoth_qnode_t *n)
{
	quoth_xquery_t **kids = calloc(n->nkids ? n->nkids : 1, sizeof *kids);
	if (!kids)
		return NULL;
	for (size_t i = 0; i < n->nkids; i++)
		kids[i] = exact_term(n->kids[i]);
	quoth_xquery_t *q = n->nkids ? combine(QUOTH_XOP_PHRASE, kids, n->nkids,
					       (unsigned)n->nkids)
				     : quoth_xq_none();
	free(kids);
	return q;
}

/* NEAR over words and phrases (the parser allows no other operands).
 * Xapian 1.4's OP_NEAR takes terms only, so a phrase's words are operands
 * of their own, the window grows by the phrase's extra words, and the
 * phrase must match as well: "a b" NEAR/3 c is
 * AND(NEAR(a, b, c; a span of 3 + 2 positions), PHRASE(a, b)). */
static quoth_xquery_t *compile_near(const quoth_qnode_t *n)
{
	size_t nterms = 0, nphrases = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		int phrase = n->kids[i]->type == QUOTH_QN_PHRASE;
		nterms += phrase ? n->kids[i]->nkids : 1;
		nphrases += phrase;
	}
	quoth_xquery_t **kids = calloc(nterms + nphrases + 1, sizeof *kids);
	if (!kids)
		return NULL;
	unsigned window = n->window + 1;
	size_t nk = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		const quoth_qnode_t *k = n->kids[i];
		if (k->type != QUOTH_QN_PHRASE) {
			kids[nk++] = exact_term(k);
			continue;
		}
		for (size_t j = 0; j < k->nkids; j++)
			kids[nk++] = exact_term(k->kids[j]);
		window += k->nkids ? (unsigned)k->nkids - 1 : 0;
	}
	quoth_xquery_t *q = combine(QUOTH_XOP_NEAR, kids, nk, window);
	kids[0] = q;
	nk = 1;
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->type == QUOTH_QN_PHRASE)
			kids[nk++] = compile_phrase(n->kids[i]);
	q = combine(QUOTH_XOP_AND, kids, nk, 0);
	free(kids);
	return q;
}

/* English function words.  With --any, a query's stopwords are dropped
 * (unless nothing else is left): in an OR of a question's words they only
 * add matches of no interest.  Phrases keep them. */
static int is_stopword(const char *w)
{
	static const char *const stop[] = {
		"a", "about", "an", "and", "are", "as", "at", "be", "been",
		"but", "by", "can", "could", "did", "do", "does", "for",
		"from", "had", "has", "have", "how", "i", "if", "in", "into",
		"is", "it", "its", "may", "must", "no", "not", "of", "on",
		"or", "should", "so", "such", "than", "that", "the", "their",
		"them", "then", "there", "these", "they", "this", "those",
		"to", "was", "were", "what", "when", "where", "which", "while",
		"who", "whom", "why", "will", "with", "would",
	};
	size_t lo = 0, hi = sizeof stop / sizeof stop[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w, stop[mid]);
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int is_stop_node(const quoth_qnode_t *n)
{
	return n->type == QUOTH_QN_WORD && n->kind == QUOTH_TOKEN_WORD &&
	       is_stopword(n->term);
}

/* outlet:, author:, speaker: a slug term, or every word of the value. */
static quoth_xquery_t *compile_field(compiler_t *c, const quoth_qnode_t *n)
{
	const char *prefix = strcmp(n->field, "outlet") == 0   ? QUOTH_P_OUTLET
			     : strcmp(n->field, "author") == 0 ? QUOTH_P_AUTHOR
							       : QUOTH_P_SPEAKER;
	char *canon = NULL, *slug = NULL;
	const char *value = n->value;
	if (prefix == (const char *)QUOTH_P_SPEAKER &&
	    quoth_speaker_canonical(value, strlen(value), &canon) == 0 && canon)
		value = canon;
	quoth_xquery_t *q = NULL;
	if (quoth_analyzer_slug(c->ix->a, value, strlen(value), &slug) == 0) {
		quoth_xquery_t *kids[2];
		size_t nk = 0;
		kids[nk++] = term2(prefix, "", slug);
		/* Each word of the value must name the same field. */
		char *words = strdup(slug);
		quoth_xquery_t *w[16];
		size_t nw = 0;
		for (char *tok = words ? strtok(words, "-") : NULL; tok && nw < 16;
		     tok = strtok(NULL, "-"))
			w[nw++] = term2(prefix, QUOTH_P_WORD, tok);
		free(words);
		if (nw)
			kids[nk++] = combine(QUOTH_XOP_AND, w, nw, 0);
		q = combine(QUOTH_XOP_OR, kids, nk, 0);
	}
	free(slug);
	free(canon);
	return q;
}

static quoth_xquery_t *compile_title(const quoth_qnode_t *n)
{
	quoth_xquery_t **kids = calloc(n->nkids ? n->nkids : 1, sizeof *kids);
	if (!kids)
		return NULL;
	for (size_t i = 0; i < n->nkids; i++) {
		const quoth_qnode_t *w = n->kids[i];
		kids[i] = w->kind == QUOTH_TOKEN_ACRONYM
				  ? term2(QUOTH_P_TITLE, QUOTH_P_ACRONYM, w->term)
				  : stem_query(QUOTH_P_TITLE, w->stem);
	}
	quoth_xquery_t *q = n->nkids ? combine(QUOTH_XOP_AND, kids, n->nkids, 0)
				     : quoth_xq_none();
	free(kids);
	return q;
}

static int is_filter(const quoth_qnode_t *n)
{
	return n->type == QUOTH_QN_DATE ||
	       (n->type == QUOTH_QN_FIELD && strcmp(n->field, "title") != 0);
}

/* A closed date range as few date terms as cover it: whole years as Y,
 * whole months as M, the days left over as D (a range inside one month is
 * at most 31 terms, a range across years at most 84 plus one per year).
 * The terms' posting lists give the matcher exact frequencies and cheap
 * skips, where a value range must read the date of every candidate. */
#define DATE_TERMS_MAX 100

static size_t date_terms(const char *from, const char *to,
			 quoth_xquery_t **out)
{
	int y, m, d, ty, tm, td;
	if (sscanf(from, "%d-%d-%d", &y, &m, &d) != 3 ||
	    sscanf(to, "%d-%d-%d", &ty, &tm, &td) != 3)
		return 0;
	long end = (ty * 100L + tm) * 100 + td;
	size_t n = 0;
	while ((y * 100L + m) * 100 + d <= end) {
		if (n == DATE_TERMS_MAX) {
			while (n)
				quoth_xq_destroy(out[--n]);
			return 0;
		}
		char t[16];
		if (m == 1 && d == 1 && y * 10000L + 1231 <= end) {
			snprintf(t, sizeof t, QUOTH_P_YEAR "%04d", y);
			y++;
		} else if (d == 1 &&
			   (y * 100L + m) * 100 + quoth_days_in_month(y, m) <=
				   end) {
			snprintf(t, sizeof t, QUOTH_P_MONTH "%04d%02d", y, m);
			m++;
		} else {
			snprintf(t, sizeof t, QUOTH_P_DAY "%04d%02d%02d", y, m, d);
			if (++d > quoth_days_in_month(y, m)) {
				d = 1;
				m++;
			}
		}
		if (m > 12) {
			m = 1;
			y++;
		}
		out[n++] = quoth_xq_term(t, strlen(t));
	}
	return n;
}

/* date: as date terms when the range is short enough, an open end
 * closed at the oldest or newest date in the database; else as a range
 * over the date value. */
static quoth_xquery_t *compile_date(compiler_t *c, const quoth_qnode_t *n)
{
	char from[16], to[16];
	snprintf(from, sizeof from, "%s", n->from);
	snprintf(to, sizeof to, "%s", n->to);
	if ((!from[0] && quoth_xdb_value_bound(c->db, QUOTH_SLOT_DATE, 0,
					       from, sizeof from)) ||
	    (!to[0] && quoth_xdb_value_bound(c->db, QUOTH_SLOT_DATE, 1, to,
					     sizeof to)))
		from[0] = to[0] = '\0';
	quoth_xquery_t *terms[DATE_TERMS_MAX];
	size_t nt = from[0] && to[0] ? date_terms(from, to, terms) : 0;
	if (nt)
		return combine(QUOTH_XOP_OR, terms, nt, 0);
	return quoth_xq_range(QUOTH_SLOT_DATE, n->from[0] ? n->from : NULL,
			      n->to[0] ? n->to : NULL);
}

/* AND of KIDS: weighted parts AND-ed, filters applied without weight, and
 * NOT parts subtracted. */
static quoth_xquery_t *compile_and(compiler_t *c, quoth_qnode_t *const *kids,
				   size_t nk)
{
	quoth_xquery_t **pos = calloc(nk ? nk : 1, sizeof *pos);
	quoth_xquery_t **fil = calloc(nk ? nk : 1, sizeof *fil);
	quoth_xquery_t **neg = calloc(nk ? nk : 1, sizeof *neg);
	size_t np = 0, nf = 0, nn = 0;
	quoth_xquery_t *q = NULL;
	if (!pos || !fil || !neg)
		goto out;
	for (size_t i = 0; i < nk; i++) {
		const quoth_qnode_t *k = kids[i];
		if (k->type == QUOTH_QN_NOT)
			neg[nn++] = compile(c, k->kids[0]);
		else if (is_filter(k))
			fil[nf++] = compile(c, k);
		else
			pos[np++] = compile(c, k);
	}
	q = np ? combine(QUOTH_XOP_AND, pos, np, 0) : quoth_xq_all();
	if (nf) {
		quoth_xquery_t *f = combine(QUOTH_XOP_AND, fil, nf, 0);
		quoth_xquery_t *two[2] = {q, f};
		q = combine(QUOTH_XOP_FILTER, two, 2, 0);
	}
	if (nn) {
		quoth_xquery_t *f = combine(QUOTH_XOP_OR, neg, nn, 0);
		quoth_xquery_t *two[2] = {q, f};
		q = combine(QUOTH_XOP_AND_NOT, two, 2, 0);
	}
out:
	free(pos);
	free(fil);
	free(neg);
	return q;
}

static quoth_xquery_t *compile(compiler_t *c, const quoth_qnode_t *n)
{
	switch (n->type) {
	case QUOTH_QN_WORD:
		if (n->kind == QUOTH_TOKEN_ACRONYM)
			return exact_term(n);
		return stem_query("", n->stem);
	case QUOTH_QN_PHRASE:
		return compile_phrase(n);
	case QUOTH_QN_PREFIX:
		return quoth_xq_wildcard(n->term, strlen(n->term));
	case QUOTH_QN_NEAR:
		return compile_near(n);
	case QUOTH_QN_AND:
		return compile_and(c, n->kids, n->nkids);
	case QUOTH_QN_OR: {
		/* With --any, any word may match, and the parts of a
		 * hyphenated word (the parser's OR(PHRASE(parts), JOINED))
		 * are words too: their stems join the alternatives. */
		size_t extra = 0;
		const quoth_qnode_t *parts = NULL;
		if (c->any && n->nkids == 2 && n->kids[0]->type == QUOTH_QN_PHRASE &&
		    n->kids[1]->type == QUOTH_QN_WORD &&
		    n->kids[1]->kind == QUOTH_TOKEN_JOINED) {
			parts = n->kids[0];
			extra = parts->nkids;
		}
		size_t content = 0;
		for (size_t i = 0; i < n->nkids; i++)
			content += !is_stop_node(n->kids[i]);
		int drop = c->any && content > 0;
		quoth_xquery_t **kids = calloc(n->nkids + extra, sizeof *kids);
		if (!kids)
			return NULL;
		size_t nk = 0;
		for (size_t i = 0; i < n->nkids; i++)
			if (!drop || !is_stop_node(n->kids[i]))
				kids[nk++] = compile(c, n->kids[i]);
		for (size_t i = 0; i < extra; i++)
			kids[nk++] = compile(c, parts->kids[i]);
		quoth_xquery_t *q = combine(QUOTH_XOP_OR, kids, nk, 0);
		free(kids);
		return q;
	}
	case QUOTH_QN_NOT: {
		quoth_qnode_t *const one[1] = {(quoth_qnode_t *)n};
		return compile_and(c, one, 1);
	}
	case QUOTH_QN_FIELD:
		if (strcmp(n->field, "title") == 0)
			return compile_title(n);
		return compile_field(c, n);
	case QUOTH_QN_DATE:
		return compile_date(c, n);
	}
	return NULL;
}

/* ---- results ---- */

static void hit_free(quoth_hit_t *h)
{
	free(h->id);
	free(h->path);
	free(h->url);
	free(h->title);
	free(h->outlet);
	free(h->date);
	free(h->author);
	free(h->snippet);
	for (size_t i = 0; i < h->nalso; i++)
		free(h->also[i]);
	free(h->also);
	free(h->text);
	free(h->speaker);
	free(h->mention);
	free(h->cue);
}

void quoth_results_destroy(quoth_results_t *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++)
		hit_free(&r->hits[i]);
	free(r->hits);
	for (int f = 0; f < QUOTH_NFACETS; f++) {
		for (size_t i = 0; i < r->nfacet[f]; i++)
			free(r->facet[f][i].value);
		free(r->facet[f]);
	}
	free(r->suggestion);
	free(r);
}

static unsigned long ulong_field(const char *data, size_t len, const char *key)
{
	char *v = quoth_record_get(data, len, key);
	unsigned long n = v ? strtoul(v, NULL, 10) : 0;
	free(v);
	return n;
}

/* The article fields of a stored record (schema.h), each a new string. */
typedef struct fields {
	char **id, **path, **url, **title, **outlet, **date, **author;
	unsigned long *line;
} fields_t;

static void get_fields(const char *data, size_t len, const fields_t *f)
{
	*f->id = quoth_record_get(data, len, "id");
	*f->path = quoth_record_get(data, len, "path");
	*f->url = quoth_record_get(data, len, "url");
	*f->title = quoth_record_get(data, len, "title");
	*f->outlet = quoth_record_get(data, len, "outlet");
	*f->date = quoth_record_get(data, len, "date");
	*f->author = quoth_record_get(data, len, "author");
	*f->line = ulong_field(data, len, "line");
}

/* Fills H from a stored record. */
static void hit_from_record(quoth_hit_t *h, const char *data, size_t len,
			    quoth_target_t target)
{
	get_fields(data, len, &(fields_t){&h->id, &h->path, &h->url, &h->title,
					  &h->outlet, &h->date, &h->author,
					  &h->line});
	if (target == QUOTH_TARGET_QUOTES) {
		size_t blen;
		const char *body = quoth_record_body(data, len, &blen);
		h->text = strndup(body, blen);
		h->speaker = quoth_record_get(data, len, "speaker");
		h->mention = quoth_record_get(data, len, "mention");
		h->cue = quoth_record_get(data, len, "cue");
		h->start = ulong_field(data, len, "start");
		h->end = ulong_field(data, len, "end");
	}
}

/* BODY[0..*LEN) without its first lines while they only repeat TITLE (a
 * text file's first line is its title; scraped pages often repeat it),
 * which the results show on their own. */
static const char *after_title(const char *body, size_t *len,
			       const char *title)
{
	size_t t = title ? strlen(title) : 0;
	while (t && *len > t && memcmp(body, title, t) == 0 &&
	       (body[t] == '\n' || body[t] == '\r')) {
		size_t skip = t;
		while (skip < *len && (body[skip] == '\n' || body[skip] == '\r' ||
				       body[skip] == ' ' || body[skip] == '\t'))
			skip++;
		*len -= skip;
		body += skip;
	}
	return body;
}

/* The outlets of H's wire copies (documents sharing the text hash TERM):
 * an ordinary search, so that it runs on remote shards too. */
static void list_also(quoth_index_t *ix, quoth_xdb_t *db, const char *term,
		      quoth_hit_t *h)
{
	quoth_xquery_t *q = quoth_xq_term(term, strlen(term));
	quoth_xsearch_t xs = {
		.bm25_k1 = ix->k1, .bm25_b = ix->b,
		.sort = QUOTH_XSORT_VALUE_ASC, .sort_slot = QUOTH_SLOT_ID,
		.tiebreak_slot = QUOTH_SLOT_ID, .collapse_slot = -1, .limit = 33,
	};
	quoth_xmset_t *m = NULL;
	if (q && quoth_xdb_search(db, q, &xs, &m) == 0) {
		for (size_t i = 0; i < quoth_xmset_size(m) && h->nalso < 32; i++) {
			const char *v, *id;
			size_t len, idlen;
			if (quoth_xmset_value(m, i, QUOTH_SLOT_ID, &id, &idlen) ||
			    quoth_xmset_value(m, i, QUOTH_SLOT_OUTLET, &v, &len))
				break;
			/* the hit itself, or a copy whose outlet is unknown */
			if ((h->id && strlen(h->id) == idlen &&
			     memcmp(h->id, id, idlen) == 0) || !len)
				continue;
			char **p = realloc(h->also, (h->nalso + 1) * sizeof *p);
			if (!p)
				break;
			h->also = p;
			if ((h->also[h->nalso] = strndup(v, len)))
				h->nalso++;
		}
	}
	quoth_xmset_destroy(m);
	quoth_xq_destroy(q);
}

/* Days from 0000-03-01 of "YYYY-MM-DD": for the span of the date facet. */
static long day_number(const char *d)
{
	int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
	       day;
}

static int cmp_facet(const void *a, const void *b)
{
	const quoth_facet_value_t *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static int cmp_facet_value(const void *a, const void *b)
{
	const quoth_facet_value_t *x = a, *y = b;
	return strcmp(x->value, y->value);
}

/* Facet counts by value: an open-addressing table, so that adding up
 * thousands of speaker lists stays linear. */
typedef struct tally {
	quoth_facet_value_t *v;	/* slots; value NULL when empty */
	size_t n, cap;
} tally_t;

static int tally_add(tally_t *t, const char *val, size_t len, unsigned cnt)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		quoth_facet_value_t *v = calloc(cap, sizeof *v);
		if (!v)
			return -1;
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->v[i].value)
				continue;
			size_t j = quoth_hash64(t->v[i].value, strlen(t->v[i].value)) % cap;
			while (v[j].value)
				j = (j + 1) % cap;
			v[j] = t->v[i];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	size_t j = quoth_hash64(val, len) % t->cap;
	for (; t->v[j].value; j = (j + 1) % t->cap)
		if (strncmp(t->v[j].value, val, len) == 0 && !t->v[j].value[len]) {
			t->v[j].count += cnt;
			return 0;
		}
	if (!(t->v[j].value = strndup(val, len)))
		return -1;
	t->v[j].count = cnt;
	t->n++;
	return 0;
}

/* Copies spy K of M into facet F of R; with SPLIT, each value is a list
 * (QUOTH_LIST_SEP) whose count goes to each of its members. */
static quoth_status_t take_facet(quoth_results_t *r, int f,
				 const quoth_xmset_t *m, size_t k, int split)
{
	tally_t t = {0};
	int bad = 0;
	for (size_t j = 0; j < quoth_xmset_facet_size(m, k) && !bad; j++) {
		const char *val, *end;
		unsigned cnt;
		quoth_xmset_facet(m, k, j, &val, &cnt);
		for (; *val && !bad; val = *end ? end + 1 : end) {
			end = split ? strchr(val, QUOTH_LIST_SEP) : NULL;
			if (!end)
				end = val + strlen(val);
			bad = tally_add(&t, val, (size_t)(end - val), cnt);
		}
	}
	/* pack the table into a sorted array */
	size_t nv = 0;
	for (size_t i = 0; i < t.cap; i++)
		if (t.v[i].value)
			t.v[nv++] = t.v[i];
	if (bad) {
		for (size_t i = 0; i < nv; i++)
			free(t.v[i].value);
		free(t.v);
		return QUOTH_ERR_NOMEM;
	}
	if (nv)
		qsort(t.v, nv, sizeof *t.v, cmp_facet);
	r->facet[f] = t.v;
	r->nfacet[f] = nv;
	return QUOTH_OK;
}

/* With --any, an article where two consecutive words of the query stand
 * side by side ranks higher: the top RESCORE_WINDOW results are scored
 * again with each such pair as a phrase, added at PAIR_WEIGHT of the
 * phrase's weight (Elasticsearch's rescore with a phrase query).  On
 * Cranfield and CACM this raised nDCG@10 by 0.006 and 0.009 and MAP by
 * 0.005 and 0.012 (`make eval`; README).  Only the top of the ranking: a
 * phrase check on every match of an OR of common words made a search at
 * 106k articles 2.6 to 4.6 times slower. */
#define RESCORE_WINDOW 30
#define PAIR_WEIGHT 0.2
#define MAX_PAIRS 64

/* The phrases of the consecutive content words of N's ORs (stopwords
 * skipped, anything else breaks the run), appended to OUT[*NOUT..CAP). */
static void adjacent_pairs(const quoth_qnode_t *n, quoth_xquery_t **out,
			   size_t *nout, size_t cap)
{
	if (n->type == QUOTH_QN_AND) {
		for (size_t i = 0; i < n->nkids; i++)
			adjacent_pairs(n->kids[i], out, nout, cap);
		return;
	}
	if (n->type != QUOTH_QN_OR)
		return;
	const quoth_qnode_t *prev = NULL;
	for (size_t i = 0; i < n->nkids && *nout < cap; i++) {
		const quoth_qnode_t *k = n->kids[i];
		if (k->type != QUOTH_QN_WORD || k->kind != QUOTH_TOKEN_WORD) {
			prev = NULL;
			continue;
		}
		if (is_stopword(k->term))
			continue;
		if (prev) {
			quoth_xquery_t *two[2] = {exact_term(prev), exact_term(k)};
			out[(*nout)++] = combine(QUOTH_XOP_PHRASE, two, 2, 2);
		}
		prev = k;
	}
}

/* Runs Q with XS, again if the database changed under the search. */
static quoth_status_t search_db(quoth_xdb_t *db, const quoth_xquery_t *q,
				const quoth_xsearch_t *xs, quoth_xmset_t **m)
{
	quoth_status_t st = QUOTH_OK;
	for (int attempt = 0; attempt < RETRIES; attempt++) {
		st = quoth_xdb_search(db, q, xs, m);
		if (st != QUOTH_ERR_MODIFIED)
			break;
		quoth_xdb_reopen(db);
	}
	return st;
}

typedef struct rescored {
	size_t i;	/* the result's place in the query's own order */
	double score;
	const char *id;
} rescored_t;

static int cmp_rescored(const void *a, const void *b)
{
	const rescored_t *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The top RESCORE_WINDOW results of M in their new order: each scored
 * again with PAIR_WEIGHT of the weight of the phrases PAIRS[0..NPAIRS) it
 * holds, ties broken by the id as in any ranking.  NULL when there is
 * nothing to rescore; *N is set to the window's size.  PAIRS are consumed.
 * The phrases are weighed in a query of their own, filtered by the
 * window's ids, and added to the query's weights. */
static rescored_t *rescore(quoth_xdb_t *db, quoth_xquery_t **pairs,
			   size_t npairs, quoth_xmset_t *m,
			   const quoth_xsearch_t *xs, size_t *n)
{
	*n = quoth_xmset_size(m);
	if (*n > RESCORE_WINDOW)
		*n = RESCORE_WINDOW;
	rescored_t *r = calloc(*n ? *n : 1, sizeof *r);
	quoth_xquery_t **ids = calloc(*n ? *n : 1, sizeof *ids);
	size_t nid = 0;
	for (size_t i = 0; r && ids && i < *n; i++) {
		size_t len;
		r[i] = (rescored_t){i, quoth_xmset_weight(m, i), NULL};
		if (quoth_xmset_value(m, i, QUOTH_SLOT_ID, &r[i].id, &len) ||
		    !len)
			break;
		ids[nid++] = term2(QUOTH_P_ID, "", r[i].id);
	}
	quoth_xmset_t *m2 = NULL;
	if (r && ids && nid == *n && *n > 1) {
		quoth_xquery_t *any = combine(QUOTH_XOP_OR, pairs, npairs, 0);
		quoth_xquery_t *two[2] = {quoth_xq_scale(any, PAIR_WEIGHT),
					  combine(QUOTH_XOP_OR, ids, nid, 0)};
		quoth_xq_destroy(any);
		nid = npairs = 0;
		quoth_xquery_t *q2 = combine(QUOTH_XOP_FILTER, two, 2, 0);
		quoth_xsearch_t xs2 = *xs;
		xs2.offset = 0;
		xs2.limit = (unsigned)*n;
		xs2.collapse_slot = -1;	/* M's copies are gone already */
		xs2.nfacet_slots = 0;
		xs2.exact = 0;
		if (q2 && search_db(db, q2, &xs2, &m2))
			m2 = NULL;
		quoth_xq_destroy(q2);
	}
	for (size_t k = 0; m2 && k < quoth_xmset_size(m2); k++) {
		const char *id;
		size_t len;
		if (quoth_xmset_value(m2, k, QUOTH_SLOT_ID, &id, &len))
			continue;
		for (size_t i = 0; i < *n; i++)
			if (strcmp(r[i].id, id) == 0)
				r[i].score += quoth_xmset_weight(m2, k);
	}
	if (m2)
		qsort(r, *n, sizeof *r, cmp_rescored);
	else {
		free(r);
		r = NULL;
	}
	quoth_xmset_destroy(m2);
	for (size_t i = 0; i < nid; i++)
		quoth_xq_destroy(ids[i]);
	free(ids);
	for (size_t i = 0; i < npairs; i++)
		quoth_xq_destroy(pairs[i]);
	return r;
}

static quoth_status_t take_facets(quoth_results_t *r, const quoth_xmset_t *m,
				  quoth_target_t target)
{
	quoth_status_t st = take_facet(r, QUOTH_FACET_OUTLET, m, 0, 0);
	/* Days, or months when the dates span more than 31 days. */
	if (!st)
		st = take_facet(r, QUOTH_FACET_DATE, m, 1, 0);
	if (!st && r->nfacet[QUOTH_FACET_DATE] > 1) {
		quoth_facet_value_t *d = r->facet[QUOTH_FACET_DATE];
		size_t nd = r->nfacet[QUOTH_FACET_DATE];
		qsort(d, nd, sizeof *d, cmp_facet_value);
		if (day_number(d[nd - 1].value) - day_number(d[0].value) > 31) {
			for (size_t i = 0; i < nd; i++)
				free(d[i].value);
			free(d);
			r->facet[QUOTH_FACET_DATE] = NULL;
			r->nfacet[QUOTH_FACET_DATE] = 0;
			st = take_facet(r, QUOTH_FACET_DATE, m, 2, 0);
			r->date_by_month = 1;
			d = r->facet[QUOTH_FACET_DATE];
			nd = r->nfacet[QUOTH_FACET_DATE];
			if (!st)
				qsort(d, nd, sizeof *d, cmp_facet_value);
		}
	}
	if (!st)
		st = take_facet(r, QUOTH_FACET_SPEAKER, m, 3,
				target == QUOTH_TARGET_ARTICLES);
	return st;
}

/* Words of the query tree, for highlighting and spelling. */
static void collect_words(const quoth_qnode_t *n, quoth_snippet_terms_t *t)
{
	if (n->type == QUOTH_QN_NOT)
		return;
	if (n->type == QUOTH_QN_WORD)
		quoth_snippet_terms_add(t, n->term, n->stem,
					n->kind == QUOTH_TOKEN_ACRONYM);
	else if (n->type == QUOTH_QN_PREFIX)
		quoth_snippet_terms_add_prefix(t, n->term);
	if (n->type == QUOTH_QN_PHRASE && n->nkids > 1 && n->nkids <= 64) {
		const char *terms[64];
		int acr[64];
		for (size_t i = 0; i < n->nkids; i++) {
			terms[i] = n->kids[i]->term;
			acr[i] = n->kids[i]->kind == QUOTH_TOKEN_ACRONYM;
		}
		quoth_snippet_terms_add_phrase(t, terms, acr, n->nkids);
		return;
	}
	if (n->type == QUOTH_QN_FIELD)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		collect_words(n->kids[i], t);
}

/* A "did you mean" for a query with no match: each word replaced by the
 * index's spelling suggestion, if any word has one. */
static char *suggest(quoth_index_t *ix, const char *query)
{
	char *out = malloc(strlen(query) * 3 + 64), *w = out;
	if (!out)
		return NULL;
	int changed = 0;
	const char *p = query;
	while (*p) {
		size_t sp = strspn(p, " \t");
		memcpy(w, p, sp);
		w += sp;
		p += sp;
		size_t wl = strcspn(p, " \t");
		if (!wl)
			break;
		char word[128];
		char *sugg = NULL;
		int plain = wl < sizeof word && !strpbrk(p, ":\"*()");
		for (size_t i = 0; plain && i < wl; i++)
			if (!((p[i] >= 'a' && p[i] <= 'z') ||
			      (p[i] >= 'A' && p[i] <= 'Z')))
				plain = 0;
		if (plain) {
			memcpy(word, p, wl);
			word[wl] = '\0';
			for (char *c = word; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c += 32;
			quoth_xdb_suggest(ix->articles, word, &sugg);
		}
		if (sugg && strlen(sugg) < wl * 2 + 32) {
			strcpy(w, sugg);
			w += strlen(sugg);
			changed = 1;
		} else {
			memcpy(w, p, wl);
			w += wl;
		}
		free(sugg);
		p += wl;
	}
	*w = '\0';
	if (!changed) {
		free(out);
		return NULL;
	}
	return out;
}

static quoth_status_t run(quoth_index_t *ix, quoth_target_t target,
			  const quoth_qnode_t *tree, const char *query,
			  const quoth_search_opts_t *o, quoth_results_t *r)
{
	quoth_xdb_t *db = target == QUOTH_TARGET_QUOTES ? quotes_db(ix)
							: ix->articles;
	if (!db)
		return QUOTH_ERR_NOT_FOUND;
	compiler_t c = {ix, db, target, o->def == QUOTH_QDEFAULT_OR, QUOTH_OK};
	quoth_xquery_t *q = compile(&c, tree);
	if (!q) {
		/* Xapian refused the query's shape, or memory ran out */
		char *why = NULL;
		quoth_status_t st = quoth_xq_take_error(&why);
		st = st == QUOTH_ERR_INTERNAL ? QUOTH_ERR_QUERY
		     : st ? st : QUOTH_ERR_NOMEM;
		seterr(ix, why ? why : "out of memory");
		free(why);
		return st;
	}
	const unsigned slots[4] = {
		QUOTH_SLOT_OUTLET, QUOTH_SLOT_DATE, QUOTH_SLOT_MONTH,
		target == QUOTH_TARGET_QUOTES ? QUOTH_SLOT_SPEAKER
					      : QUOTH_SLOT_SPEAKERS,
	};
	size_t nslots = o->facets ? 4 : 0;
	quoth_xsearch_t xs = {
		.bm25_k1 = ix->k1, .bm25_b = ix->b,
		.sort = o->sort == QUOTH_SORT_DATE	  ? QUOTH_XSORT_VALUE_ASC
			: o->sort == QUOTH_SORT_DATE_DESC ? QUOTH_XSORT_VALUE_DESC
							  : QUOTH_XSORT_RELEVANCE,
		.sort_slot = QUOTH_SLOT_DATE_ID,
		.tiebreak_slot = QUOTH_SLOT_ID,
		.collapse_slot = target == QUOTH_TARGET_ARTICLES
					 ? QUOTH_SLOT_COLLAPSE : -1,
		.facet_slots = slots, .nfacet_slots = nslots,
		.offset = o->offset, .limit = o->limit,
		.exact = o->exact || o->facets,
		.count_upto = QUOTH_COUNT_UPTO,
	};
	/* the rescore needs the whole window, the page included */
	quoth_xquery_t *pairs[MAX_PAIRS];
	size_t npairs = 0;
	if (c.any && target == QUOTH_TARGET_ARTICLES && o->limit &&
	    xs.sort == QUOTH_XSORT_RELEVANCE && o->offset < RESCORE_WINDOW)
		adjacent_pairs(tree, pairs, &npairs, MAX_PAIRS);
	size_t first = 0;
	if (npairs) {
		first = o->offset;
		xs.offset = 0;
		xs.limit = o->offset + o->limit > RESCORE_WINDOW
				   ? o->offset + o->limit
				   : RESCORE_WINDOW;
	}
	quoth_xmset_t *m = NULL;
	quoth_status_t st = search_db(db, q, &xs, &m);
	quoth_xq_destroy(q);
	rescored_t *top = NULL;
	size_t ntop = 0;
	if (!st && npairs) {
		top = rescore(db, pairs, npairs, m, &xs, &ntop);
	} else {
		for (size_t i = 0; i < npairs; i++)
			quoth_xq_destroy(pairs[i]);
	}
	if (st) {
		seterr(ix, quoth_xdb_errmsg(db));
		return st;
	}
	r->total = quoth_xmset_total(m);
	r->total_exact = quoth_xmset_total_exact(m);
	size_t n = quoth_xmset_size(m);
	n = n > first ? n - first : 0;
	if (n > o->limit)
		n = o->limit;
	r->hits = calloc(n ? n : 1, sizeof *r->hits);
	if (!r->hits) {
		free(top);
		quoth_xmset_destroy(m);
		return QUOTH_ERR_NOMEM;
	}
	quoth_snippet_terms_t *terms = quoth_snippet_terms_new();
	if (terms)
		collect_words(tree, terms);
	for (size_t j = 0; j < n && !st; j++) {
		/* result J of the page: the rescored order inside the window,
		 * the query's own after it */
		size_t i = first + j;
		quoth_hit_t *h = &r->hits[r->nhits++];
		h->rank = o->offset + (unsigned)j + 1;
		h->score = top && i < ntop ? top[i].score
					   : quoth_xmset_weight(m, i);
		if (top && i < ntop)
			i = top[i].i;
		const char *data;
		size_t len;
		st = quoth_xmset_data(m, i, &data, &len);
		if (st)
			break;
		hit_from_record(h, data, len, target);
		if (target == QUOTH_TARGET_ARTICLES && o->snippets && terms) {
			size_t blen;
			const char *body = quoth_record_body(data, len, &blen);
			body = after_title(body, &blen, h->title);
			h->snippet = quoth_snippet_make(ix->a, terms, body, blen,
							240);
		}
		/* Wire copies: other documents with this one's text. */
		const char *key;
		size_t klen;
		if (target == QUOTH_TARGET_ARTICLES &&
		    quoth_xmset_value(m, i, QUOTH_SLOT_COLLAPSE, &key, &klen) == 0 &&
		    klen) {
			char term[64];
			unsigned copies = 0;
			snprintf(term, sizeof term, QUOTH_P_HASH "%.*s", (int)klen,
				 key);
			if (quoth_xdb_termfreq(db, term, &copies) == 0 &&
			    copies > 1)
				list_also(ix, db, term, h);
		}
	}
	quoth_snippet_terms_free(terms);
	if (!st && o->facets)
		st = take_facets(r, m, target);
	if (st)
		seterr(ix, quoth_xdb_errmsg(db));
	free(top);
	quoth_xmset_destroy(m);
	if (!st && r->total == 0)
		r->suggestion = suggest(ix, query);
	return st;
}

quoth_status_t quoth_search(quoth_index_t *ix, quoth_target_t target,
			    const char *query, const quoth_search_opts_t *o,
			    quoth_results_t **out, size_t *column)
{
	*out = NULL;
	if (column)
		*column = 0;
	quoth_qnode_t *tree = NULL;
	char *err = NULL;
	quoth_status_t st = quoth_query_parse(ix->a, query, o->def, &tree,
					      column, &err);
	if (st) {
		seterr(ix, err ? err : quoth_status_to_string(st));
		free(err);
		return st;
	}
	quoth_results_t *r = calloc(1, sizeof *r);
	if (!r) {
		quoth_qnode_destroy(tree);
		return QUOTH_ERR_NOMEM;
	}
	st = run(ix, target, tree, query, o, r);
	quoth_qnode_destroy(tree);
	if (st == QUOTH_ERR_QUERY && column)
		*column = 1;	/* a query Xapian refused: the whole of it */
	if (st) {
		quoth_results_destroy(r);
		return st;
	}
	*out = r;
	return QUOTH_OK;
}

/* ---- show, info, listings ---- */

quoth_status_t quoth_index_show(quoth_index_t *ix, const char *id_or_path,
				quoth_article_t **out,
				quoth_results_t **quotes)
{
	*out = NULL;
	*quotes = NULL;
	char term[600];
	char *data = NULL;
	size_t len = 0;
	snprintf(term, sizeof term, QUOTH_P_ID "%s", id_or_path);
	quoth_status_t st = quoth_xdb_get_data(ix->articles, term, &data, &len);
	if (st == QUOTH_ERR_NOT_FOUND) {
		/* A file path: its id is derived from its real path. */
		char *real = realpath(id_or_path, NULL);
		if (real) {
			char hex[17];
			quoth_hex64(quoth_hash64(real, strlen(real)), hex);
			snprintf(term, sizeof term, QUOTH_P_ID "f%s", hex);
			free(real);
			st = quoth_xdb_get_data(ix->articles, term, &data, &len);
		}
	}
	if (st) {
		if (st == QUOTH_ERR_NOT_FOUND)
			snprintf(ix->errmsg, sizeof ix->errmsg,
				 "%s: no such article in the index", id_or_path);
		else
			seterr(ix, quoth_xdb_errmsg(ix->articles));
		return st;
	}
	quoth_article_t *art = calloc(1, sizeof *art);
	quoth_results_t *r = calloc(1, sizeof *r);
	if (!art || !r) {
		free(art);
		free(r);
		free(data);
		return QUOTH_ERR_NOMEM;
	}
	get_fields(data, len, &(fields_t){&art->id, &art->path, &art->url,
					  &art->title, &art->outlet, &art->date,
					  &art->author, &art->line});
	art->lang = quoth_record_get(data, len, "lang");
	art->text_offset = ulong_field(data, len, "offset");
	size_t blen;
	const char *body = quoth_record_body(data, len, &blen);
	art->text = strndup(body, blen);
	art->text_len = blen;
	free(data);

	/* Its quotations, in text order. */
	snprintf(term, sizeof term, QUOTH_P_ARTICLE "%s", art->id ? art->id : "");
	quoth_xquery_t *q = quoth_xq_term(term, strlen(term));
	quoth_xsearch_t xs = {
		.bm25_k1 = ix->k1, .bm25_b = ix->b,
		.sort = QUOTH_XSORT_VALUE_ASC, .sort_slot = QUOTH_SLOT_ID,
		.tiebreak_slot = QUOTH_SLOT_ID, .collapse_slot = -1,
		.limit = 10000, .exact = 1,
	};
	quoth_xmset_t *m = NULL;
	quoth_xdb_t *qdb = quotes_db(ix);
	st = !qdb ? QUOTH_ERR_NOT_FOUND
		  : q ? quoth_xdb_search(qdb, q, &xs, &m) : QUOTH_ERR_NOMEM;
	quoth_xq_destroy(q);
	if (!st) {
		size_t n = quoth_xmset_size(m);
		r->hits = calloc(n ? n : 1, sizeof *r->hits);
		for (size_t i = 0; r->hits && i < n; i++) {
			const char *d;
			size_t dl;
			if (quoth_xmset_data(m, i, &d, &dl))
				break;
			r->hits[i].rank = (unsigned)i + 1;
			hit_from_record(&r->hits[i], d, dl, QUOTH_TARGET_QUOTES);
			r->nhits++;
		}
		r->total = (unsigned)r->nhits;
	} else if (qdb) {
		seterr(ix, quoth_xdb_errmsg(qdb));
	}
	quoth_xmset_destroy(m);
	if (st) {
		quoth_article_destroy(art);
		quoth_results_destroy(r);
		return st;
	}
	*out = art;
	*quotes = r;
	return QUOTH_OK;
}

/* Facet counts over every document of DB. */
static quoth_status_t all_facets(quoth_index_t *ix, quoth_target_t target,
				 quoth_results_t **out)
{
	quoth_results_t *r = calloc(1, sizeof *r);
	if (!r)
		return QUOTH_ERR_NOMEM;
	quoth_search_opts_t o = {.facets = 1, .limit = 0};
	quoth_qnode_t all = {.type = QUOTH_QN_AND};
	quoth_status_t st = run(ix, target, &all, "", &o, r);
	if (st) {
		quoth_results_destroy(r);
		return st;
	}
	*out = r;
	return QUOTH_OK;
}

quoth_status_t quoth_index_listing(quoth_index_t *ix, int facet,
				   quoth_results_t **articles,
				   quoth_results_t **quotes)
{
	(void)facet;
	*articles = *quotes = NULL;
	quoth_status_t st = all_facets(ix, QUOTH_TARGET_ARTICLES, articles);
	if (!st)
		st = all_facets(ix, QUOTH_TARGET_QUOTES, quotes);
	if (st) {
		quoth_results_destroy(*articles);
		*articles = NULL;
	}
	return st;
}

quoth_status_t quoth_index_info(quoth_index_t *ix, quoth_index_info_t *out)
{
	memset(out, 0, sizeof *out);
	quoth_status_t st = quoth_xdb_doccount(ix->articles, &out->articles);
	if (!st)
		st = quotes_db(ix) ? quoth_xdb_doccount(ix->quotes, &out->quotes)
				   : QUOTH_ERR_NOT_FOUND;
	if (st) {
		seterr(ix, quoth_xdb_errmsg(ix->articles));
		return st;
	}
	quoth_results_t *a = NULL, *q = NULL;
	st = quoth_index_listing(ix, 0, &a, &q);
	if (st)
		return st;
	out->outlets = (unsigned)a->nfacet[QUOTH_FACET_OUTLET];
	out->speakers = (unsigned)q->nfacet[QUOTH_FACET_SPEAKER];
	quoth_results_destroy(a);
	quoth_results_destroy(q);
	/* First and last dates: the ends of the date sort. */
	quoth_xquery_t *all = quoth_xq_range(QUOTH_SLOT_DATE, "0000", NULL);
	for (int k = 0; k < 2 && all; k++) {
		quoth_xsearch_t xs = {
			.bm25_k1 = 1, .bm25_b = 0.5,
			.sort = k ? QUOTH_XSORT_VALUE_DESC : QUOTH_XSORT_VALUE_ASC,
			.sort_slot = QUOTH_SLOT_DATE,
			.tiebreak_slot = QUOTH_SLOT_ID, .collapse_slot = -1,
			.limit = 1,
		};
		quoth_xmset_t *m = NULL;
		if (quoth_xdb_search(ix->articles, all, &xs, &m) == 0 &&
		    quoth_xmset_size(m)) {
			const char *v;
			size_t l;
			if (quoth_xmset_value(m, 0, QUOTH_SLOT_DATE, &v, &l) == 0)
				snprintf(k ? out->last_date : out->first_date, 11,
					 "%.*s", (int)l, v);
		}
		quoth_xmset_destroy(m);
	}
	quoth_xq_destroy(all);
	return QUOTH_OK;
}
