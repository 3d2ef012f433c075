/*
 * quotes_eval.c - scores quoth_extract() against PolNeAR (brat standoff).
 *
 * usage: quotes_eval [-v] POLNEAR_DIR SPLIT...
 *
 * Data: POLNEAR_DIR/SPLIT/text/NAME.txt and POLNEAR_DIR/SPLIT/attributions/
 * NAME_<annotator>.ann.  When several annotators did an article, the first
 * .ann file in name order is used.  Offsets in .ann files are code points;
 * quoth reports bytes, so both are mapped to code points.
 *
 * Definitions (printed figures):
 *   gold quotation  a stretch of text between quotation marks (“…”, "…",
 *                   «…») inside a Content span of an attribution relation:
 *                   the direct quotations, full or partial, the annotators
 *                   attributed.  A mark left open at the end of a Content
 *                   fragment runs to that end.  Duplicates (nested
 *                   attributions) count once, with the source of the
 *                   smallest enclosing Content.
 *   span recall     share of gold quotations that an extracted quotation
 *                   covers for at least half of the gold length (ignoring
 *                   surrounding white space).
 *   span precision  share of extracted quotations lying at least half inside
 *                   some gold Content span; "attributed" counts only the
 *                   extracted quotations that have a speaker.
 *   speaker acc.    over recalled gold quotations whose Source is a name
 *                   (the head of its first phrase is a capitalised word
 *                   that is not a pronoun: "Sen. Tom Udall of New Mexico",
 *                   "The New York Times"; not "the Florida senator"):
 *                   correct when the surname of quoth's speaker
 *                   (quoth_speaker_surname(); possessive dropped) is one of
 *                   the Source's words, or its first word is the Source's
 *                   head (a family name written first: "Xi Jinping" for
 *                   "Xi"), case folded.  No speaker is wrong.
 * -v prints error examples: missed quotations and wrong speakers (25 of
 * each per split, or $QUOTES_EVAL_SHOW).
 */
#include <ctype.h>
#include <dirent.h>
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/extract.h"

struct span {
	size_t s, e;		/* code points */
};

struct tspan {
	char id[16];
	char type[32];
	struct span f[8];
	int nf;
};

struct gold {
	struct span q;		/* the quotation, code points */
	int src;		/* index of the Source tspan, or -1 */
	size_t clen;		/* length of the enclosing Content */
	bool hit;
};

struct stats {
	int articles, gold, recalled, extracted, precise, attributed,
	    attr_precise, named, named_ok;
};

static bool verbose;
static int shown_miss, shown_spk, show_max = 25;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, r;
	char *b = malloc(cap + 1);
	while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *p = realloc(b, cap * 2 + 1);
			if (!p) {
				free(b);
				b = NULL;
				break;
			}
			b = p;
			cap *= 2;
		}
	}
	fclose(f);
	if (b)
		b[n] = 0;
	*len = n;
	return b;
}

/* cpb[i] = byte offset of code point i (ncp + 1 entries). */
static size_t *code_points(const char *t, size_t n, size_t *ncp)
{
	size_t *cpb = malloc((n + 1) * sizeof *cpb), k = 0;
	if (!cpb)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)t[i] & 0xc0) != 0x80)
			cpb[k++] = i;
	cpb[k] = n;
	*ncp = k;
	return cpb;
}

