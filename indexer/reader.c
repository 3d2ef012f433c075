/*
 * reader.c - the article reader: text files with an optional header block,
 * and JSON Lines (plain, gzip, xz) streamed one line at a time.
 *
 * Every input byte goes through one UTF-8 validator (utf8_seq) so that the
 * strings handed out are always valid UTF-8; bad bytes become U+FFFD and
 * the first one of each article is reported with its line and column.
 *
 * JSON Lines are read through a fixed decompressed chunk (in) and a line
 * buffer that grows to the longest line seen, so memory is bounded by the
 * longest line, never by the file.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "quoth/reader.h"

#define SNIFF_LEN 8192		/* bytes looked at to call a file binary */
#define CHUNK_LEN 65536		/* read and decompression unit */
#define MAX_LINE ((size_t)256 << 20)	/* longer JSON lines are refused */
#define INFER_LEN 2000		/* how far into a text dates/bylines are sought */
#define MAX_TITLE 300		/* an inferred title is cut near this length */
#define MAX_DEPTH 64		/* JSON nesting accepted */
#define NO_POS ((size_t)-1)

/* ---------------------------------------------------------------- buffers */

struct buf {
	char *p;
	size_t len, cap;
};

static bool buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			return false;
		cap *= 2;
	}
	char *p = realloc(b->p, cap);
	if (!p)
		return false;
	b->p = p;
	b->cap = cap;
	return true;
}

