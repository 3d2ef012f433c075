/*
 * cli.h - Interface to code in cli/: the quoth command line.
 *
 * main.c dispatches on a table of commands; each command lives in its own
 * file (cmd_<name>.c) and returns the process exit status.  This header
 * holds what they share: option parsing, where the index is, and output
 * helpers (JSON and TSV escaping, colour).
 */
#ifndef QUOTH_CLI_H
#define QUOTH_CLI_H

#include <stdio.h>

#include "quoth/search.h"

/* Exit statuses (SPEC): search 0 match / 1 none; index 0 ok / 1 some input
 * failed; 2 usage or query error; 3 index missing, unreadable, locked. */
enum { EXIT_MATCH = 0, EXIT_NONE = 1, EXIT_USAGE = 2, EXIT_INDEX = 3 };

#define QUOTH_MAX_INDEXES 64

typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_TSV } cli_format_t;

typedef struct cli_opts {
	const char *index[QUOTH_MAX_INDEXES];
	size_t nindex;
	cli_format_t format;
	int color;		/* resolved: 1 colour on */
	int facets, any, list, count, rebuild, help, verbose;
	quoth_sort_t sort;
	unsigned limit, offset, shards, jobs, port;
	const char *host;	/* serve-shard: interface to listen on */
	char **args;		/* positional arguments (query words, paths) */
	size_t nargs;
} cli_opts_t;

/* Parses ARGV[1..ARGC) of command NAME into O.  Options may come anywhere;
 * "--" ends them; a word starting with '-' that is no option is kept as a
 * positional argument (a query's "-word").  Prints the problem and returns
 * -1 on a usage error. */
int cli_parse(const char *name, int argc, char **argv, cli_opts_t *o);
void cli_opts_free(cli_opts_t *o);

/* Every command's start: parses its options into O; on a usage error, or
 * after printing HELP for --help, frees O and returns the exit status
 * (EXIT_USAGE, 0); otherwise returns -1 and the command goes on. */
int cli_begin(const char *name, const char *help, int argc, char **argv,
	      cli_opts_t *o);

/* A command called wrongly: HELP on stderr, O freed, EXIT_USAGE. */
int cli_usage(const char *help, cli_opts_t *o);

/* Resolves where the index is: --index, else $QUOTH_INDEX, else .quoth/ in
 * the current directory or the nearest parent that has one.  With CREATE,
 * falls back to ./.quoth.  Returns 0, or -1 (message printed) if none. */
int cli_index_paths(cli_opts_t *o, int create);

/* Opens the indexes of O for reading; prints the error and returns NULL. */
quoth_index_t *cli_open_index(cli_opts_t *o);

/* The query: positional arguments joined by spaces; caller frees. */
char *cli_join(char **args, size_t n);

void json_string(FILE *f, const char *s);	/* "..." or null */
/* ,"KEY":"VALUE" (VALUE may be NULL: null) */
void json_member(FILE *f, const char *key, const char *value);
/* The quotation fields of H: ,"text",..,"cue" */
void json_quote_fields(FILE *f, const quoth_hit_t *h);

/* Prints an input problem: "quoth: FILE:LINE:COLUMN: [warning: ]reason". */
struct quoth_diag;
void cli_print_diag(const struct quoth_diag *d);
void tsv_field(FILE *f, const char *s);		/* \t \n \\ escaped */

/* Calls FN for PATH, a file, or for every file under the directory PATH
 * that the reader takes (*.txt, *.jsonl...), in name order, hidden entries
 * skipped.  A named PATH that does not exist or is no file (a device, a
 * pipe), and a directory that cannot be read, are reported unless QUIET.
 * Returns FN's first negative result (which stops the walk), 1 if PATH
 * does not exist or is no file, else 0. */
int cli_each_file(const char *path, int quiet,
		  int (*fn)(void *ctx, const char *path), void *ctx);

/* Path shown to the user: relative to the current directory if under it. */
const char *cli_display_path(const char *path);

/* Prints a marked snippet with highlights (colour) or plain. */
void cli_print_marked(FILE *f, const char *s, int color);

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_outlets(int argc, char **argv);
int cmd_speakers(int argc, char **argv);
int cmd_serve_shard(int argc, char **argv);

#endif
