/* test_extract.c - unit tests for the quotation and speaker extractor.
 *
 * Each test is a small hand-written text (or a short excerpt of a seed
 * article) and asserts the quotation spans as byte offsets, their text,
 * speaker, mention and cue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quoth/extract.h"

struct fx {
	const char *text;
	quoth_quotes_t *q;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	quoth_quotes_destroy(f->q);
	free(f);
	return 0;
}

static size_t run(void **state, const char *text)
{
	struct fx *f = *state;
	quoth_quotes_destroy(f->q);
	f->q = NULL;
	f->text = text;
	assert_int_equal(quoth_extract(text, strlen(text), &f->q), QUOTH_OK);
	assert_non_null(f->q);
	return quoth_quotes_count(f->q);
}

/* Checks quotation I: its bytes are the first occurrence of SPAN at or
 * after the previous quotation, its text TEXT (SPAN when NULL), and its
 * speaker, mention and cue (NULL for none; "*" for "don't care"). */
static void check(void **state, size_t i, const char *span, const char *text,
		  const char *speaker, const char *mention, const char *cue)
{
	struct fx *f = *state;
	const quoth_quote_t *q = quoth_quotes_get(f->q, i);
	assert_non_null(q);
	const char *at = strstr(f->text, span);
	assert_non_null(at);
	assert_int_equal(q->start, (size_t)(at - f->text));
	assert_int_equal(q->end, (size_t)(at - f->text) + strlen(span));
	assert_string_equal(q->text, text ? text : span);
	const char *want[3] = { speaker, mention, cue };
	const char *got[3] = { q->speaker, q->speaker_mention, q->cue };
	for (int k = 0; k < 3; k++) {
		if (want[k] && !strcmp(want[k], "*"))
			continue;
		if (!want[k])
			assert_null(got[k]);
		else {
			assert_non_null(got[k]);
			assert_string_equal(got[k], want[k]);
		}
	}
}

/* Runs TEXT, which must hold exactly one quotation, and checks it as
 * check() does. */
static void check_only(void **state, const char *text, const char *span,
		       const char *qtext, const char *speaker,
		       const char *mention, const char *cue)
{
	assert_int_equal(run(state, text), 1);
	check(state, 0, span, qtext, speaker, mention, cue);
}

static void test_curly_said_after(void **state)
{
	check_only(state, "“We understand each other better,” Lavrov said.",
		   "We understand each other better,", NULL, "Lavrov", "Lavrov",
		   "said");
}

static void test_straight_quotes(void **state)
{
	check_only(state, "Pence was adamant. \"It is a tough charge,\" Pence said.",
		   "It is a tough charge,", NULL, "Pence", "Pence", "said");
}

static void test_nested_quotes(void **state)
{
	const char *t = "“He told me ‘never again’ and left,” Smith said.";
	check_only(state, t, "He told me ‘never again’ and left,", NULL, "Smith", "Smith",
		   "said");
}

static void test_nested_with_double_marks(void **state)
{
	/* A nested quotation typed with double marks closes with the outer. */
	const char *t = "  • Lavrov:\n    • “We reject a false choice, such as "
			"“you are either with us or against us.” (Department of State)\n";
	check_only(state, t, "We reject a false choice, such as “you are either with us "
		   "or against us.", NULL, "Lavrov", "Lavrov", ":");
}

static void test_guillemets(void **state)
{
	assert_int_equal(run(state, "Le ministre a répondu : «Nous sommes prêts», "
			     "selon l'agence."), 1);
	check(state, 0, "Nous sommes prêts", NULL, "*", "*", "*");
}

static void test_apostrophes_are_not_quotes(void **state)
{
	assert_int_equal(run(state, "Assad’s allies didn’t move, and the Assads’ "
			     "rule isn't over. Rock 'n' roll in the ’90s."), 0);
}

static void test_single_quoted_title(void **state)
{
	const char *t = "It was set to the love song ‘The First Time I Ever Saw Your Face.’";
	check_only(state, t, "The First Time I Ever Saw Your Face.", NULL, NULL, NULL, NULL);
}

static void test_paragraph_continued(void **state)
{
	const char *t = "“The first part of the statement.\n\n"
			"“The second part,” Tillerson said.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "The first part of the statement.", NULL, "Tillerson", NULL,
	      NULL);
	check(state, 1, "The second part,", NULL, "Tillerson", "Tillerson", "said");
}

static void test_unbalanced_does_not_swallow(void **state)
{
	const char *t = "He warned of “a long road ahead.\n\n"
			"Later, officials spoke of a “reset” in ties.\n\n"
			"Nothing else is quoted here.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "a long road ahead.", NULL, "*", "*", "*");
	check(state, 1, "reset", NULL, NULL, NULL, NULL);
}

static void test_stray_closing_mark(void **state)
{
	/* A closing mark with nothing open is skipped. */
	const char *t = "He wants an “important role” in Syria’s future.” “We hope "
			"for peace,” he told reporters.";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "important role", NULL, "*", "*", "*");
	check(state, 1, "We hope for peace,", NULL, "*", "he", "told");
}

static void test_bold_markup(void **state)
{
	const char *t = "\"I am just saying that **we should have an investigation,**\" "
			"Lavrov said.";
	check_only(state, t, "I am just saying that **we should have an investigation,",
		   "I am just saying that we should have an investigation,", "Lavrov",
		   "Lavrov", "said");
}

static void test_said_x_with_title(void **state)
{
	const char *t = "“The talks were useful,” said Russian Foreign Minister Sergey Lavrov.";
	check_only(state, t, "The talks were useful,", NULL, "Sergei Lavrov",
		   "Russian Foreign Minister Sergey Lavrov", "said");
}

static void test_secretary_of_state_title(void **state)
{
	const char *t = "“There is a low level of trust between our two countries,” "
			"said US Secretary of State Rex Tillerson.";
	check_only(state, t, "There is a low level of trust between our two countries,",
		   NULL, "Rex Tillerson", "US Secretary of State Rex Tillerson", "said");
}

static void test_told(void **state)
{
	const char *t = "“The sides were dealing with timebombs,” Lavrov told a press briefing.";
	check_only(state, t, "The sides were dealing with timebombs,", NULL, "Lavrov",
		   "Lavrov", "told");
}

static void test_added_and_pronoun(void **state)
{
	const char *t = "US Secretary of State Rex Tillerson met Sergei Lavrov in Moscow.\n\n"
			"“There is a low level of trust between our two countries,” "
			"Tillerson said in turn. “The world’s foremost nuclear powers "
			"cannot have this relationship,” he added.";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "There is a low level of trust between our two countries,",
	      NULL, "Rex Tillerson", "Tillerson", "said");
	check(state, 1, "The world’s foremost nuclear powers cannot have this "
	      "relationship,", NULL, "Rex Tillerson", "he", "added");
}