static bool buf_add(struct buf *b, const void *s, size_t n)
{
	if (!buf_grow(b, n))
		return false;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

static bool buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

/* Hands the string over (caller frees); B is left empty. */
static char *buf_take(struct buf *b)
{
	char *p = b->p;

	if (!p)
		p = calloc(1, 1);
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static bool is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_ws((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_ws((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static bool all_ws(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws((unsigned char)s[i]))
			return false;
	return true;
}

/* Trimmed copy with every whitespace run made one space; NULL if empty. */
static char *squeeze(const char *s, size_t n)
{
	trim(&s, &n);
	if (!n)
		return NULL;
	char *p = malloc(n + 1);
	size_t k = 0;

	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (is_ws((unsigned char)s[i])) {
			if (k && p[k - 1] != ' ')
				p[k++] = ' ';
		} else {
			p[k++] = s[i];
		}
	}
	p[k] = '\0';
	return p;
}

/* ----------------------------------------------------------------- UTF-8 */

/* Length of the valid UTF-8 sequence at S, or 0 when it is invalid; then
 * *BAD is the length of its maximal invalid prefix (Unicode's "maximal
 * subpart"), which is replaced by one U+FFFD.  Never consumes an ASCII
 * byte as part of a bad sequence. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c == 0xE0)
		need = 2, lo = 0xA0;
	else if (c == 0xED)
		need = 2, hi = 0x9F;
	else if (c >= 0xE1 && c <= 0xEF)
		need = 2;
	else if (c == 0xF0)
		need = 3, lo = 0x90;
	else if (c == 0xF4)
		need = 3, hi = 0x8F;
	else if (c >= 0xF1 && c <= 0xF3)
		need = 3;
	else {
		*bad = 1;
		return 0;
	}
	for (k = 1; k <= need && k < n; k++) {
		unsigned char b = s[k];
		if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
			break;
	}
	if (k == need + 1)
		return k;
	*bad = k;
	return 0;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Appends S with bad sequences replaced; *FIRST_BAD gets the offset in S of
 * the first bad byte (or keeps NO_POS). */
static bool sanitize(struct buf *out, const char *s, size_t n,
		     size_t *first_bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (!buf_grow(out, n))
		return false;
	while (i < n) {
		size_t bad = 0, k;

		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(u + i, n - i, &bad);
		if (k) {
			i += k;
			continue;
		}
		if (first_bad && *first_bad == NO_POS)
			*first_bad = i;
		if (!buf_add(out, s + run, i - run) ||
		    !buf_add(out, REPLACEMENT, 3))
			return false;
		i += bad;
		run = i;
	}
	return buf_add(out, s + run, n - run);
}

static size_t first_bad_utf8(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, bad;

	while (i < n) {
		size_t k = u[i] < 0x80 ? 1 : utf8_seq(u + i, n - i, &bad);
		if (!k)
			return i;
		i += k;
	}
	return NO_POS;
}

static bool put_utf8(struct buf *b, unsigned long cp)
{
	char t[4];
	size_t n;

	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return buf_add(b, t, n);
}

/* ----------------------------------------------------------------- hashes */

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv_add(uint64_t h, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len--) {
		h ^= *p++;
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t quoth_hash64(const void *buf, size_t len)
{
	return fnv_add(FNV_OFFSET, buf, len);
}

static char *make_id(char tag, uint64_t h)
{
	char *p = malloc(18);

	if (p)
		snprintf(p, 18, "%c%016llx", tag, (unsigned long long)h);
	return p;
}

/* ------------------------------------------------------------------ dates */

enum { DATE_OK, DATE_UNPARSEABLE, DATE_IMPOSSIBLE, DATE_RANGE };

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static size_t word_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && isalpha((unsigned char)s[k]))
		k++;
	return k;
}

/* 1..12 if the word at S is a month name or abbreviation ("Apr", "Sept",
 * optionally followed by a dot, which is consumed), else 0. */
static int month_word(const char *s, size_t n, size_t *used)
{
	size_t w = word_len(s, n);

	if (w < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		if ((w == full || w == 3 || (m == 8 && w == 4)) && w <= full &&
		    !strncasecmp(s, month_names[m], w)) {
			*used = w + (w < full && w < n && s[w] == '.');
			return m + 1;
		}
	}
	return 0;
}

static bool weekday_word(const char *s, size_t n, size_t *used)
{
	size_t w = word_len(s, n);

	if (w < 3)
		return false;
	for (int d = 0; d < 7; d++) {
		size_t full = strlen(day_names[d]);
		if ((w == full || w == 3) && !strncasecmp(s, day_names[d], w)) {
			*used = w + (w == 3 && w < n && s[w] == '.');
			return true;
		}
	}
	return false;
}

/* Reads MIN..MAX digits at S[*I] not followed by another digit. */
static bool digits(const char *s, size_t n, size_t *i, int min, int max,
		   int *val)
{
	int k = 0, v = 0;

	while (*i + k < n && k <= max && isdigit((unsigned char)s[*i + k]))
		v = v * 10 + (s[*i + k++] - '0');
	if (k < min || k > max)
		return false;
	*i += k;
	*val = v;
	return true;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A time zone after a time: "Z", "+03:00", "-0500", "EDT", "GMT+3". */
static size_t zone_scan(const char *s, size_t n, size_t i)
{
	size_t j = i, w;
	int v;

	if (j < n && s[j] == 'Z' && (j + 1 == n || !isalpha((unsigned char)s[j + 1])))
		return j + 1;
	j = skip_spaces(s, n, j);
	w = word_len(s + j, n - j);
	if (w >= 2 && w <= 5) {
		for (size_t k = 0; k < w; k++)
			if (!isupper((unsigned char)s[j + k]))
				return i;
		j += w;
	}
	if (j < n && (s[j] == '+' || s[j] == '-')) {
		size_t k = j + 1;
		if (digits(s, n, &k, 1, 4, &v)) {
			if (k < n && s[k] == ':') {
				size_t m = k + 1;
				if (digits(s, n, &m, 2, 2, &v))
					k = m;
			}
			return k;
		}
	}
	return j == i ? i : (w >= 2 && w <= 5 ? j : i);
}

/* A time after a date: [","|"T"|" "] h:mm[:ss[.fff]] [am|pm] [zone].
 * Returns the index after it, or I when there is none. */
static size_t time_scan(const char *s, size_t n, size_t i)
{
	size_t j = i;
	int v;

	if (j < n && (s[j] == ',' || s[j] == 'T'))
		j++;
	j = skip_spaces(s, n, j);
	if (!digits(s, n, &j, 1, 2, &v) || j >= n || s[j] != ':')
		return i;
	j++;
	if (!digits(s, n, &j, 2, 2, &v))
		return i;
	if (j < n && s[j] == ':') {
		size_t k = j + 1;
		if (digits(s, n, &k, 2, 2, &v)) {
			j = k;
			if (j < n && (s[j] == '.' || s[j] == ',') && j + 1 < n &&
			    isdigit((unsigned char)s[j + 1])) {
				j++;
				while (j < n && isdigit((unsigned char)s[j]))
					j++;
			}
		}
	}
	size_t k = skip_spaces(s, n, j);
	if (k + 1 < n && strchr("aApP", s[k])) {
		if ((s[k + 1] == 'm' || s[k + 1] == 'M') &&
		    (k + 2 == n || !isalpha((unsigned char)s[k + 2])))
			j = k + 2;
		else if (k + 3 < n && s[k + 1] == '.' &&
			 (s[k + 2] == 'm' || s[k + 2] == 'M') && s[k + 3] == '.')
			j = k + 4;
	}
	return zone_scan(s, n, j);
}

/* Scans a date at the start of S; returns the bytes used (0: none) and the
 * fields, unvalidated.  With WITH_TIME a following time is consumed too. */
static size_t date_scan(const char *s, size_t n, bool with_time, int *y,
			int *m, int *d)
{
	size_t i = 0, used;
	int a, b, c;

	/* ISO "2017-04-12", also "2017/04/12" */
	if (digits(s, n, &i, 4, 4, &a) && i < n && (s[i] == '-' || s[i] == '/')) {
		char sep = s[i++];
		if (digits(s, n, &i, 1, 2, &b) && i < n && s[i] == sep) {
			i++;
			if (digits(s, n, &i, 1, 2, &c)) {
				*y = a, *m = b, *d = c;
				if (with_time && i < n && (s[i] == 'T' || s[i] == ' '))
					i = time_scan(s, n, i);
				return i;
			}
		}
		return 0;
	}
	/* US "04/12/2017" */
	i = 0;
	if (digits(s, n, &i, 1, 2, &a) && i < n && s[i] == '/') {
		i++;
		if (digits(s, n, &i, 1, 2, &b) && i < n && s[i] == '/') {
			i++;
			if (digits(s, n, &i, 4, 4, &c)) {
				*y = c, *m = a, *d = b;
				return with_time ? time_scan(s, n, i) : i;
			}
		}
		return 0;
	}
	/* "[Fri[,]] Oct 20, 2006", "[Friday,] 20 October 2006" */
	i = 0;
	if (weekday_word(s, n, &used)) {
		i = used;
		if (i < n && s[i] == ',')
			i++;
		i = skip_spaces(s, n, i);
	}
	if ((a = month_word(s + i, n - i, &used))) {
		i = skip_spaces(s, n, i + used);
		if (!digits(s, n, &i, 1, 2, &b))
			return 0;
		if (i + 1 < n && isalpha((unsigned char)s[i]) &&
		    word_len(s + i, n - i) == 2 && strchr("snrtSNRT", s[i]))
			i += 2;
		if (i < n && s[i] == ',')
			i++;
		i = skip_spaces(s, n, i);
		if (!digits(s, n, &i, 4, 4, &c))
			return 0;
		*y = c, *m = a, *d = b;
	} else if (digits(s, n, &i, 1, 2, &b)) {
		if (i + 1 < n && isalpha((unsigned char)s[i]) &&
		    word_len(s + i, n - i) == 2 && strchr("snrtSNRT", s[i]))
			i += 2;
		i = skip_spaces(s, n, i);
		if (i + 3 < n && !strncasecmp(s + i, "of ", 3))
			i = skip_spaces(s, n, i + 3);
		if (!(a = month_word(s + i, n - i, &used)))
			return 0;
		i += used;
		if (i < n && s[i] == ',')
			i++;
		i = skip_spaces(s, n, i);
		if (!digits(s, n, &i, 4, 4, &c))
			return 0;
		*y = c, *m = a, *d = b;
	} else {
		return 0;
	}
	return with_time ? time_scan(s, n, i) : i;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

static int date_check(int y, int m, int d, char out[11])
{
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_IMPOSSIBLE;

	time_t now = time(NULL) + 86400;
	struct tm tm;
	long ymd = (long)y * 10000 + m * 100 + d, max = 99991231;

	if (gmtime_r(&now, &tm))
		max = (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
		      tm.tm_mday;
	if (ymd < 18000101 || ymd > max)
		return DATE_RANGE;
	/* y, m, d are in range here: 4, 2 and 2 digits */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return DATE_OK;
}

static int date_norm(const char *s, size_t len, char out[11])
{
	int y, m, d;
	size_t k;

	trim(&s, &len);
	k = date_scan(s, len, true, &y, &m, &d);
	if (!k)
		return DATE_UNPARSEABLE;
	while (k < len && (is_ws((unsigned char)s[k]) || s[k] == '.'))
		k++;
	if (k != len)
		return DATE_UNPARSEABLE;
	return date_check(y, m, d, out);
}

quoth_status_t quoth_date_parse(const char *s, size_t len, char out[11])
{
	if (!s)
		return QUOTH_ERR_INVALID;
	return date_norm(s, len, out) == DATE_OK ? QUOTH_OK : QUOTH_ERR_INVALID;
}

/* First valid date phrase starting at a word boundary in S[0..N);
 * its extent is [*AT, *END). */
static bool date_find(const char *s, size_t n, char out[11], size_t *at,
		      size_t *end)
{
	for (size_t i = 0; i < n; i++) {
		int y, m, d;
		size_t k;

		if (!isalnum((unsigned char)s[i]) ||
		    (i && isalnum((unsigned char)s[i - 1])))
			continue;
		k = date_scan(s + i, n - i, false, &y, &m, &d);
		if (k && (i + k == n || !isalnum((unsigned char)s[i + k])) &&
		    date_check(y, m, d, out) == DATE_OK) {
			*at = i;
			*end = i + k;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------- outlets */

/* Well-known news sites, so that a URL names its outlet the way the outlet
 * names itself; any other site is named by its host. */
static const struct {
	const char *domain, *name;
} known_sites[] = {
	{ "reuters.com", "Reuters" },
	{ "apnews.com", "Associated Press" },
	{ "afp.com", "AFP" },
	{ "bloomberg.com", "Bloomberg" },
	{ "nytimes.com", "The New York Times" },
	{ "washingtonpost.com", "The Washington Post" },
	{ "wsj.com", "The Wall Street Journal" },
	{ "ft.com", "Financial Times" },
	{ "economist.com", "The Economist" },
	{ "theguardian.com", "The Guardian" },
	{ "telegraph.co.uk", "The Telegraph" },
	{ "independent.co.uk", "The Independent" },
	{ "bbc.co.uk", "BBC" },
	{ "bbc.com", "BBC" },
	{ "cnn.com", "CNN" },
	{ "cnbc.com", "CNBC" },
	{ "nbcnews.com", "NBC News" },
	{ "cbsnews.com", "CBS News" },
	{ "foxnews.com", "Fox News" },
	{ "npr.org", "NPR" },
	{ "politico.com", "Politico" },
	{ "thehill.com", "The Hill" },
	{ "latimes.com", "Los Angeles Times" },
	{ "usatoday.com", "USA Today" },
	{ "theatlantic.com", "The Atlantic" },
	{ "newsweek.com", "Newsweek" },
	{ "foreignpolicy.com", "Foreign Policy" },
	{ "foreignaffairs.com", "Foreign Affairs" },
	{ "al-monitor.com", "Al-Monitor" },
	{ "aljazeera.com", "Al Jazeera" },
	{ "dw.com", "Deutsche Welle" },
	{ "france24.com", "France 24" },
	{ "rferl.org", "Radio Free Europe/Radio Liberty" },
	{ "themoscowtimes.com", "The Moscow Times" },
	{ "intellinews.com", "bne IntelliNews" },
	{ "tass.com", "TASS" },
	{ "rt.com", "RT" },
};

/* Host of the first http(s) URL in S[0..N), lowercased, "www." dropped. */
static char *url_host(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memmem(p, (size_t)(end - p), "http", 4))) {
		const char *h = p + 4;
		if (h < end && (*h == 's' || *h == 'S'))
			h++;
		if (end - h > 3 && !memcmp(h, "://", 3)) {
			h += 3;
			const char *e = h;
			while (e < end && (isalnum((unsigned char)*e) || *e == '.' ||
					   *e == '-'))
				e++;
			while (e > h && e[-1] == '.')
				e--;
			if (e - h >= 4 && memchr(h, '.', (size_t)(e - h))) {
				size_t len = (size_t)(e - h);
				if (len > 4 && !strncasecmp(h, "www.", 4))
					h += 4, len -= 4;
				char *host = dupn(h, len);
				for (char *q = host; q && *q; q++)
					*q = (char)tolower((unsigned char)*q);
				return host;
			}
		}
		p += 4;
	}
	return NULL;
}

static char *outlet_of_url(const char *s, size_t n)
{
	char *host = url_host(s, n);

	if (!host)
		return NULL;
	size_t hl = strlen(host);
	for (size_t i = 0; i < sizeof known_sites / sizeof known_sites[0]; i++) {
		size_t dl = strlen(known_sites[i].domain);
		if (hl >= dl && !strcmp(host + hl - dl, known_sites[i].domain) &&
		    (hl == dl || host[hl - dl - 1] == '.')) {
			free(host);
			return strdup(known_sites[i].name);
		}
	}
	return host;
}

/* Words that mark a byline as an organisation rather than a person. */
static const char *const org_words[] = {
	"news", "newsroom", "times", "post", "press", "agency", "media",
	"journal", "herald", "tribune", "monitor", "wire", "wires", "reuters",
	"bloomberg", "telegraph", "guardian", "gazette", "daily", "weekly",
	"magazine", "network", "radio", "television", "tv", "broadcasting",
	"service", "staff", "desk", "editorial", "board", "online", "digital",
	"intellinews", "associated", "international"
};

enum { W_NAME, W_PARTICLE, W_LOWER, W_ORG };

/* How a byline word reads: part of a name, a name particle ("van", "and"),
 * a plain lower-case word, or a sign of an organisation. */
static int byline_word(const char *w, size_t n)
{
	static const char *const particles[] = {
		"and", "de", "da", "di", "du", "van", "von", "der", "den",
		"la", "le", "al", "el", "bin", "ibn", "dos", "del", "y"
	};

	for (size_t i = 0; i < sizeof org_words / sizeof org_words[0]; i++)
		if (strlen(org_words[i]) == n && !strncasecmp(w, org_words[i], n))
			return W_ORG;
	/* "IntelliNews": a capital after several lower-case letters (not the
	 * "McDonald"/"DeShawn" pattern) */
	for (size_t i = 3; i < n; i++)
		if (isupper((unsigned char)w[i]) && islower((unsigned char)w[i - 1]))
			return W_ORG;
	for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
		if (strlen(particles[i]) == n && !strncasecmp(w, particles[i], n))
			return W_PARTICLE;
	if (islower((unsigned char)w[0]))
		return W_LOWER;
	return W_NAME;
}

/* "By bne IntelliNews April 12, 2017", "By [Matthew Bodner](#)": the name
 * after "By" in the first lines, with markup and a trailing date dropped.
 * Returns it as outlet or author depending on how it looks. */
static void infer_byline(const char *t, size_t n, char **outlet, char **author)
{
	size_t lim = n < INFER_LEN ? n : INFER_LEN;
	const char *p = t, *end = t + lim;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *s = p;
		size_t len = (size_t)(le - p);

		p = nl ? nl + 1 : end;
		trim(&s, &len);
		while (len && (*s == '*' || *s == '_')) {
			s++;
			len--;
		}
		if (len < 4 || (strncmp(s, "By ", 3) && strncmp(s, "BY ", 3) &&
				strncmp(s, "by ", 3)))
			continue;
		s += 3;
		len -= 3;

		/* drop markup: [name](target), *, _ */
		struct buf b = { 0 };
		for (size_t i = 0; i < len; i++) {
			char c = s[i];
			if (c == ']' && i + 1 < len && s[i + 1] == '(') {
				const char *close = memchr(s + i, ')', len - i);
				if (close) {
					i = (size_t)(close - s);
					continue;
				}
			}
			if (c == '[' || c == ']' || c == '*' || c == '_')
				continue;
			if (!buf_add(&b, &c, 1))
				break;
		}
		if (!b.p) {
			free(b.p);
			return;
		}
		size_t cut = b.len, at, dend;
		char date[11];
		if (date_find(b.p, b.len, date, &at, &dend))
			cut = at;
		for (size_t i = 0; i < cut; i++)
			if (b.p[i] == ',' || b.p[i] == '|' || b.p[i] == '(' ||
			    (b.p[i] == ' ' && i + 2 < cut && b.p[i + 1] == '-' &&
			     b.p[i + 2] == ' ')) {
				cut = i;
				break;
			}
		char *name = squeeze(b.p, cut);
		free(b.p);
		if (!name)
			return;

		/* An organisation needs a positive sign ("IntelliNews", "News");
		 * a person two or more capitalised words.  Anything with a
		 * plain lower-case word otherwise is prose ("By the time ..."). */
		bool org = false, lower = false, ok = true;
		size_t words = 0, names = 0;
		for (const char *w = name; *w;) {
			size_t wl = strcspn(w, " ");
			words++;
			if (!isalpha((unsigned char)w[0]) && (unsigned char)w[0] < 0x80)
				ok = false;
			switch (byline_word(w, wl)) {
			case W_ORG: org = true; break;
			case W_LOWER: lower = true; break;
			case W_NAME: names++; break;
			}
			w += wl;
			while (*w == ' ')
				w++;
		}
		if (ok && words <= 8 && strlen(name) <= 80) {
			if (org && !*outlet) {
				*outlet = name;
				return;
			}
			if (!org && !lower && names >= 2 && !*author) {
				*author = name;
				return;
			}
		}
		free(name);
		return;
	}
}

static bool boilerplate(const char *s, size_t n)
{
	static const char *const lines[] = {
		"menu", "main menu", "home", "search", "close", "share",
		"print", "advertisement", "sign in", "log in", "login",
		"subscribe", "toggle navigation", "navigation", "loading",
		"loading...", "share this article", "skip"
	};

	if (n >= 8 && !strncasecmp(s, "skip to ", 8))
		return true;
	if (n >= 15 && !strncasecmp(s, "skip navigation", 15))
		return true;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		if (strlen(lines[i]) == n && !strncasecmp(s, lines[i], n))
			return true;
	return false;
}

/* First non-empty line that is not site furniture, markdown stripped. */
static char *infer_title(const char *t, size_t n)
{
	size_t lim = n < INFER_LEN ? n : INFER_LEN;
	const char *p = t, *end = t + n;

	while (p < t + lim) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p;
		size_t len = (size_t)((nl ? nl : end) - p);
		bool text = false;

		p = nl ? nl + 1 : end;
		trim(&s, &len);
		while (len && *s == '#') {
			s++;
			len--;
		}
		trim(&s, &len);
		while (len >= 2 && (*s == '*' || *s == '_') && s[len - 1] == *s) {
			s++;
			len -= 2;
		}
		trim(&s, &len);
		for (size_t i = 0; i < len && !text; i++)
			text = isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
		if (!text || boilerplate(s, len))
			continue;
		if (len > MAX_TITLE) {
			size_t cut = MAX_TITLE;
			while (cut > MAX_TITLE / 2 && s[cut] != ' ')
				cut--;
			while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
				cut--;
			len = cut;
		}
		return squeeze(s, len);
	}
	return NULL;
}

/* ---------------------------------------------------------------- fields */

enum field { F_ID, F_TITLE, F_TEXT, F_DATE, F_OUTLET, F_AUTHOR, F_URL, F_LANG,
	     NFIELDS };
#define NRANKS 4

struct fields {
	char *v[NFIELDS][NRANKS];	/* value per field and alias rank */
	size_t len[NFIELDS][NRANKS];
	size_t col[NFIELDS][NRANKS];	/* 1-based column of the value */
	unsigned long ln[NFIELDS][NRANKS];	/* its line, if not the article's */
	const char *nonstring;	/* a title or text key whose value was not
				 * a string (JSON Lines), and its column */
	size_t nonstring_col;
};

static void fields_free(struct fields *f)
{
	for (int i = 0; i < NFIELDS; i++)
		for (int k = 0; k < NRANKS; k++)
			free(f->v[i][k]);
	memset(f, 0, sizeof *f);
}

static void fields_set(struct fields *f, int fld, int rank, char *v,
		       size_t len, size_t col)
{
	free(f->v[fld][rank]);
	f->v[fld][rank] = v;
	f->len[fld][rank] = len;
	f->col[fld][rank] = col;
}

/* Best-ranked value that is not blank, or -1. */
static int fields_pick(const struct fields *f, int fld)
{
	for (int k = 0; k < NRANKS; k++)
		if (f->v[fld][k] && !all_ws(f->v[fld][k], f->len[fld][k]))
			return k;
	return -1;
}

/* ----------------------------------------------------------------- reader */

enum kind { K_TEXT, K_JSONL };
enum comp { C_NONE, C_GZ, C_XZ };

struct quoth_reader {
	char *path;
	quoth_diag_fn diag;
	void *ctx;
	enum kind kind;
	enum comp comp;
	int fd;
	bool done;
	/* text files: the whole file */
	char *file;
	size_t file_len;
	/* JSON Lines */
	gzFile gz;
	lzma_stream xz;
	bool xz_live, xz_end, raw_eof;
	unsigned char *raw;		/* compressed input for xz */
	unsigned char *in;		/* decompressed chunk */
	size_t in_pos, in_len;
	bool eof;
	bool data_error;		/* last failure was bad compressed data */
	struct buf line;
	unsigned long lineno;
	int pending;			/* a line read ahead by open (next_line rc) */
	char errmsg[512];
};

static void seterr(quoth_reader_t *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
	va_end(ap);
}

static void report(quoth_reader_t *r, quoth_diag_level_t level,
		   unsigned long line, unsigned long col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!r->diag)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	quoth_diag_t d = { level, r->path, line, col, msg };
	r->diag(r->ctx, &d);
}

/* A value quoted in a message: at most 60 bytes, cut on a character. */
static int quote_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= 60)
		return (int)n;
	n = 60;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static ssize_t read_fd(quoth_reader_t *r, void *dst, size_t n)
{
	for (;;) {
		ssize_t k = read(r->fd, dst, n);
		if (k >= 0)
			return k;
		if (errno != EINTR) {
			seterr(r, "%s", strerror(errno));
			r->data_error = false;
			return -1;
		}
	}
}

static const char *xz_reason(lzma_ret ret)
{
	switch (ret) {
	case LZMA_FORMAT_ERROR: return "not in xz format";
	case LZMA_DATA_ERROR: return "corrupt data";
	case LZMA_BUF_ERROR: return "truncated data";
	case LZMA_MEM_ERROR: return "out of memory";
	case LZMA_MEMLIMIT_ERROR: return "memory limit reached";
	case LZMA_OPTIONS_ERROR: return "unsupported options";
	default: return "decoder error";
	}
}

static ssize_t read_xz(quoth_reader_t *r, unsigned char *dst, size_t n)
{
	lzma_stream *s = &r->xz;

	if (r->xz_end)
		return 0;
	s->next_out = dst;
	s->avail_out = n;
	while (s->avail_out == n) {
		if (s->avail_in == 0 && !r->raw_eof) {
			ssize_t k = read_fd(r, r->raw, CHUNK_LEN);
			if (k < 0)
				return -1;
			r->raw_eof = k == 0;
			s->next_in = r->raw;
			s->avail_in = (size_t)k;
		}
		lzma_ret ret = lzma_code(s, r->raw_eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_STREAM_END) {
			r->xz_end = true;
			break;
		}
		if (ret != LZMA_OK) {
			seterr(r, "xz: %s", xz_reason(ret));
			r->data_error = true;
			return -1;
		}
	}
	return (ssize_t)(n - s->avail_out);
}

static ssize_t read_gz(quoth_reader_t *r, unsigned char *dst, size_t n)
{
	int err, k = gzread(r->gz, dst, (unsigned)n);
	const char *msg = gzerror(r->gz, &err);

	if (k < 0 || (k == 0 && err != Z_OK)) {
		if (err == Z_ERRNO) {
			seterr(r, "%s", strerror(errno));
			r->data_error = false;
		} else {
			seterr(r, "gzip: %s", err == Z_BUF_ERROR ?
			       "truncated data" : msg);
			r->data_error = true;
		}
		return -1;
	}
	return k;
}

static ssize_t src_read(quoth_reader_t *r, unsigned char *dst, size_t n)
{
	switch (r->comp) {
	case C_GZ: return read_gz(r, dst, n);
	case C_XZ: return read_xz(r, dst, n);
	default: return read_fd(r, dst, n);
	}
}

enum { LINE_EOF, LINE_OK, LINE_TOO_LONG, LINE_ERROR, LINE_NOMEM };

/* Reads the next line (without "\n" or "\r\n") into r->line. */
static int next_line(quoth_reader_t *r)
{
	bool any = false, too_long = false;

	r->line.len = 0;
	for (;;) {
		if (r->in_pos == r->in_len) {
			if (r->eof)
				break;
			ssize_t k = src_read(r, r->in, CHUNK_LEN);
			if (k < 0)
				return LINE_ERROR;
			r->in_pos = 0;
			r->in_len = (size_t)k;
			if (k == 0) {
				r->eof = true;
				break;
			}
		}
		const unsigned char *s = r->in + r->in_pos;
		size_t avail = r->in_len - r->in_pos;
		const unsigned char *nl = memchr(s, '\n', avail);
		size_t take = nl ? (size_t)(nl - s) : avail;

		any = true;
		if (!too_long && r->line.len + take > MAX_LINE)
			too_long = true;
		if (!too_long && !buf_add(&r->line, s, take))
			return LINE_NOMEM;
		r->in_pos += take + (nl != NULL);
		if (nl)
			break;
	}
	if (!any)
		return LINE_EOF;
	r->lineno++;
	if (too_long) {
		r->line.len = 0;
		return LINE_TOO_LONG;
	}
	if (!r->line.p && !buf_add(&r->line, "", 0))
		return LINE_NOMEM;
	if (r->line.len && r->line.p[r->line.len - 1] == '\r')
		r->line.p[--r->line.len] = '\0';
	return LINE_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcasecmp(s + n - k, suffix);
}

int quoth_reader_accepts(const char *path)
{
	static const char *const suffixes[] = {
		".txt", ".md", ".jsonl", ".jsonl.gz", ".jsonl.xz"
	};

	if (!path)
		return 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (ends_with(base, suffixes[i]))
			return 1;
	return 0;
}

/* NUL bytes, or more than 1 in 20 control characters other than layout:
 * not text.  Bytes >= 0x80 do not count, so Latin-1 text passes (and is
 * then repaired as invalid UTF-8). */
static bool looks_binary(const unsigned char *s, size_t n)
{
	size_t ctl = 0;

	if (n > SNIFF_LEN)
		n = SNIFF_LEN;
	if (memchr(s, 0, n))
		return true;
	for (size_t i = 0; i < n; i++)
		if ((s[i] < 0x20 && !is_ws(s[i]) && s[i] != 0x1b) || s[i] == 0x7f)
			ctl++;
	return ctl * 20 > n;
}

static quoth_status_t read_whole(quoth_reader_t *r, off_t hint)
{
	struct buf b = { 0 };

	if (!buf_grow(&b, hint > 0 ? (size_t)hint : 0))
		return QUOTH_ERR_NOMEM;
	for (;;) {
		if (!buf_grow(&b, CHUNK_LEN)) {
			free(b.p);
			return QUOTH_ERR_NOMEM;
		}
		ssize_t k = read_fd(r, b.p + b.len, b.cap - b.len - 1);
		if (k < 0) {
			free(b.p);
			return QUOTH_ERR_IO;
		}
		if (k == 0)
			break;
		b.len += (size_t)k;
	}
	b.p[b.len] = '\0';
	r->file_len = b.len;
	r->file = buf_take(&b);
	return QUOTH_OK;
}

static quoth_status_t open_jsonl(quoth_reader_t *r)
{
	if (r->comp == C_GZ) {
		r->gz = gzdopen(r->fd, "rb");
		if (!r->gz)
			return QUOTH_ERR_NOMEM;
		r->fd = -1;
		gzbuffer(r->gz, CHUNK_LEN);
	} else if (r->comp == C_XZ) {
		lzma_stream init = LZMA_STREAM_INIT;
		r->xz = init;
		if (lzma_stream_decoder(&r->xz, UINT64_MAX,
					LZMA_CONCATENATED) != LZMA_OK)
			return QUOTH_ERR_NOMEM;
		r->xz_live = true;
		if (!(r->raw = malloc(CHUNK_LEN)))
			return QUOTH_ERR_NOMEM;
	}
	if (!(r->in = malloc(CHUNK_LEN)))
		return QUOTH_ERR_NOMEM;

	/* sniff the first bytes as they decompress */
	while (r->in_len < SNIFF_LEN && !r->eof) {
		ssize_t k = src_read(r, r->in + r->in_len, CHUNK_LEN - r->in_len);
		if (k < 0)
			return r->data_error ? QUOTH_ERR_INVALID : QUOTH_ERR_IO;
		r->eof = k == 0;
		r->in_len += (size_t)k;
	}
	if (looks_binary(r->in, r->in_len)) {
		seterr(r, "binary file");
		return QUOTH_ERR_INVALID;
	}
	/* read ahead to the first non-blank line: a file of blank lines is
	 * empty */
	for (;;) {
		int rc = next_line(r);
		if (rc == LINE_ERROR)
			return r->data_error ? QUOTH_ERR_INVALID : QUOTH_ERR_IO;
		if (rc == LINE_NOMEM)
			return QUOTH_ERR_NOMEM;
		if (rc == LINE_EOF) {
			seterr(r, "empty file");
			return QUOTH_ERR_INVALID;
		}
		if (rc == LINE_TOO_LONG || !all_ws(r->line.p, r->line.len)) {
			r->pending = rc;
			return QUOTH_OK;
		}
	}
}

quoth_status_t quoth_reader_open(const char *path, quoth_diag_fn diag,
				 void *ctx, quoth_reader_t **out,
				 char **errmsg_out)
{
	quoth_reader_t *r;
	quoth_status_t st;
	struct stat sb;

	*out = NULL;
	if (errmsg_out)
		*errmsg_out = NULL;
	if (!path)
		return QUOTH_ERR_INVALID;
	r = calloc(1, sizeof *r);
	if (!r)
		return QUOTH_ERR_NOMEM;
	r->fd = -1;
	r->diag = diag;
	r->ctx = ctx;
	r->path = strdup(path);
	if (!r->path) {
		st = QUOTH_ERR_NOMEM;
		goto fail;
	}
	if (ends_with(path, ".jsonl.gz"))
		r->kind = K_JSONL, r->comp = C_GZ;
	else if (ends_with(path, ".jsonl.xz"))
		r->kind = K_JSONL, r->comp = C_XZ;
	else if (ends_with(path, ".jsonl"))
		r->kind = K_JSONL;

	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0 || fstat(r->fd, &sb) < 0) {
		seterr(r, "%s", strerror(errno));
		st = QUOTH_ERR_IO;
		goto fail;
	}
	if (S_ISDIR(sb.st_mode)) {
		seterr(r, "%s", strerror(EISDIR));
		st = QUOTH_ERR_IO;
		goto fail;
	}
	if (r->kind == K_JSONL) {
		st = open_jsonl(r);
	} else {
		st = read_whole(r, sb.st_size);
		if (!st && looks_binary((unsigned char *)r->file, r->file_len)) {
			seterr(r, "binary file");
			st = QUOTH_ERR_INVALID;
		} else if (!st && all_ws(r->file, r->file_len)) {
			seterr(r, "empty file");
			st = QUOTH_ERR_INVALID;
		}
		close(r->fd);
		r->fd = -1;
	}
	if (st)
		goto fail;
	*out = r;
	return QUOTH_OK;
fail:
	if (st == QUOTH_ERR_NOMEM)
		seterr(r, "%s", quoth_status_to_string(st));
	if (errmsg_out)
		*errmsg_out = strdup(r->errmsg[0] ? r->errmsg :
				     quoth_status_to_string(st));
	quoth_reader_close(r);
	return st;
}

const char *quoth_reader_errmsg(const quoth_reader_t *r)
{
	return r ? r->errmsg : "";
}

void quoth_reader_close(quoth_reader_t *r)
{
	if (!r)
		return;
	if (r->gz)
		gzclose(r->gz);
	if (r->xz_live)
		lzma_end(&r->xz);
	if (r->fd >= 0)
		close(r->fd);
	free(r->raw);
	free(r->in);
	free(r->line.p);
	free(r->file);
	free(r->path);
	free(r);
}

/* --------------------------------------------------------- the article */

/* "en", "en-US", "EN_gb" -> "en"; NULL if it is not a language code. */
static char *lang_code(const char *s, size_t n)
{
	size_t k = 0;

	trim(&s, &n);
	while (k < n && isalpha((unsigned char)s[k]))
		k++;
	if (k < 2 || k > 3 || (k < n && s[k] != '-' && s[k] != '_'))
		return NULL;
	char *p = dupn(s, k);
	for (size_t i = 0; p && i < k; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	return p;
}

static void warn_date(quoth_reader_t *r, int why, const char *v,
		      unsigned long line, unsigned long col)
{
	const char *fmt = why == DATE_IMPOSSIBLE ? "impossible date '%.*s' (left undated)" :
			  why == DATE_RANGE ? "date out of range '%.*s' (not within 1800-01-01 .. tomorrow; left undated)" :
			  "unparseable date '%.*s' (left undated)";

	report(r, QUOTH_DIAG_WARNING, line, col, fmt, quote_len(v), v);
}

/* Turns resolved fields into an article.  LINE is the JSON line (0 for a
 * text file), used for the id and for messages. */
static quoth_status_t build(quoth_reader_t *r, struct fields *f,
			    unsigned long line, quoth_article_t **out)
{
	quoth_article_t *a = calloc(1, sizeof *a);
	int k;

	if (!a)
		return QUOTH_ERR_NOMEM;
	a->path = strdup(r->path);
	a->line = line;
	if ((k = fields_pick(f, F_TITLE)) >= 0)
		a->title = squeeze(f->v[F_TITLE][k], f->len[F_TITLE][k]);
	if ((k = fields_pick(f, F_URL)) >= 0)
		a->url = squeeze(f->v[F_URL][k], f->len[F_URL][k]);
	if ((k = fields_pick(f, F_OUTLET)) >= 0)
		a->outlet = squeeze(f->v[F_OUTLET][k], f->len[F_OUTLET][k]);
	else if (a->url)
		a->outlet = outlet_of_url(a->url, strlen(a->url));
	if ((k = fields_pick(f, F_AUTHOR)) >= 0) {
		const char *s = f->v[F_AUTHOR][k];
		size_t n = f->len[F_AUTHOR][k];
		trim(&s, &n);
		if (n > 3 && !strncasecmp(s, "by", 2) && is_ws((unsigned char)s[2]))
			s += 3, n -= 3;
		a->author = squeeze(s, n);
	}
	/* the first alias that parses gives the date; else the best one is
	 * reported */
	int first = -1, why = DATE_UNPARSEABLE;
	for (k = 0; k < NRANKS && !a->date; k++) {
		char d[11];
		int w;
		if (!f->v[F_DATE][k] || all_ws(f->v[F_DATE][k], f->len[F_DATE][k]))
			continue;
		w = date_norm(f->v[F_DATE][k], f->len[F_DATE][k], d);
		if (w == DATE_OK)
			a->date = strdup(d);
		else if (first < 0)
			first = k, why = w;
	}
	if (!a->date && first >= 0)
		warn_date(r, why, f->v[F_DATE][first],
			  f->ln[F_DATE][first] ? f->ln[F_DATE][first] : line,
			  f->col[F_DATE][first]);
	if ((k = fields_pick(f, F_LANG)) >= 0) {
		a->lang = lang_code(f->v[F_LANG][k], f->len[F_LANG][k]);
		if (!a->lang)
			report(r, QUOTH_DIAG_WARNING,
			       f->ln[F_LANG][k] ? f->ln[F_LANG][k] : line,
			       f->col[F_LANG][k],
			       "unknown language '%.*s' (using 'en')",
			       quote_len(f->v[F_LANG][k]), f->v[F_LANG][k]);
	}
	if (!a->lang)
		a->lang = strdup("en");

	k = fields_pick(f, F_TEXT);
	if (k < 0) {
		a->text = strdup("");
	} else {
		a->text = f->v[F_TEXT][k];
		a->text_len = f->len[F_TEXT][k];
		f->v[F_TEXT][k] = NULL;
	}

	if (r->kind == K_TEXT) {
		a->id = make_id('f', quoth_hash64(r->path, strlen(r->path)));
	} else if ((k = fields_pick(f, F_ID)) >= 0) {
		const char *s = f->v[F_ID][k];
		size_t n = f->len[F_ID][k];
		trim(&s, &n);
		a->id = dupn(s, n);
	} else if (a->url) {
		a->id = make_id('u', quoth_hash64(a->url, strlen(a->url)));
	} else {
		uint64_t h = FNV_OFFSET;
		if (a->title)
			h = fnv_add(h, a->title, strlen(a->title));
		h = fnv_add(h, "", 1);
		if (a->date)
			h = fnv_add(h, a->date, strlen(a->date));
		h = fnv_add(h, "", 1);
		h = fnv_add(h, a->text, a->text_len);
		a->id = make_id('h', h);
	}
	if (!a->path || !a->lang || !a->text || !a->id) {
		quoth_article_destroy(a);
		return QUOTH_ERR_NOMEM;
	}
	*out = a;
	return QUOTH_OK;
}

/* ------------------------------------------------------------- text files */

static const struct {
	const char *key;
	int field;
} header_keys[] = {
	{ "title", F_TITLE }, { "outlet", F_OUTLET }, { "date", F_DATE },
	{ "author", F_AUTHOR }, { "url", F_URL }, { "language", F_LANG },
};

enum { HDR_NOT_KV = -2, HDR_UNKNOWN = -1 };

/* Field of a "Key: value" line, HDR_UNKNOWN for another key, HDR_NOT_KV
 * for a line of another shape.  *KEYLEN and *VAL (offset) are set. */
static int header_line(const char *s, size_t n, size_t *keylen, size_t *val)
{
	size_t k = 0;

	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' ||
			 s[k] == '_' || s[k] == ' '))
		k++;
	if (k == 0 || k > 32 || k >= n || s[k] != ':' ||
	    !isalpha((unsigned char)s[0]) || s[k - 1] == ' ')
		return HDR_NOT_KV;
	if (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '\t')
		return HDR_NOT_KV;
	*keylen = k;
	*val = k + 1;
	for (size_t i = 0; i < sizeof header_keys / sizeof header_keys[0]; i++)
		if (strlen(header_keys[i].key) == k &&
		    !strncasecmp(s, header_keys[i].key, k))
			return header_keys[i].field;
	return HDR_UNKNOWN;
}

static size_t line_end(const char *s, size_t n, size_t i)
{
	const char *nl = memchr(s + i, '\n', n - i);

	return nl ? (size_t)(nl - s) : n;
}

/* Parses the header block at F[START..); returns the body's offset, or
 * START when there is no header. */
static size_t parse_header(quoth_reader_t *r, struct fields *fl, bool *has,
			   const char *f, size_t n, size_t start)
{
	size_t i = start, e, kl, v;
	unsigned long line = 1;

	e = line_end(f, n, i);
	{
		const char *s = f + i;
		size_t len = e - i;
		if (len && s[len - 1] == '\r')
			len--;
		if (header_line(s, len, &kl, &v) < 0) {
			*has = false;
			return start;
		}
	}
	*has = true;
	while (i < n) {
		const char *s = f + i;
		size_t len;
		int fld;

		e = line_end(f, n, i);
		len = e - i;
		i = e < n ? e + 1 : n;
		if (len && s[len - 1] == '\r')
			len--;
		if (all_ws(s, len))
			return i;
		fld = header_line(s, len, &kl, &v);
		if (fld == HDR_NOT_KV) {
			report(r, QUOTH_DIAG_WARNING, line, 1,
			       "malformed header line (not 'Key: value'), ignored");
		} else if (fld == HDR_UNKNOWN) {
			report(r, QUOTH_DIAG_WARNING, line, 1,
			       "unknown header key '%.*s', ignored", (int)kl, s);
		} else if (fl->v[fld][0]) {
			report(r, QUOTH_DIAG_WARNING, line, 1,
			       "duplicate header key '%.*s', ignored", (int)kl, s);
		} else {
			struct buf b = { 0 };
			const char *vs = s + v;
			size_t vl = len - v;
			trim(&vs, &vl);
			if (sanitize(&b, vs, vl, NULL)) {
				size_t col = (size_t)(vs - s) + 1;
				size_t bl = b.len;
				fields_set(fl, fld, 0, buf_take(&b), bl, col);
				fl->ln[fld][0] = line;
			}
			free(b.p);
		}
		line++;
	}
	return n;
}

static quoth_status_t text_article(quoth_reader_t *r, quoth_article_t **out)
{
	const char *f = r->file;
	size_t n = r->file_len, start = 0, body, bad;
	struct fields fl;
	struct buf text = { 0 };
	bool has = false;
	quoth_status_t st;

	memset(&fl, 0, sizeof fl);
	if (n >= 3 && !memcmp(f, "\xEF\xBB\xBF", 3))
		start = 3;
	bad = first_bad_utf8(f, n);
	if (bad != NO_POS) {
		unsigned long line = 1;
		size_t ls = 0;
		for (size_t i = 0; i < bad; i++)
			if (f[i] == '\n')
				line++, ls = i + 1;
		report(r, QUOTH_DIAG_WARNING, line, bad - ls + 1,
		       "invalid UTF-8 (bytes replaced by U+FFFD)");
	}
	body = parse_header(r, &fl, &has, f, n, start);
	if (!sanitize(&text, f + body, n - body, NULL)) {
		free(text.p);
		fields_free(&fl);
		return QUOTH_ERR_NOMEM;
	}
	/* A headline alone is still an article; nothing at all is not. */
	if (all_ws(text.p, text.len) && fields_pick(&fl, F_TITLE) < 0) {
		report(r, QUOTH_DIAG_FAILED, 0, 0, "no text");
		free(text.p);
		fields_free(&fl);
		*out = NULL;
		return QUOTH_OK;
	}
	size_t tl = text.len;
	fields_set(&fl, F_TEXT, 0, buf_take(&text), tl, 0);

	/* infer what the header does not give; a header is taken as the full
	 * account of date and author, so those are inferred only without one */
	const char *t = fl.v[F_TEXT][0];
	int inferred = 0;
	if (!fl.v[F_TITLE][0]) {
		char *title = infer_title(t, tl);
		if (title) {
			fields_set(&fl, F_TITLE, 0, title, strlen(title), 0);
			inferred = 1;
		}
	}
	if (!has) {
		char d[11], *outlet = NULL, *author = NULL;
		size_t at, end;
		if (date_find(t, tl < INFER_LEN ? tl : INFER_LEN, d, &at, &end))
			fields_set(&fl, F_DATE, 0, strdup(d), 10, 0);
		infer_byline(t, tl, &outlet, &author);
		if (!outlet) {
			outlet = outlet_of_url(t, tl);
		}
		if (outlet)
			fields_set(&fl, F_OUTLET, 0, outlet, strlen(outlet), 0);
		if (author)
			fields_set(&fl, F_AUTHOR, 0, author, strlen(author), 0);
	}
	st = build(r, &fl, 0, out);
	if (!st && *out) {
		(*out)->text_offset = body;
		(*out)->title_inferred = inferred;
	}
	fields_free(&fl);
	return st;
}

/* ------------------------------------------------------------------- JSON */

struct jp {
	const char *s;
	size_t n, i;
	const char *err;
	size_t err_at;
	size_t bad_utf8;
};

static bool jfail(struct jp *p, const char *msg)
{
	if (!p->err) {
		p->err = msg;
		p->err_at = p->i;
	}
	return false;
}

static void jws(struct jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
			       p->s[p->i] == '\r' || p->s[p->i] == '\n'))
		p->i++;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool hex4(const struct jp *p, size_t at, unsigned long *v)
{
	*v = 0;
	if (at + 4 > p->n)
		return false;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval((unsigned char)p->s[at + k]);
		if (h < 0)
			return false;
		*v = *v << 4 | (unsigned long)h;
	}
	return true;
}

