/*
 * writer.c - turns articles into the documents of schema.h.
 *
 * Why the order of things here:
 *  - The run's generation stamp goes into every document it writes, so a
 *    re-read file can drop the articles it no longer holds with one pass
 *    over its XF term, without keeping a set of ids in memory.
 *  - Xapian's own automatic flush is turned off (XAPIAN_FLUSH_THRESHOLD)
 *    and the writer commits itself: quotations first, then articles with
 *    the "src:" records, so a killed run never leaves a file recorded as
 *    done whose documents were not committed.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quoth/analyzer.h"
#include "quoth/extract.h"
#include "quoth/names.h"
#include "quoth/schema.h"
#include "quoth/writer.h"
#include "quoth/xapian.h"

/* Commit after this much input, or this many articles, whichever first.
 * Small batches are faster: until a commit, Xapian keeps each term's new
 * postings in a std::map keyed by docid and finds its place from the root
 * for every posting, so a bigger batch makes every posting dearer.  On
 * 20k Reuters articles 500 took 13% less CPU than 2000 and a third of the
 * memory; at 300 the extra commits cost more than they save. */
#define BATCH_BYTES (4u << 20)
#define BATCH_DOCS 500
/* A worker of a parallel build sets its databases aside after this many
 * articles and starts new ones (roll()).  106k Reuters articles, 2
 * workers: 174 s without, 151 s at 5000, 140 s at 10000, 146 s at 15000;
 * QUOTH_ROLL_DOCS overrides it. */
#define ROLL_DOCS 10000
#define MAX_LANGS 8
/* How long a writer waits for another to let go of the index. */
#define LOCK_WAIT_MS 2000

typedef struct lang_analyzer {
	char lang[8];
	quoth_analyzer_t *a;
} lang_analyzer_t;

/* Open-addressing set of 64-bit hashes: the source files seen this run. */
typedef struct hashset {
	unsigned long long *v;
	size_t n, cap;
} hashset_t;

/* Word counts for the spelling table, handed to Xapian once per batch:
 * one add_spelling() per distinct word instead of one per token. */
typedef struct wordcount {
	char *word;
	unsigned n;
} wordcount_t;

typedef struct spellcount {
	wordcount_t *v;
	size_t n, cap;
} spellcount_t;

struct quoth_writer {
	char *dir;
	int lockfd;
	quoth_xdb_t *articles, *quotes;
	unsigned part, nparts;	/* a worker of a parallel build, nparts > 1 */
	quoth_claims_t *claims;	/* shared by the workers, or NULL */
	unsigned shard, nshards; /* a shard of a sharded index, nshards > 1 */
	int cur_lines;		/* the file being read is JSON Lines */
	unsigned long file_ordinal;
	lang_analyzer_t langs[MAX_LANGS];
	size_t nlangs;
	char gen[17];
	quoth_index_stats_t stats;
	hashset_t seen;
	spellcount_t spell;
	unsigned long batch_docs;
	unsigned long long batch_bytes;
	unsigned long roll_docs;	/* articles added since the last roll() */
	unsigned rolled;	/* databases set aside by roll() */
	char errmsg[512];
	/* per-file diagnostics pass through here to be counted */
	quoth_diag_fn diag;
	void *diag_ctx;
	unsigned long file_warnings;
	quoth_names_t *names;	/* surnames' full names, or NULL (names.h) */
};

static int hashset_add(hashset_t *s, unsigned long long h)
{
	if (h == 0)
		h = 1;
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		unsigned long long *v = calloc(cap, sizeof *v);
		if (!v)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				for (size_t j = s->v[i] % cap;; j = (j + 1) % cap)
					if (!v[j]) {
						v[j] = s->v[i];
						break;
					}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	for (size_t j = h % s->cap;; j = (j + 1) % s->cap) {
		if (s->v[j] == h)
			return 0;
		if (!s->v[j]) {
			s->v[j] = h;
			s->n++;
			return 0;
		}
	}
}

static int hashset_has(const hashset_t *s, unsigned long long h)
{
	if (h == 0)
		h = 1;
	if (!s->cap)
		return 0;
	for (size_t j = h % s->cap; s->v[j]; j = (j + 1) % s->cap)
		if (s->v[j] == h)
			return 1;
	return 0;
}

static int spell_grow(spellcount_t *c)
{
	size_t cap = c->cap ? c->cap * 2 : 4096;
	wordcount_t *v = calloc(cap, sizeof *v);
	if (!v)
		return -1;
	for (size_t i = 0; i < c->cap; i++) {
		if (!c->v[i].word)
			continue;
		size_t j = quoth_hash64(c->v[i].word, strlen(c->v[i].word)) % cap;
		while (v[j].word)
			j = (j + 1) % cap;
		v[j] = c->v[i];
	}
	free(c->v);
	c->v = v;
	c->cap = cap;
	return 0;
}

static int spell_count(spellcount_t *c, const char *w, size_t len)
{
	if ((c->n + 1) * 2 > c->cap && spell_grow(c))
		return -1;
	size_t j = quoth_hash64(w, len) % c->cap;
	for (; c->v[j].word; j = (j + 1) % c->cap)
		if (strncmp(c->v[j].word, w, len) == 0 && !c->v[j].word[len]) {
			c->v[j].n++;
			return 0;
		}
	c->v[j].word = strndup(w, len);
	if (!c->v[j].word)
		return -1;
	c->v[j].n = 1;
	c->n++;
	return 0;
}

/* Hands the counted words to the spelling table and empties the counter. */
static quoth_status_t spell_flush(spellcount_t *c, quoth_xdb_t *db)
{
	quoth_status_t st = QUOTH_OK;
	for (size_t i = 0; i < c->cap; i++) {
		if (!c->v[i].word)
			continue;
		if (!st)
			st = quoth_xdb_add_spelling(db, c->v[i].word,
						    strlen(c->v[i].word),
						    c->v[i].n);
		free(c->v[i].word);
		c->v[i].word = NULL;
	}
	c->n = 0;
	return st;
}

static quoth_status_t fail(quoth_writer_t *w, quoth_status_t st,
			   const char *what)
{
	snprintf(w->errmsg, sizeof w->errmsg, "%s", what);
	return st;
}

/* Records a failure of the database DB in W. */
static quoth_status_t dbfail(quoth_writer_t *w, quoth_xdb_t *db,
			     quoth_status_t st)
{
	return fail(w, st, quoth_xdb_errmsg(db));
}

static quoth_status_t open_db(const char *dir, const char *name, int create,
			      quoth_xdb_t **out, char **err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return quoth_xdb_open_writable(path, create, out, err);
}

