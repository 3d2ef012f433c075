/*
 * query.c - the query parser: a hand-written lexer and recursive-descent
 * parser over the UTF-8 query string (grammar in include/quoth/query.h).
 *
 * The lexer cuts the whole string into tokens first; a lexical error
 * (unclosed quote, bad NEAR/n) becomes an ERR token that stops the lexer, and
 * the parser reports it only when it reaches it, so that the error reported
 * is always the first one in reading order.  The parser keeps the first error
 * (FTS5's sqlite3Fts5ParseError) and unwinds, freeing what it built.
 *
 * Every function returning a node returns an owned subtree, or NULL either
 * because the text analyzed to nothing (dropped, p->st still QUOTH_OK) or
 * because of an error (p->st set).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/query.h"

#define MAX_DEPTH 100		/* parentheses + NOTs; keeps the stack small */
#define MAX_WINDOW 1000		/* NEAR/n upper bound */
#define DEFAULT_WINDOW 10

enum ttype {
	T_EOF, T_ERR, T_LP, T_RP, T_WORD, T_PHRASE, T_FIELD,
	T_AND, T_OR, T_NOT, T_MINUS, T_NEAR
};

struct tok {
	enum ttype type;
	size_t off;		/* byte offset of the token's first byte */
	size_t vs, ve;		/* WORD: text; PHRASE: inside the quotes;
				 * FIELD: the value (quotes removed) */
	int field;		/* FIELD: index into fields[] */
	unsigned window;	/* NEAR */
};

static const char *const fields[] = {
	"outlet", "speaker", "author", "title", "date"
};
enum { F_TITLE = 3, F_DATE = 4 };

struct parser {
	quoth_analyzer_t *a;
	const char *q;
	size_t len;
	quoth_qdefault_t def;
	struct tok *toks;
	size_t ntoks, cap, i;
	int depth;
	quoth_status_t st;
	char *msg;		/* first error */
	size_t eoff;		/* its byte offset */
	char lexmsg[128];	/* the ERR token's message */
};

/* ---- errors ---- */

static void fail(struct parser *p, size_t off, const char *fmt, ...)
{
	if (p->st)
		return;
	p->st = QUOTH_ERR_QUERY;
	p->eoff = off;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&p->msg, fmt, ap) < 0) {
		p->msg = NULL;
		p->st = QUOTH_ERR_NOMEM;
	}
	va_end(ap);
}

static void nomem(struct parser *p)
{
	if (!p->st)
		p->st = QUOTH_ERR_NOMEM;
}

/* ---- nodes ---- */

static quoth_qnode_t *node(struct parser *p, quoth_qtype_t type, size_t off)
{
	quoth_qnode_t *n = calloc(1, sizeof *n);
	if (!n) {
		nomem(p);
		return NULL;
	}
	n->type = type;
	n->offset = off;
	return n;
}

void quoth_qnode_destroy(quoth_qnode_t *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		quoth_qnode_destroy(n->kids[i]);
	free(n->kids);
	free(n->term);
	free(n->stem);
	free(n->field);
	free(n->value);
	free(n);
}

static int push(struct parser *p, quoth_qnode_t *n, quoth_qnode_t *kid)
{
	quoth_qnode_t **k = realloc(n->kids, (n->nkids + 1) * sizeof *k);
	if (!k) {
		nomem(p);
		return -1;
	}
	n->kids = k;
	n->kids[n->nkids++] = kid;
	return 0;
}

/* Appends KID to N, taking it over (freed on failure).  A kid of the same
 * boolean type as N is flattened into it: (AND a (AND b c)) = (AND a b c). */
static int adopt(struct parser *p, quoth_qnode_t *n, quoth_qnode_t *kid)
{
	if (kid->type == n->type &&
	    (n->type == QUOTH_QN_AND || n->type == QUOTH_QN_OR)) {
		size_t i;
		for (i = 0; i < kid->nkids; i++)
			if (push(p, n, kid->kids[i]))
				break;
		if (i < kid->nkids) {
			/* the pushed ones belong to N now */
			for (size_t j = 0; j < i; j++)
				kid->kids[j] = NULL;
			quoth_qnode_destroy(kid);
			return -1;
		}
		kid->nkids = 0;
		quoth_qnode_destroy(kid);
		return 0;
	}
	if (push(p, n, kid)) {
		quoth_qnode_destroy(kid);
		return -1;
	}
	return 0;
}