static void test_pronoun_skips_object(void **state)
{
	const char *t = "Hence came Vladimir Safronkov’s heated lashing out against "
			"British diplomat Matthew Rycroft, whom he accused of derailing "
			"the talks. \"Don't you dare insult Russia!” he said.";
	check_only(state, t, "Don't you dare insult Russia!", NULL, "Vladimir Safronkov",
		   "he", "said");
}

static void test_tweeted_x(void **state)
{
	const char *t = "“A useful first step,” tweeted Dmitri Trenin, director of "
			"Moscow’s Carnegie Center.";
	check_only(state, t, "A useful first step,", NULL, "Dmitry Trenin", "Dmitri Trenin",
		   "tweeted");
}

static void test_what_x_called(void **state)
{
	const char *t = "Sergei Lavrov spoke. Problems are made worse by what Lavrov "
			"called “time bombs left behind by the Obama administration.”";
	check_only(state, t, "time bombs left behind by the Obama administration.", NULL,
		   "Sergei Lavrov", "Lavrov", "called");
}

static void test_according_to(void **state)
{
	const char *t = "One narrative, according to the Russian Defense Ministry, "
			"suggests that “10 were destroyed between 2013 and 2016.”";
	check_only(state, t, "10 were destroyed between 2013 and 2016.", NULL,
		   "Russian Defense Ministry", "Russian Defense Ministry", "according to");
}

static void test_organisation(void **state)
{
	const char *t = "“The talks were useful and frank,” the Foreign Ministry said.";
	check_only(state, t, "The talks were useful and frank,", NULL, "Foreign Ministry",
		   "Foreign Ministry", "said");
}

static void test_colon_head(void **state)
{
	const char *t = "Tillerson: ” Our meeting today comes at an important moment.” "
			"(Department of State, 04.12.17)\n";
	check_only(state, t, "Our meeting today comes at an important moment.", NULL,
		   "Tillerson", "Tillerson", ":");
}

/* A line's head governs the quotations that follow it closely, or all of
 * them when it names someone the text names in full (a transcript); not a
 * section label followed by prose. */
static void test_colon_head_reach(void **state)
{
	const char *t =
		"KEY POINTS: The prosecutor indicts two former officials on "
		"bribery charges linked to the sale. The watchdog says it plans no "
		"immediate action after the finding. Following are views from "
		"analysts: \"This is so far only about the individuals involved.\"\n";
	check_only(state, t, "This is so far only about the individuals involved.",
		   NULL, NULL, "*", "*");
	t = "Following is testimony by governor Christian Noyer to the "
	    "committee.\n\n"
	    "NOYER: On conclusions: \"I cannot draw conclusions yet.\" On the "
	    "timing of the alert, which came on a Sunday afternoon after the "
	    "markets had closed for the week and the bank had called: \"I was "
	    "alerted on Sunday.\"\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "I cannot draw conclusions yet.", NULL, "Christian Noyer",
	      "*", "*");
	check(state, 1, "I was alerted on Sunday.", NULL, "Christian Noyer", "*",
	      "*");
}

/* Reuters' credit line is no one's cue: "(Additional reporting by ...)". */
static void test_credit_line_not_a_speaker(void **state)
{
	const char *t =
		"\"If there is a new bubble I do not think one deal is a talisman "
		"of that,\" Eric Schmidt told the students. \"Before you call it "
		"a bubble, look for a trend.\" (Additional reporting by Michael "
		"Flaherty in New York)\n";
	assert_int_equal(run(state, t), 2);
	check(state, 1, "Before you call it a bubble, look for a trend.", NULL,
	      "Eric Schmidt", NULL, NULL);
}

/* "it said" names the organisation before it, not the agency credited in
 * the dateline. */
static void test_dateline_credit_not_it(void **state)
{
	const char *t = "LONDON (Reuters) - Widget makers had a bad year. \"Sales "
			"fell sharply,\" it said.\n";
	check_only(state, t, "Sales fell sharply,", NULL, NULL, "it", "said");
	t = "LONDON (Reuters) - The Finance Ministry held its forecast. "
	    "\"Inflation is too high,\" it said.\n";
	check_only(state, t, "Inflation is too high,", NULL, "Finance Ministry", "it",
		   "said");
	/* nor the subject of the sentence it heads, nor the owner of a
	 * blog after a dash */
	t = "(Reuters) - Bear Stearns Co Inc's \"fire sale\" hurt others. (See "
	    "here for \"Shop Talk\" -- Reuters' retail blog)\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "fire sale", NULL, NULL, NULL, NULL);
	check(state, 1, "Shop Talk", NULL, NULL, NULL, NULL);
	/* nor the object of "by", "to", "told", nor "a Reuters poll" */
	t = "The Finance Ministry held its forecast, according to Reuters "
	    "Estimates. A memo obtained by Reuters and a Reuters poll agree. "
	    "\"Inflation is too high,\" it said.\n";
	check_only(state, t, "Inflation is too high,", NULL, "Finance Ministry", "it",
		   "said");
}

/* Reuters' views of analysts: "NAME, TITLE, FIRM, CITY: “…”" is said by
 * the person heading the list, named as elsewhere; not by the city. */
static void test_list_head_in_capitals(void **state)
{
	const char *t =
		"The dollar fell. GEORGE DAVIS, SENIOR CURRENCY STRATEGIST, RBC "
		"CAPITAL MARKETS, TORONTO: \"I think the market had been leaning "
		"toward a cut.\" BILL O'NEILL, PARTNER, LOGIC ADVISORS, UPPER "
		"SADDLE RIVER, NEW JERSEY: \"Crude is range-bound.\"\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "I think the market had been leaning toward a cut.", NULL,
	      "George Davis", "GEORGE DAVIS", ":");
	check(state, 1, "Crude is range-bound.", NULL, "Bill O'Neill",
	      "BILL O'NEILL", ":");
	/* a sentence with a list in it is not such a list */
	t = "The chief executive of Bear, Alan Schwartz, on a conference call "
	    "on Friday, said: \"This is a bridge.\"\n";
	check_only(state, t, "This is a bridge.", NULL, "Alan Schwartz", "*", "said");
}

/* The list may follow a heading or the quotation before, name a firm with
 * digits ("4CAST LTD") and break across lines; a city that ends a list
 * without a name before it ("IN NEW YORK") is not a speaker. */
