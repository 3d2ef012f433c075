/*
 * analyzer.c - ICU word segmentation, folding and Snowball stemming.
 *
 * The break iterator runs over a UTF-8 UText, so the boundaries it returns
 * are byte offsets into the caller's text and no offset map is needed.
 * Tokens are first collected into an array (one pass of ICU), then a
 * second pass emits them, which is where hyphenated runs are rejoined:
 * ICU splits "al-Assad" into "al" "-" "Assad", and only with the
 * neighbours in view can we see that two words were joined by one hyphen.
 *
 * Folding has an ASCII fast path: most news text is ASCII, and for an
 * ASCII token NFKC case folding is plain lower-casing and there are no
 * diacritics to remove.  Other tokens go through ICU: NFKC_Casefold, then
 * NFD with non-spacing marks dropped, then NFC.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "quoth/analyzer.h"
#include "wordbreak.h"

/* Longest folded term kept, in bytes: Xapian rejects terms over 245 bytes
 * and nothing longer than this is a word anyone searches for. */
#define MAX_TERM 100
/* All-capitals words up to this many letters are treated as acronyms. */
#define MAX_ACRONYM 6
/* Stems are cached: news text repeats its words, and Snowball costs more
 * than a hash probe.  Direct-mapped; words longer than STEM_KEY are not
 * cached. */
#define STEM_SLOTS 2048
#define STEM_KEY 24

typedef struct stem_slot {
	unsigned char tlen, slen;
	char term[STEM_KEY];
	char stem[STEM_KEY];
} stem_slot_t;

typedef struct span {
	size_t start, end;	/* bytes of the word */
	int dot_next;		/* split from the next span at a '.' */
} span_t;

typedef struct buf {
	char *p;
	size_t len, cap;
} buf_t;

typedef struct ubuf {
	UChar *p;
	int32_t len, cap;
} ubuf_t;

struct quoth_analyzer {
	UBreakIterator *bi;
	UText *ut;
	const UNormalizer2 *nfkc_cf, *nfd, *nfc;
	struct sb_stemmer *stemmer;
	span_t *spans;
	size_t nspans, spans_cap;
	buf_t fold;		/* folded term of the current token */
	buf_t joined;		/* joined form of a hyphenated run */
	ubuf_t u1, u2;		/* UTF-16 scratch */
	stem_slot_t *stems;	/* STEM_SLOTS entries, or NULL */
	size_t stemmed;		/* stems made before the cache was */
};