/* Parses the string at p->s[p->i] == '"' into OUT (NULL: skip it). */
static bool jstring(struct jp *p, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)p->s;
	struct buf skip = { 0 };
	bool ok = false;

	if (!out)
		out = &skip;
	out->len = 0;
	if (!buf_add(out, "", 0))
		return jfail(p, "out of memory");
	p->i++;
	for (;;) {
		size_t run = p->i;

		/* copy plain bytes in one go */
		while (p->i < p->n && u[p->i] >= 0x20 && u[p->i] < 0x80 &&
		       u[p->i] != '"' && u[p->i] != '\\')
			p->i++;
		if (out != &skip && !buf_add(out, p->s + run, p->i - run)) {
			jfail(p, "out of memory");
			break;
		}
		if (p->i >= p->n) {
			jfail(p, "unterminated string");
			break;
		}
		unsigned char c = u[p->i];
		if (c == '"') {
			p->i++;
			ok = true;
			break;
		}
		if (c < 0x20) {
			jfail(p, "control character in string (must be escaped)");
			break;
		}
		if (c >= 0x80) {
			size_t bad = 0, k = utf8_seq(u + p->i, p->n - p->i, &bad);
			if (k) {
				if (out != &skip)
					buf_add(out, p->s + p->i, k);
				p->i += k;
			} else {
				if (p->bad_utf8 == NO_POS)
					p->bad_utf8 = p->i;
				if (out != &skip)
					buf_add(out, REPLACEMENT, 3);
				p->i += bad;
			}
			continue;
		}
		/* an escape */
		if (p->i + 1 >= p->n) {
			p->i++;
			jfail(p, "unterminated string");
			break;
		}
		char e = p->s[p->i + 1], lit = 0;
		switch (e) {
		case '"': lit = '"'; break;
		case '\\': lit = '\\'; break;
		case '/': lit = '/'; break;
		case 'b': lit = '\b'; break;
		case 'f': lit = '\f'; break;
		case 'n': lit = '\n'; break;
		case 'r': lit = '\r'; break;
		case 't': lit = '\t'; break;
		case 'u': break;
		default:
			jfail(p, "invalid escape in string");
			goto done;
		}
		if (lit) {
			buf_add(out, &lit, 1);
			p->i += 2;
			continue;
		}
		unsigned long cp, lo;
		if (!hex4(p, p->i + 2, &cp)) {
			jfail(p, "invalid \\u escape (four hex digits expected)");
			break;
		}
		size_t at = p->i;
		p->i += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 1 < p->n &&
		    p->s[p->i] == '\\' && p->s[p->i + 1] == 'u' &&
		    hex4(p, p->i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			p->i += 6;
		} else if (cp >= 0xD800 && cp <= 0xDFFF) {
			/* a lone surrogate is not a character */
			if (p->bad_utf8 == NO_POS)
				p->bad_utf8 = at;
			cp = 0xFFFD;
		} else if (cp == 0) {
			cp = 0xFFFD;	/* strings are NUL-terminated */
		}
		if (out != &skip)
			put_utf8(out, cp);
	}