/* L TYPE R, flattened; a NULL side (dropped) yields the other.  Takes both. */
static quoth_qnode_t *join(struct parser *p, quoth_qtype_t type,
			   quoth_qnode_t *l, quoth_qnode_t *r)
{
	if (!l)
		return r;
	if (!r)
		return l;
	quoth_qnode_t *n = l;
	if (l->type != type) {
		n = node(p, type, l->offset);
		if (!n || adopt(p, n, l)) {
			if (!n)
				quoth_qnode_destroy(l);
			quoth_qnode_destroy(n);
			quoth_qnode_destroy(r);
			return NULL;
		}
	}
	if (adopt(p, n, r)) {
		quoth_qnode_destroy(n);
		return NULL;
	}
	return n;
}

/* ---- lexer ---- */

/* Byte length of the double quote starting S: " “ ” „ ‟ (all alike). */
static size_t dq_len(const char *s, size_t rem)
{
	const unsigned char *u = (const unsigned char *)s;
	if (rem >= 1 && u[0] == '"')
		return 1;
	if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    u[2] >= 0x9C && u[2] <= 0x9F)
		return 3;
	return 0;
}

/* Byte length of the white space starting S: ASCII, NBSP, U+2000..200A,
 * U+202F, U+3000. */
static size_t space_len(const char *s, size_t rem)
{
	const unsigned char *u = (const unsigned char *)s;
	if (rem >= 1 && (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r')))
		return 1;
	if (rem >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] <= 0x8A || u[2] == 0xAF))
		return 3;
	if (rem >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

static int ends_word(struct parser *p, size_t i)
{
	return i >= p->len || p->q[i] == '(' || p->q[i] == ')' ||
	       space_len(p->q + i, p->len - i) || dq_len(p->q + i, p->len - i);
}

static struct tok *emit(struct parser *p, enum ttype type, size_t off)
{
	if (p->ntoks == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct tok *t = realloc(p->toks, cap * sizeof *t);
		if (!t) {
			nomem(p);
			return NULL;
		}
		p->toks = t;
		p->cap = cap;
	}
	struct tok *t = &p->toks[p->ntoks++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->off = off;
	return t;
}

/* Emits the ERR token that stops the lexer. */
static void lex_error(struct parser *p, size_t off, const char *msg)
{
	snprintf(p->lexmsg, sizeof p->lexmsg, "%s", msg);
	emit(p, T_ERR, off);
}

/* Lexes the quoted text whose opening quote is at I; sets *VS and *VE to the
 * inside and returns the offset after the closing quote, or 0 (ERR token
 * emitted) if the quote is never closed. */
static size_t lex_quoted(struct parser *p, size_t i, size_t *vs, size_t *ve)
{
	size_t j = i + dq_len(p->q + i, p->len - i);
	*vs = j;
	for (; j < p->len; j++) {
		size_t n = dq_len(p->q + j, p->len - j);
		if (n) {
			*ve = j;
			return j + n;
		}
	}
	lex_error(p, i, "unclosed quote");
	return 0;
}

static int is_word(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* Lexes the word q[S..E) (an operator, a field or a plain word); returns
 * the offset where lexing goes on, or 0 after an ERR token. */
static size_t lex_word(struct parser *p, size_t s, size_t e)
{
	const char *w = p->q + s;
	size_t n = e - s;
	struct tok *t;

	if (is_word(w, n, "AND") || is_word(w, n, "OR") ||
	    is_word(w, n, "NOT") || is_word(w, n, "NEAR")) {
		enum ttype ty = w[0] == 'A' ? T_AND : w[0] == 'O' ? T_OR :
				w[1] == 'O' ? T_NOT : T_NEAR;
		if (!(t = emit(p, ty, s)))
			return 0;
		t->window = DEFAULT_WINDOW;
		return e;
	}
	if (n > 5 && memcmp(w, "NEAR/", 5) == 0) {
		unsigned long v = 0;
		for (size_t i = 5; i < n; i++) {
			if (w[i] < '0' || w[i] > '9') {
				lex_error(p, s, "expected a number after NEAR/");
				return 0;
			}
			if (v <= MAX_WINDOW)
				v = v * 10 + (unsigned long)(w[i] - '0');
		}
		if (v < 1 || v > MAX_WINDOW) {
			lex_error(p, s, "NEAR distance must be from 1 to 1000");
			return 0;
		}
		if (!(t = emit(p, T_NEAR, s)))
			return 0;
		t->window = (unsigned)v;
		return e;
	}
	if (n == 5 && memcmp(w, "NEAR/", 5) == 0) {
		lex_error(p, s, "expected a number after NEAR/");
		return 0;
	}

	const char *colon = memchr(w, ':', n);
	if (colon) {
		size_t fl = (size_t)(colon - w);
		for (int f = 0; f < (int)(sizeof fields / sizeof *fields); f++) {
			if (fl != strlen(fields[f]) ||
			    strncasecmp(w, fields[f], fl) != 0)
				continue;
			/* the value: the rest of the word, else a quoted
			 * phrase right after the colon, else empty (an error
			 * the parser reports in its turn) */
			size_t vs = s + fl + 1, ve = e, next = e;
			if (vs == e && e < p->len &&
			    dq_len(p->q + e, p->len - e) &&
			    !(next = lex_quoted(p, e, &vs, &ve)))
				return 0;
			if (!(t = emit(p, T_FIELD, s)))
				return 0;
			t->field = f;
			t->vs = vs;
			t->ve = ve;
			return next;
		}
	}
	if (!(t = emit(p, T_WORD, s)))
		return 0;
	t->vs = s;
	t->ve = e;
	return e;
}

static void lex(struct parser *p)
{
	size_t i = 0;
	while (i < p->len) {
		size_t n = space_len(p->q + i, p->len - i);
		if (n) {
			i += n;
			continue;
		}
		char c = p->q[i];
		if (c == '(' || c == ')') {
			if (!emit(p, c == '(' ? T_LP : T_RP, i))
				return;
			i++;
		} else if (dq_len(p->q + i, p->len - i)) {
			size_t vs, ve, next = lex_quoted(p, i, &vs, &ve);
			if (!next)
				return;
			struct tok *t = emit(p, T_PHRASE, i);
			if (!t)
				return;
			t->vs = vs;
			t->ve = ve;
			i = next;
		} else if (c == '-' && i + 1 < p->len && p->q[i + 1] != ')' &&
			   !space_len(p->q + i + 1, p->len - i - 1)) {
			/* '-' negates only at the start of a term: "Minsk-2"
			 * is one word, "-" alone is punctuation. */
			if (!emit(p, T_MINUS, i))
				return;
			i++;
		} else {
			size_t e = i + 1;
			while (!ends_word(p, e))
				e++;
			if (!(i = lex_word(p, i, e)))
				return;
		}
	}
	emit(p, T_EOF, p->len);
}

/* ---- analysis ---- */

struct atok {
	char *term, *stem;
	quoth_token_kind_t kind;
	unsigned flags;
	uint32_t pos;
	size_t start;
};

struct alist {
	struct atok *v;
	size_t n, cap;
	int nomem;
};

static int collect(void *ctx, const quoth_token_t *tok)
{
	struct alist *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct atok *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			goto oom;
		l->v = v;
		l->cap = cap;
	}
	struct atok *t = &l->v[l->n];
	t->term = strndup(tok->term, tok->term_len);
	t->stem = strndup(tok->stem, tok->stem_len);
	if (!t->term || !t->stem) {
		free(t->term);
		free(t->stem);
		goto oom;
	}
	t->kind = tok->kind;
	t->flags = tok->flags;
	t->pos = tok->pos;
	t->start = tok->start;
	l->n++;
	return 0;
oom:
	l->nomem = 1;
	return 1;
}

static void alist_free(struct alist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].term);
		free(l->v[i].stem);
	}
	free(l->v);
}

