/* test_reader.c - unit tests of the article reader (indexer/reader.c). */
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <lzma.h>
#include <zlib.h>

#include "quoth/reader.h"

#define MAX_DIAGS 32

struct diag_copy {
	quoth_diag_level_t level;
	unsigned long line, column;
	char message[256];
};

struct fixture {
	char dir[64];
	char path[256];
	struct diag_copy diags[MAX_DIAGS];
	int ndiags;
};

static void collect(void *ctx, const quoth_diag_t *d)
{
	struct fixture *fx = ctx;

	assert_non_null(d->path);
	assert_non_null(d->message);
	if (fx->ndiags < MAX_DIAGS) {
		struct diag_copy *c = &fx->diags[fx->ndiags];
		c->level = d->level;
		c->line = d->line;
		c->column = d->column;
		snprintf(c->message, sizeof c->message, "%s", d->message);
	}
	fx->ndiags++;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/quoth-reader-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
		    struct FTW *ftw)
{
	return remove(path);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

/* Writes LEN bytes of DATA to DIR/NAME; fx->path names it. */
static const char *put(struct fixture *fx, const char *name, const void *data,
		       size_t len)
{
	snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
	FILE *f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

static const char *puts_(struct fixture *fx, const char *name, const char *s)
{
	return put(fx, name, s, strlen(s));
}

/* Reads every article of PATH into ARTS (up to MAX); returns the count. */
static int read_all(struct fixture *fx, const char *path,
		    quoth_article_t **arts, int max)
{
	quoth_reader_t *r = NULL;
	quoth_article_t *a;
	char *err = NULL;
	int n = 0;

	assert_int_equal(quoth_reader_open(path, collect, fx, &r, &err), QUOTH_OK);
	assert_null(err);
	for (;;) {
		assert_int_equal(quoth_reader_next(r, &a), QUOTH_OK);
		if (!a)
			break;
		if (n < max)
			arts[n] = a;
		else
			quoth_article_destroy(a);
		n++;
	}
	quoth_reader_close(r);
	return n;
}

static void free_all(quoth_article_t **arts, int n)
{
	for (int i = 0; i < n; i++)
		quoth_article_destroy(arts[i]);
}

static bool has_diag(struct fixture *fx, quoth_diag_level_t level,
		     unsigned long line, unsigned long col, const char *needle)
{
	for (int i = 0; i < fx->ndiags && i < MAX_DIAGS; i++) {
		struct diag_copy *d = &fx->diags[i];
		if (d->level == level && d->line == line &&
		    (col == (unsigned long)-1 || d->column == col) &&
		    strstr(d->message, needle))
			return true;
	}
	return false;
}

#define ANYCOL ((unsigned long)-1)

static void expect_open_fails(struct fixture *fx, const char *path,
			      quoth_status_t want, const char *msg)
{
	quoth_reader_t *r = (quoth_reader_t *)1;
	char *err = NULL;

	assert_int_equal(quoth_reader_open(path, collect, fx, &r, &err), want);
	assert_null(r);
	assert_non_null(err);
	if (msg)
		assert_string_equal(err, msg);
	free(err);
}

/* ----------------------------------------------------------- text files */

static void test_header(void **state)
{
	struct fixture *fx = *state;
	const char *head = "Title: Talks in Moscow\r\n"
			   "outlet:  The Daily Planet \n"
			   "DATE: 2017-04-12\n"
			   "Author: Lois Lane\n"
			   "URL: https://example.com/a?b=c:d\n"
			   "Language: de-DE\n"
			   "\n";
	const char *body = "\nFirst paragraph.\n\nSecond: not a header.\n";
	char file[512];
	quoth_article_t *a[2];
	char id[18];

	snprintf(file, sizeof file, "%s%s", head, body);
	const char *path = puts_(fx, "a.txt", file);
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_int_equal(fx->ndiags, 0);
	assert_string_equal(a[0]->title, "Talks in Moscow");
	assert_string_equal(a[0]->outlet, "The Daily Planet");
	assert_string_equal(a[0]->date, "2017-04-12");
	assert_string_equal(a[0]->author, "Lois Lane");
	assert_string_equal(a[0]->url, "https://example.com/a?b=c:d");
	assert_string_equal(a[0]->lang, "de");
	assert_string_equal(a[0]->path, path);
	assert_int_equal(a[0]->line, 0);
	assert_int_equal(a[0]->text_offset, strlen(head));
	assert_int_equal(a[0]->text_len, strlen(body));
	assert_memory_equal(a[0]->text, body, strlen(body));
	snprintf(id, sizeof id, "f%016llx",
		 (unsigned long long)quoth_hash64(path, strlen(path)));
	assert_string_equal(a[0]->id, id);
	free_all(a, 1);
}

static void test_header_malformed_line(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	const char *path = puts_(fx, "m.md",
				 "Title: Kept\nNonsense line\nColour: red\n"
				 "Title: Second\nDate: yesterday-ish\n\nBody text.\n");

	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->title, "Kept");
	assert_null(a[0]->date);
	assert_null(a[0]->outlet);
	assert_string_equal(a[0]->text, "Body text.\n");
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 2, ANYCOL, "malformed header line"));
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 3, ANYCOL, "unknown header key 'Colour'"));
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 4, ANYCOL, "duplicate header key"));
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 5, 7, "unparseable date 'yesterday-ish'"));
	assert_int_equal(fx->ndiags, 4);
	free_all(a, 1);
}

