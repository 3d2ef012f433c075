/* test_query.c - the query parser, through quoth_qnode_dump(), with the real
 * analyzer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quoth/query.h"

static quoth_analyzer_t *an;

static int setup(void **state)
{
	return quoth_analyzer_create("en", &an) == QUOTH_OK ? 0 : -1;
}

static int teardown(void **state)
{
	quoth_analyzer_destroy(an);
	an = NULL;
	return 0;
}

/* Parses Q with DEF and checks the dump against WANT. */
static void tree(const char *q, quoth_qdefault_t def, const char *want)
{
	quoth_qnode_t *n = (quoth_qnode_t *)1;
	size_t col = 99;
	char *err = NULL;
	quoth_status_t st = quoth_query_parse(an, q, def, &n, &col, &err);
	if (st != QUOTH_OK)
		print_error("query <%s>: status %d, col %zu: %s\n", q, st,
			    col, err ? err : "-");
	assert_int_equal(st, QUOTH_OK);
	assert_null(err);
	assert_non_null(n);
	char *d = quoth_qnode_dump(n);
	assert_non_null(d);
	if (strcmp(d, want) != 0)
		print_error("query <%s>\n  got  %s\n  want %s\n", q, d, want);
	assert_string_equal(d, want);
	free(d);
	quoth_qnode_destroy(n);
}

static void t_and(const char *q, const char *want)
{
	tree(q, QUOTH_QDEFAULT_AND, want);
}

/* Parses Q and checks that it fails with MSG (a prefix) at column COL. */
static void error_at(const char *q, const char *msg, size_t col)
{
	quoth_qnode_t *n = (quoth_qnode_t *)1;
	size_t c = 0;
	char *err = NULL;
	quoth_status_t st = quoth_query_parse(an, q, QUOTH_QDEFAULT_AND, &n,
					      &c, &err);
	if (st != QUOTH_ERR_QUERY) {
		char *d = n ? quoth_qnode_dump(n) : NULL;
		print_error("query <%s> parsed: %s\n", q, d ? d : "?");
		free(d);
		quoth_qnode_destroy(n);
	}
	assert_int_equal(st, QUOTH_ERR_QUERY);
	assert_null(n);
	assert_non_null(err);
	if (strncmp(err, msg, strlen(msg)) != 0 || c != col)
		print_error("query <%s>: got %zu \"%s\", want %zu \"%s\"\n", q,
			    c, err, col, msg);
	assert_int_equal(strncmp(err, msg, strlen(msg)), 0);
	assert_int_equal(c, col);
	free(err);
}

#define RUSSIA "(WORD russia russia)"
#define SANCTIONS "(WORD sanctions sanction)"

static void test_implicit_and(void **state)
{
	t_and("russia sanctions", "(AND " RUSSIA " " SANCTIONS ")");
	t_and("  Russia\tSANCTIONS ", "(AND " RUSSIA " " SANCTIONS ")");
	t_and("russia", RUSSIA);
	t_and("a b c", "(AND (WORD a a) (WORD b b) (WORD c c))");
	/* lower-case operators are words */
	t_and("russia or sanctions",
	      "(AND " RUSSIA " (WORD or or) " SANCTIONS ")");
}

static void test_any(void **state)
{
	tree("russia sanctions", QUOTH_QDEFAULT_OR,
	     "(OR " RUSSIA " " SANCTIONS ")");
	/* explicit AND binds tighter than the implicit OR */
	tree("a b AND c", QUOTH_QDEFAULT_OR,
	     "(OR (WORD a a) (AND (WORD b b) (WORD c c)))");
	/* a negated term is not an alternative */
	tree("a b -c", QUOTH_QDEFAULT_OR,
	     "(AND (OR (WORD a a) (WORD b b)) (NOT (WORD c c)))");
	tree("a -c", QUOTH_QDEFAULT_OR, "(AND (WORD a a) (NOT (WORD c c)))");
	tree("-c", QUOTH_QDEFAULT_OR, "(NOT (WORD c c))");
	tree("a OR -c", QUOTH_QDEFAULT_OR, "(AND (WORD a a) (NOT (WORD c c)))");
	tree("-a -c", QUOTH_QDEFAULT_OR,
	     "(AND (NOT (WORD a a)) (NOT (WORD c c)))");
	tree("(a AND b) -c", QUOTH_QDEFAULT_OR,
	     "(AND (WORD a a) (WORD b b) (NOT (WORD c c)))");
	tree("a (b c)", QUOTH_QDEFAULT_OR,
	     "(OR (WORD a a) (WORD b b) (WORD c c))");
}

