/* test_names.c - full names for surnames alone: counting, settling,
 * bindings of earlier runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/names.h"

static int setup(void **state)
{
	*state = quoth_names_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	quoth_names_free(*state);
	return 0;
}

static void count(quoth_names_t *n, const char *surname, const char *name,
		  unsigned long k)
{
	assert_int_equal(quoth_names_count(n, surname, name, k), QUOTH_OK);
}

static void test_most_counted_wins(void **state)
{
	quoth_names_t *n = *state;
	count(n, "clinton", "Bill Clinton", 1);
	count(n, "clinton", "Hillary Clinton", 2);
	count(n, "clinton", "Bill Clinton", 2);
	count(n, "lavrov", "Sergei Lavrov", 1);
	assert_null(quoth_names_full(n, "clinton")); /* not settled yet */
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_string_equal(quoth_names_full(n, "clinton"), "Bill Clinton");
	assert_string_equal(quoth_names_full(n, "lavrov"), "Sergei Lavrov");
	assert_null(quoth_names_full(n, "putin"));
}

/* Equal counts: the first name in byte order, whatever the order the
 * names were counted in. */
static void test_ties_by_byte_order(void **state)
{
	quoth_names_t *n = *state;
	count(n, "smith", "John Smith", 2);
	count(n, "smith", "Jane Smith", 2);
	count(n, "brown", "Jane Brown", 1);
	count(n, "brown", "Anna Brown", 1);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_string_equal(quoth_names_full(n, "smith"), "Jane Smith");
	assert_string_equal(quoth_names_full(n, "brown"), "Anna Brown");
}

/* A surname is bound only when the archive leaves little doubt. */
static void test_doubt_binds_nothing(void **state)
{
	quoth_names_t *n = *state;
	/* one Wang among many */
	count(n, "wang", "Patrick Wang", 3);
	count(n, "wang", "Wang Qishan", 2);
	count(n, "wang", "Shaw Wang", 2);
	/* a stray "full name" against the surname alone, quoted far more */
	count(n, "s&p", "Contrasting S&P", 2);
	count(n, "s&p", "S&P", 5);
	count(n, "s&p", "S&P", 4);
	/* the head of a longer name quoted more: "Goldman Sachs" */
	count(n, "goldman", "Steve Goldman", 4);
	count(n, "goldman", "Goldman", 4);
	assert_int_equal(quoth_names_count_head(n, "goldman", "Goldman Sachs", 5),
			 QUOTH_OK);
	/* a head quoted less, and the surname alone no more than four
	 * times as often: bound */
	count(n, "fields", "Mark Fields", 3);
	count(n, "fields", "Fields", 12);
	assert_int_equal(quoth_names_count_head(n, "fields", "Fields Corp", 2),
			 QUOTH_OK);
	/* heads are never bound themselves */
	assert_int_equal(quoth_names_count_head(n, "warren", "Warren Buffett", 9),
			 QUOTH_OK);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_null(quoth_names_full(n, "wang"));
	assert_null(quoth_names_full(n, "s&p"));
	assert_null(quoth_names_full(n, "goldman"));
	assert_string_equal(quoth_names_full(n, "fields"), "Mark Fields");
	assert_null(quoth_names_full(n, "warren"));
	/* a later settle binds what more counts put beyond doubt */
	count(n, "wang", "Patrick Wang", 1);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_string_equal(quoth_names_full(n, "wang"), "Patrick Wang");
}

/* A binding of an earlier run stands against any count, and the first
 * binding of a surname is the one kept. */
static void test_binding_stands(void **state)
{
	quoth_names_t *n = *state;
	assert_int_equal(quoth_names_bind(n, "clinton", "Bill Clinton"), QUOTH_OK);
	assert_int_equal(quoth_names_bind(n, "clinton", "Chelsea Clinton"),
			 QUOTH_OK);
	count(n, "clinton", "Hillary Clinton", 9);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_string_equal(quoth_names_full(n, "clinton"), "Bill Clinton");
}

/* A second settle binds only what the first left unbound. */
static void test_settled_names_stay(void **state)
{
	quoth_names_t *n = *state;
	count(n, "smith", "John Smith", 1);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	count(n, "smith", "Jane Smith", 5);
	count(n, "lavrov", "Sergei Lavrov", 1);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_string_equal(quoth_names_full(n, "smith"), "John Smith");
	assert_string_equal(quoth_names_full(n, "lavrov"), "Sergei Lavrov");
}

