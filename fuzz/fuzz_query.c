/* fuzz_query.c - libFuzzer target for the query parser: arbitrary bytes,
 * both defaults.  A success must give a well-formed tree (the shapes
 * include/quoth/query.h promises) that dumps; a malformed query must give
 * a message and a column inside the string (1 .. characters + 1). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/query.h"

static void check(const quoth_qnode_t *n)
{
	if (!n)
		abort();
	for (size_t i = 0; i < n->nkids; i++)
		check(n->kids[i]);
	switch (n->type) {
	case QUOTH_QN_WORD:
		if (!n->term || !n->stem || !n->term[0] || n->nkids)
			abort();
		break;
	case QUOTH_QN_PREFIX:
		if (!n->term || strlen(n->term) < 2 || n->nkids)
			abort();
		break;
	case QUOTH_QN_PHRASE:
		if (n->nkids < 1)
			abort();
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type != QUOTH_QN_WORD)
				abort();
		break;
	case QUOTH_QN_NEAR:
		if (n->nkids < 2 || n->window < 1)
			abort();
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type != QUOTH_QN_WORD &&
			    n->kids[i]->type != QUOTH_QN_PHRASE)
				abort();
		break;
	case QUOTH_QN_AND:
	case QUOTH_QN_OR:
		if (n->nkids < 2)
			abort();
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type == n->type)
				abort();	/* not flattened */
		break;
	case QUOTH_QN_NOT:
		if (n->nkids != 1 || n->kids[0]->type == QUOTH_QN_NOT)
			abort();
		break;
	case QUOTH_QN_FIELD:
		if (!n->field || !n->value || !n->value[0])
			abort();
		if (strcmp(n->field, "title") == 0 ? n->nkids < 1 : n->nkids)
			abort();
		break;
	case QUOTH_QN_DATE:
		if ((n->from[0] && strlen(n->from) != 10) ||
		    (n->to[0] && strlen(n->to) != 10) ||
		    (!n->from[0] && !n->to[0]) ||
		    (n->from[0] && n->to[0] && strcmp(n->from, n->to) > 0))
			abort();
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static quoth_analyzer_t *a;
	if (!a && quoth_analyzer_create("en", &a))
		abort();

	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	size_t chars = 0;
	for (const char *s = q; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;

	for (int def = QUOTH_QDEFAULT_AND; def <= QUOTH_QDEFAULT_OR; def++) {
		quoth_qnode_t *n = NULL;
		size_t col = 0;
		char *err = NULL;
		quoth_status_t st = quoth_query_parse(a, q, def, &n, &col, &err);
		if (st == QUOTH_OK) {
			if (err)
				abort();
			check(n);
			char *d = quoth_qnode_dump(n);
			if (!d || d[0] != '(')
				abort();
			free(d);
			quoth_qnode_destroy(n);
		} else if (st == QUOTH_ERR_QUERY) {
			if (n || !err || !err[0] || col < 1 || col > chars + 1)
				abort();
			free(err);
		} else if (st != QUOTH_ERR_NOMEM || n) {
			abort();
		}
	}
	free(q);
	return 0;
}
