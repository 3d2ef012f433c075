/* cmd_search.c - quoth search / quoth quotes: ranked results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/cli.h"

static const char help_search[] =
	"usage: quoth search [OPTIONS] QUERY...\n\n"
	"Ranked articles matching QUERY (the arguments joined by spaces).\n\n"
	"query language:\n"
	"  russia sanctions        both words (stemmed), ranked by BM25\n"
	"  \"low level of trust\"    exact phrase (straight or curly quotes)\n"
	"  a OR b, a AND b, NOT a, -a, ( ... )\n"
	"  sanction*               prefix\n"
	"  a NEAR/5 b              within 5 words\n"
	"  outlet:NAME  speaker:NAME  author:NAME  title:WORDS\n"
	"  date:2017-04-12  date:2017-04  date:2017-04-01..2017-04-13  date:..2017-04-12\n\n"
	"options:\n"
	"  --index PATH            index to search (repeatable)\n"
	"  --any                   OR is the default operator\n"
	"  --facets                counts by outlet, date and speaker\n"
	"  --sort=relevance|date|-date\n"
	"  --limit N (10)  --offset N\n"
	"  -l                      paths or URLs only\n"
	"  --count                 the number of matches only\n"
	"  --format=text|json|tsv  --color=auto|always|never\n\n"
	"exit status: 0 matches, 1 no match, 2 usage or query error,\n"
	"3 index missing or unreadable\n";

static const char help_quotes[] =
	"usage: quoth quotes [OPTIONS] QUERY...\n\n"
	"Ranked quotations matching QUERY, each with its speaker: who said it.\n"
	"The query language and options are those of 'quoth search'\n"
	"(speaker:NAME filters by speaker; --facets counts quotations).\n";

static const char *facet_names[QUOTH_NFACETS] = {"outlet", "date", "speaker"};

static void json_facets(const quoth_results_t *r)
{
	printf(",\"facets\":{");
	for (int f = 0; f < QUOTH_NFACETS; f++) {
		printf("%s\"%s\":[", f ? "," : "", facet_names[f]);
		for (size_t i = 0; i < r->nfacet[f]; i++) {
			printf("%s{\"value\":", i ? "," : "");
			json_string(stdout, r->facet[f][i].value);
			printf(",\"count\":%u}", r->facet[f][i].count);
		}
		printf("]");
	}
	printf("}");
}

/* The snippet without highlight marks, for JSON and TSV. */
static char *plain(const char *s)
{
	if (!s)
		return NULL;
	char *p = strdup(s), *w = p;
	for (const char *r = s; p && *r; r++)
		if (*r != QUOTH_HL_ON && *r != QUOTH_HL_OFF)
			*w++ = *r;
	if (p)
		*w = '\0';
	return p;
}

static void json_hit(const quoth_hit_t *h, quoth_target_t target)
{
	printf("{\"rank\":%u", h->rank);
	if (target == QUOTH_TARGET_QUOTES)
		json_quote_fields(stdout, h);
	json_member(stdout, "id", h->id);
	json_member(stdout, "path", h->path);
	if (h->line)
		printf(",\"line\":%lu", h->line);
	json_member(stdout, "url", h->url);
	json_member(stdout, "title", h->title);
	json_member(stdout, "outlet", h->outlet);
	json_member(stdout, "date", h->date);
	json_member(stdout, "author", h->author);
	if (target == QUOTH_TARGET_QUOTES) {
		printf(",\"start\":%lu,\"end\":%lu", h->start, h->end);
	} else {
		char *s = plain(h->snippet);
		json_member(stdout, "snippet", s);
		free(s);
		printf(",\"also\":[");
		for (size_t i = 0; i < h->nalso; i++) {
			if (i)
				putchar(',');
			json_string(stdout, h->also[i]);
		}
		printf("]");
	}
	printf(",\"score\":%.4f}", h->score);
}