quoth_status_t quoth_writer_open(const char *dir, int rebuild,
				 quoth_writer_t **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	if (mkdir(dir, 0777) && errno != EEXIST) {
		if (err) {
			char msg[4200];
			snprintf(msg, sizeof msg, "%s: %s", dir, strerror(errno));
			*err = strdup(msg);
		}
		return QUOTH_ERR_IO;
	}
	quoth_writer_t *w = calloc(1, sizeof *w);
	if (!w)
		return QUOTH_ERR_NOMEM;
	w->nparts = 1;
	w->dir = strdup(dir);
	char lock[4200];
	snprintf(lock, sizeof lock, "%s/write.lock", dir);
	w->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	/* A writer that was just killed may take a moment to let go (its
	 * workers die after it): wait for the lock a little, as SQLite's busy
	 * timeout does, then give up. */
	int locked = w->lockfd < 0 || flock(w->lockfd, LOCK_EX | LOCK_NB);
	for (int i = 0; locked && errno == EWOULDBLOCK && i < LOCK_WAIT_MS / 50; i++) {
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
		locked = flock(w->lockfd, LOCK_EX | LOCK_NB);
	}
	if (!w->dir || locked) {
		int locked = w->lockfd >= 0 && errno == EWOULDBLOCK;
		if (err) {
			char msg[4300];
			snprintf(msg, sizeof msg, "%s: %s", locked ?
				 "index is locked by another writer" : lock,
				 locked ? dir : strerror(errno));
			*err = strdup(msg);
		}
		quoth_writer_close(w);
		return locked ? QUOTH_ERR_LOCKED : QUOTH_ERR_IO;
	}
	/* We commit ourselves, in an order that keeps "src:" honest. */
	setenv("XAPIAN_FLUSH_THRESHOLD", "100000000", 1);
	int create = rebuild ? 2 : 1;
	quoth_status_t st = open_db(dir, QUOTH_ARTICLES_DB, create,
				    &w->articles, err);
	if (!st)
		st = open_db(dir, QUOTH_QUOTES_DB, create, &w->quotes, err);
	if (st) {
		quoth_writer_close(w);
		return st;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	quoth_hex64((unsigned long long)ts.tv_sec * 1000000000ull +
			    (unsigned long long)ts.tv_nsec,
		    w->gen);
	/* Documents of another schema cannot be mixed with ours: the
	 * searcher would read them by rules they were not written by. */
	char *had = NULL;
	quoth_xdb_get_metadata(w->articles, QUOTH_META_SCHEMA, &had);
	if (had && strcmp(had, QUOTH_SCHEMA_VERSION) != 0) {
		if (err) {
			char msg[4300];
			snprintf(msg, sizeof msg,
				 "%s: index has schema %.20s, this quoth writes "
				 "schema " QUOTH_SCHEMA_VERSION
				 "; rebuild it with quoth index --rebuild",
				 dir, had);
			*err = strdup(msg);
		}
		free(had);
		quoth_writer_close(w);
		return QUOTH_ERR_CORRUPT;
	}
	free(had);
	st = quoth_xdb_set_metadata(w->articles, QUOTH_META_SCHEMA,
				    QUOTH_SCHEMA_VERSION);
	if (st) {
		if (err)
			*err = strdup(quoth_xdb_errmsg(w->articles));
		quoth_writer_close(w);
		return st;
	}
	*out = w;
	return QUOTH_OK;
}

static quoth_analyzer_t *analyzer_for(quoth_writer_t *w, const char *lang)
{
	if (!lang || !*lang || strlen(lang) >= sizeof w->langs[0].lang)
		lang = "en";
	for (size_t i = 0; i < w->nlangs; i++)
		if (strcmp(w->langs[i].lang, lang) == 0)
			return w->langs[i].a;
	if (w->nlangs == MAX_LANGS)
		return w->langs[0].a;
	quoth_analyzer_t *a;
	if (quoth_analyzer_create(lang, &a))
		return w->nlangs ? w->langs[0].a : NULL;
	snprintf(w->langs[w->nlangs].lang, sizeof w->langs[0].lang, "%s", lang);
	w->langs[w->nlangs++].a = a;
	return a;
}

/* ---- building a document ---- */

typedef struct termsink {
	quoth_xdoc_t *doc;
	spellcount_t *spelling;	/* words are counted here, or NULL */
	const char *prefix;	/* "" for body, "S" for title */
	int also_plain;		/* title words also as body words */
	uint32_t next_pos;	/* one past the last position used */
	int bad;
	char buf[256];
} termsink_t;

static int add2(termsink_t *s, const char *p1, const char *p2,
		const char *t, size_t len, int posting, unsigned pos)
{
	size_t l1 = strlen(p1), l2 = strlen(p2);
	if (l1 + l2 + len >= sizeof s->buf)
		return 0;
	memcpy(s->buf, p1, l1);
	memcpy(s->buf + l1, p2, l2);
	memcpy(s->buf + l1 + l2, t, len);
	size_t n = l1 + l2 + len;
	/* Title terms (S, ZS) are a field of their own: they must not make a
	 * long title count twice in the document's length. */
	unsigned wdf = strcmp(p1, QUOTH_P_TITLE) && strcmp(p2, QUOTH_P_TITLE);
	quoth_status_t st = posting ? quoth_xdoc_add_posting(s->doc, s->buf, n, pos, wdf)
				    : quoth_xdoc_add_term(s->doc, s->buf, n, wdf);
	if (st)
		s->bad = 1;
	return st != QUOTH_OK;
}

static void add_token(termsink_t *s, const char *prefix,
		      const quoth_token_t *t)
{
	if (t->kind == QUOTH_TOKEN_ACRONYM) {
		add2(s, prefix, QUOTH_P_ACRONYM, t->term, t->term_len, 1, t->pos);
		return;
	}
	add2(s, prefix, "", t->term, t->term_len, 1, t->pos);
	add2(s, QUOTH_P_STEM, prefix, t->stem, t->stem_len, 0, 0);
}

/* Plain words of 3+ letters feed "did you mean" suggestions. */
static void add_spelling(termsink_t *s, const quoth_token_t *t)
{
	if (t->kind != QUOTH_TOKEN_WORD || t->term_len < 3)
		return;
	for (size_t i = 0; i < t->term_len; i++)
		if (t->term[i] < 'a' || t->term[i] > 'z')
			return;
	if (spell_count(s->spelling, t->term, t->term_len))
		s->bad = 1;
}

static int on_token(void *ctx, const quoth_token_t *t)
{
	termsink_t *s = ctx;
	if (s->spelling)
		add_spelling(s, t);
	if (t->pos >= s->next_pos)
		s->next_pos = t->pos + 1;
	add_token(s, s->prefix, t);
	if (s->also_plain)
		add_token(s, "", t);
	return s->bad;
}

/* Adds boolean term PREFIX+VALUE (skipped if too long for Xapian). */
static quoth_status_t add_bool(quoth_xdoc_t *doc, const char *prefix,
			       const char *value)
{
	char buf[240];
	int n = snprintf(buf, sizeof buf, "%s%s", prefix, value);
	if (n < 0 || (size_t)n >= sizeof buf)
		return QUOTH_OK;
	return quoth_xdoc_add_boolean(doc, buf, (size_t)n);
}

/* Field terms of NAME: PREFIX+slug, and PREFIX+"W"+each folded word. */
static int on_field_word(void *ctx, const quoth_token_t *t)
{
	termsink_t *s = ctx;
	char buf[240];
	int n = snprintf(buf, sizeof buf, "%s" QUOTH_P_WORD "%.*s", s->prefix,
			 (int)t->term_len, t->term);
	if (n > 0 && (size_t)n < sizeof buf &&
	    quoth_xdoc_add_boolean(s->doc, buf, (size_t)n))
		s->bad = 1;
	return s->bad;
}

static quoth_status_t add_field(quoth_analyzer_t *a, quoth_xdoc_t *doc,
				const char *prefix, const char *name)
{
	if (!name || !*name)
		return QUOTH_OK;
	char *slug;
	quoth_status_t st = quoth_analyzer_slug(a, name, strlen(name), &slug);
	if (st)
		return st;
	if (*slug)
		st = add_bool(doc, prefix, slug);
	free(slug);
	termsink_t s = {.doc = doc, .prefix = prefix};
	if (!st)
		st = quoth_analyzer_tokenize(a, QUOTH_ANALYZE_DOCUMENT, name,
					     strlen(name), 0, on_field_word, &s);
	return st ? st : s.bad ? QUOTH_ERR_NOMEM : QUOTH_OK;
}

static quoth_status_t add_date(quoth_xdoc_t *doc, const char *date)
{
	if (!date || strlen(date) != 10)
		return QUOTH_OK;
	char d[9] = {date[0], date[1], date[2], date[3], date[5], date[6],
		     date[8], date[9], 0};
	quoth_status_t st = add_bool(doc, QUOTH_P_DAY, d);
	d[6] = 0;
	if (!st)
		st = add_bool(doc, QUOTH_P_MONTH, d);
	d[4] = 0;
	if (!st)
		st = add_bool(doc, QUOTH_P_YEAR, d);
	if (!st)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_DATE, date, 10);
	if (!st)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_MONTH, date, 7);
	return st;
}