done:
	free(skip.p);
	return ok;
}

static bool jnumber(struct jp *p)
{
	const char *s = p->s;
	size_t n = p->n;

	if (p->i < n && s[p->i] == '-')
		p->i++;
	if (p->i >= n || !isdigit((unsigned char)s[p->i]))
		return jfail(p, "invalid number");
	if (s[p->i] == '0')
		p->i++;
	else
		while (p->i < n && isdigit((unsigned char)s[p->i]))
			p->i++;
	if (p->i < n && s[p->i] == '.') {
		p->i++;
		if (p->i >= n || !isdigit((unsigned char)s[p->i]))
			return jfail(p, "invalid number (digit expected after '.')");
		while (p->i < n && isdigit((unsigned char)s[p->i]))
			p->i++;
	}
	if (p->i < n && (s[p->i] == 'e' || s[p->i] == 'E')) {
		p->i++;
		if (p->i < n && (s[p->i] == '+' || s[p->i] == '-'))
			p->i++;
		if (p->i >= n || !isdigit((unsigned char)s[p->i]))
			return jfail(p, "invalid number (digit expected in exponent)");
		while (p->i < n && isdigit((unsigned char)s[p->i]))
			p->i++;
	}
	return true;
}

static bool jliteral(struct jp *p)
{
	static const char *const lits[] = { "true", "false", "null" };

	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(lits[k]);
		if (p->i + l <= p->n && !memcmp(p->s + p->i, lits[k], l)) {
			p->i += l;
			return true;
		}
	}
	return jfail(p, "expected a value");
}

