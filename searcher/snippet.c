/*
 * snippet.c - choosing and marking a snippet (see snippet.h).
 *
 * The window is the one, among windows starting just before a match,
 * that holds the most distinct query words, then the most matches: a
 * snippet showing both "russia" and "sanctions" beats one showing
 * "russia" three times.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/search.h"
#include "quoth/snippet.h"

/* Text tokenized for highlighting stops here: a snippet from the first
 * 256 KiB of an article is as good as any. */
#define SCAN_LIMIT (256u << 10)
#define LEAD 60
/* Raw hits of a query word looked at, at most, before tokenizing around
 * them. */
#define MAX_SPOTS 64

typedef struct qword {
	char *term, *stem;
	int acronym, prefix;
	unsigned phrase;	/* 0, or the phrase (1, 2, ...) it belongs to */
	unsigned idx, plen;	/* its place in the phrase, the phrase's length */
} qword_t;

struct quoth_snippet_terms {
	qword_t *w;
	size_t n;
	unsigned nphrases;
};

typedef struct match {
	size_t start, end;
	size_t word;	/* index of the query word it matched */
	uint32_t pos;	/* token position, for phrases */
} match_t;

typedef struct scan {
	quoth_analyzer_t *a;
	const quoth_snippet_terms_t *t;
	match_t *m;
	size_t n, cap;
	int oom;
} scan_t;

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

quoth_snippet_terms_t *quoth_snippet_terms_new(void)
{
	return calloc(1, sizeof(quoth_snippet_terms_t));
}

static void add(quoth_snippet_terms_t *t, const char *term, const char *stem,
		int acronym, int prefix, unsigned phrase, unsigned idx,
		unsigned plen)
{
	qword_t *w = realloc(t->w, (t->n + 1) * sizeof *w);
	if (!w)
		return;
	t->w = w;
	w[t->n].term = strdup(term);
	w[t->n].stem = strdup(stem ? stem : term);
	w[t->n].acronym = acronym;
	w[t->n].prefix = prefix;
	w[t->n].phrase = phrase;
	w[t->n].idx = idx;
	w[t->n].plen = plen;
	if (!w[t->n].term || !w[t->n].stem) {
		free(w[t->n].term);
		free(w[t->n].stem);
		return;
	}
	t->n++;
}

void quoth_snippet_terms_add(quoth_snippet_terms_t *t, const char *term,
			     const char *stem, int acronym)
{
	add(t, term, stem, acronym, 0, 0, 0, 0);
}

void quoth_snippet_terms_add_phrase(quoth_snippet_terms_t *t,
				    const char *const *terms, const int *acronym,
				    size_t n)
{
	unsigned id = ++t->nphrases;
	for (size_t i = 0; i < n; i++)
		add(t, terms[i], terms[i], acronym[i], 0, id, (unsigned)i,
		    (unsigned)n);
}

void quoth_snippet_terms_add_prefix(quoth_snippet_terms_t *t,
				    const char *prefix)
{
	add(t, prefix, prefix, 0, 1, 0, 0, 0);
}

void quoth_snippet_terms_free(quoth_snippet_terms_t *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->w[i].term);
		free(t->w[i].stem);
	}
	free(t->w);
	free(t);
}

static int eq(const char *s, const char *p, size_t len)
{
	return strlen(s) == len && memcmp(s, p, len) == 0;
}

static int push(scan_t *s, const quoth_token_t *tok, size_t word)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		match_t *m = realloc(s->m, cap * sizeof *m);
		if (!m) {
			s->oom = 1;
			return 1;
		}
		s->m = m;
		s->cap = cap;
	}
	s->m[s->n++] = (match_t){tok->start, tok->end, word, tok->pos};
	return 0;
}

/* Whether TOK's stem is STEM.  Tokens come unstemmed, and a Snowball
 * stem starts with its word's first letter, so only the few tokens that
 * do are stemmed. */
static int stem_is(scan_t *s, const quoth_token_t *tok, const char *stem)
{
	const char *st;
	size_t len;
	if (tok->term[0] != stem[0] ||
	    quoth_analyzer_stem(s->a, tok->term, tok->term_len, &st, &len))
		return 0;
	return eq(stem, st, len);
}

/* Records every query word TOK matches: a plain word by its folded form
 * or stem, a phrase word by its exact folded form (whether the whole
 * phrase is there is decided once all tokens are seen). */
static int on_token(void *ctx, const quoth_token_t *tok)
{
	scan_t *s = ctx;
	if (tok->kind == QUOTH_TOKEN_JOINED)
		return 0;
	int plain = 0;
	for (size_t i = 0; i < s->t->n; i++) {
		const qword_t *w = &s->t->w[i];
		int hit;
		if (w->prefix)
			hit = tok->term_len >= strlen(w->term) &&
			      memcmp(tok->term, w->term, strlen(w->term)) == 0;
		else if (w->acronym)
			hit = tok->kind == QUOTH_TOKEN_ACRONYM &&
			      eq(w->term, tok->term, tok->term_len);
		else
			hit = tok->kind != QUOTH_TOKEN_ACRONYM &&
			      (eq(w->term, tok->term, tok->term_len) ||
			       (!w->phrase && stem_is(s, tok, w->stem)));
		if (!hit || (!w->phrase && plain))
			continue;
		/* an alias of a token already matched for this word */
		int dup = 0;
		for (size_t j = s->n; j-- > 0 && s->m[j].start == tok->start;)
			dup |= s->m[j].word == i;
		if (dup)
			continue;
		if (push(s, tok, i))
			return 1;
		plain |= !w->phrase;
	}
	return 0;
}