/* Fields every document of an article shares: outlet, author, date,
 * source, generation. */
static quoth_status_t add_common(quoth_writer_t *w, quoth_analyzer_t *a,
				 quoth_xdoc_t *doc, const quoth_article_t *art,
				 const char *src)
{
	quoth_status_t st = add_field(a, doc, QUOTH_P_OUTLET, art->outlet);
	if (!st)
		st = add_field(a, doc, QUOTH_P_AUTHOR, art->author);
	if (!st)
		st = add_date(doc, art->date);
	if (!st)
		st = add_bool(doc, QUOTH_P_SOURCE, src);
	if (!st && art->outlet)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_OUTLET, art->outlet,
					  strlen(art->outlet));
	if (!st)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_GEN, w->gen,
					  strlen(w->gen));
	return st;
}

/* The stable id, alone (relevance ties) and after the date (date sorts). */
static quoth_status_t set_ids(quoth_xdoc_t *doc, const char *date,
			      const char *id)
{
	char key[600];
	int n = snprintf(key, sizeof key, "%s\x1f%s", date ? date : "", id);
	quoth_status_t st = quoth_xdoc_set_value(doc, QUOTH_SLOT_ID, id,
						 strlen(id));
	if (!st && n > 0 && (size_t)n < sizeof key)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_DATE_ID, key, (size_t)n);
	return st;
}

static void record_article(quoth_record_t *r, const quoth_article_t *art)
{
	quoth_record_add(r, "id", art->id);
	quoth_record_add(r, "path", art->path);
	if (art->line)
		quoth_record_add_ulong(r, "line", art->line);
	quoth_record_add(r, "url", art->url);
	quoth_record_add(r, "title", art->title);
	quoth_record_add(r, "outlet", art->outlet);
	quoth_record_add(r, "date", art->date);
	quoth_record_add(r, "author", art->author);
	quoth_record_add(r, "lang", art->lang);
}

/* Hash of the text with white space dropped and ASCII case folded: wire
 * copies of one story share it whatever their layout. */