/* An object member's key and the ':' after it, into KEY. */
static bool jkey(struct jp *p, struct buf *key)
{
	jws(p);
	if (p->i >= p->n || p->s[p->i] != '"')
		return jfail(p, "expected a string key");
	if (!jstring(p, key))
		return false;
	jws(p);
	if (p->i >= p->n || p->s[p->i] != ':')
		return jfail(p, "expected ':' after key");
	p->i++;
	return true;
}

/* Parses any value.  With NAMES, strings met directly, inside arrays, or as
 * the "name" member of objects are appended to it, ", "-separated: that
 * turns "authors": ["A", {"name": "B"}] and "source": {"name": "C"} into
 * plain names. */
static bool jvalue(struct jp *p, int depth, struct buf *names)
{
	if (depth > MAX_DEPTH)
		return jfail(p, "nesting too deep");
	jws(p);
	if (p->i >= p->n)
		return jfail(p, "expected a value");
	char c = p->s[p->i];
	if (c == '"') {
		struct buf b = { 0 };
		bool ok = jstring(p, names ? &b : NULL);
		if (ok && names && !all_ws(b.p, b.len)) {
			if (names->len)
				buf_adds(names, ", ");
			const char *s = b.p;
			size_t n = b.len;
			trim(&s, &n);
			buf_add(names, s, n);
		}
		free(b.p);
		return ok;
	}
	if (c == '-' || isdigit((unsigned char)c))
		return jnumber(p);
	if (c == '[') {
		p->i++;
		jws(p);
		if (p->i < p->n && p->s[p->i] == ']') {
			p->i++;
			return true;
		}
		for (;;) {
			if (!jvalue(p, depth + 1, names))
				return false;
			jws(p);
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			if (p->i < p->n && p->s[p->i] == ']') {
				p->i++;
				return true;
			}
			return jfail(p, "expected ',' or ']' in array");
		}
	}
	if (c == '{') {
		struct buf key = { 0 };
		bool ok = false;
		p->i++;
		jws(p);
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			return true;
		}
		for (;;) {
			if (!jkey(p, &key))
				break;
			bool is_name = names && !strcmp(key.p, "name");
			if (!jvalue(p, depth + 1, is_name ? names : NULL))
				break;
			jws(p);
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			if (p->i < p->n && p->s[p->i] == '}') {
				p->i++;
				ok = true;
				break;
			}
			jfail(p, "expected ',' or '}' after value");
			break;
		}
		free(key.p);
		return ok;
	}
	return jliteral(p);
}

