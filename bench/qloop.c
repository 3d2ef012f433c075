/*
 * qloop.c - in-process query latency for `make bench`: opens the index once
 * (as a server would) and runs one query per stdin line through
 * quoth_search(), printing how long each took.
 *
 *   qloop INDEX... < queries > times
 *
 * Input: one query per line in quoth's query syntax (what `quoth search`
 * gets as its arguments, joined by spaces); a line starting with "F\t" is
 * run with facets (the rest of the line is the query).  Every query:
 * articles, relevance order, limit 10, snippets on, estimated totals
 * (facets make them exact), the same as `quoth search --limit 10`.
 *
 * Output: one line per query, "MICROSECONDS\tSTATUS\tTOTAL" (STATUS 0 = ok,
 * else the quoth_status_t; TOTAL the number of matches).  Time is
 * CLOCK_MONOTONIC around quoth_search() + quoth_results_destroy(): parsing,
 * matching, snippets and facets, but not printing.
 *
 * Built by bench/bench.py against build/libquoth.a (see bench/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quoth/search.h"

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: qloop INDEX... < queries\n");
		return 2;
	}
	quoth_index_t *ix = NULL;
	char *err = NULL;
	quoth_status_t st = quoth_index_open((const char *const *)argv + 1,
					     (size_t)(argc - 1), &ix, &err);
	if (st) {
		fprintf(stderr, "qloop: %s: %s\n", argv[1],
			err && *err ? err : quoth_status_to_string(st));
		free(err);
		return 3;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed = 0;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		const char *q = line;
		int facets = 0;
		if (strncmp(q, "F\t", 2) == 0) {
			facets = 1;
			q += 2;
		}
		quoth_search_opts_t so = {
			.def = QUOTH_QDEFAULT_AND,
			.sort = QUOTH_SORT_RELEVANCE,
			.offset = 0,
			.limit = 10,
			.facets = facets,
			.exact = 0,
			.snippets = 1,
		};
		quoth_results_t *r = NULL;
		size_t col = 0;
		double t0 = now_us();
		st = quoth_search(ix, QUOTH_TARGET_ARTICLES, q, &so, &r, &col);
		unsigned total = r ? r->total : 0;
		quoth_results_destroy(r);
		double dt = now_us() - t0;
		if (st) {
			if (failed++ < 5)
				fprintf(stderr, "qloop: %s: %s\n", q,
					quoth_index_errmsg(ix));
		}
		printf("%.1f\t%d\t%u\n", dt, (int)st, total);
	}
	free(line);
	quoth_index_close(ix);
	return 0;
}