static void print_json(const char *query, const quoth_results_t *r,
		       quoth_target_t target, int facets)
{
	printf("{\"query\":");
	json_string(stdout, query);
	printf(",\"total\":%u,\"exact\":%s,\"results\":[", r->total,
	       r->total_exact ? "true" : "false");
	for (size_t i = 0; i < r->nhits; i++) {
		if (i)
			putchar(',');
		json_hit(&r->hits[i], target);
	}
	printf("]");
	if (facets)
		json_facets(r);
	else
		printf(",\"facets\":null");
	json_member(stdout, "suggestion", r->suggestion);
	printf("}\n");
}

static void print_tsv(const quoth_results_t *r, quoth_target_t target)
{
	if (target == QUOTH_TARGET_QUOTES)
		printf("rank\tspeaker\ttext\tdate\toutlet\tid\tpath\tstart\tend\tscore\n");
	else
		printf("rank\tdate\toutlet\ttitle\tid\tpath\turl\tscore\tsnippet\n");
	for (size_t i = 0; i < r->nhits; i++) {
		const quoth_hit_t *h = &r->hits[i];
		printf("%u\t", h->rank);
		if (target == QUOTH_TARGET_QUOTES) {
			tsv_field(stdout, h->speaker);
			putchar('\t');
			tsv_field(stdout, h->text);
			putchar('\t');
		} else {
			tsv_field(stdout, h->date);
			putchar('\t');
		}
		if (target == QUOTH_TARGET_QUOTES) {
			tsv_field(stdout, h->date);
			putchar('\t');
		}
		tsv_field(stdout, h->outlet);
		putchar('\t');
		if (target == QUOTH_TARGET_ARTICLES) {
			tsv_field(stdout, h->title);
			putchar('\t');
		}
		tsv_field(stdout, h->id);
		putchar('\t');
		tsv_field(stdout, h->path);
		if (target == QUOTH_TARGET_QUOTES) {
			printf("\t%lu\t%lu\t%.4f\n", h->start, h->end, h->score);
		} else {
			putchar('\t');
			tsv_field(stdout, h->url);
			printf("\t%.4f\t", h->score);
			char *s = plain(h->snippet);
			tsv_field(stdout, s);
			free(s);
			putchar('\n');
		}
	}
}

/* Where a hit lives: URL for -l when there is no file, else path[:line]. */
static void print_location(const quoth_hit_t *h)
{
	if (h->path && h->line)
		printf("%s:%lu", cli_display_path(h->path), h->line);
	else if (h->path)
		printf("%s", cli_display_path(h->path));
	else if (h->url)
		printf("%s", h->url);
}

static void print_text_facets(const quoth_results_t *r, int color)
{
	for (int f = 0; f < QUOTH_NFACETS; f++) {
		printf("\n%s%s%s%s:\n", color ? "\x1b[1m" : "", facet_names[f],
		       f == QUOTH_FACET_DATE && r->date_by_month ? " (by month)" : "",
		       color ? "\x1b[0m" : "");
		for (size_t i = 0; i < r->nfacet[f]; i++)
			printf("  %6u  %s\n", r->facet[f][i].count,
			       r->facet[f][i].value);
		if (!r->nfacet[f])
			printf("  (none)\n");
	}
}

