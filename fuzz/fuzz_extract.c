/* fuzz_extract.c - libFuzzer target for the quotation extractor.
 *
 * Invariants checked on every input (abort() on violation):
 *   - quoth_extract() succeeds;
 *   - each quotation has start <= end <= size, and quotations come in text
 *     order without overlapping (start >= the previous end);
 *   - text equals the bytes [start, end) with '*' dropped and runs of white
 *     space folded to one space (the contract `quoth extract` promises);
 *   - speaker, when set, is non-empty; quoth_speaker_canonical() accepts
 *     any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/extract.h"

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Compares TEXT with DATA[s, e) normalised as above; NBSP counts as space. */
static int same_text(const char *text, const uint8_t *data, size_t s, size_t e)
{
	size_t k = 0;
	int sp = 0, started = 0;
	for (size_t i = s; i < e; i++) {
		char c = (char)data[i];
		if (c == '*')
			continue;
		if (space(c) || (data[i] == 0xc2 && i + 1 < e && data[i + 1] == 0xa0)) {
			if (data[i] == 0xc2)
				i++;
			sp = started;
			continue;
		}
		if (sp && text[k++] != ' ')
			return 0;
		sp = 0;
		started = 1;
		if (text[k++] != c)
			return 0;
	}
	return text[k] == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	quoth_quotes_t *q = NULL;
	if (quoth_extract((const char *)data, size, &q) != QUOTH_OK || !q)
		abort();
	size_t prev = 0, n = quoth_quotes_count(q);
	for (size_t i = 0; i < n; i++) {
		const quoth_quote_t *o = quoth_quotes_get(q, i);
		if (!o || o->start > o->end || o->end > size || o->start < prev)
			abort();
		if (!o->text || !same_text(o->text, data, o->start, o->end))
			abort();
		if (o->speaker && !o->speaker[0])
			abort();
		prev = o->end;
	}
	if (quoth_quotes_get(q, n))
		abort();
	quoth_quotes_destroy(q);
	char *c = NULL;
	size_t m = size < 256 ? size : 256;
	if (quoth_speaker_canonical((const char *)data, m, &c) != QUOTH_OK || !c)
		abort();
	free(c);
	return 0;
}