/* Analyzes q[S..E) in QUERY mode into L. */
static int analyze(struct parser *p, size_t s, size_t e, struct alist *l)
{
	memset(l, 0, sizeof *l);
	quoth_status_t st = quoth_analyzer_tokenize(p->a, QUOTH_ANALYZE_QUERY,
						    p->q + s, e - s, 0,
						    collect, l);
	if (l->nomem && !st)
		st = QUOTH_ERR_NOMEM;
	if (st) {
		if (!p->st)
			p->st = st;
		alist_free(l);
		return -1;
	}
	return 0;
}

/* A WORD node for T, taking over its strings. */
static quoth_qnode_t *word(struct parser *p, struct atok *t, size_t base)
{
	quoth_qnode_t *n = node(p, QUOTH_QN_WORD, base + t->start);
	if (!n)
		return NULL;
	n->term = t->term;
	n->stem = t->stem;
	n->kind = t->kind;
	t->term = t->stem = NULL;
	return n;
}

/* Builds the nodes of analyzed text at BASE.  In phrase mode: one WORD per
 * token, hyphen parts in order and the JOINED aliases dropped, all in a
 * PHRASE.  Otherwise (one unquoted word): a hyphenated run becomes
 * OR(PHRASE(parts), WORD joined); a single result is returned as it is,
 * several fall back to phrase mode.  NULL when L is empty. */
