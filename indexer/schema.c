/* schema.c - the document-data record (format in schema.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quoth/schema.h"

static void put(quoth_record_t *r, const char *s, size_t n)
{
	if (r->oom)
		return;
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 256;
		while (cap < r->len + n + 1)
			cap *= 2;
		char *p = realloc(r->p, cap);
		if (!p) {
			r->oom = 1;
			return;
		}
		r->p = p;
		r->cap = cap;
	}
	memcpy(r->p + r->len, s, n);
	r->len += n;
}

void quoth_record_add(quoth_record_t *r, const char *key, const char *value)
{
	if (!value)
		return;
	put(r, key, strlen(key));
	put(r, "\t", 1);
	for (const char *s = value; *s; s++) {
		if (*s == '\t')
			put(r, "\\t", 2);
		else if (*s == '\n')
			put(r, "\\n", 2);
		else if (*s == '\\')
			put(r, "\\\\", 2);
		else
			put(r, s, 1);
	}
	put(r, "\n", 1);
}

void quoth_record_add_ulong(quoth_record_t *r, const char *key,
			    unsigned long v)
{
	char num[24];
	snprintf(num, sizeof num, "%lu", v);
	quoth_record_add(r, key, num);
}

quoth_status_t quoth_record_finish(quoth_record_t *r, const char *body,
				   size_t len)
{
	put(r, "\n", 1);
	put(r, body, len);
	return r->oom ? QUOTH_ERR_NOMEM : QUOTH_OK;
}

void quoth_record_free(quoth_record_t *r)
{
	free(r->p);
	memset(r, 0, sizeof *r);
}

char *quoth_record_get(const char *data, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *p = data, *end = data + len;
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > klen && memcmp(p, key, klen) == 0 &&
		    p[klen] == '\t') {
			const char *v = p + klen + 1;
			char *out = malloc((size_t)(eol - v) + 1), *w = out;
			if (!out)
				return NULL;
			for (; v < eol; v++) {
				if (*v == '\\' && v + 1 < eol) {
					v++;
					*w++ = *v == 't' ? '\t' : *v == 'n' ? '\n' : *v;
				} else {
					*w++ = *v;
				}
			}
			*w = '\0';
			return out;
		}
		p = eol + 1;
	}
	return NULL;
}

const char *quoth_record_body(const char *data, size_t len, size_t *body_len)
{
	const char *p = data, *end = data + len;
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol) {
			p = end;
			break;
		}
		p = eol + 1;
	}
	if (p < end)
		p++; /* the blank line */
	*body_len = (size_t)(end - p);
	return p;
}

unsigned quoth_shards_read(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/shards", dir);
	FILE *f = fopen(path, "r");
	unsigned n = 0;
	if (f) {
		if (fscanf(f, "%u", &n) != 1)
			n = 0;
		fclose(f);
	}
	return n;
}

quoth_status_t quoth_shards_write(const char *dir, unsigned n)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/shards", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return QUOTH_ERR_IO;
	fprintf(f, "%u\n", n);
	return fclose(f) ? QUOTH_ERR_IO : QUOTH_OK;
}

void quoth_shard_path(const char *dir, unsigned k, char *out, size_t size)
{
	snprintf(out, size, "%s/shard-%u", dir, k);
}

void quoth_hex64(unsigned long long h, char out[17])
{
	snprintf(out, 17, "%016llx", h);
}