static const struct {
	const char *key;
	int field, rank;
} json_keys[] = {
	{ "id", F_ID, 0 },
	{ "title", F_TITLE, 0 }, { "headline", F_TITLE, 1 },
	{ "text", F_TEXT, 0 }, { "body", F_TEXT, 1 }, { "content", F_TEXT, 2 },
	{ "date", F_DATE, 0 }, { "published", F_DATE, 1 },
	{ "published_iso_local", F_DATE, 2 }, { "publish_date", F_DATE, 3 },
	{ "outlet", F_OUTLET, 0 }, { "source", F_OUTLET, 1 },
	{ "publication", F_OUTLET, 2 }, { "publisher", F_OUTLET, 3 },
	{ "author", F_AUTHOR, 0 }, { "byline", F_AUTHOR, 1 },
	{ "authors", F_AUTHOR, 2 },
	{ "url", F_URL, 0 },
	{ "language", F_LANG, 0 }, { "lang", F_LANG, 1 },
};

/* Parses one line holding one object into FL. */
static bool jline(struct jp *p, struct fields *fl)
{
	struct buf key = { 0 }, val = { 0 };
	bool ok = false;

	jws(p);
	if (p->i >= p->n || p->s[p->i] != '{')
		return jfail(p, "expected '{' (one JSON object per line)");
	p->i++;
	jws(p);
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		ok = true;
		goto end;
	}
	for (;;) {
		int fld = -1, rank = 0;
		const char *name = NULL;
		size_t at;

		if (!jkey(p, &key))
			break;
		jws(p);
		for (size_t k = 0; k < sizeof json_keys / sizeof json_keys[0]; k++)
			if (!strcasecmp(key.p, json_keys[k].key)) {
				fld = json_keys[k].field;
				rank = json_keys[k].rank;
				name = json_keys[k].key;
			}
		at = p->i;
		if (p->i >= p->n) {
			jfail(p, "expected a value");
			break;
		}
		if (fld == F_AUTHOR || fld == F_OUTLET) {
			val.len = 0;
			if (!jvalue(p, 1, &val))
				break;
			if (val.len) {
				size_t vl = val.len;
				fields_set(fl, fld, rank, buf_take(&val), vl, at + 1);
			}
		} else if (fld >= 0 && p->s[p->i] == '"') {
			if (!jstring(p, &val))
				break;
			size_t vl = val.len;
			fields_set(fl, fld, rank, buf_take(&val), vl, at + 1);
		} else if (fld == F_ID && p->s[p->i] != '"' && p->s[p->i] != '{' &&
			   p->s[p->i] != '[') {
			if (!jvalue(p, 1, NULL))
				break;
			if (p->s[at] == '-' || isdigit((unsigned char)p->s[at]))
				fields_set(fl, fld, rank, dupn(p->s + at, p->i - at),
					   p->i - at, at + 1);
		} else {
			if ((fld == F_TEXT || fld == F_TITLE) && !fl->nonstring &&
			    p->s[at] != 'n') {	/* null is no value at all */
				fl->nonstring = name;
				fl->nonstring_col = at + 1;
			}
			if (!jvalue(p, 1, NULL))
				break;
		}
		jws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			jws(p);
			if (p->i < p->n)
				jfail(p, "unexpected data after the object");
			else
				ok = true;
			break;
		}
		jfail(p, "expected ',' or '}' after value");
		break;
	}
