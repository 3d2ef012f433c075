/* fuzz_reader.c - libFuzzer target for the article reader: the input is
 * written to a temporary file, read once as JSON Lines and once as a text
 * file, and every article is checked for the reader's invariants. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quoth/reader.h"

static void ignore(void *ctx, const quoth_diag_t *d)
{
	if (!d->path || !d->message)
		abort();
	(*(unsigned long *)ctx)++;
}

/* The text is NUL-terminated, free of NULs and, with the other fields,
 * valid UTF-8 as far as the id and date shapes go. */
static void check(const quoth_article_t *a)
{
	if (!a->id || !a->path || !a->lang || !a->text)
		abort();
	if (a->text[a->text_len] != '\0' || strlen(a->text) != a->text_len)
		abort();
	if (a->date && strlen(a->date) != 10)
		abort();
}

static void read_as(const char *dir, const char *suffix, const uint8_t *data,
		    size_t size)
{
	char path[256];
	quoth_reader_t *r;
	quoth_article_t *a;
	unsigned long diags = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/in%s", dir, suffix);
	f = fopen(path, "wb");
	if (!f)
		return;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	if (quoth_reader_open(path, ignore, &diags, &r, NULL) == QUOTH_OK) {
		while (quoth_reader_next(r, &a) == QUOTH_OK && a) {
			check(a);
			quoth_article_destroy(a);
		}
		quoth_reader_close(r);
	}
	unlink(path);
}

static char dir[64];

static void remove_dir(void)
{
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char date[11];

	if (!dir[0]) {
		strcpy(dir, "/tmp/quoth-fuzz-reader-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	read_as(dir, ".jsonl", data, size);
	read_as(dir, ".txt", data, size);
	if (quoth_date_parse((const char *)data, size, date) == QUOTH_OK &&
	    strlen(date) != 10)
		abort();
	return 0;
}