static unsigned long long text_key(const char *s, size_t len)
{
	unsigned long long h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
			continue;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

/* ---- speakers ---- */

typedef struct speakers {
	char *name[QUOTH_MAX_SPEAKERS];
	size_t n;
} speakers_t;

static void speakers_free(speakers_t *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->name[i]);
	s->n = 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The speakers slot: the names sorted and joined by QUOTH_LIST_SEP, one
 * value that the facet counter splits again (schema.h). */
static quoth_status_t set_speakers(quoth_xdoc_t *doc, speakers_t *spk)
{
	qsort(spk->name, spk->n, sizeof spk->name[0], cmp_name);
	size_t len = 0;
	for (size_t k = 0; k < spk->n; k++)
		len += strlen(spk->name[k]) + 1;
	char *v = malloc(len), *w = v;
	if (!v)
		return QUOTH_ERR_NOMEM;
	for (size_t k = 0; k < spk->n; k++) {
		if (k)
			*w++ = QUOTH_LIST_SEP;
		strcpy(w, spk->name[k]);
		w += strlen(spk->name[k]);
	}
	quoth_status_t st = quoth_xdoc_set_value(doc, QUOTH_SLOT_SPEAKERS, v,
						 (size_t)(w - v));
	free(v);
	return st;
}

/* The key of the word W[0..LEN) in a names table: the analyzer's slug of
 * it, or NULL (nothing to key by, too long, or no memory). */
static char *word_key(quoth_analyzer_t *a, const char *w, size_t len)
{
	char *slug = NULL;
	/* "spk:" + the key must make a metadata key, "XS" + it a term */
	if (quoth_analyzer_slug(a, w, len, &slug) || !*slug ||
	    strlen(slug) > 200) {
		free(slug);
		return NULL;
	}
	return slug;
}

/* The key of NAME's surname (quoth_speaker_surname()), or NULL (also for
 * an organisation, which has no surname). */
static char *surname_key(quoth_analyzer_t *a, const char *name)
{
	if (quoth_speaker_is_org(name))
		return NULL;
	size_t len;
	const char *surname = quoth_speaker_surname(name, &len);
	return word_key(a, surname, len);
}

/* The canonical speaker of Q: a surname alone becomes the full name W's
 * names bind it to (names.h), unless its article names a company with
 * that word ("Ford" of "Ford Motor Co" is not "Bill Ford").  Caller
 * frees. */
static char *resolve_speaker(quoth_writer_t *w, quoth_analyzer_t *a,
			     const quoth_quote_t *q)
{
	const char *name = q->speaker;
	char *key = w->names && !strchr(name, ' ') && !q->speaker_company
			    ? surname_key(a, name)
			    : NULL;
	const char *full = key ? quoth_names_full(w->names, key) : NULL;
	char *out = strdup(full ? full : name);
	free(key);
	return out;
}

/* ---- quotations ---- */

/* Indexes the quotations of ART; REPLACING: the article was indexed
 * before, so its old quotations go first. */
static quoth_status_t index_quotes(quoth_writer_t *w, quoth_analyzer_t *a,
				   const quoth_article_t *art, const char *src,
				   int replacing, speakers_t *spk)
{
	char idterm[512];
	snprintf(idterm, sizeof idterm, QUOTH_P_ARTICLE "%s", art->id);
	if (replacing && quoth_xdb_delete(w->quotes, idterm))
		return dbfail(w, w->quotes, QUOTH_ERR_INTERNAL);

	quoth_quotes_t *qs;
	quoth_status_t st = quoth_extract(art->text, art->text_len, &qs);
	if (st)
		return fail(w, st, "quotation extractor failed");
	size_t n = quoth_quotes_count(qs);
	for (size_t i = 0; i < n && !st; i++) {
		const quoth_quote_t *q = quoth_quotes_get(qs, i);
		char *speaker = q->speaker ? resolve_speaker(w, a, q)
					   : NULL;
		if (speaker) {
			size_t k;
			for (k = 0; k < spk->n; k++)
				if (strcmp(spk->name[k], speaker) == 0)
					break;
			if (k == spk->n && spk->n < QUOTH_MAX_SPEAKERS)
				spk->name[spk->n++] = strdup(speaker);
		}
		quoth_xdoc_t *doc = quoth_xdoc_new();
		if (!doc) {
			free(speaker);
			st = QUOTH_ERR_NOMEM;
			break;
		}
		char qid[512];
		snprintf(qid, sizeof qid, "%s#%04zu", art->id, i);
		termsink_t s = {.doc = doc, .prefix = ""};
		st = quoth_analyzer_tokenize(a, QUOTH_ANALYZE_DOCUMENT, q->text,
					     strlen(q->text), 0, on_token, &s);
		/* The speaker's name is searchable in the quotation record
		 * (`quoth quotes lavrov`), past a gap so that no phrase
		 * runs from the words into the name. */
		if (!st && speaker)
			st = quoth_analyzer_tokenize(a, QUOTH_ANALYZE_DOCUMENT,
						     speaker, strlen(speaker),
						     s.next_pos + QUOTH_TITLE_GAP,
						     on_token, &s);
		if (!st && s.bad)
			st = QUOTH_ERR_NOMEM;
		if (!st)
			st = add_common(w, a, doc, art, src);
		if (!st)
			st = add_bool(doc, QUOTH_P_ARTICLE, art->id);
		if (!st && speaker) {
			st = add_field(a, doc, QUOTH_P_SPEAKER, speaker);
			if (!st)
				st = quoth_xdoc_set_value(doc, QUOTH_SLOT_SPEAKER,
							  speaker,
							  strlen(speaker));
		}
		if (!st)
			st = set_ids(doc, art->date, qid);
		quoth_record_t r = {0};
		if (!st) {
			record_article(&r, art);
			quoth_record_add(&r, "speaker", speaker);
			quoth_record_add(&r, "mention", q->speaker_mention);
			quoth_record_add(&r, "cue", q->cue);
			quoth_record_add_ulong(&r, "start", art->text_offset + q->start);
			quoth_record_add_ulong(&r, "end", art->text_offset + q->end);
			st = quoth_record_finish(&r, q->text, strlen(q->text));
		}
		if (!st)
			st = quoth_xdoc_set_data(doc, r.p, r.len);
		quoth_record_free(&r);
		if (!st && quoth_xdb_add(w->quotes, doc))
			st = dbfail(w, w->quotes, QUOTH_ERR_INTERNAL);
		else if (!st)
			w->stats.quotes++;
		quoth_xdoc_destroy(doc);
		free(speaker);
	}
	quoth_quotes_destroy(qs);
	if (st && !w->errmsg[0])
		fail(w, st, quoth_status_to_string(st));
	return st;
}

/* ---- articles ---- */

static quoth_status_t index_article(quoth_writer_t *w, quoth_article_t *art,
				    const char *src)
{
	quoth_analyzer_t *a = analyzer_for(w, art->lang);
	if (!a)
		return fail(w, QUOTH_ERR_NOMEM, "cannot create the analyzer");
	quoth_xdoc_t *doc = quoth_xdoc_new();
	if (!doc)
		return fail(w, QUOTH_ERR_NOMEM, "out of memory");
	speakers_t spk = {0};
	quoth_status_t st = QUOTH_OK;
	termsink_t s = {.doc = doc, .spelling = &w->spell};
	uint32_t pos = 0;

	if (art->title) {
		s.prefix = QUOTH_P_TITLE;
		s.also_plain = !art->title_inferred;
		st = quoth_analyzer_tokenize(a, QUOTH_ANALYZE_DOCUMENT,
					     art->title, strlen(art->title), 0,
					     on_token, &s);
		pos = QUOTH_TITLE_GAP;
	}
	s.prefix = "";
	s.also_plain = 0;
	if (!st)
		st = quoth_analyzer_tokenize(a, QUOTH_ANALYZE_DOCUMENT, art->text,
					     art->text_len, pos, on_token, &s);
	if (!st && s.bad)
		st = QUOTH_ERR_NOMEM;
	if (!st)
		st = add_common(w, a, doc, art, src);
	char idterm[512];
	snprintf(idterm, sizeof idterm, QUOTH_P_ID "%s", art->id);
	if (!st)
		st = quoth_xdoc_add_boolean(doc, idterm, strlen(idterm));
	if (!st)
		st = add_bool(doc, QUOTH_P_LANG, art->lang ? art->lang : "en");
	char hex[17];
	quoth_hex64(text_key(art->text, art->text_len), hex);
	if (!st)
		st = add_bool(doc, QUOTH_P_HASH, hex);
	if (!st)
		st = quoth_xdoc_set_value(doc, QUOTH_SLOT_COLLAPSE, hex, 16);
	if (!st)
		st = set_ids(doc, art->date, art->id);
	unsigned had = 0;
	if (!st && quoth_xdb_termfreq(w->articles, idterm, &had))
		st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
	if (!st)
		st = index_quotes(w, a, art, src, had > 0, &spk);
	for (size_t k = 0; k < spk.n && !st; k++)
		st = add_field(a, doc, QUOTH_P_SPEAKER, spk.name[k]);
	if (!st && spk.n)
		st = set_speakers(doc, &spk);
	speakers_free(&spk);

	quoth_record_t r = {0};
	if (!st) {
		record_article(&r, art);
		quoth_record_add_ulong(&r, "offset", art->text_offset);
		st = quoth_record_finish(&r, art->text, art->text_len);
	}
	if (!st)
		st = quoth_xdoc_set_data(doc, r.p, r.len);
	quoth_record_free(&r);

	if (!st && (had ? quoth_xdb_replace(w->articles, idterm, doc)
			: quoth_xdb_add(w->articles, doc)))
		st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
	quoth_xdoc_destroy(doc);
	if (st) {
		if (!w->errmsg[0])
			fail(w, st, quoth_status_to_string(st));
		return st;
	}
	if (had)
		w->stats.updated++;
	else
		w->stats.added++;
	w->batch_docs++;
	w->roll_docs++;
	return QUOTH_OK;
}

static quoth_status_t roll(quoth_writer_t *w);

static unsigned long roll_limit(void)
{
	const char *e = getenv("QUOTH_ROLL_DOCS");
	return e && *e ? strtoul(e, NULL, 10) : ROLL_DOCS;
}

static quoth_status_t commit(quoth_writer_t *w)
{
	if (spell_flush(&w->spell, w->articles))
		return dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
	quoth_status_t st = quoth_xdb_commit(w->quotes);
	if (st)
		return dbfail(w, w->quotes, st);
	st = quoth_xdb_commit(w->articles);
	if (st)
		return dbfail(w, w->articles, st);
	w->batch_docs = 0;
	w->batch_bytes = 0;
	if (w->nparts > 1 && w->roll_docs >= roll_limit())
		return roll(w);
	return QUOTH_OK;
}

/* ---- units of a parallel build (writer.h) ---- */

/* JSON lines per unit, and slots in the claim table: units are hashed to
 * slots, and units that share a slot go to the same worker. */
#define LINES_PER_UNIT 16
#define CLAIM_SLOTS (1u << 20)

struct quoth_claims {
	unsigned char slot[CLAIM_SLOTS];	/* 0, or 1 + the worker's part */
};

quoth_claims_t *quoth_claims_new(void)
{
	void *p = mmap(NULL, sizeof(quoth_claims_t), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void quoth_claims_free(quoth_claims_t *c)
{
	if (c)
		munmap(c, sizeof *c);
}

/* Whether this worker takes unit BLOCK of the current file (a text file
 * is one unit, 0): the first worker to ask for a unit gets it.  Every
 * worker sees the same files in the same order, so the file's ordinal and
 * the block name the unit alike in all of them. */
static int takes(quoth_writer_t *w, unsigned long block)
{
	if (w->nparts < 2)
		return 1;
	unsigned long long u = w->file_ordinal * 1000003ull + block;
	if (!w->claims)
		return u % w->nparts == w->part;
	unsigned char *slot = &w->claims->slot[u % CLAIM_SLOTS], none = 0;
	unsigned char me = (unsigned char)(w->part + 1);
	if (__atomic_compare_exchange_n(slot, &none, me, 0, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return 1;
	return none == me;
}

/* In a parallel build, each problem is reported by one worker only: a text
 * file's by its owner, a JSON line's by the worker of that line, a whole
 * JSON Lines file's by worker 0. */
static int mine(quoth_writer_t *w, unsigned long line)
{
	if (w->nshards > 1)
		return w->shard == 0;
	if (w->nparts < 2 || !w->cur_lines)
		return 1;
	return line ? takes(w, (line - 1) / LINES_PER_UNIT) : w->part == 0;
}

static void count_diag(void *ctx, const quoth_diag_t *d)
{
	quoth_writer_t *w = ctx;
	if (!mine(w, d->line))
		return;
	if (d->level == QUOTH_DIAG_FAILED)
		w->stats.failed++;
	else
		w->stats.warnings++;
	if (w->diag)
		w->diag(w->diag_ctx, d);
}

static void report(quoth_writer_t *w, const char *path, const char *msg)
{
	quoth_diag_t d = {QUOTH_DIAG_FAILED, path, 0, 0, msg};
	count_diag(w, &d);
}

static int is_jsonl(const char *path)
{
	const char *dot = strstr(path, ".jsonl");
	return dot && (!dot[6] || !strcmp(dot + 6, ".gz") || !strcmp(dot + 6, ".xz"));
}

/* Starts on PATH: whether W reads it.  A worker of a parallel build is
 * dealt text files whole and JSON lines in blocks (takes_article()). */
static int begin_file(quoth_writer_t *w, const char *path)
{
	w->cur_lines = is_jsonl(path);
	w->file_ordinal++;
	return w->cur_lines || takes(w, 0);
}

static int takes_article(quoth_writer_t *w, const quoth_article_t *art)
{
	return !w->cur_lines || takes(w, (art->line - 1) / LINES_PER_UNIT);
}

/* An input file and its record in the index ("src:" metadata). */
typedef struct source {
	char *real;		/* its real path (caller frees) */
	struct stat sb;
	unsigned long long hash; /* of real */
	char hex[17], key[32];	/* the hash in hex; "src:<hex>" */
	char sig[64];		/* "<mtime_ns> <size> ": as it is now */
} source_t;

/* Finds PATH: 0, or -1 with errno set. */
static int source_find(source_t *f, const char *path)
{
	f->real = realpath(path, NULL);
	if (!f->real || stat(f->real, &f->sb)) {
		int e = errno;
		free(f->real);
		errno = e;
		return -1;
	}
	f->hash = quoth_hash64(f->real, strlen(f->real));
	quoth_hex64(f->hash, f->hex);
	snprintf(f->key, sizeof f->key, "src:%s", f->hex);
	snprintf(f->sig, sizeof f->sig, "%lld %lld ",
		 (long long)f->sb.st_mtim.tv_sec * 1000000000ll +
			 f->sb.st_mtim.tv_nsec,
		 (long long)f->sb.st_size);
	return 0;
}

/* 1 if W's index holds F as it is now (*NDOCS: its articles), 0 if not,
 * -1 if the database failed. */
static int source_indexed(quoth_writer_t *w, const source_t *f,
			  unsigned long *ndocs)
{
	char *rec = NULL;
	if (quoth_xdb_get_metadata(w->articles, f->key, &rec))
		return -1;
	size_t n = strlen(f->sig);
	int same = rec && strncmp(rec, f->sig, n) == 0;
	if (same)
		*ndocs = strtoul(rec + n, NULL, 10);
	free(rec);
	return same;
}

quoth_status_t quoth_writer_add_file(quoth_writer_t *w, const char *path,
				     quoth_diag_fn diag, void *ctx)
{
	w->diag = diag;
	w->diag_ctx = ctx;
	if (!begin_file(w, path))
		return QUOTH_OK;
	int lines = w->cur_lines;
	source_t f;
	if (source_find(&f, path)) {
		report(w, path, strerror(errno));
		return QUOTH_OK;
	}
	char *real = f.real;
	const char *src = f.hex, *key = f.key, *sig = f.sig;
	if (hashset_add(&w->seen, f.hash)) {
		free(real);
		return fail(w, QUOTH_ERR_NOMEM, "out of memory");
	}
	unsigned long had = 0;
	int indexed = source_indexed(w, &f, &had);
	if (indexed) {
		free(real);
		if (indexed < 0)
			return dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
		w->stats.skipped += had;
		return QUOTH_OK;
	}

	char *err = NULL;
	quoth_reader_t *r;
	quoth_status_t st = quoth_reader_open(real, count_diag, w, &r, &err);
	if (st) {
		report(w, path, err ? err : quoth_status_to_string(st));
		free(err);
		free(real);
		return QUOTH_OK;
	}
	if ((!lines && w->nshards < 2) || mine(w, 0)) {
		w->stats.files++;
		w->stats.bytes += (unsigned long long)f.sb.st_size;
	}
	w->batch_bytes += (unsigned long long)f.sb.st_size / w->nparts;
	unsigned long ndocs = 0;
	char srcterm[24];
	snprintf(srcterm, sizeof srcterm, QUOTH_P_SOURCE "%s", src);
	for (;;) {
		quoth_article_t *art;
		st = quoth_reader_next(r, &art);
		if (st) {
			report(w, path, quoth_reader_errmsg(r));
			st = QUOTH_OK;
			break;
		}
		if (!art)
			break;
		if (!takes_article(w, art) ||
		    (w->nshards > 1 && quoth_hash64(art->id, strlen(art->id)) %
					       w->nshards != w->shard)) {
			quoth_article_destroy(art);
			continue;
		}
		st = index_article(w, art, src);
		quoth_article_destroy(art);
		if (st)
			break;
		ndocs++;
		if (w->batch_docs >= BATCH_DOCS && (st = commit(w)))
			break;
	}
	quoth_reader_close(r);
	if (!st) {
		/* Articles this file no longer holds. */
		unsigned gone = 0, gone_q = 0;
		if (quoth_xdb_delete_stale(w->articles, srcterm, QUOTH_SLOT_GEN,
					   w->gen, &gone))
			st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
		else if (quoth_xdb_delete_stale(w->quotes, srcterm,
						QUOTH_SLOT_GEN, w->gen, &gone_q))
			st = dbfail(w, w->quotes, QUOTH_ERR_INTERNAL);
		w->stats.removed += gone;
	}
	if (!st) {
		char *val = malloc(strlen(sig) + strlen(real) + 32);
		if (!val) {
			free(real);
			return fail(w, QUOTH_ERR_NOMEM, "out of memory");
		}
		sprintf(val, "%s%lu %s", sig, ndocs, real);
		if (quoth_xdb_set_metadata(w->articles, key, val))
			st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
		free(val);
	}
	free(real);
	if (!st && w->batch_bytes >= BATCH_BYTES)
		st = commit(w);
	return st;
}

/* ---- strings ---- */

/* A growable array of strings. */
typedef struct strvec {
	char **v;
	size_t n, cap;
} strvec_t;

/* Appends a copy of S; non-zero when out of memory. */
static int strvec_push(strvec_t *sv, const char *s)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 16;
		char **v = realloc(sv->v, cap * sizeof *v);
		if (!v)
			return 1;
		sv->v = v;
		sv->cap = cap;
	}
	if (!(sv->v[sv->n] = strdup(s)))
		return 1;
	sv->n++;
	return 0;
}

static void strvec_free(strvec_t *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof *sv);
}

typedef struct sweep {
	quoth_writer_t *w;
	const char *const *roots;
	size_t n;
	strvec_t dead;		/* "src:" keys of vanished files */
} sweep_t;

static int collect_key(void *ctx, const char *key)
{
	return strvec_push(ctx, key);
}

/* ---- speakers named by surname alone ---- */

/* Counts ART's speakers into NAMES: under the surname, the full name or
 * the surname alone; under the first word, a name of several words. */
static quoth_status_t survey_article(quoth_writer_t *w,
				     const quoth_article_t *art,
				     quoth_names_t *names)
{
	quoth_analyzer_t *a = analyzer_for(w, art->lang);
	if (!a)
		return fail(w, QUOTH_ERR_NOMEM, "cannot create the analyzer");
	quoth_quotes_t *qs;
	quoth_status_t st = quoth_extract(art->text, art->text_len, &qs);
	if (st)
		return fail(w, st, "quotation extractor failed");
	size_t n = quoth_quotes_count(qs);
	for (size_t i = 0; i < n && !st; i++) {
		const char *name = quoth_quotes_get(qs, i)->speaker;
		if (!name)
			continue;
		char *key = surname_key(a, name);
		char *head = strchr(name, ' ')
				     ? word_key(a, name, strcspn(name, " "))
				     : NULL;
		if ((key && quoth_names_count(names, key, name, 1)) ||
		    (head && quoth_names_count_head(names, head, name, 1)))
			st = fail(w, QUOTH_ERR_NOMEM, "out of memory");
		free(key);
		free(head);
	}
	quoth_quotes_destroy(qs);
	return st;
}

quoth_status_t quoth_writer_survey(quoth_writer_t *w, const char *path,
				   quoth_names_t *names)
{
	source_t f;
	if (!begin_file(w, path))
		return QUOTH_OK;
	if (source_find(&f, path))
		return QUOTH_OK; /* quoth_writer_add_file() will say why */
	unsigned long had;
	int indexed = source_indexed(w, &f, &had);
	quoth_reader_t *r = NULL;
	if (indexed || quoth_reader_open(f.real, NULL, NULL, &r, NULL)) {
		free(f.real);
		return indexed < 0 ? dbfail(w, w->articles, QUOTH_ERR_INTERNAL)
				   : QUOTH_OK;
	}
	free(f.real);
	quoth_status_t st = QUOTH_OK;
	quoth_article_t *art;
	while (!st && quoth_reader_next(r, &art) == QUOTH_OK && art) {
		if (takes_article(w, art))
			st = survey_article(w, art, names);
		quoth_article_destroy(art);
	}
	quoth_reader_close(r);
	return st;
}

quoth_status_t quoth_writer_use_names(quoth_writer_t *w, quoth_names_t *names)
{
	w->names = names;
	strvec_t keys = {0};
	quoth_status_t st = quoth_xdb_metadata_keys(
		w->articles, QUOTH_META_SPEAKER, collect_key, &keys);
	for (size_t i = 0; !st && i < keys.n; i++) {
		char *name = NULL;
		st = quoth_xdb_get_metadata(w->articles, keys.v[i], &name);
		if (!st && name && *name)
			st = quoth_names_bind(names, keys.v[i] +
						     strlen(QUOTH_META_SPEAKER),
					      name);
		free(name);
	}
	strvec_free(&keys);
	if (!st)
		st = quoth_names_settle(names);
	if (st == QUOTH_ERR_NOMEM)
		return fail(w, st, "out of memory");
	return st ? dbfail(w, w->articles, st) : QUOTH_OK;
}

/* Counts a quotation an earlier run named by a surname alone. */
static int count_alone(void *ctx, const char *const *v)
{
	quoth_writer_t *w = ctx;
	if (!strchr(v[0], ' ') && strcmp(v[1], w->gen) != 0)
		w->stats.unnamed++;
	return 0;
}

/* Records the binding of SURNAME to NAME, and counts the quotations
 * earlier runs indexed by SURNAME alone: they keep it (renaming them would
 * mean rewriting their articles).  This run's are not counted (what it
 * left alone is a company: "Ford" of "Ford Motor Co"), nor a speaker of
 * several words that shares the term ("Lynch Bell", "Lynch-Bell"). */
static int record_binding(void *ctx, const char *surname, const char *name)
{
	quoth_writer_t *w = ctx;
	char key[240], term[240];
	snprintf(key, sizeof key, QUOTH_META_SPEAKER "%s", surname);
	snprintf(term, sizeof term, QUOTH_P_SPEAKER "%s", surname);
	unsigned n = 0;
	if (quoth_xdb_set_metadata(w->articles, key, name) ||
	    quoth_xdb_termfreq(w->quotes, term, &n))
		return 1;
	static const unsigned slots[2] = {QUOTH_SLOT_SPEAKER, QUOTH_SLOT_GEN};
	return n && quoth_xdb_values(w->quotes, term, slots, 2, count_alone, w);
}

/* ---- removing vanished files ---- */

static int under(const char *path, const char *root)
{
	size_t l = strlen(root);
	return strncmp(path, root, l) == 0 &&
	       (path[l] == '\0' || path[l] == '/' || (l && root[l - 1] == '/'));
}

static int collect_dead(void *ctx, const char *key)
{
	sweep_t *s = ctx;
	unsigned long long h = strtoull(key + 4, NULL, 16);
	if (hashset_has(&s->w->seen, h))
		return 0;
	char *val = NULL;
	if (quoth_xdb_get_metadata(s->w->articles, key, &val) || !val)
		return 0;
	/* "<mtime> <size> <ndocs> <path>" */
	const char *p = val;
	for (int f = 0; f < 3 && p; f++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	int dead = 0;
	for (size_t i = 0; p && i < s->n && !dead; i++)
		dead = under(p, s->roots[i]);
	free(val);
	return dead ? strvec_push(&s->dead, key) : 0;
}

quoth_status_t quoth_writer_finish(quoth_writer_t *w,
				   const char *const *roots, size_t n)
{
	sweep_t s = {.w = w, .roots = roots, .n = n};
	quoth_status_t st = quoth_xdb_metadata_keys(w->articles, "src:",
						    collect_dead, &s);
	for (size_t i = 0; i < s.dead.n; i++) {
		char term[32];
		snprintf(term, sizeof term, QUOTH_P_SOURCE "%s", s.dead.v[i] + 4);
		unsigned gone = 0;
		if (!st)
			st = quoth_xdb_termfreq(w->articles, term, &gone);
		if (!st)
			st = quoth_xdb_delete(w->articles, term);
		if (!st)
			st = quoth_xdb_delete(w->quotes, term);
		if (!st)
			st = quoth_xdb_set_metadata(w->articles, s.dead.v[i], "");
		w->stats.removed += gone;
	}
	strvec_free(&s.dead);
	if (!st && w->names &&
	    quoth_names_each_settled(w->names, record_binding, w))
		st = QUOTH_ERR_INTERNAL;
	if (st)
		return dbfail(w, w->articles, st);
	return commit(w);
}

void quoth_writer_set_shard(quoth_writer_t *w, unsigned k, unsigned n)
{
	w->shard = k;
	w->nshards = n;
}

void quoth_writer_set_part(quoth_writer_t *w, unsigned part, unsigned nparts,
			   quoth_claims_t *claims, const quoth_writer_t *run)
{
	memcpy(w->gen, run->gen, sizeof w->gen);
	w->part = part;
	w->nparts = nparts ? nparts : 1;
	w->claims = claims;
}

int quoth_writer_empty(quoth_writer_t *w)
{
	unsigned n = 0;
	return quoth_xdb_doccount(w->articles, &n) == 0 && n == 0;
}

void quoth_index_stats_add(quoth_index_stats_t *sum,
			   const quoth_index_stats_t *s)
{
	sum->added += s->added;
	sum->updated += s->updated;
	sum->removed += s->removed;
	sum->skipped += s->skipped;
	sum->failed += s->failed;
	sum->warnings += s->warnings;
	sum->files += s->files;
	sum->bytes += s->bytes;
	sum->quotes += s->quotes;
	sum->unnamed += s->unnamed;
}

void quoth_writer_add_stats(quoth_writer_t *w, const quoth_index_stats_t *s)
{
	quoth_index_stats_add(&w->stats, s);
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
		    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes the directory tree PATH (a database being replaced). */
static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void quoth_writer_remove(const char *dir)
{
	rm_tree(dir);
}

/* Opens W's two databases again (CREATE as for open_db()); a failure is
 * recorded in W. */
static quoth_status_t reopen(quoth_writer_t *w, int create)
{
	char *err = NULL;
	quoth_status_t st = open_db(w->dir, QUOTH_ARTICLES_DB, create,
				    &w->articles, &err);
	if (!st)
		st = open_db(w->dir, QUOTH_QUOTES_DB, create, &w->quotes, &err);
	if (err) {
		fail(w, st, err);
		free(err);
	}
	return st;
}

/* Sets W's databases aside as DIR/NAME.K (K = 1, 2, ...) and opens new
 * ones: Xapian's commit merges each batch into B-trees that grow with the
 * database, so a worker that keeps its databases small commits faster,
 * and the merge at the end (merge_parts()) compacts them all at once. */
static quoth_status_t roll(quoth_writer_t *w)
{
	quoth_xdb_close(w->articles);
	quoth_xdb_close(w->quotes);
	w->articles = w->quotes = NULL;
	w->rolled++;
	w->roll_docs = 0;
	quoth_status_t st = QUOTH_OK;
	const char *names[2] = {QUOTH_ARTICLES_DB, QUOTH_QUOTES_DB};
	for (int i = 0; i < 2; i++) {
		char from[4200], to[4300];
		snprintf(from, sizeof from, "%s/%s", w->dir, names[i]);
		snprintf(to, sizeof to, "%s.%u", from, w->rolled);
		if (rename(from, to) && !st)
			st = fail(w, QUOTH_ERR_IO, strerror(errno));
	}
	if (!st)
		st = reopen(w, 2);
	/* the schema goes on into the new databases */
	if (!st && quoth_xdb_set_metadata(w->articles, QUOTH_META_SCHEMA,
					  QUOTH_SCHEMA_VERSION))
		st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
	return st;
}

/* The merged "src:" records hold one worker's document count: count the
 * merged documents of each file instead. */
static quoth_status_t refit_sources(quoth_writer_t *w)
{
	strvec_t keys = {0};
	quoth_status_t st = quoth_xdb_metadata_keys(w->articles, "src:",
						    collect_key, &keys);
	for (size_t i = 0; i < keys.n; i++) {
		char *val = NULL, term[32];
		unsigned n = 0;
		snprintf(term, sizeof term, QUOTH_P_SOURCE "%s", keys.v[i] + 4);
		if (!st)
			st = quoth_xdb_get_metadata(w->articles, keys.v[i], &val);
		if (!st)
			st = quoth_xdb_termfreq(w->articles, term, &n);
		/* "<mtime> <size> <ndocs> <path>" */
		char *p = val ? strchr(val, ' ') : NULL;
		p = p ? strchr(p + 1, ' ') : NULL;
		char *path = p ? strchr(p + 1, ' ') : NULL;
		if (!st && path) {
			size_t keep = (size_t)(p - val) + 1;
			char *nv = malloc(keep + strlen(path) + 16);
			if (nv) {
				sprintf(nv, "%.*s%u%s", (int)keep, val, n, path);
				st = quoth_xdb_set_metadata(w->articles, keys.v[i], nv);
				free(nv);
			}
		}
		free(val);
	}
	strvec_free(&keys);
	return st;
}

/* Merges database NAME of PARTS[0..N) into W's index, compacted.  On
 * failure *ERR (caller frees) may say why. */
static quoth_status_t merge_parts(quoth_writer_t *w, const char *name,
				  const char *const *parts, size_t n,
				  char **err)
{
	char dest[4200], live[4200];
	snprintf(dest, sizeof dest, "%s/.merge-%s", w->dir, name);
	snprintf(live, sizeof live, "%s/%s", w->dir, name);
	/* each part's databases: those roll() set aside, then its last */
	strvec_t srcs = {0};
	quoth_status_t st = QUOTH_OK;
	for (size_t i = 0; !st && i < n; i++) {
		char path[4300];
		struct stat sb;
		for (unsigned k = 1;; k++) {
			snprintf(path, sizeof path, "%s/%s.%u", parts[i], name, k);
			if (stat(path, &sb))
				break;
			if (strvec_push(&srcs, path))
				st = QUOTH_ERR_NOMEM;
		}
		snprintf(path, sizeof path, "%s/%s", parts[i], name);
		if (strvec_push(&srcs, path))
			st = QUOTH_ERR_NOMEM;
	}
	rm_tree(dest);
	if (!st)
		st = quoth_xdb_compact((const char *const *)srcs.v, srcs.n, dest,
				       err);
	strvec_free(&srcs);
	if (!st) {
		rm_tree(live);
		if (rename(dest, live)) {
			*err = strdup(strerror(errno));
			st = QUOTH_ERR_IO;
		}
	}
	return st;
}

quoth_status_t quoth_writer_adopt(quoth_writer_t *w, const char *const *parts,
				  size_t n)
{
	quoth_status_t st = commit(w);
	if (st)
		return st;
	quoth_xdb_close(w->articles);
	quoth_xdb_close(w->quotes);
	w->articles = w->quotes = NULL;
	/* The quotations merge in a child process while the articles merge
	 * here: the two take about as long as the articles alone. */
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		char *err = NULL;
		quoth_status_t cst = merge_parts(w, QUOTH_QUOTES_DB, parts, n, &err);
		if (cst)
			fprintf(stderr, "quoth: merging the parts' %s: %s\n",
				QUOTH_QUOTES_DB, err ? err : quoth_status_to_string(cst));
		_exit(cst ? 1 : 0);
	}
	char *merr = NULL;
	st = merge_parts(w, QUOTH_ARTICLES_DB, parts, n, &merr);
	if (st)
		fail(w, st, merr ? merr : "merging the parts failed");
	free(merr);
	if (pid < 0) {
		merr = NULL;
		quoth_status_t qst = merge_parts(w, QUOTH_QUOTES_DB, parts, n, &merr);
		if (qst && !st)
			st = fail(w, qst, merr ? merr : "merging the parts failed");
		free(merr);
	} else {
		int status = 0;
		if ((waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		     WEXITSTATUS(status)) && !st)
			st = fail(w, QUOTH_ERR_INTERNAL,
				  "merging the parts' quotations failed");
	}
	if (!st)
		st = reopen(w, 1);
	if (!st && refit_sources(w))
		st = dbfail(w, w->articles, QUOTH_ERR_INTERNAL);
	if (!st)
		st = commit(w);
	return st;
}

const quoth_index_stats_t *quoth_writer_stats(const quoth_writer_t *w)
{
	return &w->stats;
}

const char *quoth_writer_errmsg(const quoth_writer_t *w)
{
	return w->errmsg;
}

void quoth_writer_close(quoth_writer_t *w)
{
	if (!w)
		return;
	if (w->articles && w->quotes)
		commit(w);
	quoth_xdb_close(w->quotes);
	quoth_xdb_close(w->articles);
	for (size_t i = 0; i < w->nlangs; i++)
		quoth_analyzer_destroy(w->langs[i].a);
	free(w->spell.v);
	free(w->seen.v);
	if (w->lockfd > 0)
		close(w->lockfd);
	free(w->dir);
	free(w);
}
