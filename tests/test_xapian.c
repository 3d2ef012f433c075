/* test_xapian.c - the C binding: a query Xapian refuses gives NULL and a
 * reason to take, not a crash or a silent NULL; reading values by term;
 * an OR of phrases weighs a document by the phrases it holds; totals
 * counted up to a bound. */
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

static int collect(void *ctx, const char *const *v)
{
	char *buf = ctx;
	strcat(buf, v[0]);
	strcat(buf, ",");
	strcat(buf, v[1]);
	strcat(buf, ";");
	return strlen(buf) > 12; /* stops after the second */
}

/* A new writable database in a new directory made from the mkdtemp()
 * template DIR. */
static quoth_xdb_t *temp_db(char *dir)
{
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/db", dir);
	quoth_xdb_t *db;
	char *err = NULL;
	assert_int_equal(quoth_xdb_open_writable(path, 1, &db, &err), QUOTH_OK);
	return db;
}

/* Closes DB and removes DIR, temp_db()'s directory. */
static void drop_temp_db(quoth_xdb_t *db, const char *dir)
{
	quoth_xdb_close(db);
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* quoth_xdb_values(): the values in two slots of the documents a term
 * indexes, in docid order, until the callback says stop. */
static void test_values_by_term(void **state)
{
	(void)state;
	char dir[] = "/tmp/quoth-xapian-XXXXXX";
	quoth_xdb_t *db = temp_db(dir);
	static const char *const vals[] = {"one", "two", "three", "four"};
	for (size_t i = 0; i < 4; i++) {
		quoth_xdoc_t *d = quoth_xdoc_new();
		assert_non_null(d);
		const char *t = i == 1 ? "Xother" : "Xterm";
		assert_int_equal(quoth_xdoc_add_boolean(d, t, strlen(t)), QUOTH_OK);
		assert_int_equal(quoth_xdoc_set_value(d, 3, vals[i],
						      strlen(vals[i])), QUOTH_OK);
		char n[2] = {(char)('1' + i), 0};
		assert_int_equal(quoth_xdoc_set_value(d, 5, n, 1), QUOTH_OK);
		assert_int_equal(quoth_xdb_add(db, d), QUOTH_OK);
		quoth_xdoc_destroy(d);
	}
	char buf[64] = "";
	static const unsigned slots[2] = {3, 5};
	assert_int_equal(quoth_xdb_values(db, "Xterm", slots, 2, collect, buf),
			 QUOTH_OK);
	assert_string_equal(buf, "one,1;three,3;");
	buf[0] = 0;
	assert_int_equal(quoth_xdb_values(db, "Xnone", slots, 2, collect, buf),
			 QUOTH_OK);
	assert_string_equal(buf, "");
	drop_temp_db(db, dir);
}

static quoth_xquery_t *phrase(const char *a, const char *b)
{
	quoth_xquery_t *ab[2] = {term(a), term(b)};
	quoth_xquery_t *q = quoth_xq_op(QUOTH_XOP_PHRASE, ab, 2, 2);
	quoth_xq_destroy(ab[0]);
	quoth_xq_destroy(ab[1]);
	return q;
}

/* The weight of the document whose slot 3 is ID in DB's results for
 * x AND Q (Q consumed), or -1. */
static double weight_with_x(quoth_xdb_t *db, quoth_xquery_t *q,
			    const char *id)
{
	quoth_xquery_t *kids[2] = {term("x"), q};
	quoth_xquery_t *and = quoth_xq_op(QUOTH_XOP_AND, kids, 2, 0);
	quoth_xq_destroy(kids[0]);
	quoth_xq_destroy(kids[1]);
	assert_non_null(and);
	quoth_xsearch_t xs = {.bm25_k1 = 2.0, .bm25_b = 0.6,
			      .sort = QUOTH_XSORT_RELEVANCE, .tiebreak_slot = 3,
			      .collapse_slot = -1, .limit = 10};
	quoth_xmset_t *m = NULL;
	assert_int_equal(quoth_xdb_search(db, and, &xs, &m), QUOTH_OK);
	quoth_xq_destroy(and);
	double w = -1;
	for (size_t i = 0; i < quoth_xmset_size(m); i++) {
		const char *v;
		size_t len;
		if (quoth_xmset_value(m, i, 3, &v, &len) == QUOTH_OK &&
		    len == strlen(id) && memcmp(v, id, len) == 0)
			w = quoth_xmset_weight(m, i);
	}
	quoth_xmset_destroy(m);
	return w;
}

/* Document 2 holds "c d" and none of the other phrases.  Under the AND,
 * Xapian 1.4.22's OR of the three phrases gave it the weight of "a b"
 * too, whose words document 1 has apart: the smallest case a random
 * search found (it turns on the docid order). */
static void test_or_of_phrases_weighs_held_phrases(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"b a f x e", "b e c d x f", "a b e f", "f a b", "f e a", "b f a",
	};
	char dir[] = "/tmp/quoth-xapian-XXXXXX";
	quoth_xdb_t *db = temp_db(dir);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		quoth_xdoc_t *d = quoth_xdoc_new();
		assert_non_null(d);
		unsigned pos = 1;
		for (const char *w = docs[i]; *w; w += w[1] ? 2 : 1)
			assert_int_equal(quoth_xdoc_add_posting(d, w, 1, pos++, 1),
					 QUOTH_OK);
		char id[2] = {(char)('1' + i), 0};
		assert_int_equal(quoth_xdoc_set_value(d, 3, id, 1), QUOTH_OK);
		assert_int_equal(quoth_xdb_add(db, d), QUOTH_OK);
		quoth_xdoc_destroy(d);
	}
	quoth_xquery_t *three[3] = {phrase("a", "b"), phrase("c", "d"),
				    phrase("e", "f")};
	quoth_xquery_t *any = quoth_xq_op(QUOTH_XOP_OR, three, 3, 0);
	for (size_t i = 0; i < 3; i++)
		quoth_xq_destroy(three[i]);
	double w_or = weight_with_x(db, any, "2");
	double w_held = weight_with_x(db, phrase("c", "d"), "2");
	assert_true(w_held > 0);
	assert_true(w_or == w_held);
	drop_temp_db(db, dir);
}