static void test_list_head_after_heading(void **state)
{
	const char *t =
		"Rates held. COMMENTARY: RUDY NARVAS, SENIOR ANALYST, 4CAST LTD, "
		"NEW YORK: \"It is consistent.\" JOHN MCCARTHY, CHIEF ECONOMIST, "
		"NOMURA SECURITIES INTERNATIONAL,\nNEW YORK: \"It is hardly "
		"surprising.\"\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "It is consistent.", NULL, "Rudy Narvas", "RUDY NARVAS",
	      ":");
	check(state, 1, "It is hardly surprising.", NULL, "John McCarthy",
	      "JOHN MCCARTHY", ":");
	t = "Comments follow. SEN. HILLARY CLINTON OF NEW YORK: \"This is a "
	    "crisis.\"\n";
	check_only(state, t, "This is a crisis.", NULL, NULL, NULL, NULL);
}

/* "the New York Fed" is one name ("New" starts it, not a sentence); "Fed"
 * names an organisation, so "the Fed" is not the New York Fed, and "it"
 * after it is the Fed. */
static void test_fed(void **state)
{
	const char *t =
		"\"Growth is slowing,\" New York Fed President Timothy Geithner "
		"told reporters. \"We will act,\" the New York Fed said. \"The "
		"economy is weak,\" the Fed said. \"More is needed,\" it added. "
		"\"Inflation is contained,\" Fed Chairman Ben Bernanke said.\n";
	assert_int_equal(run(state, t), 5);
	check(state, 0, "Growth is slowing,", NULL, "Timothy Geithner", "*",
	      "told");
	check(state, 1, "We will act,", NULL, "New York Fed", "New York Fed",
	      "said");
	check(state, 2, "The economy is weak,", NULL, "Fed", "Fed", "said");
	check(state, 3, "More is needed,", NULL, "Fed", "it", "added");
	check(state, 4, "Inflation is contained,", NULL, "Ben Bernanke", "*",
	      "said");
}

/* "said NAME of PLACE" or "of FIRM": NAME speaks; "Secretary of State"
 * and "Port of Seattle" are one name. */
static void test_name_of_place(void **state)
{
	const char *t = "\"It matters,\" said Representative Charles B. Rangel of "
			"New York. \"Demand is weak,\" said Shannon Cross of Cross "
			"Research. \"Ships come,\" said Port of Seattle spokesman Bob "
			"Smith.\n";
	assert_int_equal(run(state, t), 3);
	check(state, 0, "It matters,", NULL, "Charles B. Rangel",
	      "Representative Charles B. Rangel", "said");
	check(state, 1, "Demand is weak,", NULL, "Shannon Cross", "Shannon Cross",
	      "said");
	check(state, 2, "Ships come,", NULL, "Bob Smith", "*", "said");
}

/* "May" after a first name or a title is a surname, not the verb; "he"
 * is not "the Tories". */
static void test_may_and_groups(void **state)
{
	const char *t = "\"We will deliver,\" Theresa May said. \"No,\" Mrs "
			"May told MPs.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "We will deliver,", NULL, "Theresa May", "Theresa May",
	      "said");
	check(state, 1, "No,", NULL, "Theresa May", "Mrs May", "told");
	t = "\"We will cut taxes,\" the Tories said. Michael Howard spoke. He "
	    "attacked the Tories. \"It is a fantasy,\" he said.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "We will cut taxes,", NULL, "Tories", "Tories",
	      "said");
	check(state, 1, "It is a fantasy,", NULL, "Michael Howard", "he", "said");
}

/* A role capitalised as a sentence starts is nobody's name; the same
 * word as the surname of someone named in full is. */
static void test_role_at_sentence_start(void **state)
{
	const char *t = "Analysts say currencies fit that mold. \"There is an "
			"inevitability about it,\" he said.\n";
	check_only(state, t, "There is an inevitability about it,", NULL, NULL, "he",
		   "said");
	t = "John Challenger runs the firm. \"Hiring is slow,\" Challenger "
	    "said.\n";
	check_only(state, t, "Hiring is slow,", NULL, "John Challenger", "Challenger",
		   "said");
}

static void test_x_said_colon(void **state)
{
	const char *t = "Peskov, Putin’s press secretary, put it bluntly. Also, as "
			"Putin’s press secretary, Dmitry Peskov, put it: “The recitation "
			"of mantras” won’t budge Moscow.";
	check_only(state, t, "The recitation of mantras", NULL, "Dmitry Peskov",
		   "Dmitry Peskov", "put it");
}

/* Seed 002 (outline of statements). */
static void test_outline_bullets(void **state)
{
	const char *t =
		"  1. U.S. side:\n\n\n"
		"  • Trump:\n"
		"    • In interview aired on 04.12.17:\n"
		"      • U.S. is “not going into Syria.”\n"
		"      • “Putin is backing a person that’s truly an evil person,” he said.\n"
		"    • Tillerson\n"
		"      • On 04.11.17 (at G7 meeting):\n"
		"        • Russia must abandon its support of Assad if it wants an "
		"“important role” in discussions. “Is that a long term alliance?” "
		"he told reporters.\n"
		"  • Deputy Foreign Minister Ryabkov:\n"
		"    • The rhetoric used by the United States as “primitive and loutish.”\n";
	assert_int_equal(run(state, t), 5);
	check(state, 0, "not going into Syria.", NULL, "Trump", "Trump", ":");
	check(state, 1, "Putin is backing a person that’s truly an evil person,", NULL,
	      "Trump", "he", "said");
	check(state, 2, "important role", NULL, "Tillerson", "Tillerson", NULL);
	check(state, 3, "Is that a long term alliance?", NULL, "Tillerson", "he", "told");
	check(state, 4, "primitive and loutish.", NULL, "Ryabkov",
	      "Deputy Foreign Minister Ryabkov", ":");
}

/* Seed 004. */
static void test_seed_tillerson(void **state)
{
	const char *t =
		"US Secretary of State Rex Tillerson at a joint press conference with "
		"Russian Foreign Minister Sergei Lavrov in Moscow on April 12.\n\n"
		"The sides were dealing with “timebombs inherited from the previous "
		"administration”, Lavrov told a press briefing, but were stressing a "
		"shared pragmatic approach.\n\n"
		"“There is a low level of trust between our two countries,” Tillerson "
		"said in turn.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "timebombs inherited from the previous administration", NULL,
	      "Sergei Lavrov", "Lavrov", "told");
	check(state, 1, "There is a low level of trust between our two countries,",
	      NULL, "Rex Tillerson", "Tillerson", "said");
}

