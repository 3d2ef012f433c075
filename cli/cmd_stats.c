/* cmd_stats.c - quoth stats, quoth outlets, quoth speakers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/cli.h"

static int open_for(const char *name, const char *help, int argc,
		    char **argv, cli_opts_t *o, quoth_index_t **ix)
{
	*ix = NULL;
	int begun = cli_begin(name, help, argc, argv, o);
	if (begun >= 0)
		return begun ? begun : -1; /* -1: --help done, exit 0 */
	*ix = cli_open_index(o);
	return *ix ? 0 : EXIT_INDEX;
}

static int finish(int rc, cli_opts_t *o, quoth_index_t *ix)
{
	quoth_index_close(ix);
	cli_opts_free(o);
	return rc < 0 ? 0 : rc;
}

int cmd_stats(int argc, char **argv)
{
	cli_opts_t o;
	quoth_index_t *ix;
	int rc = open_for("stats", "usage: quoth stats [--index PATH] [--format=json]\n\n"
				   "What the index holds.\n", argc, argv, &o, &ix);
	if (rc)
		return finish(rc, &o, ix);
	quoth_index_info_t in;
	if (quoth_index_info(ix, &in)) {
		fprintf(stderr, "quoth: %s: %s\n", o.index[0],
			quoth_index_errmsg(ix));
		return finish(EXIT_INDEX, &o, ix);
	}
	if (o.format == FORMAT_JSON) {
		printf("{\"index\":");
		json_string(stdout, o.index[0]);
		printf(",\"articles\":%u,\"quotations\":%u,\"outlets\":%u,"
		       "\"speakers\":%u,\"first_date\":",
		       in.articles, in.quotes, in.outlets, in.speakers);
		json_string(stdout, in.first_date[0] ? in.first_date : NULL);
		printf(",\"last_date\":");
		json_string(stdout, in.last_date[0] ? in.last_date : NULL);
		printf("}\n");
	} else {
		printf("index:      %s\n", o.index[0]);
		printf("articles:   %u\n", in.articles);
		printf("quotations: %u\n", in.quotes);
		printf("outlets:    %u\n", in.outlets);
		printf("speakers:   %u\n", in.speakers);
		if (in.first_date[0])
			printf("dates:      %s .. %s\n", in.first_date,
			       in.last_date);
	}
	return finish(0, &o, ix);
}

/* Counts of VALUE in facet F of R, or 0. */
static unsigned count_of(const quoth_results_t *r, int f, const char *value)
{
	for (size_t i = 0; i < r->nfacet[f]; i++)
		if (strcmp(r->facet[f][i].value, value) == 0)
			return r->facet[f][i].count;
	return 0;
}

static int listing(const char *name, const char *help, int facet, int argc,
		   char **argv)
{
	cli_opts_t o;
	quoth_index_t *ix;
	int rc = open_for(name, help, argc, argv, &o, &ix);
	if (rc)
		return finish(rc, &o, ix);
	quoth_results_t *a = NULL, *q = NULL;
	if (quoth_index_listing(ix, facet, &a, &q)) {
		fprintf(stderr, "quoth: %s: %s\n", o.index[0],
			quoth_index_errmsg(ix));
		return finish(EXIT_INDEX, &o, ix);
	}
	/* Speakers are ranked by quotations, outlets by articles. */
	const quoth_results_t *main = facet == QUOTH_FACET_SPEAKER ? q : a;
	size_t n = main->nfacet[facet];
	if (o.limit && o.limit != 10 && o.limit < n)
		n = o.limit;
	if (o.format == FORMAT_JSON)
		printf("[");
	else if (o.format == FORMAT_TSV)
		printf("%s\tarticles\tquotations\n", name + 0);
	for (size_t i = 0; i < n; i++) {
		const char *v = main->facet[facet][i].value;
		unsigned na = count_of(a, facet, v), nq = count_of(q, facet, v);
		if (o.format == FORMAT_JSON) {
			printf("%s{\"value\":", i ? "," : "");
			json_string(stdout, v);
			printf(",\"articles\":%u,\"quotations\":%u}", na, nq);
		} else if (o.format == FORMAT_TSV) {
			tsv_field(stdout, v);
			printf("\t%u\t%u\n", na, nq);
		} else if (facet == QUOTH_FACET_SPEAKER) {
			printf("%6u %-10s %5u %-8s  %s\n", nq,
			       nq == 1 ? "quotation" : "quotations", na,
			       na == 1 ? "article" : "articles", v);
		} else {
			printf("%6u %-8s %6u %-10s  %s\n", na,
			       na == 1 ? "article" : "articles", nq,
			       nq == 1 ? "quotation" : "quotations", v);
		}
	}
	if (o.format == FORMAT_JSON)
		printf("]\n");
	quoth_results_destroy(a);
	quoth_results_destroy(q);
	return finish(n ? 0 : EXIT_NONE, &o, ix);
}

int cmd_outlets(int argc, char **argv)
{
	return listing("outlets", "usage: quoth outlets [--index PATH] [--format=text|json|tsv]\n\n"
				  "Outlets with their article and quotation counts.\n",
		       QUOTH_FACET_OUTLET, argc, argv);
}

int cmd_speakers(int argc, char **argv)
{
	return listing("speakers", "usage: quoth speakers [--index PATH] [--format=text|json|tsv] [--limit N]\n\n"
				   "Speakers with their quotation and article counts.\n",
		       QUOTH_FACET_SPEAKER, argc, argv);
}