static size_t byte_to_cp(const size_t *cpb, size_t ncp, size_t b)
{
	size_t lo = 0, hi = ncp;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cpb[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int parse_ann(const char *path, struct tspan **ts, int (**rel)[2])
{
	size_t len;
	char *a = slurp(path, &len);
	int nt = 0, nr = 0, capt = 64, capr = 64;
	*ts = malloc(capt * sizeof **ts);
	*rel = malloc(capr * sizeof **rel);
	if (!a || !*ts || !*rel) {
		free(a);
		return -1;
	}
	/* First pass: T lines. */
	for (char *line = strtok(a, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == 'T' && isdigit((unsigned char)line[1])) {
			struct tspan t = { 0 };
			char *tab = strchr(line, '\t');
			if (!tab || tab - line >= (long)sizeof t.id)
				continue;
			memcpy(t.id, line, tab - line);
			char *p = tab + 1, *sp = strchr(p, ' ');
			if (!sp || sp - p >= (long)sizeof t.type)
				continue;
			memcpy(t.type, p, sp - p);
			p = sp + 1;
			while (t.nf < 8) {
				unsigned long s, e;
				int used;
				if (sscanf(p, "%lu %lu%n", &s, &e, &used) != 2)
					break;
				t.f[t.nf].s = s;
				t.f[t.nf].e = e;
				t.nf++;
				p += used;
				if (*p != ';')
					break;
				p++;
			}
			if (t.nf == 0)
				continue;
			if (nt == capt) {
				capt *= 2;
				*ts = realloc(*ts, capt * sizeof **ts);
			}
			(*ts)[nt++] = t;
		} else if (line[0] == 'E' && isdigit((unsigned char)line[1])) {
			char *tab = strchr(line, '\t');
			if (!tab)
				continue;
			char content[16] = "", source[16] = "";
			for (char *tk = tab + 1; *tk;) {
				char *end = strchr(tk, ' ');
				size_t l = end ? (size_t)(end - tk) : strlen(tk);
				char *colon = memchr(tk, ':', l);
				if (colon && colon - tk >= 7 && !strncmp(tk, "Content", 7) &&
				    (size_t)(tk + l - colon - 1) < sizeof content)
					snprintf(content, sizeof content, "%.*s",
						 (int)(tk + l - colon - 1), colon + 1);
				if (colon && colon - tk >= 6 && !strncmp(tk, "Source", 6) &&
				    (size_t)(tk + l - colon - 1) < sizeof source)
					snprintf(source, sizeof source, "%.*s",
						 (int)(tk + l - colon - 1), colon + 1);
				if (!end)
					break;
				tk = end + 1;
			}
			if (!content[0])
				continue;
			int ci = -1, si = -1;
			for (int i = 0; i < nt; i++) {
				if (!strcmp((*ts)[i].id, content))
					ci = i;
				if (source[0] && !strcmp((*ts)[i].id, source))
					si = i;
			}
			if (ci < 0)
				continue;
			if (nr == capr) {
				capr *= 2;
				*rel = realloc(*rel, capr * sizeof **rel);
			}
			(*rel)[nr][0] = ci;
			(*rel)[nr][1] = si;
			nr++;
		}
	}
	free(a);
	return nr;
}

/* Is the mark at byte I an opening / closing double quotation mark? */
static int mark(const char *t, size_t n, size_t i, int *len)
{
	const unsigned char *p = (const unsigned char *)t + i;
	*len = 1;
	if (p[0] == '"')
		return 3;	/* either */
	if (i + 1 < n && p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb)) {
		*len = 2;
		return p[1] == 0xab ? 1 : 2;
	}
	if (i + 2 < n && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x9c || p[2] == 0x9d)) {
		*len = 3;
		return p[2] == 0x9c ? 1 : 2;
	}
	return 0;
}

static int add_gold(struct gold **g, int *ng, int *cap, struct gold x)
{
	if (x.q.e <= x.q.s)
		return 0;
	for (int i = 0; i < *ng; i++)
		if ((*g)[i].q.s == x.q.s && (*g)[i].q.e == x.q.e) {
			if (x.clen < (*g)[i].clen)
				(*g)[i] = x;
			return 0;
		}
	if (*ng == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*g = realloc(*g, *cap * sizeof **g);
	}
	(*g)[(*ng)++] = x;
	return 1;
}

/* Trims white space from a code point span. */
static struct span trim(const char *t, const size_t *cpb, struct span s)
{
	while (s.s < s.e && isspace((unsigned char)t[cpb[s.s]]))
		s.s++;
	while (s.e > s.s && isspace((unsigned char)t[cpb[s.e - 1]]))
		s.e--;
	return s;
}

static void lowword(const char *s, size_t n, char *o, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			o[k++] = '\'';
			i += 2;
			continue;
		}
		o[k++] = (char)tolower(c);
	}
	o[k] = 0;
	if (k >= 2 && o[k - 2] == '\'' && o[k - 1] == 's')
		o[k - 2] = 0;
	if (!strncmp(o, "al-", 3) || !strncmp(o, "el-", 3))
		memmove(o, o + 3, strlen(o + 3) + 1);
}

static bool is_pron(const char *w)
{
	static const char *const P[] = { "he", "she", "they", "it", "i", "we",
		"you", "his", "her", "their", "its", "our", "the", "a", "an",
		"this", "that", "some", "many", "one", "who", "which", "him",
		"them", "us", "me" };
	for (size_t i = 0; i < sizeof P / sizeof *P; i++)
		if (!strcmp(w, P[i]))
			return true;
	return false;
}

/* Copies the words of the Source text; true when it names someone: the
 * head of its first phrase (the last word before a comma, a parenthesis or
 * "of"/"from"/"at"/"who"/"for"/"in"/"with") is capitalised and not a
 * pronoun: "Sen. Tom Udall of New Mexico" and "The New York Times" name,
 * "the Florida senator" and "a senior Cruz adviser" describe. */