static void test_scare_quote(void **state)
{
	const char *t = "Russia’s arguments look as shaky as the West’s “confidence” "
			"that Assad did it.";
	check_only(state, t, "confidence", NULL, NULL, NULL, NULL);
}

static void test_partial_quote_with_cue(void **state)
{
	const char *t = "Rex Tillerson arrived. Tillerson said the two sides “touched "
			"only briefly on the topic of cyber security.” He stressed the "
			"use of “cyber tools” differs.";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "touched only briefly on the topic of cyber security.", NULL,
	      "Rex Tillerson", "Tillerson", "said");
	check(state, 1, "cyber tools", NULL, "Rex Tillerson", "He", "stressed");
}

static void test_block_quote_after_colon(void **state)
{
	const char *t = "Senator Ted Cruz spoke last.\n\nCruz continued:\n\n"
			"“You look at the questions. This is not a fair debate.”\n";
	check_only(state, t, "You look at the questions. This is not a fair debate.", NULL,
		   "Ted Cruz", "Cruz", "continued");
}

static void test_standalone_after_attributed(void **state)
{
	const char *t = "“Ted Cruz is the best candidate,” Richard Viguerie says.\n\n"
			"“He checks all our boxes. He unites the party.”\n";
	assert_int_equal(run(state, t), 2);
	check(state, 1, "He checks all our boxes. He unites the party.", NULL,
	      "Richard Viguerie", NULL, NULL);
}

static void test_broken_paragraph(void **state)
{
	const char *t = "Tillerson said: \"The issue of\n\nthe election interference "
			"is a serious issue.”\n";
	check_only(state, t, "The issue of\n\nthe election interference is a serious issue.",
		   "The issue of the election interference is a serious issue.",
		   "Tillerson", "Tillerson", "said");
}

static void test_empty_and_null(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(state, ""), 0);
	assert_null(quoth_quotes_get(f->q, 0));
	assert_int_equal(quoth_quotes_count(NULL), 0);
	quoth_quotes_destroy(NULL);
	assert_int_equal(run(state, "\"\" “” ‘’ \" “ ”"), 0);
}

static void test_text_contract(void **state)
{
	/* text == bytes [start, end) without '*' and with white space folded */
	const char *t = "  - * “A  **bold**\n  claim,” he said.\n“x\n\n";
	size_t n = run(state, t);
	struct fx *f = *state;
	for (size_t i = 0; i < n; i++) {
		const quoth_quote_t *q = quoth_quotes_get(f->q, i);
		char buf[256];
		size_t k = 0;
		int sp = 0;
		for (size_t j = q->start; j < q->end; j++) {
			char c = t[j];
			if (c == '*')
				continue;
			if (c == ' ' || c == '\n' || c == '\t') {
				sp = k > 0;
				continue;
			}
			if (sp)
				buf[k++] = ' ';
			sp = 0;
			buf[k++] = c;
		}
		buf[k] = 0;
		assert_string_equal(q->text, buf);
	}
	check(state, 0, "A  **bold**\n  claim,", "A bold claim,", NULL, "he", "said");
}

/* Checks quoth_speaker_canonical() on N pairs {name, canonical form}. */
static void expect_canonical(const char *const (*cases)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *c = NULL;
		assert_int_equal(quoth_speaker_canonical(cases[i][0],
							 strlen(cases[i][0]), &c),
				 QUOTH_OK);
		assert_string_equal(c, cases[i][1]);
		free(c);
	}
}

static void test_canonical(void **state)
{
	static const char *const cases[][2] = {
		{ "Sergey Lavrov", "Sergei Lavrov" },
		{ "Foreign Minister Sergei Lavrov", "Sergei Lavrov" },
		{ "Russian Foreign Minister Sergey Lavrov", "Sergei Lavrov" },
		{ "US Secretary of State Rex Tillerson", "Rex Tillerson" },
		{ "Dmitri Peskov", "Dmitry Peskov" },
		{ "Dmitriy Peskov", "Dmitry Peskov" },
		{ "Alexey Navalny", "Alexei Navalny" },
		{ "Yury Ushakov", "Yuri Ushakov" },
		{ "Mr. Trump", "Trump" },
		{ "the Foreign Ministry", "Foreign Ministry" },
		{ "Lavrov’s", "Lavrov" },
		{ "  Vladimir   Putin ", "Vladimir Putin" },
		{ "Australian Treasurer Wayne Swan", "Wayne Swan" },
		{ "City Comptroller William Thompson", "William Thompson" },
		{ "Connecticut Democrat Christopher Dodd", "Christopher Dodd" },
		{ "Connecticut Democrat", "Connecticut Democrat" },
		{ "President-elect Barack Obama", "Barack Obama" },
		{ "Fed Vice-Chairman Donald Kohn", "Donald Kohn" },
		{ "Managing Partner Whitney Tilson", "Whitney Tilson" },
		/* a headline in capitals run into the name goes... */
		{ "TECH SHARES HAMMERED Intel", "Intel" },
		{ "STERLING WORRIES Vince Cable", "Vince Cable" },
		/* ...a name in capitals stays */
		{ "ABN AMRO Equities", "ABN AMRO Equities" },
		{ "SG CIB Commodities", "SG CIB Commodities" },
		{ "KUWAIT INVESTMENT AUTHORITY", "KUWAIT INVESTMENT AUTHORITY" },
		{ "MANAGING DIRECTOR OF KUWAIT INVESTMENT AUTHORITY",
		  "MANAGING DIRECTOR OF KUWAIT INVESTMENT AUTHORITY" },
	};
	(void)state;
	expect_canonical(cases, sizeof cases / sizeof *cases);
}

static void test_speaker_is_org(void **state)
{
	(void)state;
	assert_true(quoth_speaker_is_org("Reuters"));
	assert_true(quoth_speaker_is_org("Thomson Reuters"));
	assert_true(quoth_speaker_is_org("New York Fed"));
	assert_true(quoth_speaker_is_org("Foreign Ministry"));
	assert_false(quoth_speaker_is_org("Ben Bernanke"));
	assert_false(quoth_speaker_is_org("Bernanke"));
	assert_false(quoth_speaker_is_org(""));
}

/* A surname alone is the full name the text gives: after a given name
 * that is also a particle ("Ben", "Al"), before a generational suffix,
 * and for a family name written first. */