/* A first line that is not a known "Key: value" means no header at all. */
static void test_no_header_when_first_line_is_prose(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	const char *text = "Note: this is prose\nTitle: not a header\n\nBody.\n";
	const char *path = puts_(fx, "p.txt", text);

	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_int_equal(fx->ndiags, 0);
	assert_int_equal(a[0]->text_offset, 0);
	assert_string_equal(a[0]->text, text);
	assert_string_equal(a[0]->title, "Note: this is prose");
	free_all(a, 1);
}

static void test_infer_byline_date_url(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	const char *text =
		"\n\n12 Takeaways From the Visit\n\nEverything you need to know...\n\n"
		"By [Jane Roe](#)\n\nApril 13, 2017\n\nThe talks, on April 12, 2017, went on.\n\n"
		"Original url:\n<https://www.themoscowtimes.com/2017/04/13/takeaways-a1>";
	const char *path = puts_(fx, "n.txt", text);

	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_int_equal(fx->ndiags, 0);
	assert_string_equal(a[0]->title, "12 Takeaways From the Visit");
	assert_string_equal(a[0]->date, "2017-04-13");
	assert_string_equal(a[0]->author, "Jane Roe");
	assert_string_equal(a[0]->outlet, "The Moscow Times");
	assert_null(a[0]->url);
	assert_string_equal(a[0]->lang, "en");
	assert_int_equal(a[0]->text_offset, 0);
	assert_int_equal(a[0]->text_len, strlen(text));
	free_all(a, 1);
}

static void test_infer_outlet_byline(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	const char *path = puts_(fx, "b.txt",
		"Skip to main content\n\n## Talks end *calmly*\n"
		"A caption line.\nBy bne IntelliNews April 12, 2017\n\n"
		"Text citing https://other.example.org/page here.\n");

	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->title, "Talks end *calmly*");
	assert_string_equal(a[0]->outlet, "bne IntelliNews");
	assert_string_equal(a[0]->date, "2017-04-12");
	assert_null(a[0]->author);
	free_all(a, 1);

	/* a person's byline is not an outlet: the URL's host names it */
	path = puts_(fx, "c.txt", "Title line\n\nBy Eric Auchard and Paul Thomasch\n"
		     "Read it at https://www.Example-News.org/x.\n");
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->author, "Eric Auchard and Paul Thomasch");
	assert_string_equal(a[0]->outlet, "example-news.org");
	assert_null(a[0]->date);
	free_all(a, 1);

	/* prose starting with "By" is no byline; no URL, no outlet */
	path = puts_(fx, "d.txt", "Headline\nBy the time talks ended, little was agreed.\n"
		     "By Monday the mood had soured.\nBy contrast, Reuters News said little.\n");
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->title, "Headline");
	assert_null(a[0]->author);
	assert_null(a[0]->outlet);
	assert_int_equal(fx->ndiags, 0);
	free_all(a, 1);
}