static void print_text(const quoth_results_t *r, quoth_target_t target,
		       const cli_opts_t *o)
{
	int c = o->color;
	printf("%zu of %s%u %s\n", r->nhits, r->total_exact ? "" : "about ",
	       r->total, target == QUOTH_TARGET_QUOTES ? "quotations" : "articles");
	for (size_t i = 0; i < r->nhits; i++) {
		const quoth_hit_t *h = &r->hits[i];
		if (target == QUOTH_TARGET_QUOTES) {
			/* (Outlet, date), or (date) for an article of no
			 * known outlet */
			printf("\n%3u. %s\u201c%s\u201d%s \u2014 %s%s%s (%s%s%s)\n     ",
			       h->rank, c ? "\x1b[1m" : "", h->text,
			       c ? "\x1b[0m" : "", c ? "\x1b[33m" : "",
			       h->speaker ? h->speaker : "unattributed",
			       c ? "\x1b[0m" : "", h->outlet ? h->outlet : "",
			       h->outlet ? ", " : "",
			       h->date ? h->date : "undated");
			print_location(h);
			putchar('\n');
			continue;
		}
		/* date, outlet (none when unknown), title */
		printf("\n%3u. %s  %s%s%s%s%s%s%s\n     ", h->rank,
		       h->date ? h->date : "undated   ", c ? "\x1b[32m" : "",
		       h->outlet ? h->outlet : "", c ? "\x1b[0m" : "",
		       h->outlet ? "  " : "", c ? "\x1b[1m" : "",
		       h->title ? h->title : "(untitled)", c ? "\x1b[0m" : "");
		print_location(h);
		putchar('\n');
		if (h->nalso) {
			printf("     also in:");
			for (size_t k = 0; k < h->nalso; k++)
				printf("%s %s", k ? "," : "", h->also[k]);
			putchar('\n');
		}
		if (h->snippet) {
			printf("     ");
			cli_print_marked(stdout, h->snippet, c);
			putchar('\n');
		}
	}
	if (o->facets)
		print_text_facets(r, c);
	if (!r->total && r->suggestion)
		printf("did you mean: %s\n", r->suggestion);
}

static int run(const char *name, const char *help, quoth_target_t target,
	       int argc, char **argv)
{
	cli_opts_t o;
	int begun = cli_begin(name, help, argc, argv, &o);
	if (begun >= 0)
		return begun;
	if (!o.nargs) {
		fprintf(stderr, "quoth %s: no query (see quoth %s --help)\n",
			name, name);
		cli_opts_free(&o);
		return EXIT_USAGE;
	}
	char *query = cli_join(o.args, o.nargs);
	quoth_index_t *ix = query ? cli_open_index(&o) : NULL;
	if (!ix) {
		free(query);
		cli_opts_free(&o);
		return EXIT_INDEX;
	}
	quoth_search_opts_t so = {
		.def = o.any ? QUOTH_QDEFAULT_OR : QUOTH_QDEFAULT_AND,
		.sort = o.sort,
		.offset = o.offset,
		.limit = o.count ? 0 : o.limit,
		.facets = o.facets,
		.exact = o.count,
		.snippets = !o.list && !o.count,
	};
	quoth_results_t *r = NULL;
	size_t col = 0;
	quoth_status_t st = quoth_search(ix, target, query, &so, &r, &col);
	int rc;
	if (st == QUOTH_ERR_QUERY) {
		fprintf(stderr, "quoth: query:1:%zu: %s\n", col,
			quoth_index_errmsg(ix));
		rc = EXIT_USAGE;
	} else if (st) {
		fprintf(stderr, "quoth: %s: %s\n", o.index[0],
			quoth_index_errmsg(ix));
		rc = EXIT_INDEX;
	} else {
		if (o.count)
			printf("%u\n", r->total);
		else if (o.list)
			for (size_t i = 0; i < r->nhits; i++) {
				const quoth_hit_t *h = &r->hits[i];
				if (!h->path && h->url)
					printf("%s\n", h->url);
				else {
					print_location(h);
					putchar('\n');
				}
			}
		else if (o.format == FORMAT_JSON)
			print_json(query, r, target, o.facets);
		else if (o.format == FORMAT_TSV)
			print_tsv(r, target);
		else
			print_text(r, target, &o);
		if (!r->total && o.format == FORMAT_TEXT && !o.count &&
		    !o.list && !r->suggestion)
			fprintf(stderr, "quoth: no match for %s\n", query);
		rc = r->total ? EXIT_MATCH : EXIT_NONE;
	}
	quoth_results_destroy(r);
	quoth_index_close(ix);
	free(query);
	cli_opts_free(&o);
	return rc;
}

int cmd_search(int argc, char **argv)
{
	return run("search", help_search, QUOTH_TARGET_ARTICLES, argc, argv);
}

int cmd_quotes(int argc, char **argv)
{
	return run("quotes", help_quotes, QUOTH_TARGET_QUOTES, argc, argv);
}
