/* article.c - the article record. */
#include <stdlib.h>

#include "quoth/article.h"

void quoth_article_destroy(quoth_article_t *art)
{
	if (!art)
		return;
	free(art->id);
	free(art->path);
	free(art->url);
	free(art->title);
	free(art->outlet);
	free(art->date);
	free(art->author);
	free(art->lang);
	free(art->text);
	free(art);
}