static void test_bad_files(void **state)
{
	struct fixture *fx = *state;
	char missing[300], bin[64];

	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 7);
	bin[10] = 0;
	expect_open_fails(fx, put(fx, "bin.txt", bin, sizeof bin),
			  QUOTH_ERR_INVALID, "binary file");
	expect_open_fails(fx, put(fx, "bin.jsonl", bin, sizeof bin),
			  QUOTH_ERR_INVALID, "binary file");
	/* control characters without NUL: still binary */
	memset(bin, 1, sizeof bin);
	expect_open_fails(fx, put(fx, "ctl.md", bin, sizeof bin),
			  QUOTH_ERR_INVALID, "binary file");
	expect_open_fails(fx, puts_(fx, "e.txt", ""), QUOTH_ERR_INVALID,
			  "empty file");
	expect_open_fails(fx, puts_(fx, "w.txt", " \n\t\r\n  "),
			  QUOTH_ERR_INVALID, "empty file");
	expect_open_fails(fx, puts_(fx, "e.jsonl", "\n\n  \n"),
			  QUOTH_ERR_INVALID, "empty file");
	snprintf(missing, sizeof missing, "%s/no-such.txt", fx->dir);
	expect_open_fails(fx, missing, QUOTH_ERR_IO, strerror(ENOENT));
	expect_open_fails(fx, fx->dir, QUOTH_ERR_IO, strerror(EISDIR));
	if (geteuid() != 0) {	/* root reads anything */
		const char *p = puts_(fx, "locked.txt", "Title\n\ntext\n");
		assert_int_equal(chmod(p, 0), 0);
		expect_open_fails(fx, p, QUOTH_ERR_IO, strerror(EACCES));
	}
	/* NULL errmsg_out is allowed */
	quoth_reader_t *r;
	assert_int_equal(quoth_reader_open(missing, NULL, NULL, &r, NULL),
			 QUOTH_ERR_IO);
	assert_null(r);
	assert_int_equal(fx->ndiags, 0);
	quoth_reader_close(NULL);
}

static void test_latin1(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	const char *path = puts_(fx, "l.txt",
				 "Title: Caf\xe9\n\nLe caf\xe9 cr\xe8me, na\xefve.\n");

	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->title, "Caf\xEF\xBF\xBD");
	assert_string_equal(a[0]->text,
			    "Le caf\xEF\xBF\xBD cr\xEF\xBF\xBDme, na\xEF\xBF\xBDve.\n");
	assert_int_equal(a[0]->text_offset, 13);
	assert_int_equal(fx->ndiags, 1);
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 1, 11, "invalid UTF-8"));
	free_all(a, 1);

	/* a truncated sequence is one U+FFFD; the ASCII after it survives */
	fx->ndiags = 0;
	path = puts_(fx, "t.txt", "Head\nok \xe2\x82 x \xf0\x9f\x98\x80\n");
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_string_equal(a[0]->text, "Head\nok \xEF\xBF\xBD x \xf0\x9f\x98\x80\n");
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 2, 4, "invalid UTF-8"));
	free_all(a, 1);
}

static void test_header_dates(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[2];
	char file[256];
	time_t later = time(NULL) + 3 * 86400;
	struct tm tm;

	const char *path = puts_(fx, "d1.txt", "Date: 2017-02-30\nTitle: T\n\nx\n");
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_null(a[0]->date);
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 1, 7, "impossible date '2017-02-30'"));
	free_all(a, 1);

	gmtime_r(&later, &tm);
	snprintf(file, sizeof file, "Date: %04d-%02d-%02d\n\nx\n",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	fx->ndiags = 0;
	path = puts_(fx, "d2.txt", file);
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_null(a[0]->date);
	assert_int_equal(fx->ndiags, 1);
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 1, 7, "date out of range"));
	free_all(a, 1);

	fx->ndiags = 0;
	path = puts_(fx, "d3.txt", "Date: 1799-12-31\n\nx\n");
	assert_int_equal(read_all(fx, path, a, 2), 1);
	assert_null(a[0]->date);
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 1, 7, "date out of range"));
	free_all(a, 1);
}

/* ------------------------------------------------------------ JSON Lines */

