/* test_analyzer.c - one test per rule of SPEC "Analysis". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/analyzer.h"

/* Tokens rendered as "pos:term/stem[kind]" joined by spaces. */
typedef struct out {
	char buf[4096];
	size_t len;
} out_t;

static int collect(void *ctx, const quoth_token_t *t)
{
	out_t *o = ctx;
	const char *kind = t->kind == QUOTH_TOKEN_ACRONYM  ? "A"
			   : t->kind == QUOTH_TOKEN_JOINED ? "J"
							   : "";
	o->len += (size_t)snprintf(o->buf + o->len, sizeof o->buf - o->len,
				   "%s%u:%.*s/%.*s%s%s%s", o->len ? " " : "", t->pos,
				   (int)t->term_len, t->term, (int)t->stem_len,
				   t->stem, *kind ? "[" : "", kind, *kind ? "]" : "");
	return 0;
}

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

static const char *run(void **state, int mode, const char *text)
{
	static out_t o;
	memset(&o, 0, sizeof o);
	assert_int_equal(quoth_analyzer_tokenize(*state, mode, text,
						 strlen(text), 0, collect, &o),
			 QUOTH_OK);
	return o.buf;
}

#define DOC(s) run(state, QUOTH_ANALYZE_DOCUMENT, (s))
#define QRY(s) run(state, QUOTH_ANALYZE_QUERY, (s))

static void test_case_folding_and_stems(void **state)
{
	assert_string_equal(DOC("Sanctions INVESTIGATION"),
			    "0:sanctions/sanction 1:investigation/investig");
	/* a query word stems to the same stem */
	assert_string_equal(QRY("sanction investigate"),
			    "0:sanction/sanction 1:investigate/investig");
}

static void test_diacritics_folded(void **state)
{
	assert_string_equal(DOC("détente"), DOC("detente"));
	assert_string_equal(DOC("Détente"), "0:detente/detent");
}

static void test_curly_and_straight_apostrophes(void **state)
{
	char curly[64];
	snprintf(curly, sizeof curly, "%s", DOC("didn\u2019t"));
	assert_string_equal(curly, DOC("didn't"));
}

static void test_possessive_matches_bare_name(void **state)
{
	assert_string_equal(DOC("Assad\u2019s"), "0:assad/assad");
	assert_string_equal(DOC("Assad's"), "0:assad/assad");
	assert_string_equal(QRY("Assad"), "0:assad/assad");
}

static void test_hyphenated_names_phrase_and_joined(void **state)
{
	assert_string_equal(DOC("al-Assad"),
			    "0:al/al 1:assad/assad 0:alassad/alassad[J]");
	assert_string_equal(DOC("Mar-a-Lago talks"),
			    "0:mar/mar 1:a/a 2:lago/lago 0:maralago/maralago[J] "
			    "3:talks/talk");
	/* a spaced dash joins nothing */
	assert_string_equal(DOC("Moscow - Washington"),
			    "0:moscow/moscow 1:washington/washington");
}

/* Flags and byte offsets of each token. */
typedef struct spans {
	unsigned flags[16];
	size_t start[16], end[16];
	int n;
} spans_t;

static int grab(void *ctx, const quoth_token_t *t)
{
	spans_t *s = ctx;
	if (s->n < 16) {
		s->flags[s->n] = t->flags;
		s->start[s->n] = t->start;
		s->end[s->n++] = t->end;
	}
	return 0;
}

static void test_hyphen_flags(void **state)
{
	spans_t s = {0};
	const char *text = "al-Assad";
	assert_int_equal(quoth_analyzer_tokenize(*state, QUOTH_ANALYZE_QUERY,
						 text, strlen(text), 0, grab, &s),
			 QUOTH_OK);
	assert_int_equal(s.n, 3);
	assert_true(s.flags[0] & QUOTH_TOKEN_HYPHEN_NEXT);
	assert_false(s.flags[1] & QUOTH_TOKEN_HYPHEN_NEXT);
	assert_true(s.flags[2] & QUOTH_TOKEN_ALIAS);
	/* the joined token covers the whole run */
	assert_int_equal(s.start[2], 0);
	assert_int_equal(s.end[2], 8);
}

static void test_minsk_2(void **state)
{
	assert_string_equal(DOC("Minsk-2"), "0:minsk/minsk 1:2/2 0:minsk2/minsk2[J]");
}

static void test_letters_joined_by_dots_split(void **state)
{
	assert_string_equal(DOC("Chinanews.com said"),
			    "0:chinanews/chinanew 1:com/com "
			    "0:chinanewscom/chinanewscom[J] 2:said/said");
	/* a query gives the same parts, and the joined form */
	assert_string_equal(QRY("mail.ru"),
			    "0:mail/mail 1:ru/ru 0:mailru/mailru[J]");
	assert_string_equal(QRY("CBCDQ.PK's"),
			    "0:cbcdq/cbcdq[A] 1:pk/pk[A] 0:cbcdqpk/cbcdqpk[J]");
	/* abbreviations, numbers and a final dot stay as they were */
	assert_string_equal(DOC("U.S. v1.2 3.5 Ph.D"),
			    "0:us/us[A] 1:v1.2/v1.2 2:3.5/3.5 "
			    "3:ph/ph 4:d/d 3:phd/phd[J]");
}

