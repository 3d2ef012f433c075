/* options.c - option parsing and index location shared by the commands. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quoth/cli.h"
#include "quoth/reader.h"
#include "quoth/schema.h"

static int parse_uint(const char *opt, const char *v, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long n = v ? strtoul(v, &end, 10) : 0;
	if (!v || !*v || *end || errno || n > 100000000ul || *v == '-') {
		fprintf(stderr, "quoth: %s needs a whole number, not '%s'\n",
			opt, v ? v : "");
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

/* Matches "--NAME" or "--NAME=VALUE"; takes VALUE from the next argument
 * when NEEDS and no '=' was given. */
static int opt_value(const char *arg, const char *name, int needs, int argc,
		     char **argv, int *i, const char **val)
{
	size_t l = strlen(name);
	if (strncmp(arg, name, l) != 0)
		return 0;
	if (arg[l] == '=') {
		*val = arg + l + 1;
		return 1;
	}
	if (arg[l] != '\0')
		return 0;
	if (needs) {
		if (*i + 1 >= argc) {
			*val = NULL;
			return 1;
		}
		*val = argv[++*i];
	}
	return 1;
}

int cli_parse(const char *name, int argc, char **argv, cli_opts_t *o)
{
	memset(o, 0, sizeof *o);
	o->limit = 10;
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args)
		return -1;
	const char *color = "auto";
	int only_args = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (only_args || a[0] != '-' || a[1] == '\0') {
			o->args[o->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			o->help = 1;
		} else if (opt_value(a, "--index", 1, argc, argv, &i, &v)) {
			if (!v || !*v) {
				fprintf(stderr, "quoth: --index needs a path\n");
				return -1;
			}
			if (o->nindex == QUOTH_MAX_INDEXES) {
				fprintf(stderr, "quoth: too many --index\n");
				return -1;
			}
			o->index[o->nindex++] = v;
		} else if (opt_value(a, "--format", 1, argc, argv, &i, &v)) {
			if (v && strcmp(v, "text") == 0)
				o->format = FORMAT_TEXT;
			else if (v && strcmp(v, "json") == 0)
				o->format = FORMAT_JSON;
			else if (v && strcmp(v, "tsv") == 0)
				o->format = FORMAT_TSV;
			else {
				fprintf(stderr, "quoth: --format is text, json or tsv\n");
				return -1;
			}
		} else if (opt_value(a, "--json", 0, argc, argv, &i, &v)) {
			o->format = FORMAT_JSON;
		} else if (opt_value(a, "--color", 1, argc, argv, &i, &v) ||
			   opt_value(a, "--colour", 1, argc, argv, &i, &v)) {
			if (!v || (strcmp(v, "auto") && strcmp(v, "always") &&
				   strcmp(v, "never"))) {
				fprintf(stderr, "quoth: --color is auto, always or never\n");
				return -1;
			}
			color = v;
		} else if (opt_value(a, "--sort", 1, argc, argv, &i, &v)) {
			if (v && strcmp(v, "relevance") == 0)
				o->sort = QUOTH_SORT_RELEVANCE;
			else if (v && strcmp(v, "date") == 0)
				o->sort = QUOTH_SORT_DATE;
			else if (v && strcmp(v, "-date") == 0)
				o->sort = QUOTH_SORT_DATE_DESC;
			else {
				fprintf(stderr, "quoth: --sort is relevance, date or -date\n");
				return -1;
			}
		} else if (opt_value(a, "--limit", 1, argc, argv, &i, &v) ||
			   (strcmp(a, "-n") == 0 && (v = i + 1 < argc ? argv[++i] : NULL, 1))) {
			if (parse_uint("--limit", v, &o->limit))
				return -1;
		} else if (opt_value(a, "--offset", 1, argc, argv, &i, &v)) {
			if (parse_uint("--offset", v, &o->offset))
				return -1;
		} else if (opt_value(a, "--jobs", 1, argc, argv, &i, &v) ||
			   (strcmp(a, "-j") == 0 && (v = i + 1 < argc ? argv[++i] : NULL, 1))) {
			if (parse_uint("--jobs", v, &o->jobs) || o->jobs == 0) {
				fprintf(stderr, "quoth: --jobs is 1 or more\n");
				return -1;
			}
		} else if (opt_value(a, "--port", 1, argc, argv, &i, &v)) {
			if (parse_uint("--port", v, &o->port) || o->port == 0 ||
			    o->port > 65534) {
				fprintf(stderr, "quoth: --port is 1..65534\n");
				return -1;
			}
		} else if (opt_value(a, "--host", 1, argc, argv, &i, &v)) {
			o->host = v;
		} else if (opt_value(a, "--shards", 1, argc, argv, &i, &v)) {
			if (parse_uint("--shards", v, &o->shards) ||
			    o->shards == 0) {
				fprintf(stderr, "quoth: --shards is 1 or more\n");
				return -1;
			}
		} else if (strcmp(a, "--facets") == 0) {
			o->facets = 1;
		} else if (strcmp(a, "--any") == 0) {
			o->any = 1;
		} else if (strcmp(a, "-l") == 0 || strcmp(a, "--files") == 0) {
			o->list = 1;
		} else if (strcmp(a, "--count") == 0 || strcmp(a, "-c") == 0) {
			o->count = 1;
		} else if (strcmp(a, "--rebuild") == 0) {
			o->rebuild = 1;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			o->verbose = 1;
		} else if (a[1] == '-') {
			fprintf(stderr, "quoth %s: unknown option '%s' (see quoth %s --help)\n",
				name, a, name);
			return -1;
		} else {
			/* "-word": a negated query word, not an option. */
			o->args[o->nargs++] = argv[i];
		}
	}
	if (strcmp(color, "always") == 0)
		o->color = 1;
	else if (strcmp(color, "auto") == 0)
		o->color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	return 0;
}