/* The total of Q (consumed) in DB, counting up to COUNT_UPTO matches;
 * *EXACT says whether it is exact. */
static unsigned total_of(quoth_xdb_t *db, quoth_xquery_t *q,
			 unsigned count_upto, int *exact)
{
	assert_non_null(q);
	quoth_xsearch_t xs = {.bm25_k1 = 2.0, .bm25_b = 0.6,
			      .sort = QUOTH_XSORT_RELEVANCE, .tiebreak_slot = 3,
			      .collapse_slot = -1, .limit = 1,
			      .count_upto = count_upto};
	quoth_xmset_t *m = NULL;
	assert_int_equal(quoth_xdb_search(db, q, &xs, &m), QUOTH_OK);
	quoth_xq_destroy(q);
	unsigned total = quoth_xmset_total(m);
	*exact = quoth_xmset_total_exact(m);
	quoth_xmset_destroy(m);
	return total;
}

/* Words that go together: "x y" in 40 documents of 400, each word
 * nowhere else.  A filter weighs nothing, so Xapian stops matching once it
 * has the results asked for, and estimates the rest as if the words were
 * independent (4 of 400).  Counting up to count_upto makes the total
 * exact. */
static void test_total_counted_up_to(void **state)
{
	(void)state;
	char dir[] = "/tmp/quoth-xapian-XXXXXX";
	quoth_xdb_t *db = temp_db(dir);
	for (unsigned i = 0; i < 400; i++) {
		quoth_xdoc_t *d = quoth_xdoc_new();
		assert_non_null(d);
		const char *w[3] = {i % 10 ? "u" : "x", i % 10 ? "v" : "y", "w"};
		for (unsigned k = 0; k < 3; k++)
			assert_int_equal(quoth_xdoc_add_posting(d, w[k], 1,
								k + 1, 1),
					 QUOTH_OK);
		char id[8];
		snprintf(id, sizeof id, "%05u", i);
		assert_int_equal(quoth_xdoc_set_value(d, 3, id, strlen(id)),
				 QUOTH_OK);
		assert_int_equal(quoth_xdb_add(db, d), QUOTH_OK);
		quoth_xdoc_destroy(d);
	}
	int exact;
	quoth_xquery_t *xy[2] = {term("x"), term("y")};
	quoth_xquery_t *and = quoth_xq_op(QUOTH_XOP_AND, xy, 2, 0);
	quoth_xquery_t *pxy = phrase("x", "y");
	assert_true(total_of(db, quoth_xq_scale(and, 0), 0, &exact) < 40);
	assert_false(exact);
	assert_int_equal(total_of(db, quoth_xq_scale(and, 0), 1000, &exact),
			 40);
	assert_true(exact);
	assert_int_equal(total_of(db, quoth_xq_scale(pxy, 0), 1000, &exact),
			 40);
	assert_true(exact);
	/* past count_upto: an estimate, no less than what was counted */
	assert_true(total_of(db, quoth_xq_scale(and, 0), 20, &exact) >= 20);
	assert_false(exact);
	/* one term: its frequency, without counting */
	assert_int_equal(total_of(db, term("w"), 0, &exact), 400);
	assert_true(exact);
	quoth_xq_destroy(pxy);
	quoth_xq_destroy(and);
	quoth_xq_destroy(xy[0]);
	quoth_xq_destroy(xy[1]);
	drop_temp_db(db, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_query_says_why),
		cmocka_unit_test(test_accepted_query_leaves_no_error),
		cmocka_unit_test(test_values_by_term),
		cmocka_unit_test(test_or_of_phrases_weighs_held_phrases),
		cmocka_unit_test(test_total_counted_up_to),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