static quoth_qnode_t *build(struct parser *p, struct alist *l, size_t base,
			    int phrase, size_t off)
{
	quoth_qnode_t **seq = calloc(l->n + 1, sizeof *seq);
	uint32_t *pos = calloc(l->n + 1, sizeof *pos);
	quoth_qnode_t *res = NULL;
	size_t n = 0;

	if (!seq || !pos) {
		nomem(p);
		goto out;
	}
	for (size_t i = 0; i < l->n; i++) {
		struct atok *t = &l->v[i];
		if (t->kind == QUOTH_TOKEN_JOINED) {
			if (phrase)
				continue;
			size_t k = n;
			while (k > 0 && pos[k - 1] >= t->pos)
				k--;
			quoth_qnode_t *j = word(p, t, base);
			if (!j)
				goto out;
			if (k == n) {
				seq[n] = j;
				pos[n++] = t->pos;
				continue;
			}
			quoth_qnode_t *ph = node(p, QUOTH_QN_PHRASE,
						 seq[k]->offset);
			if (!ph) {
				quoth_qnode_destroy(j);
				goto out;
			}
			for (size_t m = k; m < n && !p->st; m++)
				if (!push(p, ph, seq[m]))
					seq[m] = NULL;
			if (p->st) {
				quoth_qnode_destroy(ph);
				quoth_qnode_destroy(j);
				goto out;
			}
			n = k;
			seq[n] = join(p, QUOTH_QN_OR, ph, j);
			if (!seq[n])
				goto out;
			pos[n++] = t->pos;
		} else if ((t->flags & QUOTH_TOKEN_ALIAS) && n > 0) {
			if (phrase)
				continue;
			quoth_qnode_t *w = word(p, t, base);
			if (!w)
				goto out;
			seq[n - 1] = join(p, QUOTH_QN_OR, seq[n - 1], w);
			if (!seq[n - 1])
				goto out;
		} else {
			if (!(seq[n] = word(p, t, base)))
				goto out;
			pos[n++] = t->pos;
		}
	}
	if (n == 0)
		goto out;
	if (!phrase && n == 1) {
		res = seq[0];
		seq[0] = NULL;
		goto out;
	}
	if (!phrase) {
		/* several words in one: "U.S./Russia" -> a phrase.  The
		 * strings were handed to SEQ; analysis is cheap, redo it. */
		for (size_t i = 0; i < n; i++)
			quoth_qnode_destroy(seq[i]);
		n = 0;
		free(seq);
		free(pos);
		return NULL;	/* caller retries in phrase mode */
	}
	res = node(p, QUOTH_QN_PHRASE, off);
	if (!res)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int r = push(p, res, seq[i]);
		if (r)
			break;
		seq[i] = NULL;
	}
	if (p->st) {
		quoth_qnode_destroy(res);
		res = NULL;
	}
out:
	if (seq)
		for (size_t i = 0; i < n; i++)
			quoth_qnode_destroy(seq[i]);
	free(seq);
	free(pos);
	return res;
}

/* Nodes for the text q[S..E): a phrase (PHRASE) or one word (see build). */
static quoth_qnode_t *text_node(struct parser *p, size_t s, size_t e,
				int phrase, size_t off)
{
	struct alist l;
	if (analyze(p, s, e, &l))
		return NULL;
	size_t ntok = l.n;
	quoth_qnode_t *n = build(p, &l, s, phrase, off);
	alist_free(&l);
	if (!n && !p->st && !phrase && ntok > 0) {
		if (analyze(p, s, e, &l))
			return NULL;
		n = build(p, &l, s, 1, off);
		alist_free(&l);
	}
	return n;
}

static size_t nchars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* PREFIX node for q[S..E) without its trailing stars. */
static quoth_qnode_t *prefix_node(struct parser *p, size_t s, size_t e,
				  size_t off)
{
	struct alist l;
	if (analyze(p, s, e, &l))
		return NULL;
	/* One word, or one hyphenated run (its JOINED alias: "al-ass*" ->
	 * "alass"); anything else is several words. */
	const char *term = NULL;
	size_t words = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].kind == QUOTH_TOKEN_JOINED) {
			if (l.v[i].pos == l.v[0].pos && i + 1 == l.n) {
				term = l.v[i].term;
				words = 1;
			}
		} else if (!(l.v[i].flags & QUOTH_TOKEN_ALIAS)) {
			words++;
			term = l.v[i].term;
		}
	}
	quoth_qnode_t *n = NULL;
	if (words > 1)
		fail(p, off, "a prefix must be a single word");
	else if (!term || nchars(term) < 2)
		fail(p, off, "prefix too short: give at least 2 characters "
			     "before '*'");
	else if ((n = node(p, QUOTH_QN_PREFIX, off)) &&
		 !(n->term = strdup(term))) {
		nomem(p);
		free(n);
		n = NULL;
	}
	alist_free(&l);
	return n;
}