static void test_surname_to_full_name(void **state)
{
	assert_int_equal(run(state, "Federal Reserve Chairman Ben Bernanke spoke on "
				    "Thursday.\n\n\"Easing may be needed,\" "
				    "Bernanke said."), 1);
	check(state, 0, "Easing may be needed,", NULL, "Ben Bernanke",
	      "Bernanke", "said");
	assert_int_equal(run(state, "Al Gore spoke.\n\n\"It is late,\" Gore said."),
			 1);
	check(state, 0, "It is late,", NULL, "Al Gore", "Gore", "said");
	assert_int_equal(run(state, "Retired chief Hugh McColl Jr. told the paper."
				    "\n\n\"It was generous,\" McColl said."), 1);
	check(state, 0, "It was generous,", NULL, "Hugh McColl Jr.", "McColl",
	      "said");
	assert_int_equal(run(state, "Chinese Premier Wen Jiabao spoke on Monday.\n\n"
				    "\"Growth is stable,\" Wen said."), 1);
	check(state, 0, "Growth is stable,", NULL, "Wen Jiabao", "Wen", "said");
	/* not a word that merely heads a name: "Apple" is not "Apple Inc's"
	 * chief */
	assert_int_equal(run(state, "Tim Cook of Apple Inc spoke.\n\n"
				    "\"Sales rose,\" Apple said."), 1);
	check(state, 0, "Sales rose,", NULL, "Apple", "Apple", "said");
	/* a knight or dame is named by the given name */
	assert_int_equal(run(state, "Sir Digby Jones of the CBI spoke.\n\n"
				    "\"Do not give it away,\" Sir Digby said."), 1);
	check(state, 0, "Do not give it away,", NULL, "Digby Jones",
	      "Sir Digby", "said");
	/* the particle inside a name stays one */
	assert_int_equal(run(state, "Tunisian President Zine El Abidine Ben Ali "
				    "spoke.\n\n\"We stay,\" Ben Ali said."), 1);
	check(state, 0, "We stay,", NULL, "Zine El Abidine Ben Ali", "Ben Ali",
	      "said");
}

static void test_speaker_surname(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Ben Bernanke", "Bernanke"}, {"Hugh McColl Jr", "McColl"},
		{"Jim Ottaway Jr.", "Ottaway"}, {"William Dillard II", "Dillard"},
		{"Nouri al-Maliki", "Maliki"}, {"Mohamed El-Erian", "Erian"},
		{"Bernanke", "Bernanke"}, {"Jr.", "Jr."}, {"Robert Casey, Jr.", "Casey"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len;
		const char *s = quoth_speaker_surname(cases[i][0], &len);
		assert_int_equal(len, strlen(cases[i][1]));
		assert_memory_equal(s, cases[i][1], len);
	}
}

/* "Chicago-based", "Hungarian-born": descriptions, not part of a name. */
static void test_canonical_drops_descriptions(void **state)
{
	static const char *const cases[][2] = {
		{"Chicago-based Boeing", "Boeing"},
		{"New York-based Citigroup Inc", "Citigroup Inc"},
		{"Hungarian-born George Soros", "George Soros"},
		{"London-listed Xstrata", "Xstrata"},
		{"Anheuser-Busch", "Anheuser-Busch"},
	};
	(void)state;
	expect_canonical(cases, sizeof cases / sizeof *cases);
}

/* A participle opening a sentence heads no name ("Calling Microsoft");
 * the same word later in a name is a surname ("Jeff Given"). */
static void test_sentence_opener(void **state)
{
	const char *t = "Fed Governor Donald Kohn spoke in Boston on Monday. "
			"Calling Microsoft a leader, he said: \"Rates will "
			"have to rise.\"\n";
	check_only(state, t, "Rates will have to rise.", NULL, "Donald Kohn", "he",
		   "said");
	t = "Jeff Given, an analyst, spoke on Monday. \"Rates will rise,\" "
	    "Given said.\n";
	check_only(state, t, "Rates will rise,", NULL, "Jeff Given", "Given", "said");
}

/* A description in front of a name without commas ("Tory MP Boris
 * Johnson", "Singer Bruce Springsteen") is no part of it when two words of
 * the name follow; the same word is a name's own when they do not ("Peter
 * Singer", "Tory Burch", "the Liberal Democrats").  Letters after a name
 * ("MP", "QC") go too. */
static void test_canonical_drops_descriptors(void **state)
{
	static const char *const cases[][2] = {
		{"Tory MP Boris Johnson", "Boris Johnson"},
		{"Singer Bruce Springsteen", "Bruce Springsteen"},
		{"Lib Dem Norman Baker", "Norman Baker"},
		{"French Green MEP Alain Lipietz", "Alain Lipietz"},
		{"New Yorker Dick Morris", "Dick Morris"},
		{"Prof Lovenduski", "Lovenduski"},
		{"Gen Pervez Musharraf", "Pervez Musharraf"},
		{"Dame Elizabeth Butler-Sloss", "Elizabeth Butler-Sloss"},
		{"Paul Boateng MP", "Paul Boateng"},
		{"Michael Mansfield QC,", "Michael Mansfield"},
		{"Lord Nicholls of Birkenhead", "Nicholls"},
		{"Baroness Scotland of Asthal", "Scotland"},
		{"Secretary of State Rex Tillerson", "Rex Tillerson"},
		{"Peter Singer", "Peter Singer"},
		{"Tory Burch", "Tory Burch"},
		{"Liberal Democrats", "Liberal Democrats"},
		{"Cardinal", "Cardinal"},
		{"MP", "MP"},
	};
	(void)state;
	expect_canonical(cases, sizeof cases / sizeof *cases);
}

/* The same in running text, where the name found is also the one a later
 * "he" or surname stands for. */
static void test_descriptor_and_postnominal_in_text(void **state)
{
	const char *t = "Tory MP Boris Johnson attacked the plan. \"It is a "
			"disgrace,\" he said. Labour MP Karen Buck disagreed. "
			"\"It is fair,\" Ms Buck said.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "It is a disgrace,", NULL, "Boris Johnson", "he", "said");
	check(state, 1, "It is fair,", NULL, "Karen Buck", "Ms Buck", "said");
	t = "Paul Boateng MP, the Chief Secretary, said: \"The sums do not "
	    "add up.\" Mr Boateng then left. \"We will win,\" Boateng said.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "The sums do not add up.", NULL, "Paul Boateng",
	      "Paul Boateng MP", "*");
	check(state, 1, "We will win,", NULL, "Paul Boateng", "Boateng", "said");
	/* "the Ealing North MP" is a description, not a name */
	t = "\"It was a horrible thing,\" said the Ealing North MP.\n";
	check_only(state, t, "It was a horrible thing,", NULL, NULL, "*", "said");
	/* a peer is named before the seat */
	t = "Lord Nicholls of Birkenhead said: \"It is not right.\"\n";
	check_only(state, t, "It is not right.", NULL, "Nicholls",
		   "Lord Nicholls of Birkenhead", "said");
	/* a company named by a word that can be a title */
	t = "\"Profit rose,\" Cardinal said.\n";
	check_only(state, t, "Profit rose,", NULL, "Cardinal", "Cardinal", "said");
}