static void test_jsonl_aliases(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[8];
	const char *path = puts_(fx, "a.jsonl",
		"{\"id\": \"20061020/x\", \"title\": \"Exxon plan\", \"byline\": \"By  Yereth  Rosen\", "
		"\"published\": \"Fri Oct 20, 2006 6:15pm EDT\", \"published_iso_local\": \"2006-10-21T18:15\", "
		"\"url\": \"http://www.reuters.com/article/x\", \"body\": \"ANCHORAGE (Reuters) - Exxon.\", "
		"\"extra\": {\"a\": [1, 2.5e3, true, false, null]}}\n"
		"\n"
		"{\"content\": \"Second.\", \"publish_date\": \"12 April 2017\", \"publisher\": \"Foreign Policy\", "
		"\"authors\": [\"Amie Ferris-Rotman\", {\"name\": \"John Doe\"}], \"lang\": \"RU\", \"id\": 42}\r\n"
		"{\"text\": \"Third.\", \"date\": \"2017-04-12T18:15:00+03:00\", \"source\": {\"id\": \"bne\", \"name\": \"bne IntelliNews\"}, "
		"\"author\": \"By Ben Aris\", \"headline\": \"Alias title\"}\n"
		"{\"text\": \"Fourth.\", \"url\": \"https://www.themoscowtimes.com/2017/04/13/x\"}");

	assert_int_equal(read_all(fx, path, a, 8), 4);
	assert_int_equal(fx->ndiags, 0);

	assert_string_equal(a[0]->id, "20061020/x");
	assert_string_equal(a[0]->title, "Exxon plan");
	assert_string_equal(a[0]->author, "Yereth Rosen");
	assert_string_equal(a[0]->date, "2006-10-20");	/* "published" outranks */
	assert_string_equal(a[0]->outlet, "Reuters");	/* from the URL */
	assert_string_equal(a[0]->text, "ANCHORAGE (Reuters) - Exxon.");
	assert_int_equal(a[0]->line, 1);
	assert_int_equal(a[0]->text_offset, 0);
	assert_string_equal(a[0]->path, path);

	assert_string_equal(a[1]->id, "42");
	assert_string_equal(a[1]->text, "Second.");
	assert_string_equal(a[1]->date, "2017-04-12");
	assert_string_equal(a[1]->outlet, "Foreign Policy");
	assert_string_equal(a[1]->author, "Amie Ferris-Rotman, John Doe");
	assert_string_equal(a[1]->lang, "ru");
	assert_null(a[1]->title);
	assert_int_equal(a[1]->line, 3);

	assert_string_equal(a[2]->date, "2017-04-12");
	assert_string_equal(a[2]->outlet, "bne IntelliNews");
	assert_string_equal(a[2]->author, "Ben Aris");
	assert_string_equal(a[2]->title, "Alias title");
	assert_string_equal(a[2]->lang, "en");
	assert_int_equal(a[2]->id[0], 'h');
	assert_int_equal(strlen(a[2]->id), 17);

	assert_string_equal(a[3]->outlet, "The Moscow Times");
	assert_int_equal(a[3]->id[0], 'u');
	char id[18];
	const char *url = "https://www.themoscowtimes.com/2017/04/13/x";
	snprintf(id, sizeof id, "u%016llx",
		 (unsigned long long)quoth_hash64(url, strlen(url)));
	assert_string_equal(a[3]->id, id);
	free_all(a, 4);
}

static void test_jsonl_errors(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[8];
	const char *path = puts_(fx, "e.jsonl",
		"{\"text\": \"one\"}\n"
		"{\"title\" \"x\", \"text\": \"two\"}\n"
		"{\"title\": \"x\" \"text\": \"two\"}\n"
		"[1, 2]\n"
		"{\"text\": \"unterminated}\n"
		"{\"text\": \"bad \\q escape\"}\n"
		"{\"text\": \"ok\"} trailing\n"
		"{\"text\": 01}\n"
		"{\"author\": \"no body\", \"text\": \"  \"}\n"
		"{\"text\": \"raw\ttab\"}\n"
		"{\"text\": \"last\", \"date\": \"2017-02-30\"}\n");

	assert_int_equal(read_all(fx, path, a, 8), 2);
	assert_string_equal(a[0]->text, "one");
	assert_string_equal(a[1]->text, "last");
	assert_int_equal(a[1]->line, 11);
	assert_null(a[1]->date);
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 2, 10, "expected ':' after key"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 3, 15, "expected ',' or '}' after value"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 4, 1, "expected '{'"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 5, 24, "unterminated string"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 6, 15, "invalid escape"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 7, 16, "unexpected data after the object"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 8, 11, "expected ',' or '}'"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 9, 0, "no text"));
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 10, 14, "control character"));
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 11, 26, "impossible date '2017-02-30'"));
	assert_int_equal(fx->ndiags, 10);
	free_all(a, 2);
}