/* ---- dates ---- */

int quoth_days_in_month(int year, int month)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : d[month - 1];
}

static int digits(const char *s, size_t n, size_t min, size_t max, int *v)
{
	if (n < min || n > max)
		return -1;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Parses YYYY, YYYY-MM or YYYY-MM-DD at q[S..E) into its first day FROM and
 * last day TO; fails with the column of S. */
static int parse_day(struct parser *p, size_t s, size_t e, char *from,
		     char *to)
{
	const char *d = p->q + s;
	size_t n = e - s;
	const char *dash1 = memchr(d, '-', n);
	const char *dash2 = dash1 ? memchr(dash1 + 1, '-',
					   n - (size_t)(dash1 + 1 - d)) : NULL;
	size_t yl = dash1 ? (size_t)(dash1 - d) : n;
	int y, m = 0, dd = 0;

	if (digits(d, yl, 4, 4, &y) ||
	    (dash1 && digits(dash1 + 1, (size_t)((dash2 ? dash2 : d + n) -
						  dash1 - 1), 1, 2, &m)) ||
	    (dash2 && digits(dash2 + 1, (size_t)(d + n - dash2 - 1), 1, 2,
			     &dd))) {
		fail(p, s, "invalid date \"%.*s\": expected YYYY, YYYY-MM or "
			   "YYYY-MM-DD", (int)n, d);
		return -1;
	}
	if (y < 1) {
		fail(p, s, "invalid date \"%.*s\": no year 0", (int)n, d);
		return -1;
	}
	if (dash1 && (m < 1 || m > 12)) {
		fail(p, s, "invalid date \"%.*s\": month must be 1 to 12",
		     (int)n, d);
		return -1;
	}
	if (dash2 && (dd < 1 || dd > quoth_days_in_month(y, m))) {
		fail(p, s, "invalid date \"%.*s\": no such day in that month",
		     (int)n, d);
		return -1;
	}
	/* (unsigned) % keeps -Wformat-truncation sure of the width */
	if (from)
		snprintf(from, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
			 (unsigned)(m ? m : 1) % 100u,
			 (unsigned)(dd ? dd : 1) % 100u);
	if (to) {
		int last = dd ? dd : quoth_days_in_month(y, m ? m : 12);
		snprintf(to, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
			 (unsigned)(m ? m : 12) % 100u, (unsigned)last % 100u);
	}
	return 0;
}

/* date:D, date:A..B, date:..B, date:A.. at q[S..E). */
static quoth_qnode_t *date_node(struct parser *p, size_t s, size_t e,
				size_t off)
{
	quoth_qnode_t *n = node(p, QUOTH_QN_DATE, off);
	if (!n)
		return NULL;
	const char *v = p->q + s;
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < e - s; i++)
		if (v[i] == '.' && v[i + 1] == '.') {
			dots = v + i;
			break;
		}
	int bad;
	if (!dots) {
		bad = parse_day(p, s, e, n->from, n->to);
	} else {
		size_t m = s + (size_t)(dots - v);
		if (m == s && m + 2 == e) {
			fail(p, s, "date range needs at least one end");
			bad = 1;
		} else {
			bad = (m > s && parse_day(p, s, m, n->from, NULL)) ||
			      (m + 2 < e &&
			       parse_day(p, m + 2, e, NULL, n->to));
		}
	}
	if (!bad && n->from[0] && n->to[0] && strcmp(n->from, n->to) > 0) {
		fail(p, s, "date range ends before it starts");
		bad = 1;
	}
	if (bad) {
		quoth_qnode_destroy(n);
		return NULL;
	}
	return n;
}

/* ---- parser ---- */

static struct tok *peek(struct parser *p)
{
	return &p->toks[p->i];
}

static int starts_operand(enum ttype t)
{
	return t == T_LP || t == T_WORD || t == T_PHRASE || t == T_FIELD ||
	       t == T_NOT || t == T_MINUS || t == T_ERR;
}