static int buf_reserve(buf_t *b, size_t need)
{
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int ubuf_reserve(ubuf_t *b, int32_t need)
{
	if (need <= b->cap)
		return 0;
	int32_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	UChar *p = realloc(b->p, (size_t)cap * sizeof(UChar));
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* Snowball's name for an ISO 639-1 code, or NULL. */
static const char *snowball_name(const char *lang)
{
	static const char *const map[][2] = {
		{"en", "english"}, {"da", "danish"}, {"de", "german"},
		{"es", "spanish"}, {"fi", "finnish"}, {"fr", "french"},
		{"hu", "hungarian"}, {"it", "italian"}, {"nl", "dutch"},
		{"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
		{"ru", "russian"}, {"sv", "swedish"}, {"tr", "turkish"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(lang, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

quoth_status_t quoth_analyzer_create(const char *lang, quoth_analyzer_t **out)
{
	*out = NULL;
	quoth_analyzer_t *a = calloc(1, sizeof *a);
	if (!a)
		return QUOTH_ERR_NOMEM;
	UErrorCode st = U_ZERO_ERROR;
	/* From the rules built in (tools/gen-wordbreak.c); ubrk_open() finds
	 * the same rules through ICU's locale data, much more slowly. */
	a->bi = ubrk_openBinaryRules(wordbreak_rules, sizeof wordbreak_rules,
				     NULL, 0, &st);
	if (U_FAILURE(st)) {
		st = U_ZERO_ERROR;
		a->bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
	}
	if (U_FAILURE(st)) {
		quoth_analyzer_destroy(a);
		return QUOTH_ERR_INTERNAL;
	}
	const char *name = snowball_name(lang ? lang : "en");
	if (name) {
		a->stemmer = sb_stemmer_new(name, "UTF_8");
		if (!a->stemmer) {
			quoth_analyzer_destroy(a);
			return QUOTH_ERR_NOMEM;
		}
	}
	*out = a;
	return QUOTH_OK;
}

void quoth_analyzer_destroy(quoth_analyzer_t *a)
{
	if (!a)
		return;
	if (a->bi)
		ubrk_close(a->bi);
	if (a->ut)
		utext_close(a->ut);
	if (a->stemmer)
		sb_stemmer_delete(a->stemmer);
	free(a->spans);
	free(a->stems);
	free(a->fold.p);
	free(a->joined.p);
	free(a->u1.p);
	free(a->u2.p);
	free(a);
}

static int is_apostrophe(UChar32 c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032 ||
	       c == 0xFF07;
}

/* Appends the fold of S[0..LEN) to B (not NUL-terminated).  Returns 0, or
 * -1 on allocation failure, -2 on an ICU failure. */
static int fold_into(quoth_analyzer_t *a, const char *s, size_t len, buf_t *b)
{
	size_t i;
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) {
		if (buf_reserve(b, b->len + len + 1))
			return -1;
		for (i = 0; i < len; i++) {
			char c = s[i];
			b->p[b->len++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		}
		return 0;
	}

	UErrorCode st = U_ZERO_ERROR;
	if (!a->nfc) {
		/* loaded on the first word that is not ASCII */
		a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
		a->nfd = unorm2_getNFDInstance(&st);
		a->nfc = unorm2_getNFCInstance(&st);
		if (U_FAILURE(st)) {
			a->nfc = NULL;
			return -2;
		}
	}
	int32_t n = 0;
	if (ubuf_reserve(&a->u1, (int32_t)len + 1))
		return -1;
	u_strFromUTF8WithSub(a->u1.p, a->u1.cap, &n, s, (int32_t)len, 0xFFFD,
			     NULL, &st);
	if (U_FAILURE(st))
		return -2;
	a->u1.len = n;

	/* NFKC_Casefold, then NFD so that marks stand alone. */
	const UNormalizer2 *steps[2] = {a->nfkc_cf, a->nfd};
	for (int k = 0; k < 2; k++) {
		ubuf_t *src = k == 0 ? &a->u1 : &a->u2;
		ubuf_t *dst = k == 0 ? &a->u2 : &a->u1;
		for (;;) {
			st = U_ZERO_ERROR;
			n = unorm2_normalize(steps[k], src->p, src->len, dst->p,
					     dst->cap, &st);
			if (st != U_BUFFER_OVERFLOW_ERROR)
				break;
			if (ubuf_reserve(dst, n + 1))
				return -1;
		}
		if (U_FAILURE(st))
			return -2;
		dst->len = n;
	}

	/* Drop non-spacing marks, map typographic apostrophes to '. */
	int32_t w = 0;
	for (int32_t r = 0; r < a->u1.len;) {
		UChar32 c;
		int32_t at = r;
		U16_NEXT(a->u1.p, r, a->u1.len, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		if (is_apostrophe(c)) {
			a->u1.p[w++] = '\'';
			continue;
		}
		while (at < r)
			a->u1.p[w++] = a->u1.p[at++];
	}
	a->u1.len = w;

	for (;;) {
		st = U_ZERO_ERROR;
		n = unorm2_normalize(a->nfc, a->u1.p, a->u1.len, a->u2.p,
				     a->u2.cap, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		if (ubuf_reserve(&a->u2, n + 1))
			return -1;
	}
	if (U_FAILURE(st))
		return -2;
	a->u2.len = n;

	int32_t blen = 0;
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &blen, a->u2.p, a->u2.len, &st);
	if (buf_reserve(b, b->len + (size_t)blen + 1))
		return -1;
	st = U_ZERO_ERROR;
	u_strToUTF8(b->p + b->len, (int32_t)(b->cap - b->len), &blen, a->u2.p,
		    a->u2.len, &st);
	if (U_FAILURE(st))
		return -2;
	b->len += (size_t)blen;
	return 0;
}

static quoth_status_t fold_status(int rc)
{
	return rc == -1 ? QUOTH_ERR_NOMEM : QUOTH_ERR_INTERNAL;
}

/* Dotted single letters: "U.S", "e.g" (ICU leaves the final dot out). */
static int is_dotted(const char *s, size_t len)
{
	if (len < 3)
		return 0;
	for (size_t i = 0; i < len; i++) {
		int letter = (s[i] >= 'A' && s[i] <= 'Z') ||
			     (s[i] >= 'a' && s[i] <= 'z');
		if ((i % 2 == 0) != letter || (i % 2 == 1 && s[i] != '.'))
			return 0;
	}
	return len % 2 == 1;
}

static int push_span(quoth_analyzer_t *a, size_t start, size_t end,
		     int dot_next)
{
	if (a->nspans == a->spans_cap) {
		size_t cap = a->spans_cap ? a->spans_cap * 2 : 256;
		span_t *s = realloc(a->spans, cap * sizeof *s);
		if (!s)
			return -1;
		a->spans = s;
		a->spans_cap = cap;
	}
	a->spans[a->nspans++] = (span_t){start, end, dot_next};
	return 0;
}

/* A letter for the purpose of splitting at dots: ASCII letters, and any
 * byte of a non-ASCII character (inside an ICU word those are letters). */
static int letter_byte(unsigned char c)
{
	return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Keeps the word TEXT[start..end).  ICU keeps letters joined by a dot as one
 * word ("Chinanews.com", "Mail.Ru", the ticker "CBCDQ.PK"), where nobody
 * would find them by their parts; such a word is split at those dots into
 * parts that tokenize() treats as a hyphenated run.  Dotted abbreviations
 * ("U.S") and numbers ("3.5", "v1.2") stay whole. */
static int keep_word(quoth_analyzer_t *a, const char *text, size_t start,
		     size_t end)
{
	if (!memchr(text + start, '.', end - start) ||
	    is_dotted(text + start, end - start))
		return push_span(a, start, end, 0);
	for (size_t d = start + 1; d + 1 < end; d++)
		if (text[d] == '.' && letter_byte((unsigned char)text[d - 1]) &&
		    letter_byte((unsigned char)text[d + 1])) {
			if (push_span(a, start, d, 1))
				return -1;
			start = d + 1;
		}
	return push_span(a, start, end, 0);
}

/* Runs the break iterator over TEXT and keeps the word spans. */
static quoth_status_t segment(quoth_analyzer_t *a, const char *text,
			      size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	a->nspans = 0;
	a->ut = utext_openUTF8(a->ut, text, (int64_t)len, &st);
	ubrk_setUText(a->bi, a->ut, &st);
	if (U_FAILURE(st))
		return QUOTH_ERR_INTERNAL;
	int32_t p = ubrk_first(a->bi), q;
	while ((q = ubrk_next(a->bi)) != UBRK_DONE) {
		if (ubrk_getRuleStatus(a->bi) >= UBRK_WORD_NUMBER &&
		    keep_word(a, text, (size_t)p, (size_t)q))
			return QUOTH_ERR_NOMEM;
		p = q;
	}
	return QUOTH_OK;
}

/* Length in bytes of a hyphen at S (ASCII '-', U+2010, U+2011), or 0. */
static size_t hyphen_at(const char *s, size_t avail)
{
	if (avail >= 1 && s[0] == '-')
		return 1;
	if (avail >= 3 && (unsigned char)s[0] == 0xE2 &&
	    (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x90 || (unsigned char)s[2] == 0x91))
		return 3;
	return 0;
}

/* All-capital letters, 2..MAX_ACRONYM of them (ASCII: "US", "NATO"). */
static int is_capitals(const char *s, size_t len)
{
	if (len < 2 || len > MAX_ACRONYM)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* Length of SURFACE without a final possessive "'s" / "’s". */
static size_t strip_possessive(const char *s, size_t len)
{
	if (len >= 3 && (s[len - 1] == 's' || s[len - 1] == 'S')) {
		if (s[len - 2] == '\'')
			return len - 2;
		if (len >= 5 && (unsigned char)s[len - 4] == 0xE2 &&
		    (unsigned char)s[len - 3] == 0x80 &&
		    (unsigned char)s[len - 2] == 0x99)
			return len - 4;
	}
	return len;
}

quoth_status_t quoth_analyzer_stem(quoth_analyzer_t *a, const char *term,
				  size_t tlen, const char **stem,
				  size_t *stem_len)
{
	*stem = term;
	*stem_len = tlen;
	if (!a->stemmer || tlen == 0 || (term[0] >= '0' && term[0] <= '9'))
		return QUOTH_OK;
	/* The cache pays for itself only over many words (an index run,
	 * not a query's few): it is made after STEM_SLOTS / 8 stems. */
	if (!a->stems && ++a->stemmed > STEM_SLOTS / 8)
		a->stems = calloc(STEM_SLOTS, sizeof *a->stems);
	stem_slot_t *slot = NULL;
	if (a->stems && tlen < STEM_KEY) {
		/* FNV-1a of the term picks the slot */
		uint32_t h = 2166136261u;
		for (size_t i = 0; i < tlen; i++)
			h = (h ^ (unsigned char)term[i]) * 16777619u;
		slot = &a->stems[h % STEM_SLOTS];
		if (slot->tlen == tlen && memcmp(slot->term, term, tlen) == 0) {
			*stem = slot->stem;
			*stem_len = slot->slen;
			return QUOTH_OK;
		}
	}
	const sb_symbol *st =
		sb_stemmer_stem(a->stemmer, (const sb_symbol *)term, (int)tlen);
	if (!st)
		return QUOTH_ERR_NOMEM;
	*stem = (const char *)st;
	*stem_len = (size_t)sb_stemmer_length(a->stemmer);
	if (slot && *stem_len < STEM_KEY) {
		slot->tlen = (unsigned char)tlen;
		slot->slen = (unsigned char)*stem_len;
		memcpy(slot->term, term, tlen);
		memcpy(slot->stem, *stem, *stem_len);
	}
	return QUOTH_OK;
}

typedef struct emitter {
	quoth_analyzer_t *a;
	quoth_token_fn fn;
	void *ctx;
	int stem;	/* tokens carry their stem */
	int stopped;
} emitter_t;

/* Stems TERM (unless the caller stems on demand) and calls the callback. */
static int emit(emitter_t *e, const char *term, size_t tlen,
		quoth_token_kind_t kind, unsigned flags, uint32_t pos,
		size_t start, size_t end)
{
	if (e->stopped || tlen == 0 || tlen > MAX_TERM)
		return 0;
	quoth_token_t t = {
		.term = term, .term_len = tlen, .stem = term, .stem_len = tlen,
		.kind = kind, .flags = flags, .pos = pos,
		.start = start, .end = end,
	};
	if (!e->stem)
		t.stem = NULL, t.stem_len = 0;
	else if (kind != QUOTH_TOKEN_ACRONYM &&
		 quoth_analyzer_stem(e->a, term, tlen, &t.stem, &t.stem_len))
		return -1;
	if (e->fn(e->ctx, &t))
		e->stopped = 1;
	return 0;
}

quoth_status_t quoth_analyzer_tokenize(quoth_analyzer_t *a,
				       quoth_analyze_mode_t mode,
				       const char *text, size_t len,
				       uint32_t first_pos,
				       quoth_token_fn fn, void *ctx)
{
	quoth_status_t rc = segment(a, text, len);
	if (rc)
		return rc;

	emitter_t e = {a, fn, ctx, mode != QUOTH_ANALYZE_UNSTEMMED, 0};
	uint32_t pos = first_pos;
	size_t i = 0;
	while (i < a->nspans && !e.stopped) {
		/* The run of spans joined by single hyphens or split at
		 * dots: [i, j]. */
		size_t j = i;
		while (j + 1 < a->nspans) {
			size_t h = hyphen_at(text + a->spans[j].end,
					     len - a->spans[j].end);
			if (!a->spans[j].dot_next &&
			    (!h || a->spans[j].end + h != a->spans[j + 1].start))
				break;
			j++;
		}
		uint32_t run_pos = pos;
		a->joined.len = 0;
		for (size_t k = i; k <= j && !e.stopped; k++) {
			const char *s = text + a->spans[k].start;
			size_t slen = strip_possessive(s, a->spans[k].end -
							   a->spans[k].start);
			unsigned hflag = k < j ? QUOTH_TOKEN_HYPHEN_NEXT : 0;
			a->fold.len = 0;
			int dotted = is_dotted(s, slen);
			int caps = !dotted && is_capitals(s, slen);
			if (dotted) {
				for (size_t c = 0; c < slen; c += 2) {
					if (buf_reserve(&a->fold, a->fold.len + 2))
						return QUOTH_ERR_NOMEM;
					a->fold.p[a->fold.len++] = (char)(s[c] | 0x20);
				}
			} else {
				int f = fold_into(a, s, slen, &a->fold);
				if (f)
					return fold_status(f);
			}
			size_t start = a->spans[k].start, end = a->spans[k].end;
			int bad = 0;
			if (dotted || (caps && mode == QUOTH_ANALYZE_QUERY)) {
				bad = emit(&e, a->fold.p, a->fold.len,
					   QUOTH_TOKEN_ACRONYM, hflag, pos,
					   start, end);
			} else {
				bad = emit(&e, a->fold.p, a->fold.len,
					   QUOTH_TOKEN_WORD, hflag, pos, start,
					   end);
				if (caps && !bad)
					bad = emit(&e, a->fold.p, a->fold.len,
						   QUOTH_TOKEN_ACRONYM,
						   hflag | QUOTH_TOKEN_ALIAS,
						   pos, start, end);
			}
			if (bad)
				return QUOTH_ERR_NOMEM;
			if (j > i) {
				if (buf_reserve(&a->joined,
						a->joined.len + a->fold.len + 1))
					return QUOTH_ERR_NOMEM;
				memcpy(a->joined.p + a->joined.len, a->fold.p,
				       a->fold.len);
				a->joined.len += a->fold.len;
			}
			pos++;
		}
		if (j > i && emit(&e, a->joined.p, a->joined.len,
				  QUOTH_TOKEN_JOINED, QUOTH_TOKEN_ALIAS,
				  run_pos, a->spans[i].start, a->spans[j].end))
			return QUOTH_ERR_NOMEM;
		i = j + 1;
	}
	return QUOTH_OK;
}

quoth_status_t quoth_analyzer_fold(quoth_analyzer_t *a, const char *s,
				   size_t len, char **out)
{
	*out = NULL;
	buf_t b = {0};
	int f = fold_into(a, s, len, &b);
	if (f || buf_reserve(&b, b.len + 1)) {
		free(b.p);
		return f == -2 ? QUOTH_ERR_INTERNAL : QUOTH_ERR_NOMEM;
	}
	b.p[b.len] = '\0';
	*out = b.p;
	return QUOTH_OK;
}

quoth_status_t quoth_analyzer_slug(quoth_analyzer_t *a, const char *name,
				   size_t len, char **out)
{
	char *f;
	quoth_status_t rc = quoth_analyzer_fold(a, name, len, &f);
	*out = NULL;
	if (rc)
		return rc;
	size_t w = 0;
	int dash = 0;
	for (size_t r = 0; f[r]; r++) {
		unsigned char c = (unsigned char)f[r];
		int keep = c >= 0x80 || (c >= 'a' && c <= 'z') ||
			   (c >= '0' && c <= '9');
		if (c == '\'' || c == '.')
			continue; /* "o'brien" -> "obrien", "u.s" -> "us" */
		if (keep) {
			if (dash && w > 0)
				f[w++] = '-';
			f[w++] = (char)c;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	f[w] = '\0';
	if (strncmp(f, "the-", 4) == 0)
		memmove(f, f + 4, w - 3);
	*out = f;
	return QUOTH_OK;
}