/* A headline with no body is an article (news feeds and test collections
 * carry such records); a record with neither is not. */
static void test_title_only_is_an_article(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[4];
	const char *path = puts_(fx, "t.jsonl",
		"{\"id\": \"1\", \"title\": \"Headline only\"}\n"
		"{\"id\": \"2\", \"url\": \"http://x.example/2\"}\n"
		"{\"id\": \"3\", \"text\": [\"para\"]}\n"
		"{\"id\": \"4\", \"title\": \"T\", \"body\": 5, \"text\": null}\n");
	assert_int_equal(read_all(fx, path, a, 4), 2);
	assert_string_equal(a[0]->title, "Headline only");
	assert_string_equal(a[0]->text, "");
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 2, 0, "no text"));
	/* a text that is not a string says so, and where */
	assert_true(has_diag(fx, QUOTH_DIAG_FAILED, 3, 21,
			     "no text: \"text\" is not a string"));
	assert_string_equal(a[1]->title, "T");
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 4, 35,
			     "\"body\" is not a string: left out"));
	quoth_article_destroy(a[0]);
	quoth_article_destroy(a[1]);

	const char *txt = puts_(fx, "t.txt", "Title: Header only\n\n");
	assert_int_equal(read_all(fx, txt, a, 4), 1);
	assert_string_equal(a[0]->title, "Header only");
	quoth_article_destroy(a[0]);
}

static void test_jsonl_escapes(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[4];
	const char *path = puts_(fx, "s.jsonl",
		"{\"title\": \"Q \\\"x\\\" \\\\ \\/ \\u00e9\\u20AC\", "
		"\"text\": \"a\\nb\\tc\\r\\b\\f \\ud83d\\ude00 \\u0041\"}\n"
		"{\"text\": \"lone \\ud800 x \\udc00 y\"}\n"
		"{\"text\": \"caf\xe9 \xc3\xa9\"}\n");

	assert_int_equal(read_all(fx, path, a, 4), 3);
	assert_string_equal(a[0]->title, "Q \"x\" \\ / \xc3\xa9\xe2\x82\xac");
	assert_string_equal(a[0]->text, "a\nb\tc\r\b\f \xf0\x9f\x98\x80 A");
	assert_string_equal(a[1]->text, "lone \xEF\xBF\xBD x \xEF\xBF\xBD y");
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 2, 16, "invalid UTF-8"));
	assert_string_equal(a[2]->text, "caf\xEF\xBF\xBD \xc3\xa9");
	assert_true(has_diag(fx, QUOTH_DIAG_WARNING, 3, 14, "invalid UTF-8"));
	assert_int_equal(fx->ndiags, 2);
	free_all(a, 3);
}

static const char STREAM[] =
	"{\"id\": \"a\", \"text\": \"alpha\"}\n"
	"{\"id\": \"b\", \"text\": \"beta\"}\n";

static void check_stream(struct fixture *fx, const char *path)
{
	quoth_article_t *a[4];

	assert_int_equal(read_all(fx, path, a, 4), 2);
	assert_string_equal(a[0]->id, "a");
	assert_string_equal(a[0]->text, "alpha");
	assert_string_equal(a[1]->id, "b");
	assert_int_equal(a[1]->line, 2);
	assert_int_equal(fx->ndiags, 0);
	free_all(a, 2);
}