static const char *opname(enum ttype t)
{
	switch (t) {
	case T_AND: return "AND";
	case T_OR: return "OR";
	case T_NOT: return "NOT";
	default: return "NEAR";
	}
}

static quoth_qnode_t *parse_or(struct parser *p);

static quoth_qnode_t *field_node(struct parser *p, struct tok *t)
{
	const char *name = fields[t->field];
	if (t->vs == t->ve && t->vs < p->len && p->q[t->vs] == '(') {
		fail(p, t->off, "%s: takes a word or a quoted phrase, not a "
				"group: write (%s:a OR %s:b)", name, name, name);
		return NULL;
	}
	if (t->vs == t->ve) {
		fail(p, t->off, "empty value for %s:", name);
		return NULL;
	}
	if (t->field == F_DATE)
		return date_node(p, t->vs, t->ve, t->off);
	quoth_qnode_t *n = node(p, QUOTH_QN_FIELD, t->off);
	if (!n)
		return NULL;
	n->field = strdup(name);
	n->value = strndup(p->q + t->vs, t->ve - t->vs);
	if (!n->field || !n->value) {
		nomem(p);
		quoth_qnode_destroy(n);
		return NULL;
	}
	if (t->field == F_TITLE) {
		quoth_qnode_t *ph = text_node(p, t->vs, t->ve, 1, t->vs);
		if (!ph) {	/* error, or a title of punctuation: dropped */
			quoth_qnode_destroy(n);
			return NULL;
		}
		/* the phrase's words become the field's kids */
		n->kids = ph->kids;
		n->nkids = ph->nkids;
		ph->kids = NULL;
		ph->nkids = 0;
		quoth_qnode_destroy(ph);
	}
	return n;
}

static quoth_qnode_t *parse_primary(struct parser *p)
{
	struct tok *t = peek(p);
	size_t off = t->off;

	switch (t->type) {
	case T_ERR:
		fail(p, off, "%s", p->lexmsg);
		return NULL;
	case T_LP: {
		p->i++;
		if (peek(p)->type == T_RP) {
			fail(p, off, "empty parentheses");
			return NULL;
		}
		quoth_qnode_t *n = parse_or(p);
		if (p->st)
			return NULL;
		t = peek(p);
		if (t->type == T_ERR) {
			fail(p, t->off, "%s", p->lexmsg);
		} else if (t->type != T_RP) {
			fail(p, off, "unclosed '('");
		} else {
			p->i++;
			return n;
		}
		quoth_qnode_destroy(n);
		return NULL;
	}
	case T_WORD: {
		p->i++;
		size_t e = t->ve;
		while (e > t->vs && p->q[e - 1] == '*')
			e--;
		if (e < t->ve)
			return prefix_node(p, t->vs, e, off);
		return text_node(p, t->vs, t->ve, 0, off);
	}
	case T_PHRASE:
		p->i++;
		return text_node(p, t->vs, t->ve, 1, off);
	case T_FIELD:
		p->i++;
		return field_node(p, t);
	case T_AND:
	case T_OR:
	case T_NEAR:
		fail(p, off, "missing term before %s", opname(t->type));
		return NULL;
	case T_NOT:
	case T_MINUS:
		fail(p, off, "NEAR applies to words and phrases only");
		return NULL;
	case T_RP:
		fail(p, off, "unbalanced ')'");
		return NULL;
	case T_EOF:
		break;
	}
	fail(p, off, "empty query");
	return NULL;
}

/* The WORD or PHRASE NEAR works on, from N (taken), or NULL with an error:
 * a hyphenated word gives its phrase of parts. */
static quoth_qnode_t *near_operand(struct parser *p, quoth_qnode_t *n)
{
	if (n->type == QUOTH_QN_WORD || n->type == QUOTH_QN_PHRASE)
		return n;
	if (n->type == QUOTH_QN_OR && n->nkids == 2 &&
	    n->kids[0]->type == QUOTH_QN_PHRASE &&
	    n->kids[1]->type == QUOTH_QN_WORD &&
	    n->kids[1]->kind == QUOTH_TOKEN_JOINED) {
		quoth_qnode_t *ph = n->kids[0];
		n->kids[0] = NULL;
		quoth_qnode_destroy(n);
		return ph;
	}
	fail(p, n->offset, "NEAR applies to words and phrases only");
	quoth_qnode_destroy(n);
	return NULL;
}

