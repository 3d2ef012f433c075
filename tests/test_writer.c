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
	char idx2[96];	/* for tests that build their own index */
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
	snprintf(f->idx2, sizeof f->idx2, "%s/idx2", f->dir);
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

/* Documents of database NAME of index IDX holding TERM. */
static unsigned freq_in(const char *idx, const char *name, const char *term)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", idx, name);
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

static unsigned freq(fixture_t *f, const char *name, const char *term)
{
	return freq_in(f->idx, name, term);
}

static unsigned freq2(fixture_t *f, const char *name, const char *term)
{
	return freq_in(f->idx2, name, term);
}

/* Every word has its plain term and Z<stem>, also a word that is its own
 * stem, so that a query word is one posting list. */
static void test_stem_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "bank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "banks"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Zbank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "said"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Zsaid"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "talk"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Ztalk"), 1);
}

/* Title words: S<word> and ZS<stem>. */
static void test_title_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Sbanks"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "ZSbank"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Smerge"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "ZSmerg"), 1);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "Sbank"), 0);
	assert_int_equal(freq(f, QUOTH_ARTICLES_DB, "ZSmerge"), 0);
}

/* A quotation's words follow the same rule, and its speaker is a field. */
static void test_quote_terms(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "merge"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "Zmerg"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "will"), 1);
	assert_int_equal(freq(f, QUOTH_QUOTES_DB, "Zwill"), 1);
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

/* Writes TEXT to DIR/NAME; PATH receives the file's path. */
static void put(const fixture_t *f, const char *name, const char *text,
		char *path, size_t size)
{
	snprintf(path, size, "%s/%s", f->dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

/* Indexes PATHS[0..N) into f->idx2, surveying the speakers' names first
 * when SURVEY; returns the run's stats.unnamed. */
static unsigned long index_files(fixture_t *f, char paths[][128], size_t n,
				 int survey)
{
	quoth_writer_t *w;
	char *err = NULL;
	assert_int_equal(quoth_writer_open(f->idx2, 0, &w, &err), QUOTH_OK);
	quoth_names_t *names = survey ? quoth_names_new() : NULL;
	for (size_t i = 0; survey && i < n; i++)
		assert_int_equal(quoth_writer_survey(w, paths[i], names), QUOTH_OK);
	if (survey)
		assert_int_equal(quoth_writer_use_names(w, names), QUOTH_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(quoth_writer_add_file(w, paths[i], NULL, NULL),
				 QUOTH_OK);
	assert_int_equal(quoth_writer_finish(w, NULL, 0), QUOTH_OK);
	unsigned long unnamed = quoth_writer_stats(w)->unnamed;
	quoth_writer_close(w);
	quoth_names_free(names);
	return unnamed;
}

/* The full name an index recorded for SURNAME, or NULL (caller frees). */
static char *binding(fixture_t *f, const char *surname)
{
	char path[160], key[64];
	snprintf(path, sizeof path, "%s/%s", f->idx2, QUOTH_ARTICLES_DB);
	snprintf(key, sizeof key, QUOTH_META_SPEAKER "%s", surname);
	const char *paths[1] = {path};
	quoth_xdb_t *db;
	char *err = NULL, *v = NULL;
	assert_int_equal(quoth_xdb_open_readonly(paths, 1, 0, &db, &err),
			 QUOTH_OK);
	assert_int_equal(quoth_xdb_get_metadata(db, key, &v), QUOTH_OK);
	quoth_xdb_close(db);
	return v;
}

/* The surname alone in the first file takes the full name of the second:
 * the survey reads both before anything is written. */
static void test_surname_takes_the_full_name(void **state)
{
	fixture_t *f = *state;
	char paths[2][128];
	put(f, "b.txt", "\"We wait,\" Lavrov said.\n", paths[0], 128);
	put(f, "c.txt", "\"We go,\" Foreign Minister Sergei Lavrov said.\n",
	    paths[1], 128);
	assert_int_equal(index_files(f, paths, 2, 1), 0);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSsergei-lavrov"), 2);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSlavrov"), 0);
	assert_int_equal(freq2(f, QUOTH_ARTICLES_DB, "XSsergei-lavrov"), 2);
	char *v = binding(f, "lavrov");
	assert_non_null(v);
	assert_string_equal(v, "Sergei Lavrov");
	free(v);

	/* a later run: a new surname alone takes the recorded name, even
	 * against a full name it brings more often */
	char more[2][128];
	put(f, "d.txt", "\"Not now,\" Lavrov told reporters.\n", more[0], 128);
	put(f, "e.txt", "\"Yes,\" Ivan Lavrov said. \"No,\" Ivan Lavrov said.\n",
	    more[1], 128);
	index_files(f, more, 2, 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSsergei-lavrov"), 3);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSivan-lavrov"), 2);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSlavrov"), 0);
}