static bool source_words(const char *src, char words[][48], int *nw,
			 int *head)
{
	static const char *const STOP[] = { "of", "from", "at", "who", "for",
		"in", "with", "whose", "which", "on", "and" };
	bool named = false, cut = false;
	*nw = 0;
	const char *p = src;
	while (*p && *nw < 32) {
		while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)) {
			if (*p == ',' || *p == '(')
				cut = *nw > 0;
			p++;
		}
		const char *b = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80 ||
			      *p == '\'' || *p == '-' || *p == '.'))
			p++;
		if (p == b)
			break;
		size_t n = p - b;
		while (n > 0 && b[n - 1] == '.')
			n--;
		lowword(b, n, words[*nw], 48);
		for (size_t i = 0; i < sizeof STOP / sizeof *STOP && !cut; i++)
			if (*nw > 0 && !strcmp(words[*nw], STOP[i]))
				cut = true;
		if (!cut) {
			named = isupper((unsigned char)b[0]) && !is_pron(words[*nw]);
			*head = *nw;
		}
		(*nw)++;
	}
	return named;
}

static void show(const char *t, const size_t *cpb, size_t ncp, struct span s,
		 char *o, size_t cap)
{
	size_t a = s.s > 60 ? s.s - 60 : 0, b = s.e + 40 < ncp ? s.e + 40 : ncp;
	size_t k = 0;
	for (size_t i = cpb[a]; i < cpb[b] && k + 4 < cap; i++) {
		if (i == cpb[s.s])
			o[k++] = '[';
		if (i == cpb[s.e])
			o[k++] = ']';
		o[k++] = t[i] == '\n' ? ' ' : t[i];
	}
	o[k] = 0;
}