static void test_precedence(void **state)
{
	t_and("a OR b c", "(OR (WORD a a) (AND (WORD b b) (WORD c c)))");
	t_and("a b OR c", "(OR (AND (WORD a a) (WORD b b)) (WORD c c))");
	t_and("a AND b OR c AND d",
	      "(OR (AND (WORD a a) (WORD b b)) (AND (WORD c c) (WORD d d)))");
	t_and("a OR b OR c", "(OR (WORD a a) (WORD b b) (WORD c c))");
	t_and("a AND b AND c", "(AND (WORD a a) (WORD b b) (WORD c c))");
	t_and("a AND b c", "(AND (WORD a a) (WORD b b) (WORD c c))");
}

static void test_not(void **state)
{
	t_and("russia -sanctions", "(AND " RUSSIA " (NOT " SANCTIONS "))");
	t_and("russia NOT sanctions", "(AND " RUSSIA " (NOT " SANCTIONS "))");
	t_and("russia AND NOT sanctions",
	      "(AND " RUSSIA " (NOT " SANCTIONS "))");
	t_and("-russia", "(NOT " RUSSIA ")");
	t_and("NOT russia", "(NOT " RUSSIA ")");
	t_and("NOT NOT russia", RUSSIA);
	t_and("-(a OR b)", "(NOT (OR (WORD a a) (WORD b b)))");
	t_and("-\"low level\"",
	      "(NOT (PHRASE (WORD low low) (WORD level level)))");
	t_and("-outlet:tass", "(NOT (FIELD outlet \"tass\"))");
	/* '-' negates only at the start of a term */
	t_and("Minsk-2", "(OR (PHRASE (WORD minsk minsk) (WORD 2 2)) "
			 "(WORD minsk2 minsk2 JOINED))");
	t_and("a - b", "(AND (WORD a a) (WORD b b))");
	t_and("a -", "(WORD a a)");
	t_and("a OR -b", "(OR (WORD a a) (NOT (WORD b b)))");
}

static void test_parens(void **state)
{
	t_and("(a OR b) c", "(AND (OR (WORD a a) (WORD b b)) (WORD c c))");
	t_and("a (b OR c)", "(AND (WORD a a) (OR (WORD b b) (WORD c c)))");
	t_and("((a))", "(WORD a a)");
	t_and("(a b) (c d)",
	      "(AND (WORD a a) (WORD b b) (WORD c c) (WORD d d))");
	t_and("(a OR b) OR (c OR d)",
	      "(OR (WORD a a) (WORD b b) (WORD c c) (WORD d d))");
	t_and("x(a)y", "(AND (WORD x x) (WORD a a) (WORD y y))");
	/* a group of punctuation is dropped, like a word of it */
	t_and("a (...)", "(WORD a a)");
}

static void test_phrase(void **state)
{
	const char *want = "(PHRASE (WORD low low) (WORD level level) "
			   "(WORD of of) (WORD trust trust))";
	t_and("\"low level of trust\"", want);
	t_and("\xe2\x80\x9clow level of trust\xe2\x80\x9d", want);
	t_and("\xe2\x80\x9cLow Level of Trust\"", want);
	/* one quoted word stays a phrase: exact, not stemmed */
	t_and("\"sanctions\"", "(PHRASE " SANCTIONS ")");
	t_and("a \"b c\" d", "(AND (WORD a a) (PHRASE (WORD b b) (WORD c c)) "
			     "(WORD d d))");
	/* operators and fields are plain text inside quotes */
	t_and("\"a OR b outlet:x\"", "(PHRASE (WORD a a) (WORD or or ACRONYM) "
				     "(WORD b b) (WORD outlet outlet) "
				     "(WORD x x))");
	/* hyphen parts in order, the joined alias dropped */
	t_and("\"met al-Assad\"", "(PHRASE (WORD met met) (WORD al al) "
				  "(WORD assad assad))");
	t_and("\"!!\" a", "(WORD a a)");
	t_and("a\"b\"", "(AND (WORD a a) (PHRASE (WORD b b)))");
}

static void test_prefix(void **state)
{
	t_and("sanction*", "(PREFIX sanction)");
	t_and("Sanction**", "(PREFIX sanction)");
	t_and("DÉTENT*", "(PREFIX detent)");
	t_and("al-Ass*", "(PREFIX alass)");
	t_and("ab*", "(PREFIX ab)");
	t_and("russia sanc*", "(AND " RUSSIA " (PREFIX sanc))");
	/* not a prefix: the star is punctuation inside a word */
	t_and("*sanction", "(WORD sanction sanction)");
	t_and("\"sanction*\"", "(PHRASE (WORD sanction sanction))");
}

