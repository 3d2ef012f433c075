/*
 * writer.h - Interface to code in indexer/writer.c: building the index.
 *
 * The writer turns input files into the documents of schema.h.  Indexing
 * is incremental: a file whose size and modification time match what the
 * index recorded is skipped; a changed file is read again and its articles
 * replaced (articles gone from it are deleted); files that vanished from
 * under the paths of this run are deleted by quoth_writer_finish().
 *
 * One writer at a time: quoth_writer_open() takes DIR/write.lock (flock)
 * for as long as the writer is open, besides Xapian's own locks.
 *
 * Durability: the writer commits in batches, quotations before articles,
 * and records a file as done ("src:" metadata) in the same commit as its
 * last article.  A killed run leaves the index as of its last commit, and
 * the next run re-reads every file not recorded as done.
 */
#ifndef QUOTH_WRITER_H
#define QUOTH_WRITER_H

#include "quoth/names.h"
#include "quoth/reader.h"
#include "quoth/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quoth_writer quoth_writer_t;

typedef struct quoth_index_stats {
	unsigned long added, updated, removed, skipped, failed, warnings;
	unsigned long files;	/* files read (not skipped) */
	unsigned long long bytes; /* bytes of the files read */
	unsigned long quotes;	/* quotations indexed */
	/* quotations of earlier runs that name by surname alone a speaker
	 * this run settled a full name for (names.h) */
	unsigned long unnamed;
} quoth_index_stats_t;

/* Opens (creating it if needed) the index directory DIR for writing;
 * REBUILD drops what it held.  QUOTH_ERR_LOCKED when another writer has
 * it; QUOTH_ERR_IO when DIR cannot be created.  On failure *ERR (if
 * non-NULL) is a message the caller frees. */
quoth_status_t quoth_writer_open(const char *dir, int rebuild,
				 quoth_writer_t **out, char **err);

/* Indexes the file PATH (any name the reader accepts).  Problems with the
 * input go to DIAG (with CTX) and are counted in the stats; they never make
 * this fail.  Returns a failure status only when the index itself fails
 * (message: quoth_writer_errmsg()), after which the writer is unusable. */
quoth_status_t quoth_writer_add_file(quoth_writer_t *w, const char *path,
				     quoth_diag_fn diag, void *ctx);

/* Speakers named by surname alone (names.h).  A run first surveys its
 * input: quoth_writer_survey() counts into NAMES the full names of the
 * speakers quoted in PATH, unless the index holds PATH as it is now (the
 * files quoth_writer_add_file() would read; it also reports their
 * problems, so the survey does not); a worker of a parallel build
 * surveys its share of the units, as it would index them, and the parent
 * adds the workers' counts up (quoth_names_dump(), quoth_names_load()).
 * Then quoth_writer_use_names() adds
 * the bindings W's index recorded to NAMES, settles it, and makes W name
 * every speaker given by surname alone by it; quoth_writer_finish()
 * records the bindings settled (and counts in stats.unnamed the
 * quotations earlier runs left with such a surname alone).  W does not own NAMES.  A writer given no
 * names leaves a surname the article did not complete as it is. */
quoth_status_t quoth_writer_survey(quoth_writer_t *w, const char *path,
				   quoth_names_t *names);
quoth_status_t quoth_writer_use_names(quoth_writer_t *w, quoth_names_t *names);

/* Deletes the documents of files under ROOTS[0..N) (real paths of files or
 * directories given to this run) that were not seen in this run, then
 * commits. */
quoth_status_t quoth_writer_finish(quoth_writer_t *w,
				   const char *const *roots, size_t n);

/* Parallel builds.  A fresh index (empty, or --rebuild) can be built by
 * NPARTS worker processes: worker PART opens its own index (a part
 * directory), calls quoth_writer_set_part() with a claim table the parent
 * made with quoth_claims_new() before forking, and is given every input
 * file.  The work comes in units, a text file or a block of JSON lines,
 * and each unit goes to the first worker that reaches it, so that a worker
 * slowed by long articles takes fewer.  A worker reports the problems of
 * its own units only (file-level ones in worker 0).  The parent, holding
 * the real index open, then calls quoth_writer_adopt() with the part
 * directories. */
typedef struct quoth_claims quoth_claims_t;

/* A claim table shared by the processes forked after it is made, or
 * NULL (out of memory: workers then split the units by number). */
quoth_claims_t *quoth_claims_new(void);
void quoth_claims_free(quoth_claims_t *c);

/* Makes W part PART of NPARTS of the run of writer RUN (the parent's,
 * inherited by the fork): W stamps its documents with RUN's generation,
 * so that the adopted parts are, like the rest, this run's. */
void quoth_writer_set_part(quoth_writer_t *w, unsigned part, unsigned nparts,
			   quoth_claims_t *claims, const quoth_writer_t *run);

/* Makes W shard K of N (a sharded index, schema.h): it is given every input
 * file and indexes the articles whose id hashes to K; shard 0 alone
 * reports problems with the input and counts bytes read. */
void quoth_writer_set_shard(quoth_writer_t *w, unsigned k, unsigned n);

/* Replaces the (empty) databases of W by the merge of PARTS[0..N) (part
 * index directories), compacted, and rebuilds the per-file records from
 * the merged documents.  The parts are left for the caller to remove. */
quoth_status_t quoth_writer_adopt(quoth_writer_t *w, const char *const *parts,
				  size_t n);

/* Removes the index directory DIR and everything in it (a worker's part
 * after the merge). */
void quoth_writer_remove(const char *dir);

/* True if W's index holds no articles. */
int quoth_writer_empty(quoth_writer_t *w);

/* Adds S into SUM (a parent sums its workers' stats). */
void quoth_index_stats_add(quoth_index_stats_t *sum,
			   const quoth_index_stats_t *s);

/* Adds S into W's stats. */
void quoth_writer_add_stats(quoth_writer_t *w, const quoth_index_stats_t *s);

const quoth_index_stats_t *quoth_writer_stats(const quoth_writer_t *w);
const char *quoth_writer_errmsg(const quoth_writer_t *w);

/* Commits what is pending and closes; NULL is a no-op. */
void quoth_writer_close(quoth_writer_t *w);

#ifdef __cplusplus
}
#endif

#endif
