/* test_xapian.c - the C binding: a query Xapian refuses gives NULL and a
 * reason to take, not a crash or a silent NULL; a stored document can be
 * read, changed and put back by its id. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quoth/xapian.h"

static quoth_xquery_t *term(const char *t)
{
	return quoth_xq_term(t, strlen(t));
}

static void test_refused_query_says_why(void **state)
{
	(void)state;
	quoth_xquery_t *ab[2] = {term("a"), term("b")};
	quoth_xquery_t *phrase = quoth_xq_op(QUOTH_XOP_PHRASE, ab, 2, 0);
	assert_non_null(phrase);
	/* Xapian 1.4's NEAR takes terms only */
	quoth_xquery_t *kids[2] = {phrase, term("c")};
	assert_null(quoth_xq_op(QUOTH_XOP_NEAR, kids, 2, 5));
	char *msg = NULL;
	assert_int_equal(quoth_xq_take_error(&msg), QUOTH_ERR_INTERNAL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "leaf subqueries"));
	free(msg);
	/* taken: the next call has nothing */
	assert_int_equal(quoth_xq_take_error(&msg), QUOTH_OK);
	assert_null(msg);
	for (size_t i = 0; i < 2; i++) {
		quoth_xq_destroy(ab[i]);
		quoth_xq_destroy(kids[i]);
	}
}

static void test_accepted_query_leaves_no_error(void **state)
{
	(void)state;
	quoth_xquery_t *kids[2] = {term("a"), term("b")};
	quoth_xquery_t *near = quoth_xq_op(QUOTH_XOP_NEAR, kids, 2, 5);
	assert_non_null(near);
	char *msg = (char *)1;
	assert_int_equal(quoth_xq_take_error(&msg), QUOTH_OK);
	assert_null(msg);
	/* a NULL operand is passed on without a reason of its own */
	quoth_xquery_t *with_null[2] = {near, NULL};
	assert_null(quoth_xq_op(QUOTH_XOP_AND, with_null, 2, 0));
	assert_int_equal(quoth_xq_take_error(&msg), QUOTH_OK);
	quoth_xq_destroy(near);
	for (size_t i = 0; i < 2; i++)
		quoth_xq_destroy(kids[i]);
}

static void add_doc(quoth_xdb_t *db, const char *speaker, const char *src)
{
	quoth_xdoc_t *doc = quoth_xdoc_new();
	assert_non_null(doc);
	assert_int_equal(quoth_xdoc_add_posting(doc, "word", 4, 1, 1), QUOTH_OK);
	assert_int_equal(quoth_xdoc_add_boolean(doc, speaker, strlen(speaker)),
			 QUOTH_OK);
	assert_int_equal(quoth_xdoc_add_boolean(doc, src, strlen(src)), QUOTH_OK);
	assert_int_equal(quoth_xdoc_set_value(doc, 5, speaker, strlen(speaker)),
			 QUOTH_OK);
	assert_int_equal(quoth_xdoc_set_data(doc, "record", 6), QUOTH_OK);
	assert_int_equal(quoth_xdb_add(db, doc), QUOTH_OK);
	quoth_xdoc_destroy(doc);
}

static void test_stored_document_changed_by_id(void **state)
{
	(void)state;
	char dir[] = "/tmp/quoth-test-xapian.XXXXXX";
	assert_non_null(mkdtemp(dir));
	quoth_xdb_t *db = NULL;
	assert_int_equal(quoth_xdb_open_writable(dir, 2, &db, NULL), QUOTH_OK);
	add_doc(db, "XSlavrov", "XF01");
	add_doc(db, "XSother", "XF02");
	add_doc(db, "XSlavrov", "XF03");

	unsigned *ids = NULL;
	size_t n = 0;
	assert_int_equal(quoth_xdb_postings(db, "XSlavrov", 0, &ids, &n), QUOTH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[1], 3);
	free(ids);
	assert_int_equal(quoth_xdb_postings(db, "XSlavrov", 1, &ids, &n), QUOTH_OK);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(quoth_xdb_postings(db, "XSnobody", 0, &ids, &n), QUOTH_OK);
	assert_int_equal(n, 0);
	assert_null(ids);

	quoth_xdoc_t *doc = NULL;
	assert_int_equal(quoth_xdb_document(db, 3, &doc), QUOTH_OK);
	char *v = NULL;
	size_t len = 0;
	assert_int_equal(quoth_xdoc_get_value(doc, 5, &v), QUOTH_OK);
	assert_string_equal(v, "XSlavrov");
	free(v);
	assert_int_equal(quoth_xdoc_get_value(doc, 9, &v), QUOTH_OK);
	assert_string_equal(v, "");
	free(v);
	assert_int_equal(quoth_xdoc_get_data(doc, &v, &len), QUOTH_OK);
	assert_int_equal(len, 6);
	assert_string_equal(v, "record");
	free(v);
	assert_int_equal(quoth_xdoc_prefixed_term(doc, "XF", &v), QUOTH_OK);
	assert_string_equal(v, "XF03");
	free(v);
	assert_int_equal(quoth_xdoc_prefixed_term(doc, "XR", &v), QUOTH_OK);
	assert_null(v);

	/* changed and put back: the postings follow, the rest stays */
	assert_int_equal(quoth_xdoc_remove_term(doc, "XSlavrov"), QUOTH_OK);
	assert_int_equal(quoth_xdoc_add_boolean(doc, "XSsergei-lavrov", 15),
			 QUOTH_OK);
	assert_int_equal(quoth_xdb_replace_id(db, 3, doc), QUOTH_OK);
	quoth_xdoc_destroy(doc);
	assert_int_equal(quoth_xdb_commit(db), QUOTH_OK);
	unsigned freq = 0;
	assert_int_equal(quoth_xdb_termfreq(db, "XSlavrov", &freq), QUOTH_OK);
	assert_int_equal(freq, 1);
	assert_int_equal(quoth_xdb_termfreq(db, "XSsergei-lavrov", &freq), QUOTH_OK);
	assert_int_equal(freq, 1);
	assert_int_equal(quoth_xdb_termfreq(db, "word", &freq), QUOTH_OK);
	assert_int_equal(freq, 3);
	assert_int_equal(quoth_xdb_doccount(db, &freq), QUOTH_OK);
	assert_int_equal(freq, 3);

	/* a removed term the document lacks is an error, not a crash */
	assert_int_equal(quoth_xdb_document(db, 2, &doc), QUOTH_OK);
	assert_int_not_equal(quoth_xdoc_remove_term(doc, "XSlavrov"), QUOTH_OK);
	quoth_xdoc_destroy(doc);
	/* so is a document that is not there */
	assert_int_not_equal(quoth_xdb_document(db, 99, &doc), QUOTH_OK);
	assert_null(doc);
	quoth_xdb_close(db);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_query_says_why),
		cmocka_unit_test(test_accepted_query_leaves_no_error),
		cmocka_unit_test(test_stored_document_changed_by_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