/* Keeps plain matches and the phrase matches that belong to a whole
 * occurrence of their phrase (consecutive positions, in order); one match
 * per token. */
static void confirm_phrases(scan_t *s)
{
	const qword_t *w = s->t->w;
	unsigned char *keep = calloc(s->n ? s->n : 1, 1);
	if (!keep) {
		s->oom = 1;
		return;
	}
	for (size_t i = 0; i < s->n; i++) {
		const qword_t *q = &w[s->m[i].word];
		if (!q->phrase) {
			keep[i] = 1;
			continue;
		}
		if (q->idx != 0)
			continue;
		/* look for words 1..plen-1 of this phrase at pos+1.. */
		size_t found[64] = {i};
		unsigned got = 1;
		for (size_t j = i + 1; j < s->n && got < q->plen && got < 64; j++) {
			const qword_t *r = &w[s->m[j].word];
			if (s->m[j].pos > s->m[i].pos + got)
				break;
			if (r->phrase == q->phrase && r->idx == got &&
			    s->m[j].pos == s->m[i].pos + got)
				found[got++] = j;
		}
		if (got == q->plen)
			for (unsigned k = 0; k < got; k++)
				keep[found[k]] = 1;
	}
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i] || (n && s->m[n - 1].start == s->m[i].start))
			continue;
		match_t m = s->m[i];
		/* a phrase counts as one word when choosing the window */
		if (w[m.word].phrase)
			m.word -= w[m.word].idx;
		s->m[n++] = m;
	}
	s->n = n;
	free(keep);
}

/* Start of the window: LEAD bytes before the first match, moved forward to
 * the start of a word. */
static size_t window_start(const char *text, size_t at)
{
	if (at <= LEAD)
		return 0;
	size_t s = at - LEAD;
	while (s < at && text[s] != ' ' && text[s] != '\n')
		s++;
	return s < at ? s + 1 : at;
}

/* Tokenizing a whole article to find a few words is most of a search's
 * work.  So the best window is first chosen from raw hits of each query
 * word, found ASCII case-insensitively, and only that window is
 * tokenized.  The raw form looked for is what the word and its stem begin
 * with ("cit" for city, stemmed "citi"), which the word's other forms
 * ("cities") mostly begin with too.  When a word has no raw hit (its
 * surface form differs: "détente" for detente), or the window holds no
 * real match, the whole text is tokenized instead, so nothing that
 * matched is missed. */
/* The first byte in [P, END) that is C, or its capital. */
static const char *next_initial(const char *p, const char *end, char c)
{
	if (p >= end)
		return NULL;
	const char *lower = memchr(p, c, (size_t)(end - p));
	if (c < 'a' || c > 'z')
		return lower;
	const char *upper = memchr(p, c - 'a' + 'A',
				   (size_t)((lower ? lower : end) - p));
	return upper ? upper : lower;
}

/* What word W is looked for as in the raw text, into BUF: the words of
 * its phrase joined by spaces (for its first word; nothing for the
 * others), or what the word and its stem begin with.  The length, 0 for
 * nothing, or -1 when it cannot be looked for: too short, too long, or not
 * ASCII. */
static long raw_form(const quoth_snippet_terms_t *t, size_t w, char *buf,
		     size_t size)
{
	const qword_t *q = &t->w[w];
	size_t n = 0;
	if (q->phrase) {
		if (q->idx)
			return 0;
		for (size_t i = w; i < w + q->plen; i++) {
			size_t l = strlen(t->w[i].term);
			if (n + l + 1 > size)
				return -1;
			if (i > w)
				buf[n++] = ' ';
			memcpy(buf + n, t->w[i].term, l);
			n += l;
		}
	} else {
		/* a prefix is its own stem (quoth_snippet_terms_add_prefix) */
		while (q->term[n] && n < size && q->term[n] == q->stem[n]) {
			buf[n] = q->term[n];
			n++;
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] >= 0x80)
			return -1;
	return n < 2 ? -1 : (long)n;
}

/* Raw hits, as matches; 0 means "tokenize everything". */
static size_t find_spots(const quoth_snippet_terms_t *t, const char *text,
			 size_t len, match_t *spot)
{
	size_t n = 0;
	for (size_t w = 0; w < t->n; w++) {
		char needle[256];
		long got = raw_form(t, w, needle, sizeof needle);
		if (got < 0)
			return 0;
		size_t nl = (size_t)got, found = 0;
		if (!nl)
			continue;
		if (nl > len)
			return 0;
		const char *p = text, *end = text + len - nl + 1;
		while (found < MAX_SPOTS / 4 && n < MAX_SPOTS &&
		       (p = next_initial(p, end, needle[0]))) {
			size_t k = 1;
			while (k < nl && (p[k] | 0x20) == needle[k])
				k++;
			if (k < nl) {
				p++;
				continue;
			}
			size_t i = (size_t)(p - text);
			spot[n++] = (match_t){i, i + nl, w, 0};
			found++;
			p += nl;
		}
		if (!found)
			return 0;
	}
	return n;
}

