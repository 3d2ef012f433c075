/* test_xapian.c - the C binding's query constructors: a query Xapian
 * refuses gives NULL and a reason to take, not a crash or a silent NULL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_query_says_why),
		cmocka_unit_test(test_accepted_query_leaves_no_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