/* A later run that brings the full name counts the quotations earlier
 * runs left by surname alone, and not those of a speaker of several words
 * whose term is the same ("Lynch Bell"). */
static void test_unnamed_counted(void **state)
{
	fixture_t *f = *state;
	char first[2][128], later[1][128];
	put(f, "b.txt", "\"We wait,\" Lynch-Bell said.\n", first[0], 128);
	put(f, "c.txt", "\"We stay,\" Lynch Bell said.\n", first[1], 128);
	assert_int_equal(index_files(f, first, 2, 1), 0);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSlynch-bell"), 2);
	put(f, "d.txt", "\"We go,\" Michael Lynch-Bell said.\n", later[0], 128);
	assert_int_equal(index_files(f, later, 1, 1), 1);
	char *v = binding(f, "lynch-bell");
	assert_non_null(v);
	assert_string_equal(v, "Michael Lynch-Bell");
	free(v);
}

/* An organisation has no surname: "Reuters" alone is not "Thomson
 * Reuters", "the Fed" is not "the New York Fed". */
static void test_organisation_not_a_surname(void **state)
{
	fixture_t *f = *state;
	char paths[2][128];
	put(f, "b.txt", "\"Sales fell,\" Reuters said. \"We wait,\" the Fed "
	    "said.\n", paths[0], 128);
	put(f, "c.txt", "\"Profits rose,\" Thomson Reuters said. \"We act,\" "
	    "the New York Fed said.\n", paths[1], 128);
	assert_int_equal(index_files(f, paths, 2, 1), 0);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSreuters"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSthomson-reuters"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSfed"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSnew-york-fed"), 1);
	assert_null(binding(f, "reuters"));
	assert_null(binding(f, "fed"));
}

/* The survey weighs the surname alone and the longer names it heads:
 * "Goldman" is not "Steve Goldman" when "Goldman Sachs" is quoted more,
 * "Fields" not "Mark Fields" when quoted far more often alone. */
static void test_survey_weighs_doubt(void **state)
{
	fixture_t *f = *state;
	char paths[3][128];
	put(f, "b.txt", "\"Rates rise,\" Steve Goldman said. \"Costs fall,\" "
	    "Mark Fields said.\n", paths[0], 128);
	put(f, "c.txt", "\"We hold,\" Goldman said. \"We win,\" Fields said. "
	    "\"We lose,\" Fields said.\n", paths[1], 128);
	put(f, "d.txt", "\"We buy,\" Goldman Sachs said. \"We sell,\" Goldman "
	    "Sachs said. \"We go,\" Fields said. \"We stay,\" Fields said. "
	    "\"We rest,\" Fields said.\n", paths[2], 128);
	assert_int_equal(index_files(f, paths, 3, 1), 0);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSgoldman"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSsteve-goldman"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSfields"), 5);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSmark-fields"), 1);
	assert_null(binding(f, "goldman"));
	assert_null(binding(f, "fields"));
}

/* "Ford" in an article about Ford Motor Co is the company, not the Bill
 * Ford the archive binds the surname to elsewhere. */
static void test_company_not_a_surname(void **state)
{
	fixture_t *f = *state;
	char paths[3][128];
	put(f, "b.txt", "\"We build,\" Bill Ford said. \"We sell,\" Bill Ford "
	    "said.\n", paths[0], 128);
	put(f, "c.txt", "\"We wait,\" Ford said.\n", paths[1], 128);
	put(f, "d.txt", "Ford Motor Co cut jobs. \"We cut,\" Ford said.\n",
	    paths[2], 128);
	assert_int_equal(index_files(f, paths, 3, 1), 0);
	char *full = binding(f, "ford");
	assert_string_equal(full, "Bill Ford");
	free(full);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSbill-ford"), 3);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSford"), 1);
}

/* A writer given no names leaves the surname alone as it is. */
static void test_no_survey_no_names(void **state)
{
	fixture_t *f = *state;
	char paths[2][128];
	put(f, "b.txt", "\"We wait,\" Lavrov said.\n", paths[0], 128);
	put(f, "c.txt", "\"We go,\" Sergei Lavrov said.\n", paths[1], 128);
	index_files(f, paths, 2, 0);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSlavrov"), 1);
	assert_int_equal(freq2(f, QUOTH_QUOTES_DB, "XSsergei-lavrov"), 1);
	assert_null(binding(f, "lavrov"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_stem_terms), T(test_title_terms), T(test_quote_terms),
		T(test_schema_refused), T(test_surname_takes_the_full_name),
		T(test_no_survey_no_names), T(test_unnamed_counted),
		T(test_organisation_not_a_surname), T(test_survey_weighs_doubt),
		T(test_company_not_a_surname),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