static quoth_qnode_t *parse_near(struct parser *p)
{
	quoth_qnode_t *l = parse_primary(p);
	while (!p->st && peek(p)->type == T_NEAR) {
		struct tok *t = peek(p);
		size_t off = t->off;
		unsigned window = t->window;
		p->i++;
		if (!starts_operand(peek(p)->type)) {
			fail(p, off, "missing term after NEAR");
			break;
		}
		quoth_qnode_t *r = parse_primary(p);
		if (p->st)
			break;
		if (!l || !r) {	/* a side analyzed to nothing */
			l = l ? l : r;
			continue;
		}
		if (l->type != QUOTH_QN_NEAR) {
			if (!(l = near_operand(p, l))) {
				quoth_qnode_destroy(r);
				break;
			}
		} else if (l->window != window) {
			fail(p, off, "NEAR distances differ within one chain");
			quoth_qnode_destroy(r);
			break;
		}
		if (!(r = near_operand(p, r)))
			break;
		if (l->type != QUOTH_QN_NEAR) {
			quoth_qnode_t *n = node(p, QUOTH_QN_NEAR, l->offset);
			if (!n || push(p, n, l)) {
				quoth_qnode_destroy(n);
				quoth_qnode_destroy(r);
				break;
			}
			n->window = window;
			l = n;
		}
		if (push(p, l, r)) {
			quoth_qnode_destroy(r);
			break;
		}
	}
	if (p->st) {
		quoth_qnode_destroy(l);
		return NULL;
	}
	return l;
}

static quoth_qnode_t *parse_unary(struct parser *p)
{
	struct tok *t = peek(p);
	if (t->type != T_NOT && t->type != T_MINUS)
		return parse_near(p);

	size_t off = t->off;
	if (++p->depth > MAX_DEPTH) {
		fail(p, off, "query nested too deeply");
		return NULL;
	}
	p->i++;
	quoth_qnode_t *kid = NULL;
	if (!starts_operand(peek(p)->type))
		fail(p, off, "missing term after %s",
		     t->type == T_NOT ? "NOT" : "'-'");
	else
		kid = parse_unary(p);
	p->depth--;
	if (!kid)
		return NULL;
	if (kid->type == QUOTH_QN_NOT) {	/* NOT NOT a = a */
		quoth_qnode_t *n = kid->kids[0];
		kid->nkids = 0;
		quoth_qnode_destroy(kid);
		return n;
	}
	quoth_qnode_t *n = node(p, QUOTH_QN_NOT, off);
	if (!n || push(p, n, kid)) {
		quoth_qnode_destroy(kid);
		free(n);
		return NULL;
	}
	return n;
}

/* and := unary (("AND" | implicit when the default is AND) unary)* */
static quoth_qnode_t *parse_and(struct parser *p)
{
	quoth_qnode_t *l = parse_unary(p);
	while (!p->st) {
		struct tok *t = peek(p);
		if (t->type == T_AND) {
			p->i++;
			if (!starts_operand(peek(p)->type)) {
				fail(p, t->off, "missing term after AND");
				break;
			}
		} else if (p->def != QUOTH_QDEFAULT_AND ||
			   !starts_operand(t->type)) {
			break;
		}
		quoth_qnode_t *r = parse_unary(p);
		if (p->st)
			break;
		l = join(p, QUOTH_QN_AND, l, r);
	}
	if (p->st) {
		quoth_qnode_destroy(l);
		return NULL;
	}
	return l;
}

/* or := and (("OR" | implicit when the default is OR) and)*
 * With the OR default, negated terms are not alternatives: "a b -c" means
 * (a OR b) AND NOT c, as in Xapian's QueryParser. */
static quoth_qnode_t *parse_or(struct parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		fail(p, peek(p)->off, "query nested too deeply");
		return NULL;
	}
	quoth_qnode_t *l = parse_and(p), *neg = NULL;
	while (!p->st) {
		struct tok *t = peek(p);
		if (t->type == T_OR) {
			p->i++;
			if (!starts_operand(peek(p)->type)) {
				fail(p, t->off, "missing term after OR");
				break;
			}
		} else if (p->def != QUOTH_QDEFAULT_OR ||
			   !starts_operand(t->type)) {
			break;
		}
		quoth_qnode_t *r = parse_and(p);
		if (p->st)
			break;
		l = join(p, QUOTH_QN_OR, l, r);
	}
	p->depth--;
	if (!p->st && l && p->def == QUOTH_QDEFAULT_OR) {
		/* pull the NOTs out of the alternatives */
		if (l->type == QUOTH_QN_OR) {
			size_t k = 0;
			for (size_t i = 0; i < l->nkids; i++) {
				if (l->kids[i]->type == QUOTH_QN_NOT)
					neg = join(p, QUOTH_QN_AND, neg,
						   l->kids[i]);
				else
					l->kids[k++] = l->kids[i];
			}
			l->nkids = k;
			if (k == 1) {
				quoth_qnode_t *one = l->kids[0];
				l->nkids = 0;
				quoth_qnode_destroy(l);
				l = one;
			} else if (k == 0) {
				quoth_qnode_destroy(l);
				l = NULL;
			}
			l = join(p, QUOTH_QN_AND, l, neg);
			neg = NULL;
		}
	}
	if (p->st) {
		quoth_qnode_destroy(l);
		quoth_qnode_destroy(neg);
		return NULL;
	}
	return l;
}