/* A capitalised name after "the", or before "have", "are" or "were", is a
 * group or a body, never what a "he" or "she" stands for, even before a
 * verb of saying. */
static void test_pronoun_skips_bodies(void **state)
{
	const char *t = "Laura Brownlees of Save the Children said there were "
			"concerns. \"Children need care,\" she said.\n";
	check_only(state, t, "Children need care,", NULL, "Laura Brownlees", "she",
		   "said");
	t = "Andreas Renschler spoke on Monday. Shareholders in "
	    "DaimlerChrysler have called for a spinoff. \"It is good to "
	    "have a portfolio,\" he said.\n";
	check_only(state, t, "It is good to have a portfolio,", NULL,
		   "Andreas Renschler", "he", "said");
	t = "Treasury Secretary Henry Paulson spoke after the Treasury said it "
	    "would act. \"We are ready,\" he said.\n";
	check_only(state, t, "We are ready,", NULL, "Henry Paulson", "he", "said");
}

/* "the American", "the 55-year-old Frenchman": a description of someone
 * named before, not a name. */
static void test_nationality_stands_for_a_person(void **state)
{
	const char *t = "Arsene Wenger has signed a new deal. The 55-year-old "
			"Frenchman said: \"I will stay.\"\n";
	check_only(state, t, "I will stay.", NULL, "Arsene Wenger", "Frenchman",
		   "said");
	t = "Andre Agassi beat Jurgen Melzer. \"He makes you run,\" the "
	    "American said.\n";
	check_only(state, t, "He makes you run,", NULL, "Andre Agassi", "American",
		   "said");
}

/* A title ending in a body, then the name: "chief secretary to the
 * Treasury, George Osborne, said". */
static void test_appositive_after_body(void **state)
{
	const char *t = "The shadow chief secretary to the Treasury, George "
			"Osborne, said: \"This was more talk.\"\n";
	check_only(state, t, "This was more talk.", NULL, "George Osborne", "*",
		   "*");
	/* an abbreviation in brackets after the description changes
	 * nothing */
	t = "Chittabrata Majumdar, general secretary of the Centre of Indian "
	    "Trade Unions (CITU), said it was a \"self reliance\" issue.\n";
	check_only(state, t, "self reliance", NULL, "Chittabrata Majumdar", "*",
		   "said");
	/* the body itself before its appositive still speaks */
	t = "The Treasury, a department of state, said: \"Rates hold.\"\n";
	check_only(state, t, "Rates hold.", NULL, "Treasury", "*", "*");
}

/* A speaker of one word that starts a company's name in the text is
 * flagged, so that it is not completed as a surname. */
static void test_speaker_company(void **state)
{
	struct fx *f = *state;
	const char *t = "Ford Motor Co cut jobs. \"We cut,\" Ford said.\n";
	check_only(state, t, "We cut,", NULL, "Ford", "Ford", "said");
	assert_int_equal(quoth_quotes_get(f->q, 0)->speaker_company, 1);
	t = "Ford cut jobs. \"We cut,\" Ford said. Bill Ford Jr. agreed.\n";
	assert_int_equal(run(state, t), 1);
	assert_int_equal(quoth_quotes_get(f->q, 0)->speaker_company, 0);
}

/* "Phone call centres": a sentence's first word before a noun that is
 * also a verb of saying is no name for a later "he". */
static void test_noun_after_opener_is_no_speaker(void **state)
{
	const char *t = "Phone call centres will be used.\n\nA party spokesman "
			"told the website. \"We ask,\" he said.\n";
	check_only(state, t, "We ask,", NULL, NULL, "he", "said");
}

/* "the Ofcom spokesman", "a Department for Work and Pensions
 * spokeswoman": the body spoken for, as "a spokesman for Ofcom". */
static void test_spokesman_of_a_body(void **state)
{
	const char *t = "The Conference of Postal Administrations met. The "
			"Ofcom spokesman said it wanted a \"mask\" on them.\n";
	check_only(state, t, "mask", NULL, "Ofcom", "Ofcom", "said");
	t = "A Department for Work and Pensions spokeswoman said: \"Yes.\"\n";
	check_only(state, t, "Yes.", NULL, "Department for Work and Pensions", "*",
		   "said");
	t = "A Top of the Pops spokesperson said: \"Yes.\"\n";
	check_only(state, t, "Yes.", NULL, "Top of the Pops", "*", "said");
	/* a person's spokesman speaks for no body of that name */
	t = "Mr Blair's spokesman said: \"No.\"\n";
	check_only(state, t, "No.", NULL, NULL, "*", "said");
	/* the spokesman named next is the speaker */
	t = "But a Dow spokesman, Chris Huntley, said, \"We harness power.\"\n";
	check_only(state, t, "We harness power.", NULL, "Chris Huntley", "*", "*");
}

/* A body's name or a title with "of": "Bank of England", "Archbishop of
 * Canterbury"; a title after a body's name still leads to a person. */
static void test_names_with_of(void **state)
{
	static const char *const cases[][2] = {
		{ "Bank of England", "Bank of England" },
		{ "the Archbishop of Canterbury", "Archbishop of Canterbury" },
		{ "Top of the Pops", "Top of the Pops" },
		{ "Federal Reserve Bank of New York",
		  "Federal Reserve Bank of New York" },
		{ "Secretary of State John Kerry", "John Kerry" },
		{ "Lord Nicholls of Birkenhead", "Nicholls" },
	};
	expect_canonical(cases, sizeof cases / sizeof *cases);
	const char *t = "\"Rates hold,\" said the Bank of England.\n";
	check_only(state, t, "Rates hold,", NULL, "Bank of England", "*", "said");
	t = "The Archbishop of Canterbury said: \"Peace.\"\n";
	check_only(state, t, "Peace.", NULL, "Archbishop of Canterbury", "*", "said");
	t = "Federal Reserve Bank of Dallas President Richard Fisher said: "
	    "\"Inflation is high.\"\n";
	check_only(state, t, "Inflation is high.", NULL, "Richard Fisher", "*",
		   "said");
}

/* A deputy mayor is not "the mayor". */
static void test_deputy_is_not_the_role(void **state)
{
	const char *t = "Deputy Mayor Nicky Gavron spoke on Sunday.\n\nThe "
			"mayor said: \"I will not apologise.\"\n";
	assert_int_equal(run(state, t), 1);
	struct fx *f = *state;
	const char *s = quoth_quotes_get(f->q, 0)->speaker;
	assert_true(!s || strcmp(s, "Nicky Gavron"));
}