end:
	free(key.p);
	free(val.p);
	return ok;
}

static quoth_status_t json_article(quoth_reader_t *r, quoth_article_t **out)
{
	for (;;) {
		int rc;

		if (r->pending) {
			rc = r->pending;
			r->pending = 0;
		} else {
			rc = next_line(r);
		}
		if (rc == LINE_EOF)
			return QUOTH_OK;
		if (rc == LINE_ERROR)
			return QUOTH_ERR_IO;
		if (rc == LINE_NOMEM)
			return QUOTH_ERR_NOMEM;
		if (rc == LINE_TOO_LONG) {
			report(r, QUOTH_DIAG_FAILED, r->lineno, 0,
			       "line too long (over %zu MiB)", MAX_LINE >> 20);
			continue;
		}
		if (all_ws(r->line.p, r->line.len))
			continue;

		struct jp p = { r->line.p, r->line.len, 0, NULL, 0, NO_POS };
		struct fields fl;
		quoth_status_t st;

		memset(&fl, 0, sizeof fl);
		if (!jline(&p, &fl)) {
			report(r, QUOTH_DIAG_FAILED, r->lineno, p.err_at + 1,
			       "malformed JSON: %s", p.err);
			fields_free(&fl);
			continue;
		}
		/* A headline alone is still an article; nothing at all is
		 * not. */
		if (fields_pick(&fl, F_TEXT) < 0 && fields_pick(&fl, F_TITLE) < 0) {
			if (fl.nonstring)
				report(r, QUOTH_DIAG_FAILED, r->lineno,
				       fl.nonstring_col,
				       "no text: \"%s\" is not a string",
				       fl.nonstring);
			else
				report(r, QUOTH_DIAG_FAILED, r->lineno, 0,
				       "no text");
			fields_free(&fl);
			continue;
		}
		if (p.bad_utf8 != NO_POS)
			report(r, QUOTH_DIAG_WARNING, r->lineno, p.bad_utf8 + 1,
			       "invalid UTF-8 (bytes replaced by U+FFFD)");
		if (fl.nonstring)
			report(r, QUOTH_DIAG_WARNING, r->lineno,
			       fl.nonstring_col,
			       "\"%s\" is not a string: left out",
			       fl.nonstring);
		st = build(r, &fl, r->lineno, out);
		fields_free(&fl);
		return st;
	}
}

quoth_status_t quoth_reader_next(quoth_reader_t *r, quoth_article_t **out)
{
	quoth_status_t st;

	*out = NULL;
	if (!r)
		return QUOTH_ERR_INVALID;
	if (r->done)
		return QUOTH_OK;
	if (r->kind == K_TEXT) {
		r->done = true;
		st = text_article(r, out);
	} else {
		st = json_article(r, out);
		if (!st && !*out)
			r->done = true;
	}
	if (st == QUOTH_ERR_NOMEM)
		seterr(r, "%s", quoth_status_to_string(st));
	if (st)
		r->done = true;
	return st;
}