static size_t column(const char *q, size_t off)
{
	size_t c = 1;
	for (size_t i = 0; i < off && q[i]; i++)
		c += ((unsigned char)q[i] & 0xC0) != 0x80;
	return c;
}

quoth_status_t quoth_query_parse(quoth_analyzer_t *a, const char *query,
				 quoth_qdefault_t def, quoth_qnode_t **out,
				 size_t *column_out, char **err)
{
	struct parser p;
	quoth_qnode_t *n = NULL;

	*out = NULL;
	if (column_out)
		*column_out = 0;
	if (err)
		*err = NULL;
	if (!a || !query)
		return QUOTH_ERR_INVALID;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.q = query;
	p.len = strlen(query);
	p.def = def == QUOTH_QDEFAULT_OR ? QUOTH_QDEFAULT_OR :
					   QUOTH_QDEFAULT_AND;
	lex(&p);
	if (!p.st) {
		if (p.toks[0].type == T_EOF) {
			fail(&p, 0, "empty query");
		} else {
			n = parse_or(&p);
			struct tok *t = peek(&p);
			if (!p.st && t->type == T_RP)
				fail(&p, t->off, "unbalanced ')'");
			else if (!p.st && t->type == T_ERR)
				fail(&p, t->off, "%s", p.lexmsg);
			else if (!p.st && t->type != T_EOF)
				fail(&p, t->off, "unexpected %s",
				     opname(t->type));
			else if (!p.st && !n)
				fail(&p, 0, "empty query: no searchable words");
		}
	}
	free(p.toks);
	if (p.st) {
		quoth_qnode_destroy(n);
		if (p.st == QUOTH_ERR_QUERY) {
			if (column_out)
				*column_out = column(query, p.eoff);
			if (err) {
				*err = p.msg;
				p.msg = NULL;
			}
		}
		free(p.msg);
		return p.st;
	}
	*out = n;
	return QUOTH_OK;
}

/* ---- dump ---- */

struct buf {
	char *s;
	size_t n, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void putstr(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void quoted(struct buf *b, const char *s)
{
	put(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(b, "\\", 1);
		put(b, s, 1);
	}
	put(b, "\"", 1);
}

static void dump(struct buf *b, const quoth_qnode_t *n)
{
	static const char *const names[] = {
		"WORD", "PHRASE", "PREFIX", "NEAR", "AND", "OR", "NOT",
		"FIELD", "DATE"
	};
	char num[32];

	put(b, "(", 1);
	putstr(b, names[n->type]);
	switch (n->type) {
	case QUOTH_QN_WORD:
		put(b, " ", 1);
		putstr(b, n->term);
		put(b, " ", 1);
		putstr(b, n->stem);
		if (n->kind == QUOTH_TOKEN_ACRONYM)
			putstr(b, " ACRONYM");
		else if (n->kind == QUOTH_TOKEN_JOINED)
			putstr(b, " JOINED");
		break;
	case QUOTH_QN_PREFIX:
		put(b, " ", 1);
		putstr(b, n->term);
		break;
	case QUOTH_QN_NEAR:
		snprintf(num, sizeof num, " %u", n->window);
		putstr(b, num);
		break;
	case QUOTH_QN_FIELD:
		put(b, " ", 1);
		putstr(b, n->field);
		put(b, " ", 1);
		quoted(b, n->value);
		break;
	case QUOTH_QN_DATE:
		put(b, " ", 1);
		putstr(b, n->from[0] ? n->from : "..");
		put(b, " ", 1);
		putstr(b, n->to[0] ? n->to : "..");
		break;
	default:
		break;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		put(b, " ", 1);
		dump(b, n->kids[i]);
	}
	put(b, ")", 1);
}

char *quoth_qnode_dump(const quoth_qnode_t *n)
{
	struct buf b = { 0 };
	if (!n)
		putstr(&b, "()");
	else
		dump(&b, n);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
