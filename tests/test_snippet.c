/* test_snippet.c - choosing and marking snippets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/search.h"
#include "quoth/snippet.h"

static int setup(void **state)
{
	quoth_analyzer_t *a;
	if (quoth_analyzer_create("en", &a))
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	quoth_analyzer_destroy(*state);
	return 0;
}

/* The snippet with marks shown as [ and ]. */
static char *snip(void **state, quoth_snippet_terms_t *t, const char *text,
		  size_t width)
{
	char *s = quoth_snippet_make(*state, t, text, strlen(text), width);
	assert_non_null(s);
	for (char *p = s; *p; p++)
		if (*p == QUOTH_HL_ON)
			*p = '[';
		else if (*p == QUOTH_HL_OFF)
			*p = ']';
	quoth_snippet_terms_free(t);
	return s;
}

static void test_stemmed_and_folded_matches_marked(void **state)
{
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "sanction", "sanction", 0);
	quoth_snippet_terms_add(t, "detente", "detent", 0);
	char *s = snip(state, t, "New sanctions and a D\u00e9tente.", 200);
	assert_string_equal(s, "New [sanctions] and a [D\u00e9tente].");
	free(s);
}

static void test_phrase_words_marked_only_inside_the_phrase(void **state)
{
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	const char *words[] = {"level", "of", "trust"};
	const int acr[] = {0, 0, 0};
	quoth_snippet_terms_add_phrase(t, words, acr, 3);
	char *s = snip(state, t, "Some of us saw a low level of trust, "
			       "a level of doubt.", 200);
	assert_string_equal(s, "Some of us saw a low [level] [of] [trust], "
			       "a level of doubt.");
	free(s);
}

static void test_window_prefers_distinct_words(void **state)
{
	char text[2000];
	memset(text, 'x', sizeof text);
	/* "oil" alone early, "oil prices" together late */
	const char *a = " oil oil oil ";
	const char *b = " the oil prices rose ";
	memcpy(text + 10, a, strlen(a));
	for (size_t i = 30; i < 1500; i += 10)
		text[i] = ' ';
	memcpy(text + 1500, b, strlen(b));
	text[sizeof text - 1] = '\0';
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "oil", "oil", 0);
	quoth_snippet_terms_add(t, "prices", "price", 0);
	char *s = snip(state, t, text, 120);
	assert_non_null(strstr(s, "[oil] [prices]"));
	assert_true(strncmp(s, "\u2026", 3) == 0); /* cut at the front */
	free(s);
}

static void test_white_space_folded_and_ends_cut(void **state)
{
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "moscow", "moscow", 0);
	char *s = snip(state, t, "Talks\n\nin   Moscow ended late on Wednesday "
			       "after many hours of argument", 30);
	assert_non_null(strstr(s, "in [Moscow]"));
	assert_null(strchr(s, '\n'));
	assert_non_null(strstr(s, "\u2026")); /* cut at the end */
	free(s);
}

/* Raw hits of "bank" inside "embankment" point at a window without the
 * word: the match further on is still found and marked. */
static void test_raw_hits_inside_other_words_not_taken(void **state)
{
	char text[1200] = "The embankment held.";
	for (size_t i = strlen(text); i < 1000; i += 5)
		memcpy(text + i, " tide", 6);
	strcat(text, " The bank said.");
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "bank", "bank", 0);
	char *s = snip(state, t, text, 120);
	assert_non_null(strstr(s, "The [bank] said."));
	assert_null(strstr(s, "embankment"));
	free(s);
}

/* The phrase's words apart, many times, before the phrase itself: the
 * snippet shows the phrase. */
static void test_window_holds_the_phrase(void **state)
{
	char text[2000] = "";
	for (int i = 0; i < 30; i++)
		strcat(text, "the report, then from ");
	strcat(text, "The report from Reuters.");
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	const char *words[] = {"the", "report", "from"};
	const int acr[] = {0, 0, 0};
	quoth_snippet_terms_add_phrase(t, words, acr, 3);
	char *s = snip(state, t, text, 120);
	assert_non_null(strstr(s, "[The] [report] [from] Reuters."));
	free(s);
}

/* A word whose stem is not its prefix (city, stemmed "citi") is marked in
 * all its forms. */
static void test_stem_unlike_the_word_marked(void **state)
{
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "city", "citi", 0);
	char *s = snip(state, t, "The City said other cities agreed.", 200);
	assert_string_equal(s, "The [City] said other [cities] agreed.");
	free(s);
}

static void test_no_match_gives_the_start(void **state)
{
	quoth_snippet_terms_t *t = quoth_snippet_terms_new();
	quoth_snippet_terms_add(t, "absent", "absent", 0);
	char *s = snip(state, t, "First words of the text.", 200);
	assert_string_equal(s, "First words of the text.");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stemmed_and_folded_matches_marked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phrase_words_marked_only_inside_the_phrase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_window_prefers_distinct_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_white_space_folded_and_ends_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_hits_inside_other_words_not_taken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stem_unlike_the_word_marked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_window_holds_the_phrase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_match_gives_the_start, setup, teardown),
	};
	return cmocka_run_group_tests_name("snippet", tests, NULL, NULL);
}
