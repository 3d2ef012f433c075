/*
 * article.h - the article record shared by the reader, the writer and the
 * searcher.
 *
 * An article is what one input file (*.txt, *.md) or one JSON line holds.
 * All strings are UTF-8 and NUL-terminated; any of them may be NULL when the
 * source does not give (and the reader could not infer) that field.
 */
#ifndef QUOTH_ARTICLE_H
#define QUOTH_ARTICLE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_article {
	char *id;	/* stable id: JSON "id", else a hash (see reader.h) */
	char *path;	/* the file it came from, as given on the command line */
	unsigned long line;	/* 1-based JSON line number; 0 for a text file */
	char *url;
	char *title;
	int title_inferred;	/* the title is the text's first line, not a
				 * field of its own: its words are not
				 * indexed a second time */
	char *outlet;	/* display name, e.g. "Foreign Policy" */
	char *date;	/* calendar date "YYYY-MM-DD", or NULL when undated */
	char *author;
	char *lang;	/* ISO 639-1 code, "en" unless the source says otherwise */
	char *text;	/* the body: valid UTF-8 (bad bytes already U+FFFD) */
	size_t text_len;
	/* Byte offset of text[0] in the file as read (a text file's header
	 * block is not part of the body); 0 for JSON lines. */
	size_t text_offset;
} quoth_article_t;

/* Frees every field and ART itself; NULL is a no-op. */
void quoth_article_destroy(quoth_article_t *art);

#ifdef __cplusplus
}
#endif

#endif