static void test_gzip(void **state)
{
	struct fixture *fx = *state;
	char path[300];

	snprintf(path, sizeof path, "%s/s.jsonl.gz", fx->dir);
	gzFile gz = gzopen(path, "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, STREAM, sizeof STREAM - 1), sizeof STREAM - 1);
	assert_int_equal(gzclose(gz), Z_OK);
	check_stream(fx, path);

	/* a corrupt gzip stream is refused, not read as garbage */
	unsigned char junk[64] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	memset(junk + 10, 0xff, sizeof junk - 10);
	quoth_reader_t *r;
	char *err = NULL;
	quoth_status_t st = quoth_reader_open(put(fx, "bad.jsonl.gz", junk, sizeof junk),
					      collect, fx, &r, &err);
	assert_int_not_equal(st, QUOTH_OK);
	assert_null(r);
	assert_non_null(strstr(err, "gzip"));
	free(err);
}

static void test_xz(void **state)
{
	struct fixture *fx = *state;
	uint8_t out[1024];
	size_t len = 0;

	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL,
						 (const uint8_t *)STREAM,
						 sizeof STREAM - 1, out, &len,
						 sizeof out), LZMA_OK);
	check_stream(fx, put(fx, "s.jsonl.xz", out, len));

	/* truncated: the articles before the cut are read, then an error */
	static uint8_t big[65536];
	static char lines[65536];
	lines[0] = '\0';
	for (int i = 0; i < 2000; i++)
		snprintf(lines + strlen(lines), sizeof lines - strlen(lines),
			 "{\"text\": \"line %d\"}\n", i * 7919 % 10007);
	len = 0;
	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL,
						 (const uint8_t *)lines, strlen(lines),
						 big, &len, sizeof big), LZMA_OK);
	const char *path = put(fx, "cut.jsonl.xz", big, len - 20);
	quoth_reader_t *r;
	quoth_article_t *a;
	quoth_status_t st;
	int n = 0;
	assert_int_equal(quoth_reader_open(path, collect, fx, &r, NULL), QUOTH_OK);
	while (!(st = quoth_reader_next(r, &a)) && a) {
		quoth_article_destroy(a);
		n++;
	}
	assert_int_equal(st, QUOTH_ERR_IO);
	assert_null(a);
	assert_non_null(strstr(quoth_reader_errmsg(r), "xz"));
	assert_true(n > 0 && n <= 2000);
	quoth_reader_close(r);
}

static void test_ids_stable(void **state)
{
	struct fixture *fx = *state;
	quoth_article_t *a[4], *b[4];
	const char *one = "{\"url\": \"http://e.com/1\", \"text\": \"first\"}\n";
	const char *two = "{\"title\": \"T\", \"date\": \"2017-04-12\", \"text\": \"second\"}\n";
	const char *ins = "{\"text\": \"inserted\"}\n";
	char file[512];

	snprintf(file, sizeof file, "%s%s", one, two);
	assert_int_equal(read_all(fx, puts_(fx, "x.jsonl", file), a, 4), 2);
	snprintf(file, sizeof file, "%s%s%s", ins, one, two);
	assert_int_equal(read_all(fx, puts_(fx, "y.jsonl", file), b, 4), 3);
	assert_string_equal(a[0]->id, b[1]->id);
	assert_string_equal(a[1]->id, b[2]->id);
	assert_int_equal(b[2]->line, 3);
	assert_string_not_equal(a[0]->id, a[1]->id);
	assert_string_not_equal(b[0]->id, a[1]->id);
	free_all(a, 2);
	free_all(b, 3);
}

static void test_long_line(void **state)
{
	struct fixture *fx = *state;
	size_t n = 5u << 20;
	char *line = malloc(n + 64);
	quoth_article_t *a[4];

	assert_non_null(line);
	strcpy(line, "{\"text\": \"");
	size_t k = strlen(line);
	for (size_t i = 0; i < n; i++)
		line[k + i] = (char)('a' + i % 26);
	strcpy(line + k + n, "\"}\n{\"text\": \"short\"}\n");
	const char *path = put(fx, "long.jsonl", line, strlen(line));
	free(line);
	assert_int_equal(read_all(fx, path, a, 4), 2);
	assert_int_equal(a[0]->text_len, n);
	assert_int_equal(strlen(a[0]->text), n);
	assert_int_equal(a[0]->text[n - 1], 'a' + (n - 1) % 26);
	assert_string_equal(a[1]->text, "short");
	assert_int_equal(fx->ndiags, 0);
	free_all(a, 2);
}

/* --------------------------------------------------- dates, hash, names */