static void eval_article(const char *txt, const char *ann, const char *name,
			 struct stats *st)
{
	size_t n, ncp = 0;
	char *t = slurp(txt, &n);
	if (!t)
		return;
	size_t *cpb = code_points(t, n, &ncp);
	struct tspan *ts = NULL;
	int (*rel)[2] = NULL;
	int nr = parse_ann(ann, &ts, &rel);
	if (nr < 0 || !cpb) {
		free(t);
		free(cpb);
		free(ts);
		free(rel);
		return;
	}
	struct gold *g = NULL;
	int ng = 0, capg = 0;
	for (int r = 0; r < nr; r++) {
		const struct tspan *c = &ts[rel[r][0]];
		size_t clen = 0;
		for (int f = 0; f < c->nf; f++)
			clen += c->f[f].e - c->f[f].s;
		for (int f = 0; f < c->nf; f++) {
			size_t s = c->f[f].s, e = c->f[f].e;
			if (e > ncp || s >= e)
				continue;
			size_t b0 = cpb[s], b1 = cpb[e];
			bool open = false;
			size_t qs = 0;
			for (size_t i = b0; i < b1;) {
				int len, m = mark(t, n, i, &len);
				if (m && !open && (m & 1)) {
					open = true;
					qs = i + len;
				} else if (m && open && (m & 2)) {
					struct gold x = { .src = rel[r][1], .clen = clen };
					x.q.s = byte_to_cp(cpb, ncp, qs);
					x.q.e = byte_to_cp(cpb, ncp, i);
					x.q = trim(t, cpb, x.q);
					add_gold(&g, &ng, &capg, x);
					open = false;
				}
				i += len;
			}
			if (open) {
				struct gold x = { .src = rel[r][1], .clen = clen };
				x.q.s = byte_to_cp(cpb, ncp, qs);
				x.q.e = e;
				x.q = trim(t, cpb, x.q);
				add_gold(&g, &ng, &capg, x);
			}
		}
	}
	quoth_quotes_t *qs = NULL;
	if (quoth_extract(t, n, &qs)) {
		fprintf(stderr, "quotes_eval: %s: extraction failed\n", name);
		qs = NULL;
	}
	size_t nq = quoth_quotes_count(qs);
	struct span *ex = calloc(nq + 1, sizeof *ex);
	for (size_t i = 0; i < nq; i++) {
		const quoth_quote_t *q = quoth_quotes_get(qs, i);
		ex[i].s = byte_to_cp(cpb, ncp, q->start);
		ex[i].e = byte_to_cp(cpb, ncp, q->end);
		/* precision: inside some Content */
		size_t best = 0;
		for (int r = 0; r < nr; r++) {
			const struct tspan *c = &ts[rel[r][0]];
			for (int f = 0; f < c->nf; f++) {
				size_t a = c->f[f].s > ex[i].s ? c->f[f].s : ex[i].s;
				size_t b = c->f[f].e < ex[i].e ? c->f[f].e : ex[i].e;
				if (b > a && b - a > best)
					best = b - a;
			}
		}
		bool ok = 2 * best >= ex[i].e - ex[i].s;
		st->extracted++;
		st->precise += ok;
		if (q->speaker) {
			st->attributed++;
			st->attr_precise += ok;
		}
	}
	for (int i = 0; i < ng; i++) {
		struct gold *x = &g[i];
		size_t glen = x->q.e - x->q.s;
		int hit = -1;
		size_t best = 0;
		for (size_t k = 0; k < nq; k++) {
			size_t a = x->q.s > ex[k].s ? x->q.s : ex[k].s;
			size_t b = x->q.e < ex[k].e ? x->q.e : ex[k].e;
			if (b > a && b - a > best) {
				best = b - a;
				hit = (int)k;
			}
		}
		st->gold++;
		char ctx[600];
		if (hit < 0 || 2 * best < glen) {
			if (verbose && shown_miss < show_max) {
				show(t, cpb, ncp, x->q, ctx, sizeof ctx);
				printf("  MISS %s: %s\n", name, ctx);
				shown_miss++;
			}
			continue;
		}
		st->recalled++;
		if (x->src < 0)
			continue;
		char src[400] = "";
		const struct tspan *s = &ts[x->src];
		for (int f = 0; f < s->nf; f++) {
			size_t a = s->f[f].s, b = s->f[f].e;
			if (b > ncp || a >= b)
				continue;
			size_t l = strlen(src);
			snprintf(src + l, sizeof src - l, "%s%.*s", l ? " " : "",
				 (int)(cpb[b] - cpb[a]), t + cpb[a]);
		}
		char words[32][48];
		int nw, head = 0;
		if (!source_words(src, words, &nw, &head))
			continue;
		st->named++;
		const quoth_quote_t *q = quoth_quotes_get(qs, hit);
		bool ok = false;
		if (q->speaker) {
			size_t n;
			const char *sur = quoth_speaker_surname(q->speaker, &n);
			char lw[48];
			lowword(sur, n, lw, sizeof lw);
			for (int w = 0; w < nw && !ok; w++)
				ok = !strcmp(words[w], lw);
			lowword(q->speaker, strcspn(q->speaker, " "), lw, sizeof lw);
			ok = ok || !strcmp(words[head], lw);
		}
		st->named_ok += ok;
		if (!ok && verbose && shown_spk < show_max) {
			show(t, cpb, ncp, x->q, ctx, sizeof ctx);
			printf("  SPEAKER %s: gold \"%s\" got \"%s\" (%s): %s\n", name, src,
			       q->speaker ? q->speaker : "(none)",
			       q->speaker_mention ? q->speaker_mention : "-", ctx);
			shown_spk++;
		}
	}
	quoth_quotes_destroy(qs);
	free(ex);
	free(g);
	free(ts);
	free(rel);
	free(cpb);
	free(t);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static double pct(int a, int b)
{
	return b ? 100.0 * a / b : 0.0;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && !strcmp(argv[i], "-v")) {
		verbose = true;
		i++;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: quotes_eval [-v] POLNEAR_DIR SPLIT...\n");
		return 2;
	}
	const char *dir = argv[i++];
	if (getenv("QUOTES_EVAL_SHOW"))
		show_max = atoi(getenv("QUOTES_EVAL_SHOW"));
	printf("%-6s %8s %6s %8s %9s %11s %12s\n", "split", "articles", "gold",
	       "recall", "precision", "prec(attr)", "speaker acc");
	for (; i < argc; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s/text", dir, argv[i]);
		DIR *d = opendir(path);
		if (!d) {
			perror(path);
			return 1;
		}
		char **names = NULL;
		size_t nn = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t l = strlen(e->d_name);
			if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
				continue;
			if (nn == cap) {
				cap = cap ? cap * 2 : 256;
				names = realloc(names, cap * sizeof *names);
			}
			names[nn++] = strndup(e->d_name, l - 4);
		}
		closedir(d);
		qsort(names, nn, sizeof *names, cmp);
		struct stats st = { 0 };
		shown_miss = shown_spk = 0;
		if (verbose)
			printf("%s errors:\n", argv[i]);
		for (size_t k = 0; k < nn; k++) {
			char pat[4096], txt[4096];
			snprintf(pat, sizeof pat, "%s/%s/attributions/%s_*.ann", dir,
				 argv[i], names[k]);
			snprintf(txt, sizeof txt, "%s/%s/text/%s.txt", dir, argv[i],
				 names[k]);
			glob_t gl;
			if (glob(pat, 0, NULL, &gl) == 0 && gl.gl_pathc > 0) {
				eval_article(txt, gl.gl_pathv[0], names[k], &st);
				st.articles++;
			}
			globfree(&gl);
			free(names[k]);
		}
		free(names);
		printf("%-6s %8d %6d %7.1f%% %8.1f%% %10.1f%% %7.1f%% (%d)\n",
		       argv[i], st.articles, st.gold, pct(st.recalled, st.gold),
		       pct(st.precise, st.extracted),
		       pct(st.attr_precise, st.attributed),
		       pct(st.named_ok, st.named), st.named);
	}
	return 0;
}
