/* cmd_show.c - quoth show ID|PATH: one article with its quotations. */
#include <stdio.h>
#include <stdlib.h>

#include "quoth/article.h"
#include "quoth/cli.h"

static const char help[] =
	"usage: quoth show [--index PATH] [--format=text|json] ID|PATH\n\n"
	"Prints one indexed article: its metadata, its text and the\n"
	"quotations found in it with their speakers.\n";

static void field(const char *name, const char *v)
{
	if (v)
		printf("%-8s %s\n", name, v);
}

int cmd_show(int argc, char **argv)
{
	cli_opts_t o;
	int begun = cli_begin("show", help, argc, argv, &o);
	if (begun >= 0)
		return begun;
	if (o.nargs != 1)
		return cli_usage(help, &o);
	quoth_index_t *ix = cli_open_index(&o);
	if (!ix) {
		cli_opts_free(&o);
		return EXIT_INDEX;
	}
	quoth_article_t *art = NULL;
	quoth_results_t *q = NULL;
	quoth_status_t st = quoth_index_show(ix, o.args[0], &art, &q);
	int rc = 0;
	if (st) {
		fprintf(stderr, "quoth: %s\n", quoth_index_errmsg(ix));
		rc = st == QUOTH_ERR_NOT_FOUND ? EXIT_NONE : EXIT_INDEX;
	} else if (o.format == FORMAT_JSON) {
		printf("{\"id\":");
		json_string(stdout, art->id);
		json_member(stdout, "path", art->path);
		json_member(stdout, "url", art->url);
		json_member(stdout, "title", art->title);
		json_member(stdout, "outlet", art->outlet);
		json_member(stdout, "date", art->date);
		json_member(stdout, "author", art->author);
		json_member(stdout, "text", art->text);
		printf(",\"quotes\":[");
		for (size_t i = 0; i < q->nhits; i++) {
			const quoth_hit_t *h = &q->hits[i];
			printf("%s{\"rank\":%zu", i ? "," : "", i + 1);
			json_quote_fields(stdout, h);
			printf(",\"start\":%lu,\"end\":%lu}", h->start, h->end);
		}
		printf("]}\n");
	} else {
		field("id:", art->id);
		field("title:", art->title);
		field("outlet:", art->outlet);
		field("date:", art->date);
		field("author:", art->author);
		field("url:", art->url);
		field("path:", cli_display_path(art->path));
		printf("\n%s\n", art->text);
		printf("\nquotations (%zu):\n", q->nhits);
		for (size_t i = 0; i < q->nhits; i++) {
			const quoth_hit_t *h = &q->hits[i];
			printf("  \u201c%s\u201d \u2014 %s\n", h->text,
			       h->speaker ? h->speaker : "unattributed");
		}
	}
	quoth_article_destroy(art);
	quoth_results_destroy(q);
	quoth_index_close(ix);
	cli_opts_free(&o);
	return rc;
}