static void test_date_parse_table(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2017-04-12", "2017-04-12" },
		{ "  2017-04-12T18:15:00Z ", "2017-04-12" },
		{ "2017-04-12T23:59:59-05:00", "2017-04-12" },
		{ "2017-04-12 18:15", "2017-04-12" },
		{ "2006-10-20T18:15", "2006-10-20" },
		{ "2017/04/12", "2017-04-12" },
		{ "April 12, 2017", "2017-04-12" },
		{ "april 12 2017", "2017-04-12" },
		{ "Apr 12, 2017", "2017-04-12" },
		{ "Apr. 12, 2017", "2017-04-12" },
		{ "Sept. 3, 2016", "2016-09-03" },
		{ "12 April 2017", "2017-04-12" },
		{ "1st of March, 2016", "2016-03-01" },
		{ "Wednesday, April 12, 2017", "2017-04-12" },
		{ "Fri Oct 20, 2006 6:15pm EDT", "2006-10-20" },
		{ "Fri Oct 20, 2006 4:25 p.m. EST", "2006-10-20" },
		{ "Sat Oct 21, 2006 2:21pm GMT+3", "2006-10-21" },
		{ "04/12/2017", "2017-04-12" },
		{ "2/29/2016", "2016-02-29" },
		{ "1800-01-01", "1800-01-01" },
		{ "2017-02-30", NULL },
		{ "2017-13-01", NULL },
		{ "2019-02-29", NULL },
		{ "1900-02-29", NULL },
		{ "1799-12-31", NULL },
		{ "9999-12-31", NULL },
		{ "April 31, 2017", NULL },
		{ "13/12/2017", NULL },
		{ "yesterday", NULL },
		{ "", NULL },
		{ "2017-04", NULL },
		{ "April 12", NULL },
		{ "2017-04-12 and more", NULL },
		{ "12017-04-12", NULL },
		{ "Fri Oct 20, 2006 6:15pm EDT junk", NULL },
	};
	char out[11];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		quoth_status_t st = quoth_date_parse(cases[i].in,
						     strlen(cases[i].in), out);
		if (cases[i].out) {
			if (st != QUOTH_OK)
				fail_msg("'%s' did not parse", cases[i].in);
			assert_string_equal(out, cases[i].out);
		} else if (st != QUOTH_ERR_INVALID) {
			fail_msg("'%s' parsed as %s", cases[i].in, out);
		}
	}
	/* only LEN bytes are read */
	assert_int_equal(quoth_date_parse("2017-04-12XYZ", 10, out), QUOTH_OK);
	assert_string_equal(out, "2017-04-12");

	/* today + 1 is accepted, today + 2 is not */
	char s[32];
	time_t t = time(NULL) + 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	assert_int_equal(quoth_date_parse(s, strlen(s), out), QUOTH_OK);
	t += 2 * 86400;
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	assert_int_equal(quoth_date_parse(s, strlen(s), out), QUOTH_ERR_INVALID);
}

static void test_hash_and_accepts(void **state)
{
	assert_true(quoth_hash64("", 0) == 0xcbf29ce484222325ULL);
	assert_true(quoth_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(quoth_hash64("foobar", 6) == 0x85944171f73967e8ULL);

	assert_true(quoth_reader_accepts("a.txt"));
	assert_true(quoth_reader_accepts("dir/A.TXT"));
	assert_true(quoth_reader_accepts("x.md"));
	assert_true(quoth_reader_accepts("news.jsonl"));
	assert_true(quoth_reader_accepts("news.JSONL.gz"));
	assert_true(quoth_reader_accepts("news.jsonl.xz"));
	assert_false(quoth_reader_accepts("news.json"));
	assert_false(quoth_reader_accepts("news.gz"));
	assert_false(quoth_reader_accepts("a.txt.bak"));
	assert_false(quoth_reader_accepts("dir.txt/.txt"));
	assert_false(quoth_reader_accepts(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_header),
		T(test_header_malformed_line),
		T(test_no_header_when_first_line_is_prose),
		T(test_infer_byline_date_url),
		T(test_infer_outlet_byline),
		T(test_bad_files),
		T(test_latin1),
		T(test_header_dates),
		T(test_jsonl_aliases),
		T(test_title_only_is_an_article),
		T(test_jsonl_errors),
		T(test_jsonl_escapes),
		T(test_gzip),
		T(test_xz),
		T(test_ids_stable),
		T(test_long_line),
		T(test_date_parse_table),
		T(test_hash_and_accepts),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