/* "the British actor", "the Tottenham striker": a trade stands for the
 * person named before, as "the senator" does. */
static void test_trade_stands_for_a_person(void **state)
{
	const char *t = "Stars such as Jeremy Irons came. Irons said he had "
			"wondered. \"I questioned whether I should come,\" the "
			"British actor said.\n";
	check_only(state, t, "I questioned whether I should come,", NULL,
		   "Jeremy Irons", "British actor", "said");
	t = "Robbie Keane scored twice. \"It was great play,\" said the "
	    "Tottenham striker.\n";
	check_only(state, t, "It was great play,", NULL, "Robbie Keane", "*", "said");
}

/* "before Newcastle said …, Bellamy insisted": a later "he" is the main
 * clause's speaker. */
static void test_pronoun_skips_subordinate_speaker(void **state)
{
	const char *t = "Craig Bellamy was dropped. But even before Newcastle "
			"said the player would not be sold, Bellamy insisted he "
			"would stay. \"I would play anywhere,\" he said.\n";
	check_only(state, t, "I would play anywhere,", NULL, "Craig Bellamy", "he",
		   "said");
}

/* "Barnes & Noble", "Griggs & Santow": a firm's name with "&" is one
 * name, and no person's. */
static void test_firm_with_ampersand(void **state)
{
	const char *t = "\"Sales rose,\" said Barnes & Noble.\n";
	check_only(state, t, "Sales rose,", NULL, "Barnes & Noble", "*", "said");
	t = "Leonard Santow works at Griggs & Santow in New York. \"Come "
	    "on,\" said Santow.\n";
	check_only(state, t, "Come on,", NULL, "Leonard Santow", "*", "said");
	/* a heading in capitals is no speaker */
	t = "COMMENTARY: \"It is a very impressive quarter.\"\n";
	check_only(state, t, "It is a very impressive quarter.", NULL, NULL, "*",
		   "*");
}

/* "analyst David Bank": after a role, a surname that is also a body's or
 * a place's word is still a person's, and "Bank said" is his. */
static void test_surname_that_names_a_body(void **state)
{
	const char *t = "\"The sale will unlock value,\" said RBC Capital "
			"Markets analyst David Bank. \"It is a concern,\" Bank "
			"said.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "The sale will unlock value,", NULL, "David Bank", "*",
	      "said");
	check(state, 1, "It is a concern,", NULL, "David Bank", "Bank", "said");
	/* a surname that is also a title's word ("Press") too */
	t = "Jim Press, head of Toyota Motor America, said costs rose. "
	    "\"We add capacity,\" Press said.\n";
	check_only(state, t, "We add capacity,", NULL, "Jim Press", "Press", "said");
	/* a role after the name does as well as one before it */
	t = "Steve West, an analyst at Stifel Nicolaus, said costs rose. "
	    "\"It is hard,\" said West.\n";
	check_only(state, t, "It is hard,", NULL, "Steve West", "West", "said");
	/* the body itself stays a body */
	t = "\"Rates hold,\" the Bank said.\n";
	check_only(state, t, "Rates hold,", NULL, "Bank", "*", "said");
}

/* A stock code after a company's name ("Motorola Inc. MOT.N") is no
 * part of it, marks it as a company's, and "it said" names the whole
 * body ("the Bank of Japan"). */
static void test_stock_codes_and_whole_bodies(void **state)
{
	const char *t = "\"Sales rose,\" Motorola Inc. MOT.N said.\n";
	check_only(state, t, "Sales rose,", NULL, "Motorola Inc.", "*", "said");
	t = "Northern Rock NRK.L was sold, and Alistair Darling spoke. "
	    "\"We consider both,\" he said.\n";
	check_only(state, t, "We consider both,", NULL, "Alistair Darling", "he",
		   "said");
	t = "The U.N. said it would help. \"We act,\" said V.P.S. Nanda.\n";
	check_only(state, t, "We act,", NULL, "V.P.S. Nanda", "*", "said");
	/* a name the text gives a stock code or a suffix elsewhere is a
	 * company's wherever it stands: no "he" */
	t = "John Mack, chief executive of Morgan Stanley MS.N, spoke. Morgan "
	    "Stanley said profit rose. \"We did well,\" he said.\n";
	check_only(state, t, "We did well,", NULL, "John Mack", "he", "said");
	t = "Economists watched the Bank of Japan. It said deflation was "
	    "\"still lingering\".\n";
	check_only(state, t, "still lingering", NULL, "Bank of Japan", "It", "said");
}

/* "I'd say": a contraction that starts a sentence is no name. */
static void test_contraction_is_no_name(void **state)
{
	const char *t = "I'd say that an attack is a \"When\" not an \"If\".\n";
	assert_int_equal(run(state, t), 2);
	check(state, 0, "When", NULL, NULL, "*", "*");
	check(state, 1, "If", NULL, NULL, "*", "*");
}

/* "the court official", "the source": someone the text does not name,
 * not the person named before. */
static void test_unnamed_official(void **state)
{
	const char *t = "Judge Carol Higbee denied a motion. \"The motion was "
			"denied,\" said the court official, who asked not to be "
			"identified.\n";
	check_only(state, t, "The motion was denied,", NULL, NULL, "*", "said");
	/* a role the text gave a name still leads to it */
	t = "Senator John Smith spoke. \"We act,\" the senator said.\n";
	check_only(state, t, "We act,", NULL, "John Smith", "*", "said");
}

/* Wire copy wrapped at a fixed width: a line break inside a paragraph is
 * a space, so the cue on the next line still names the speaker; an
 * indented line starts a paragraph. */
static void test_hard_wrapped_text(void **state)
{
	const char *t =
		"    Channeling the U.S. firms into a single merged competitor\n"
		"would most probably result in diluting the British share,\n"
		"industry analysts said on Tuesday in Tokyo and London.\n"
		"    \"Eventually the ministry will get what it wants -- one\n"
		"combined competitor,\" Bache Securities (Japan) Ltd analyst\n"
		"Darrell Whitten said.\n"
		"    The ministry declined to comment on the talks, which\n"
		"will resume in Tokyo next week, officials said on Tuesday.\n";
	check_only(state, t,
		   "Eventually the ministry will get what it wants -- one\n"
		   "combined competitor,",
		   "Eventually the ministry will get what it wants -- one "
		   "combined competitor,",
		   "Darrell Whitten", "*", "said");
	/* a quotation without a comma before its cue, wrapped */
	t = "    Michel Marks, chairman of the exchange, spoke on Monday in\n"
	    "New York about the plans of the exchange for the next year.\n"
	    "    \"Trying to develop a contract in any other crude will be\n"
	    "a tough task\" he said at a conference of traders and brokers.\n"
	    "    The exchange will open a new trading floor later this year\n"
	    "to handle the growth in volume, officials of the exchange said.\n";
	check_only(state, t, "Trying to develop a contract in any other crude "
		   "will be\na tough task", "Trying to develop a contract in any "
		   "other crude will be a tough task", "Michel Marks", "he", "said");
}