static void test_dotted_abbreviation_equals_capitals(void **state)
{
	/* U.S. and US give the same acronym term; lowercase us does not. */
	assert_string_equal(QRY("U.S."), "0:us/us[A]");
	assert_string_equal(QRY("US"), "0:us/us[A]");
	assert_string_equal(DOC("U.S."), "0:us/us[A]");
	assert_string_equal(DOC("US"), "0:us/us 0:us/us[A]");
	assert_string_equal(QRY("us"), "0:us/us");
	assert_string_equal(DOC("U.N. says"), "0:un/un[A] 1:says/say");
}

static void test_numbers_kept(void **state)
{
	assert_string_equal(DOC("2017 04.12.17 3.5%"),
			    "0:2017/2017 1:04.12.17/04.12.17 2:3.5/3.5");
}

static void test_cyrillic_searchable(void **state)
{
	assert_string_equal(DOC("Лавров сказал"), "0:лавров/лавров 1:сказал/сказал");
}

static void test_invalid_utf8_does_not_break(void **state)
{
	const char *t = DOC("bad \xff\xfe bytes");
	assert_non_null(strstr(t, "bad/bad"));
	assert_non_null(strstr(t, "bytes/byte"));
}

static void test_offsets_are_bytes(void **state)
{
	spans_t s = {0};
	const char *text = "D\u00e9tente in Moscow";
	assert_int_equal(quoth_analyzer_tokenize(*state, QUOTH_ANALYZE_DOCUMENT,
						 text, strlen(text), 5, grab, &s),
			 QUOTH_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.start[0], 0);
	assert_int_equal(s.end[0], 8); /* "é" is two bytes */
	assert_int_equal(s.start[1], 9);
	assert_int_equal(s.start[2], 12);
	assert_int_equal(s.end[2], 18);
	/* positions start at first_pos */
	assert_string_equal(run(state, QUOTH_ANALYZE_DOCUMENT, text),
			    "0:detente/detent 1:in/in 2:moscow/moscow");
}

static void test_slug(void **state)
{
	char *s;
	assert_int_equal(quoth_analyzer_slug(*state, "The Moscow Times", 16, &s),
			 QUOTH_OK);
	assert_string_equal(s, "moscow-times");
	free(s);
	assert_int_equal(quoth_analyzer_slug(*state, "Foreign Policy", 14, &s),
			 QUOTH_OK);
	assert_string_equal(s, "foreign-policy");
	free(s);
	assert_int_equal(quoth_analyzer_slug(*state, "Sergéy  Lavrov", 15, &s),
			 QUOTH_OK);
	assert_string_equal(s, "sergey-lavrov");
	free(s);
}

static void test_fold(void **state)
{
	char *s;
	const char *in = "Sergéy Lavrov\u2019s";
	assert_int_equal(quoth_analyzer_fold(*state, in, strlen(in), &s), QUOTH_OK);
	assert_string_equal(s, "sergey lavrov's");
	free(s);
}

static int stop_after_two(void *ctx, const quoth_token_t *t)
{
	(void)t;
	return ++*(int *)ctx >= 2;
}

static void test_stop_early(void **state)
{
	int n = 0;
	assert_int_equal(quoth_analyzer_tokenize(*state, QUOTH_ANALYZE_DOCUMENT,
						 "a b c d", 7, 0,
						 stop_after_two, &n),
			 QUOTH_OK);
	assert_int_equal(n, 2);
}

static int first_stem(void *ctx, const quoth_token_t *t)
{
	char *out = ctx;
	assert_null(t->stem);
	snprintf(out, 64, "%.*s", (int)t->term_len, t->term);
	return 1;
}

/* UNSTEMMED tokens carry no stem; quoth_analyzer_stem() gives the one a
 * DOCUMENT token would carry, and (as snippets rely on) it starts with
 * the word's first letter, even for Snowball's irregular words. */
static void test_stem_on_demand(void **state)
{
	static const char *const words[] = {
		"sanctions", "dying", "lying", "skies", "happy", "generously",
		"Yesterday", "news", "investigation", "2017", "Assad's",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char term[64] = "", want[128];
		assert_int_equal(quoth_analyzer_tokenize(*state,
							 QUOTH_ANALYZE_UNSTEMMED,
							 words[i], strlen(words[i]),
							 0, first_stem, term),
				 QUOTH_OK);
		const char *st;
		size_t len;
		assert_int_equal(quoth_analyzer_stem(*state, term, strlen(term),
						     &st, &len),
				 QUOTH_OK);
		assert_true(len > 0);
		assert_int_equal(st[0], term[0]);
		snprintf(want, sizeof want, "0:%s/%.*s", term, (int)len, st);
		assert_string_equal(run(state, QUOTH_ANALYZE_DOCUMENT, words[i]),
				    want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_folding_and_stems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diacritics_folded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_curly_and_straight_apostrophes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_possessive_matches_bare_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hyphenated_names_phrase_and_joined, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hyphen_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minsk_2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_letters_joined_by_dots_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dotted_abbreviation_equals_capitals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cyrillic_searchable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8_does_not_break, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offsets_are_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_early, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stem_on_demand, setup, teardown),
	};
	return cmocka_run_group_tests_name("analyzer", tests, NULL, NULL);
}
