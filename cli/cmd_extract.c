/* cmd_extract.c - quoth extract PATH...: quotations without an index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/cli.h"
#include "quoth/extract.h"
#include "quoth/reader.h"

static const char help[] =
	"usage: quoth extract PATH...\n\n"
	"Prints the quotations of each article as JSON Lines (a directory:\n"
	"the files under it that quoth index reads, in name order):\n"
	"{\"file\",\"start\",\"end\",\"text\",\"speaker\",\"speaker_mention\",\"cue\"}\n"
	"start/end are byte offsets into the file (quotation marks excluded);\n"
	"speaker is the canonical full name or null.  For JSON Lines input,\n"
	"\"line\" gives the article's line and offsets are into its text.\n";

static void on_diag(void *ctx, const quoth_diag_t *d)
{
	int *failed = ctx;
	if (d->level == QUOTH_DIAG_FAILED)
		*failed = 1;
	cli_print_diag(d);
}

/* Prints the quotations of one file; -1 (out of memory) stops. */
static int extract_file(void *ctx, const char *path)
{
	int *failed = ctx;
	quoth_reader_t *r;
	char *err = NULL;
	quoth_status_t st = quoth_reader_open(path, on_diag, failed, &r, &err);
	if (st) {
		fprintf(stderr, "quoth: %s: %s\n", path,
			err ? err : quoth_status_to_string(st));
		free(err);
		*failed = 1;
		return 0;
	}
	quoth_article_t *art;
	while ((st = quoth_reader_next(r, &art)) == QUOTH_OK && art) {
		quoth_quotes_t *qs;
		if (quoth_extract(art->text, art->text_len, &qs)) {
			quoth_article_destroy(art);
			quoth_reader_close(r);
			fprintf(stderr, "quoth: out of memory\n");
			return -1;
		}
		for (size_t i = 0; i < quoth_quotes_count(qs); i++) {
			const quoth_quote_t *q = quoth_quotes_get(qs, i);
			printf("{\"file\":");
			json_string(stdout, path);
			if (art->line)
				printf(",\"line\":%lu", art->line);
			printf(",\"start\":%zu,\"end\":%zu",
			       art->text_offset + q->start,
			       art->text_offset + q->end);
			json_member(stdout, "text", q->text);
			json_member(stdout, "speaker", q->speaker);
			json_member(stdout, "speaker_mention", q->speaker_mention);
			json_member(stdout, "cue", q->cue);
			printf("}\n");
		}
		quoth_quotes_destroy(qs);
		quoth_article_destroy(art);
	}
	if (st) {
		fprintf(stderr, "quoth: %s: %s\n", path, quoth_reader_errmsg(r));
		*failed = 1;
	}
	quoth_reader_close(r);
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	cli_opts_t o;
	int begun = cli_begin("extract", help, argc, argv, &o);
	if (begun >= 0)
		return begun;
	if (!o.nargs)
		return cli_usage(help, &o);
	int failed = 0, rc = 0;
	for (size_t i = 0; i < o.nargs && rc >= 0; i++) {
		rc = cli_each_file(o.args[i], 0, extract_file, &failed);
		if (rc > 0)
			failed = 1;
	}
	cli_opts_free(&o);
	return rc < 0 ? EXIT_INDEX : failed;
}
