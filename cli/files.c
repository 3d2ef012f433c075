/* files.c - the input files a command names (see cli.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "quoth/cli.h"
#include "quoth/reader.h"

typedef struct walk {
	int quiet;
	int (*fn)(void *ctx, const char *path);
	void *ctx;
} walk_t;

static void report(const walk_t *w, const char *path, const char *why)
{
	if (w->quiet)
		return;
	quoth_diag_t d = {QUOTH_DIAG_FAILED, path, 0, 0, why};
	cli_print_diag(&d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const walk_t *w, const char *path, int named);

/* A directory's entries in name order, so runs are reproducible; hidden
 * ones (., .., .quoth, .git) skipped. */
static int walk_dir(const walk_t *w, const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		report(w, path, strerror(errno));
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(names, cap * sizeof *p);
			if (!p)
				break;
			names = p;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc >= 0) {
			char child[PATH_MAX];
			snprintf(child, sizeof child, "%s/%s", path, names[i]);
			int c = walk(w, child, 0);
			if (c < 0)
				rc = c;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int walk(const walk_t *w, const char *path, int named)
{
	struct stat sb;
	if (stat(path, &sb)) {
		if (named)
			report(w, path, strerror(errno));
		return named ? 1 : 0;
	}
	if (S_ISDIR(sb.st_mode))
		return walk_dir(w, path);
	if (!S_ISREG(sb.st_mode)) {
		if (named)
			report(w, path, "not a file or a directory");
		return named ? 1 : 0;
	}
	return named || quoth_reader_accepts(path) ? w->fn(w->ctx, path) : 0;
}

int cli_each_file(const char *path, int quiet,
		  int (*fn)(void *ctx, const char *path), void *ctx)
{
	walk_t w = {quiet, fn, ctx};
	return walk(&w, path, 1);
}