static int cmp_start(const void *a, const void *b)
{
	const match_t *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The match that best starts a window of WIDTH bytes: the one whose window
 * holds the most distinct query words, then the most matches.  M is in
 * text order. */
static size_t best_window(const char *text, const match_t *m, size_t n,
			  size_t width)
{
	size_t best = 0, best_distinct = 0, best_total = 0;
	for (size_t i = 0; i < n; i++) {
		size_t from = window_start(text, m[i].start);
		unsigned char seen[64] = {0};
		size_t distinct = 0, total = 0;
		for (size_t j = i; j < n && m[j].end <= from + width; j++) {
			if (!seen[m[j].word % 64]++)
				distinct++;
			total++;
		}
		if (distinct > best_distinct ||
		    (distinct == best_distinct && total > best_total)) {
			best = i;
			best_distinct = distinct;
			best_total = total;
		}
	}
	return best;
}

typedef struct region_scan {
	scan_t *s;
	size_t base;
} region_scan_t;

static int on_region_token(void *ctx, const quoth_token_t *tok)
{
	region_scan_t *r = ctx;
	quoth_token_t t = *tok;
	t.start += r->base;
	t.end += r->base;
	return on_token(r->s, &t);
}

/* Tokenizes TEXT[0..LEN) into S's matches, phrases confirmed. */
static void scan(scan_t *s, const char *text, size_t len, size_t base)
{
	region_scan_t r = {s, base};
	quoth_analyzer_tokenize(s->a, QUOTH_ANALYZE_UNSTEMMED, text, len, 0,
				on_region_token, &r);
	if (s->t->nphrases && !s->oom)
		confirm_phrases(s);
}

/* S's matches in TEXT[0..LEN): those of the best window, or of all of
 * it. */
static void scan_text(scan_t *s, const char *text, size_t len, size_t width)
{
	match_t spot[MAX_SPOTS];
	size_t n = find_spots(s->t, text, len, spot);
	if (n) {
		qsort(spot, n, sizeof *spot, cmp_start);
		size_t at = spot[best_window(text, spot, n, width)].start;
		/* the window, which starts at most LEAD bytes before AT */
		size_t from = at > LEAD ? at - LEAD : 0;
		size_t to = at + width < len ? at + width : len;
		while (from > 0 && !is_space(text[from - 1]))
			from--;
		while (to < len && !is_space(text[to]))
			to++;
		scan(s, text + from, to - from, from);
		if (s->n || s->oom)
			return;
		/* the raw hits were parts of other words, or of no phrase */
	}
	scan(s, text, len, 0);
}

char *quoth_snippet_make(quoth_analyzer_t *a, const quoth_snippet_terms_t *t,
			 const char *text, size_t len, size_t width)
{
	scan_t s = {.a = a, .t = t};
	size_t limit = len < SCAN_LIMIT ? len : SCAN_LIMIT;
	if (t->n)
		scan_text(&s, text, limit, width);
	if (s.oom) {
		free(s.m);
		return NULL;
	}

	/* The best window. */
	size_t best = best_window(text, s.m, s.n, width);
	size_t from = s.n ? window_start(text, s.m[best].start) : 0;
	while (from < len && is_space(text[from]))
		from++;
	size_t to = from + width < len ? from + width : len;
	/* End on a word boundary, never inside a UTF-8 sequence. */
	if (to < len) {
		size_t e = to;
		while (e > from && !is_space(text[e]))
			e--;
		to = e > from ? e : to;
		while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
			to++;
	}

	char *out = malloc((to - from) + 2 * s.n + 16), *w = out;
	if (!out) {
		free(s.m);
		return NULL;
	}
	if (from > 0) {
		memcpy(w, "\xe2\x80\xa6", 3);
		w += 3;
	}
	size_t mi = 0;
	while (mi < s.n && s.m[mi].start < from)
		mi++;
	int space = 0;
	for (size_t i = from; i < to; i++) {
		if (mi < s.n && i == s.m[mi].start && s.m[mi].end <= to)
			*w++ = QUOTH_HL_ON;
		if (is_space(text[i])) {
			space = 1;
		} else {
			if (space && w > out && w[-1] != QUOTH_HL_ON)
				*w++ = ' ';
			else if (space && w - 1 > out) {
				/* keep the space outside the mark */
				w[-1] = ' ';
				*w++ = QUOTH_HL_ON;
			}
			space = 0;
			*w++ = text[i];
		}
		if (mi < s.n && i + 1 == s.m[mi].end && s.m[mi].start >= from) {
			*w++ = QUOTH_HL_OFF;
			mi++;
		}
	}
	if (to < len) {
		memcpy(w, "\xe2\x80\xa6", 3);
		w += 3;
	}
	*w = '\0';
	free(s.m);
	return out;
}
