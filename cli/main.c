/* main.c - quoth's entry point: dispatch on the command table. */
#include <stdio.h>
#include <string.h>

#include "quoth/cli.h"

#define QUOTH_VERSION "0.1.0"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"index", cmd_index, "index articles (files, directories, JSON Lines)"},
	{"search", cmd_search, "ranked articles matching a query"},
	{"quotes", cmd_quotes, "ranked quotations: who said it"},
	{"show", cmd_show, "one article: metadata, text and quotations"},
	{"extract", cmd_extract, "quotations and speakers of files, no index"},
	{"speakers", cmd_speakers, "speakers with quotation and article counts"},
	{"outlets", cmd_outlets, "outlets with article counts"},
	{"stats", cmd_stats, "what the index holds"},
	{"serve-shard", cmd_serve_shard, "serve an index to remote searches (xapian-tcpsrv)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: quoth COMMAND [OPTIONS] [ARGS]\n\n"
		   "quoth searches news articles: keywords, quotations and "
		   "who said them.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'quoth COMMAND --help' describes a command; "
		   "'man quoth' the query language.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("quoth %s\n", QUOTH_VERSION);
		return 0;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "quoth: unknown command '%s'\n\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