static int collect(void *ctx, const char *surname, const char *name)
{
	char *buf = ctx;
	size_t len = strlen(buf);
	snprintf(buf + len, 256 - len, "%s=%s;", surname, name);
	return 0;
}

static int stop_at_first(void *ctx, const char *surname, const char *name)
{
	(*(int *)ctx)++;
	return 7;
}

/* Settled bindings, not given ones, in byte order of surname. */
static void test_each_settled(void **state)
{
	quoth_names_t *n = *state;
	assert_int_equal(quoth_names_bind(n, "bush", "George W. Bush"), QUOTH_OK);
	count(n, "smith", "Jane Smith", 1);
	count(n, "bush", "Jeb Bush", 3);
	count(n, "adams", "John Adams", 1);
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	char buf[256] = "";
	assert_int_equal(quoth_names_each_settled(n, collect, buf), 0);
	assert_string_equal(buf, "adams=John Adams;smith=Jane Smith;");
	int calls = 0;
	assert_int_equal(quoth_names_each_settled(n, stop_at_first, &calls), 7);
	assert_int_equal(calls, 1);
}

/* Enough surnames to make the tables grow many times over. */
static void test_many(void **state)
{
	quoth_names_t *n = *state;
	char surname[32], name[64];
	for (int i = 0; i < 5000; i++) {
		snprintf(surname, sizeof surname, "s%d", i);
		snprintf(name, sizeof name, "First%d S%d", i % 3, i);
		count(n, surname, name, 1);
		if (i % 2) {
			snprintf(name, sizeof name, "Other%d S%d", i, i);
			count(n, surname, name, 2);
		}
	}
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	for (int i = 0; i < 5000; i++) {
		snprintf(surname, sizeof surname, "s%d", i);
		if (i % 2)
			snprintf(name, sizeof name, "Other%d S%d", i, i);
		else
			snprintf(name, sizeof name, "First%d S%d", i % 3, i);
		assert_string_equal(quoth_names_full(n, surname), name);
	}
}

/* Counts carried from one process to another add up; a dump cut short is
 * refused. */
static void test_dump_and_load(void **state)
{
	quoth_names_t *n = *state;
	count(n, "clinton", "Bill Clinton", 2);
	count(n, "lavrov", "Sergei Lavrov", 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(quoth_names_dump(n, f), QUOTH_OK);
	assert_int_equal(fclose(f), 0);

	quoth_names_t *m = quoth_names_new();
	count(m, "clinton", "Hillary Clinton", 3);
	f = fmemopen(buf, len, "r");
	assert_int_equal(quoth_names_load(m, f), QUOTH_OK);
	fclose(f);
	f = fmemopen(buf, len, "r"); /* a second worker's equal counts */
	assert_int_equal(quoth_names_load(m, f), QUOTH_OK);
	fclose(f);
	assert_int_equal(quoth_names_settle(m), QUOTH_OK);
	assert_string_equal(quoth_names_full(m, "clinton"), "Bill Clinton");
	assert_string_equal(quoth_names_full(m, "lavrov"), "Sergei Lavrov");
	quoth_names_free(m);

	for (size_t cut = 1; cut < len; cut++) {
		/* every cut but those between candidates is refused */
		m = quoth_names_new();
		f = fmemopen(buf, cut, "r");
		quoth_status_t st = quoth_names_load(m, f);
		fclose(f);
		quoth_names_free(m);
		size_t zeros = 0;
		for (size_t i = 0; i < cut; i++)
			zeros += buf[i] == 0;
		int between = buf[cut - 1] == 0 && zeros % 3 == 0;
		assert_int_equal(st, between ? QUOTH_OK : QUOTH_ERR_INVALID);
	}
	free(buf);
}

static void test_empty(void **state)
{
	quoth_names_t *n = *state;
	assert_null(quoth_names_full(n, "smith"));
	assert_int_equal(quoth_names_settle(n), QUOTH_OK);
	assert_null(quoth_names_full(n, "smith"));
	int calls = 0;
	assert_int_equal(quoth_names_each_settled(n, stop_at_first, &calls), 0);
	assert_int_equal(calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_most_counted_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_by_byte_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doubt_binds_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binding_stands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settled_names_stay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_settled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_and_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