int cli_begin(const char *name, const char *help, int argc, char **argv,
	      cli_opts_t *o)
{
	if (cli_parse(name, argc, argv, o)) {
		cli_opts_free(o);
		return EXIT_USAGE;
	}
	if (o->help) {
		fputs(help, stdout);
		cli_opts_free(o);
		return 0;
	}
	return -1;
}

int cli_usage(const char *help, cli_opts_t *o)
{
	fputs(help, stderr);
	cli_opts_free(o);
	return EXIT_USAGE;
}

void cli_opts_free(cli_opts_t *o)
{
	free(o->args);
	o->args = NULL;
}

static int is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int cli_index_paths(cli_opts_t *o, int create)
{
	if (o->nindex)
		return 0;
	const char *env = getenv("QUOTH_INDEX");
	if (env && *env) {
		o->index[o->nindex++] = env;
		return 0;
	}
	static char found[PATH_MAX + 16];
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir - 8)) {
		fprintf(stderr, "quoth: cannot get the current directory: %s\n",
			strerror(errno));
		return -1;
	}
	for (;;) {
		snprintf(found, sizeof found, "%s/.quoth", dir);
		if (is_dir(found)) {
			o->index[o->nindex++] = found;
			return 0;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	if (create) {
		o->index[o->nindex++] = ".quoth";
		return 0;
	}
	fprintf(stderr, "quoth: no index found (.quoth/ here or above); "
			"run 'quoth index' or pass --index PATH\n");
	return -1;
}

quoth_index_t *cli_open_index(cli_opts_t *o)
{
	if (cli_index_paths(o, 0))
		return NULL;
	quoth_index_t *ix = NULL;
	char *err = NULL;
	quoth_status_t st = quoth_index_open(o->index, o->nindex, &ix, &err);
	if (st) {
		/* the message names the index or shard */
		if (err && *err)
			fprintf(stderr, "quoth: %s\n", err);
		else
			fprintf(stderr, "quoth: %s: %s\n", o->index[0],
				quoth_status_to_string(st));
		free(err);
		return NULL;
	}
	char had[16];
	quoth_index_schema(ix, had, sizeof had);
	if (*had && strcmp(had, QUOTH_SCHEMA_VERSION) != 0)
		fprintf(stderr,
			"quoth: warning: %s has index schema %s, this quoth "
			"reads schema " QUOTH_SCHEMA_VERSION
			": matches may be missed or ranked oddly; rebuild it "
			"with quoth index --rebuild\n",
			o->index[0], had);
	return ix;
}

char *cli_join(char **args, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(args[i]) + 1;
	char *s = malloc(len), *w = s;
	if (!s)
		return NULL;
	*w = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*w++ = ' ';
		strcpy(w, args[i]);
		w += strlen(args[i]);
	}
	return s;
}

void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (const char *p = s;; p++) {
		/* the run of bytes that need no escape, in one write */
		const char *run = p;
		while ((unsigned char)*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		fwrite(run, 1, (size_t)(p - run), f);
		switch (*p) {
		case '\0': putc('"', f); return;
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default: fprintf(f, "\\u%04x", (unsigned char)*p);
		}
	}
}

void json_member(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\"%s\":", key);
	json_string(f, value);
}

void json_quote_fields(FILE *f, const quoth_hit_t *h)
{
	json_member(f, "text", h->text);
	json_member(f, "speaker", h->speaker);
	json_member(f, "speaker_mention", h->mention);
	json_member(f, "cue", h->cue);
}

/* One line, written with one write(): the workers of a parallel build
 * share stderr, and their lines must not interleave. */
void cli_print_diag(const quoth_diag_t *d)
{
	char at[48] = "";
	int k = 0;
	if (d->line)
		k = snprintf(at, sizeof at, ":%lu", d->line);
	if (d->column)
		snprintf(at + k, sizeof at - (size_t)k, ":%lu", d->column);
	char *msg = NULL;
	int n = asprintf(&msg, "quoth: %s%s: %s%s\n", d->path, at,
			 d->level == QUOTH_DIAG_FAILED ? "" : "warning: ",
			 d->message);
	if (n < 0)
		return;
	fflush(stderr);
	for (ssize_t off = 0, w; off < n; off += w)
		if ((w = write(STDERR_FILENO, msg + off, (size_t)(n - off))) <= 0)
			break;
	free(msg);
}

void tsv_field(FILE *f, const char *s)
{
	for (const char *p = s; p && *p; p++) {
		const char *run = p;
		while (*p && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\\')
			p++;
		fwrite(run, 1, (size_t)(p - run), f);
		if (*p == '\t')
			fputs("\\t", f);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\r')
			fputs("\\r", f);
		else if (*p == '\\')
			fputs("\\\\", f);
		else
			break;
	}
}

const char *cli_display_path(const char *path)
{
	static char cwd[PATH_MAX];
	static int have = -1;
	if (have < 0)
		have = getcwd(cwd, sizeof cwd) != NULL;
	if (!path || !have)
		return path;
	size_t l = strlen(cwd);
	if (strncmp(path, cwd, l) == 0 && path[l] == '/')
		return path + l + 1;
	return path;
}

void cli_print_marked(FILE *f, const char *s, int color)
{
	for (; s && *s; s++) {
		if (*s == QUOTH_HL_ON) {
			if (color)
				fputs("\x1b[1;31m", f);
		} else if (*s == QUOTH_HL_OFF) {
			if (color)
				fputs("\x1b[0m", f);
		} else {
			putc(*s, f);
		}
	}
}