/* A sentence a line is no wrapped paragraph: the cue on the line after a
 * quotation is not its cue. */
static void test_sentence_lines_not_joined(void **state)
{
	const char *t = "Sergei Lavrov spoke to reporters in Moscow on Monday "
			"afternoon.\n\"We will respond to any sanctions the West "
			"imposes.\"\nJohn Kerry answered him from Washington later "
			"that day.\n";
	check_only(state, t, "We will respond to any sanctions the West imposes.",
		   NULL, "Sergei Lavrov", "*", NULL);
}

/* "Chancellor of the Exchequer Nigel Lawson", "Assistant Secretary for
 * Financial Markets Anthony Ryan": the seat is no part of the name; a
 * body after a title's "of" stays whole. */
static void test_title_seat_before_name(void **state)
{
	const char *t = "Chancellor of the Exchequer Nigel Lawson said: "
			"\"Rates will stay.\"\n";
	check_only(state, t, "Rates will stay.", NULL, "Nigel Lawson", "*", "said");
	t = "Assistant Treasury Secretary for Financial Markets Anthony Ryan "
	    "said, \"Markets are calm,\" in Washington. Ryan left.\n";
	check_only(state, t, "Markets are calm,", NULL, "Anthony Ryan", "*", "said");
	t = "\"We are cooperating,\" a spokesman for Samsung Germany said. "
	    "Germany fined the firm.\n";
	check_only(state, t, "We are cooperating,", NULL, "Samsung Germany", "*",
		   "said");
	t = "\"Customers wait,\" Ian Robertson, chairman of Rolls-Royce Motor "
	    "Cars Ltd., told Reuters. Robertson spoke in Shanghai.\n";
	check_only(state, t, "Customers wait,", NULL, "Ian Robertson", "*", "told");
}

/* The market's voices name no one: "Dealers said", "one dealer said". */
static void test_market_voices(void **state)
{
	const char *t = "Dealers said the dollar fell. \"It was a quiet day,\" "
			"one dealer said.\n";
	check_only(state, t, "It was a quiet day,", NULL, NULL, "one dealer", "said");
}

/* "X of FIRM said" is X; "and Co", "S and P" join a firm's name;
 * "General Motors" is a firm where the text writes "General Motors
 * Corp". */
static void test_person_of_a_firm(void **state)
{
	const char *t = "Volume was thin. \"The big number is the debt,\" "
			"analyst Jack Kirnan of Kidder Peabody and Co told "
			"Reuters.\n";
	check_only(state, t, "The big number is the debt,", NULL, "Jack Kirnan",
		   "*", "told");
	t = "Ratings were cut. \"Debt is high,\" S and P said.\n";
	check_only(state, t, "Debt is high,", NULL, "S and P", "*", "said");
	t = "General Motors Corp closed a plant. General Motors said: "
	    "\"We are eager.\"\n";
	check_only(state, t, "We are eager.", NULL, "General Motors", "*", "said");
	t = "\"We act,\" the Royal College of Physicians said.\n";
	check_only(state, t, "We act,", NULL, "Royal College of Physicians", "*",
		   "said");
}

/* A quotation that ends its sentence is not the one an "according to"
 * in the next sentence is about. */
static void test_according_to_next_sentence(void **state)
{
	const char *t = "\"We remain concerned,\" S&P said. \"The ratings could "
			"be lowered.\" The cost of insurance rose, according to "
			"Thomson Reuters.\n";
	assert_int_equal(run(state, t), 2);
	check(state, 1, "The ratings could be lowered.", NULL, "S&P", NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_curly_said_after),
		T(test_hard_wrapped_text), T(test_sentence_lines_not_joined),
		T(test_title_seat_before_name), T(test_market_voices),
		T(test_person_of_a_firm), T(test_according_to_next_sentence),
		T(test_straight_quotes),
		T(test_nested_quotes),
		T(test_nested_with_double_marks),
		T(test_guillemets),
		T(test_apostrophes_are_not_quotes),
		T(test_single_quoted_title),
		T(test_paragraph_continued),
		T(test_unbalanced_does_not_swallow),
		T(test_stray_closing_mark),
		T(test_bold_markup),
		T(test_said_x_with_title),
		T(test_secretary_of_state_title),
		T(test_told),
		T(test_added_and_pronoun),
		T(test_pronoun_skips_object),
		T(test_tweeted_x),
		T(test_what_x_called),
		T(test_according_to),
		T(test_organisation),
		T(test_colon_head),
		T(test_x_said_colon),
		T(test_outline_bullets), T(test_colon_head_reach),
		T(test_credit_line_not_a_speaker), T(test_dateline_credit_not_it),
		T(test_list_head_in_capitals),
		T(test_list_head_after_heading),
		T(test_fed),
		T(test_name_of_place),
		T(test_may_and_groups),
		T(test_role_at_sentence_start),
		T(test_seed_tillerson),
		T(test_scare_quote),
		T(test_partial_quote_with_cue),
		T(test_block_quote_after_colon),
		T(test_standalone_after_attributed),
		T(test_broken_paragraph),
		T(test_empty_and_null),
		T(test_text_contract),
		T(test_canonical),
		T(test_speaker_is_org),
		T(test_surname_to_full_name),
		T(test_speaker_surname),
		T(test_canonical_drops_descriptions),
		T(test_sentence_opener),
		T(test_speaker_company),
		T(test_canonical_drops_descriptors),
		T(test_descriptor_and_postnominal_in_text),
		T(test_pronoun_skips_bodies),
		T(test_appositive_after_body),
		T(test_nationality_stands_for_a_person),
		T(test_noun_after_opener_is_no_speaker),
		T(test_spokesman_of_a_body),
		T(test_names_with_of),
		T(test_deputy_is_not_the_role),
		T(test_unnamed_official),
		T(test_trade_stands_for_a_person),
		T(test_contraction_is_no_name),
		T(test_pronoun_skips_subordinate_speaker),
		T(test_firm_with_ampersand),
		T(test_surname_that_names_a_body),
		T(test_stock_codes_and_whole_bodies),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