static void test_near(void **state)
{
	t_and("lavrov NEAR/5 tillerson",
	      "(NEAR 5 (WORD lavrov lavrov) (WORD tillerson tillerson))");
	t_and("lavrov NEAR tillerson",
	      "(NEAR 10 (WORD lavrov lavrov) (WORD tillerson tillerson))");
	t_and("a NEAR b NEAR c", "(NEAR 10 (WORD a a) (WORD b b) (WORD c c))");
	t_and("\"low level\" NEAR/3 trust",
	      "(NEAR 3 (PHRASE (WORD low low) (WORD level level)) "
	      "(WORD trust trust))");
	/* a hyphenated word is near as its phrase */
	t_and("al-Assad NEAR/2 regime",
	      "(NEAR 2 (PHRASE (WORD al al) (WORD assad assad)) "
	      "(WORD regime regim))");
	/* NEAR binds tighter than AND/OR */
	t_and("x a NEAR b OR c",
	      "(OR (AND (WORD x x) (NEAR 10 (WORD a a) (WORD b b))) "
	      "(WORD c c))");
	t_and("(a) NEAR b", "(NEAR 10 (WORD a a) (WORD b b))");
	t_and("-a NEAR b", "(NOT (NEAR 10 (WORD a a) (WORD b b)))");
}

static void test_fields(void **state)
{
	t_and("outlet:\"Foreign Policy\"",
	      "(FIELD outlet \"Foreign Policy\")");
	t_and("outlet:\xe2\x80\x9c" "Foreign Policy\xe2\x80\x9d",
	      "(FIELD outlet \"Foreign Policy\")");
	t_and("outlet:moscow-times", "(FIELD outlet \"moscow-times\")");
	t_and("speaker:lavrov", "(FIELD speaker \"lavrov\")");
	t_and("speaker:\"Sergei Lavrov\"", "(FIELD speaker \"Sergei Lavrov\")");
	t_and("author:\"Jane Doe\"", "(FIELD author \"Jane Doe\")");
	t_and("Author:Doe", "(FIELD author \"Doe\")");
	t_and("title:sanctions", "(FIELD title \"sanctions\" " SANCTIONS ")");
	t_and("title:\"Low Trust\"",
	      "(FIELD title \"Low Trust\" (WORD low low) (WORD trust trust))");
	t_and("russia outlet:tass",
	      "(AND " RUSSIA " (FIELD outlet \"tass\"))");
	t_and("(outlet:tass OR outlet:ria) lavrov",
	      "(AND (OR (FIELD outlet \"tass\") (FIELD outlet \"ria\")) "
	      "(WORD lavrov lavrov))");
	/* unknown field names are words */
	t_and("http://example.com", "(PHRASE (WORD http http) "
				    "(WORD example exampl) (WORD com com))");
	/* a word split at its dot, on its own: parts or joined */
	t_and("Mail.Ru", "(OR (PHRASE (WORD mail mail) (WORD ru ru)) "
			 "(WORD mailru mailru JOINED))");
	t_and("10:30", "(PHRASE (WORD 10 10) (WORD 30 30))");
}

static void test_dates(void **state)
{
	t_and("date:2017-04-12", "(DATE 2017-04-12 2017-04-12)");
	t_and("date:2017-04", "(DATE 2017-04-01 2017-04-30)");
	t_and("date:2017-02", "(DATE 2017-02-01 2017-02-28)");
	t_and("date:2016-02", "(DATE 2016-02-01 2016-02-29)");
	t_and("date:2016-02-29", "(DATE 2016-02-29 2016-02-29)");
	t_and("date:2017", "(DATE 2017-01-01 2017-12-31)");
	t_and("date:2017-4-1", "(DATE 2017-04-01 2017-04-01)");
	t_and("date:2017-04-01..2017-04-13", "(DATE 2017-04-01 2017-04-13)");
	t_and("date:2017-04..2017-05", "(DATE 2017-04-01 2017-05-31)");
	t_and("date:2016..2017-02", "(DATE 2016-01-01 2017-02-28)");
	t_and("date:..2017-04-12", "(DATE .. 2017-04-12)");
	t_and("date:..2017", "(DATE .. 2017-12-31)");
	t_and("date:2017-04..", "(DATE 2017-04-01 ..)");
	t_and("date:\"2017-04\"", "(DATE 2017-04-01 2017-04-30)");
	t_and("date:2017-04-12..2017-04-12", "(DATE 2017-04-12 2017-04-12)");
	t_and("lavrov date:2017-04",
	      "(AND (WORD lavrov lavrov) (DATE 2017-04-01 2017-04-30))");
	t_and("date:1900-02", "(DATE 1900-02-01 1900-02-28)");
	t_and("date:2000-02", "(DATE 2000-02-01 2000-02-29)");
}

