/* test_writer.c - the documents the writer makes (schema.h), read back
 * through the binding: which stem terms a word gets, in articles, titles
 * and quotations, and the check of the index's schema version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/schema.h"
#include "quoth/writer.h"
#include "quoth/xapian.h"

typedef struct fixture {
	char dir[64];	/* temporary: the article and the index */
	char idx[96];
} fixture_t;

static const char ARTICLE[] =
	"Title: Banks merge\n"
	"\n"
	"The bank said so. \"We will merge the two,\" Jane Smith said on "
	"Tuesday. Banks and banking were the talk of the town.\n";

static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/quoth-writer-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->idx, sizeof f->idx, "%s/idx", f->dir);
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", f->dir);
	FILE *fp = fopen(path, "w");
	if (!fp || fputs(ARTICLE, fp) < 0 || fclose(fp))
		return -1;
	quoth_writer_t *w;
	char *err = NULL;
	if (quoth_writer_open(f->idx, 0, &w, &err))
		return -1;
	const char *roots[1] = {f->dir};
	quoth_status_t st = quoth_writer_add_file(w, path, NULL, NULL);
	if (!st)
		st = quoth_writer_finish(w, roots, 1);
	quoth_writer_close(w);
	*state = f;
	return st ? -1 : 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	quoth_writer_remove(f->dir);
	free(f);
	return 0;
}

/* Documents of database NAME holding TERM. */
static unsigned freq(fixture_t *f, const char *name, const char *term)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", f->idx, name);
	const char *paths[1] = {path};
	quoth_xdb_t *db;
	char *err = NULL;
	assert_int_equal(quoth_xdb_open_readonly(paths, 1, 0, &db, &err),
			 QUOTH_OK);
	unsigned n = 0;
	assert_int_equal(quoth_xdb_termfreq(db, term, &n), QUOTH_OK);
	quoth_xdb_close(db);
	return n;
}

/* A word that is its own stem has only its plain term; a word that is not
 * has its plain term and Z<stem>. */
static void test_stem_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "bank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "banks"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Zbank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "said"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Zsaid"), 0);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "talk"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Ztalk"), 0);
}

/* Title words: S<word>, and ZS<stem> only for words that differ. */
static void test_title_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Sbanks"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "ZSbank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Smerge"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "ZSmerg"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Sbank"), 0);
}

/* A quotation's words follow the same rule, and its speaker is a field. */
static void test_quote_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "merge"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "Zmerg"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "will"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "Zwill"), 0);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "XSjane-smith"), 1);
	/* the article's words outside the quotation are not the quote's */
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "banking"), 0);
}

/* An index that says it has another schema is refused until rebuilt. */
static void test_schema_refused(void **state)
{
	fixture_t *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/%s", f->idx, QUOTH_ARTICLES_DB);
	quoth_xdb_t *db;
	char *err = NULL;
	assert_int_equal(quoth_xdb_open_writable(path, 0, &db, &err), QUOTH_OK);
	assert_int_equal(quoth_xdb_set_metadata(db, QUOTH_META_SCHEMA, "1"),
			 QUOTH_OK);
	assert_int_equal(quoth_xdb_commit(db), QUOTH_OK);
	quoth_xdb_close(db);

	quoth_writer_t *w = NULL;
	assert_int_equal(quoth_writer_open(f->idx, 0, &w, &err),
			 QUOTH_ERR_CORRUPT);
	assert_null(w);
	assert_non_null(err);
	assert_non_null(strstr(err, "index has schema 1, this quoth writes "
				    "schema " QUOTH_SCHEMA_VERSION));
	assert_non_null(strstr(err, "--rebuild"));
	free(err);

	err = NULL;
	assert_int_equal(quoth_writer_open(f->idx, 1, &w, &err), QUOTH_OK);
	quoth_writer_close(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_stem_terms), T(test_title_terms), T(test_quote_terms),
		T(test_schema_refused),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