static void test_days_in_month(void **state)
{
	(void)state;
	assert_int_equal(quoth_days_in_month(2017, 1), 31);
	assert_int_equal(quoth_days_in_month(2017, 2), 28);
	assert_int_equal(quoth_days_in_month(2016, 2), 29);
	assert_int_equal(quoth_days_in_month(1900, 2), 28);
	assert_int_equal(quoth_days_in_month(2000, 2), 29);
	assert_int_equal(quoth_days_in_month(2017, 4), 30);
	assert_int_equal(quoth_days_in_month(2017, 12), 31);
}

static void test_hyphens(void **state)
{
	t_and("al-Assad", "(OR (PHRASE (WORD al al) (WORD assad assad)) "
			  "(WORD alassad alassad JOINED))");
	t_and("Mar-a-Lago", "(OR (PHRASE (WORD mar mar) (WORD a a) "
			    "(WORD lago lago)) (WORD maralago maralago JOINED))");
	/* inside an OR the alternatives flatten */
	t_and("x OR al-Assad",
	      "(OR (WORD x x) (PHRASE (WORD al al) (WORD assad assad)) "
	      "(WORD alassad alassad JOINED))");
	/* several words in one (no hyphen run: the dot is in the way) */
	t_and("U.S.-Russian",
	      "(PHRASE (WORD us us ACRONYM) (WORD russian russian))");
	t_and("Russia/U.S.", "(PHRASE " RUSSIA " (WORD us us ACRONYM))");
}

static void test_acronyms(void **state)
{
	t_and("U.S.", "(WORD us us ACRONYM)");
	t_and("US", "(WORD us us ACRONYM)");
	t_and("us", "(WORD us us)");
	t_and("U.N. NATO", "(AND (WORD un un ACRONYM) (WORD nato nato "
			   "ACRONYM))");
	t_and("\"the U.S. and US\"",
	      "(PHRASE (WORD the the) (WORD us us ACRONYM) (WORD and and) "
	      "(WORD us us ACRONYM))");
}

static void test_folding(void **state)
{
	t_and("Assad\xe2\x80\x99s", "(WORD assad assad)");
	t_and("Assad's", "(WORD assad assad)");
	t_and("d\xc3\xa9tente", "(WORD detente detent)");
	t_and("detente", "(WORD detente detent)");
	t_and("D\xc3\x89TENTE", "(WORD detente detent)");
	t_and("investigation", "(WORD investigation investig)");
	/* a word of punctuation is dropped */
	t_and("a ... b", "(AND (WORD a a) (WORD b b))");
	t_and("a , b", "(AND (WORD a a) (WORD b b))");
}

static void test_errors(void **state)
{
	error_at("", "empty query", 1);
	error_at("   ", "empty query", 1);
	error_at("...", "empty query", 1);
	error_at("a \"low level", "unclosed quote", 3);
	error_at("\xc3\xa9t\xc3\xa9 \xe2\x80\x9clow", "unclosed quote", 5);
	error_at("a)", "unbalanced ')'", 2);
	error_at(") a", "unbalanced ')'", 1);
	error_at("(a OR b", "unclosed '('", 1);
	error_at("x ((a) b", "unclosed '('", 3);
	error_at("a ()", "empty parentheses", 3);
	error_at("a OR", "missing term after OR", 3);
	error_at("a AND", "missing term after AND", 3);
	error_at("NOT", "missing term after NOT", 1);
	error_at("a NOT", "missing term after NOT", 3);
	error_at("OR a", "missing term before OR", 1);
	error_at("a OR OR b", "missing term after OR", 3);
	error_at("(a OR) b", "missing term after OR", 4);
	error_at("a NEAR", "missing term after NEAR", 3);
	error_at("NEAR a", "missing term before NEAR", 1);
	error_at("a -OR b", "missing term after '-'", 3);
	error_at("-", "empty query", 1);
	error_at("a NEAR/x b", "expected a number after NEAR/", 3);
	error_at("a NEAR/ b", "expected a number after NEAR/", 3);
	error_at("a NEAR/5x b", "expected a number after NEAR/", 3);
	error_at("a NEAR/0 b", "NEAR distance must be from 1 to 1000", 3);
	error_at("a NEAR/99999999999999999999 b",
		 "NEAR distance must be from 1 to 1000", 3);
	error_at("a NEAR/2 b NEAR/3 c", "NEAR distances differ", 12);
	error_at("a NEAR (b OR c)", "NEAR applies to words and phrases", 9);
	error_at("a NEAR bb*", "NEAR applies to words and phrases", 8);
	error_at("a NEAR -b", "NEAR applies to words and phrases", 8);
	error_at("outlet:", "empty value for outlet:", 1);
	error_at("a outlet: b", "empty value for outlet:", 3);
	error_at("speaker:\"\"", "empty value for speaker:", 1);
	error_at("title:(a)",
		 "title: takes a word or a quoted phrase, not a group: "
		 "write (title:a OR title:b)", 1);
	error_at("x outlet:(a OR b)", "outlet: takes a word", 3);
	error_at("outlet:\"Foreign", "unclosed quote", 8);
	error_at("date:2017-13", "invalid date \"2017-13\": month", 6);
	error_at("date:2017-02-29", "invalid date \"2017-02-29\": no such day",
		 6);
	error_at("date:2017-04-31", "invalid date", 6);
	error_at("date:17-04-01", "invalid date \"17-04-01\": expected", 6);
	error_at("date:april", "invalid date", 6);
	error_at("date:2017-04-01-02", "invalid date", 6);
	error_at("date:2017-04..2017-13", "invalid date \"2017-13\"", 15);
	error_at("date:..", "date range needs at least one end", 6);
	error_at("date:2017-05..2017-04", "date range ends before it starts", 6);
	error_at("x date:\"2017-00\"", "invalid date", 9);
	error_at("a*", "prefix too short", 1);
	error_at("x *", "prefix too short", 3);
	error_at("x \xc3\xa9*", "prefix too short", 3);
	error_at("x foo/bar*", "a prefix must be a single word", 3);
	t_and("U.S.A*", "(PREFIX usa)");
	/* the first error wins */
	error_at("a OR ) \"b", "missing term after OR", 3);
	error_at("(a \"b", "unclosed quote", 4);
	error_at("a) \"b", "unbalanced ')'", 2);
}

static void test_nesting(void **state)
{
	char q[1300];
	size_t n = 0;
	for (int i = 0; i < 300; i++)
		q[n++] = '(';
	q[n++] = 'a';
	q[n] = '\0';
	error_at(q, "query nested too deeply", 101);
	n = 0;
	for (int i = 0; i < 300; i++) {
		memcpy(q + n, "NOT ", 4);
		n += 4;
	}
	q[n++] = 'a';
	q[n] = '\0';
	error_at(q, "query nested too deeply", 397);
	t_and("((((((((((a))))))))))", "(WORD a a)");
}

static void test_offsets_and_outputs(void **state)
{
	quoth_qnode_t *n = NULL;
	assert_int_equal(quoth_query_parse(an, "x \xc3\xa9t\xc3\xa9 \"b c\"",
					   QUOTH_QDEFAULT_AND, &n, NULL, NULL),
			 QUOTH_OK);
	assert_int_equal(n->type, QUOTH_QN_AND);
	assert_int_equal(n->nkids, 3);
	assert_int_equal(n->kids[0]->offset, 0);
	assert_int_equal(n->kids[1]->offset, 2);
	assert_int_equal(n->kids[2]->offset, 8);
	assert_int_equal(n->kids[2]->kids[1]->offset, 11);
	quoth_qnode_destroy(n);

	/* NULL column and message are allowed on errors too */
	n = (quoth_qnode_t *)1;
	assert_int_equal(quoth_query_parse(an, "(", QUOTH_QDEFAULT_AND, &n,
					   NULL, NULL),
			 QUOTH_ERR_QUERY);
	assert_null(n);

	size_t col = 7;
	char *err = (char *)"x";
	assert_int_equal(quoth_query_parse(an, NULL, QUOTH_QDEFAULT_AND, &n,
					   &col, &err),
			 QUOTH_ERR_INVALID);
	assert_null(n);
	assert_null(err);
	assert_int_equal(col, 0);

	quoth_qnode_destroy(NULL);
	char *d = quoth_qnode_dump(NULL);
	assert_string_equal(d, "()");
	free(d);

	/* FIELD values are escaped in the dump */
	t_and("author:'a\\b'", "(FIELD author \"'a\\\\b'\")");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_implicit_and), T(test_any), T(test_precedence),
		T(test_not), T(test_parens), T(test_phrase), T(test_prefix),
		T(test_near), T(test_fields), T(test_dates),
		T(test_days_in_month), T(test_hyphens), T(test_acronyms),
		T(test_folding), T(test_errors),
		T(test_nesting), T(test_offsets_and_outputs),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
