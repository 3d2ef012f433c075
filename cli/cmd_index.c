/* cmd_index.c - quoth index [PATH...]: build or update the index. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quoth/cli.h"
#include "quoth/reader.h"
#include "quoth/schema.h"
#include "quoth/writer.h"

static const char help[] =
	"usage: quoth index [--index PATH] [--rebuild] [--jobs N] [--shards N]\n"
	"                   [PATH...]\n\n"
	"Indexes articles: *.txt and *.md files (one article each, optional\n"
	"'Key: value' header), *.jsonl[.gz|.xz] (one article per line).\n"
	"Directories are read recursively; the default PATH is corpus/.\n"
	"Unchanged files are skipped, changed ones replaced, removed ones\n"
	"deleted.  --rebuild starts over.  A new index (or --rebuild) is built\n"
	"by N processes (--jobs, default: one per core) and merged.\n"
	"--shards N splits the index into N shards (DIR/shard-K, an article's\n"
	"shard chosen by its id), each updated by its own process.\n\n"
	"exit status: 0 indexed (warnings allowed), 1 some input failed,\n"
	"2 usage error, 3 index locked, not writable or of another schema\n";

typedef struct run {
	quoth_writer_t *w;
	int progress;
	double last;
	int fatal;
	quoth_names_t *survey;	/* surveying speakers' names into this */
	int quiet;		/* missing paths are another pass's to report */
} run_t;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_diag(void *ctx, const quoth_diag_t *d)
{
	run_t *r = ctx;
	if (r && r->progress)
		fputs("\r\x1b[K", stderr);
	cli_print_diag(d);
}

static void progress(run_t *r, const char *path)
{
	if (!r->progress)
		return;
	double t = now();
	if (t - r->last < 0.25)
		return;
	r->last = t;
	if (r->survey) {
		fprintf(stderr, "\r\x1b[Kreading speakers' names: %s",
			cli_display_path(path));
		return;
	}
	const quoth_index_stats_t *s = quoth_writer_stats(r->w);
	fprintf(stderr, "\r\x1b[Kindexing: %lu articles, %.1f MB  %s",
		s->added + s->updated, (double)s->bytes / 1e6,
		cli_display_path(path));
}

/* Indexes (or surveys) one file; -1 stops the run. */
static int index_file(void *ctx, const char *path)
{
	run_t *r = ctx;
	quoth_status_t st =
		r->survey ? quoth_writer_survey(r->w, path, r->survey)
			  : quoth_writer_add_file(r->w, path, on_diag, r);
	progress(r, path);
	if (st) {
		fprintf(stderr, "quoth: index: %s\n", quoth_writer_errmsg(r->w));
		r->fatal = 1;
		return -1;
	}
	return 0;
}

/* Indexes every path with R's writer; returns 1 if a named path is
 * missing. */
static int add_paths(run_t *r, char **paths, size_t n)
{
	int missing = 0;
	for (size_t i = 0; i < n && !r->fatal; i++)
		if (cli_each_file(paths[i], r->quiet, index_file, r) > 0)
			missing = 1;
	return missing;
}

/* Surveys the speakers' names of PATHS with W and settles them by W's
 * index (writer.h), so that a surname alone names the same person in every
 * article whatever the order they come in.  NULL when it fails (message
 * printed). */
static quoth_names_t *survey(quoth_writer_t *w, int progress, char **paths,
			     size_t n)
{
	run_t r = {.w = w, .progress = progress, .survey = quoth_names_new(),
		   .quiet = 1};
	if (!r.survey) {
		fprintf(stderr, "quoth: index: out of memory\n");
		return NULL;
	}
	add_paths(&r, paths, n);
	if (!r.fatal && quoth_writer_use_names(w, r.survey)) {
		fprintf(stderr, "quoth: index: %s\n", quoth_writer_errmsg(w));
		r.fatal = 1;
	}
	if (r.fatal) {
		quoth_names_free(r.survey);
		return NULL;
	}
	return r.survey;
}

static unsigned default_jobs(void)
{
	const char *env = getenv("QUOTH_JOBS");
	long n = env && *env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

/* How workers split the input: parts of a fresh build (merged afterwards),
 * or the shards of a sharded index (kept apart, updated incrementally). */
typedef struct split {
	int shards;		/* 0: parts */
	int rebuild;
	const char *const *roots; /* shards: swept for vanished files */
	size_t nroots;
	quoth_names_t *names;	/* settled by the parent's survey */
	quoth_names_t *survey;	/* non-NULL: the workers survey the speakers'
				 * names (run_t) and their counts go here */
	const quoth_writer_t *run; /* parts: the parent's writer */
} split_t;

/* Runs one worker process per directory DIRS[0..N), each indexing its
 * share of PATHS into its own index; sums their stats into *SUM.  Returns
 * 0, 1 if a named path is missing, or -1 if a worker failed (its message
 * printed). */
static int run_workers(int progress, char **dirs, unsigned n,
		       const split_t *how, char **paths, size_t npaths,
		       quoth_index_stats_t *sum)
{
	pid_t *pids = calloc(n, sizeof *pids);
	int *fds = calloc(n, sizeof *fds);
	if (!pids || !fds) {
		free(pids);
		free(fds);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	quoth_claims_t *claims = how->shards ? NULL : quoth_claims_new();
	int rc = 0;
	unsigned started = 0;
	for (unsigned k = 0; k < n; k++, started++) {
		int pfd[2];
		if (pipe(pfd) || (pids[k] = fork()) < 0) {
			perror("quoth: index");
			rc = -1;
			break;
		}
		if (pids[k] == 0) {
			/* The worker dies with the parent (a killed run). */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(EXIT_INDEX);
			close(pfd[0]);
			/* worker 0 alone reports missing paths */
			run_t wr = {.progress = progress && k == 0,
				    .quiet = k != 0 || how->survey};
			char *err = NULL;
			if (quoth_writer_open(dirs[k], how->rebuild, &wr.w, &err)) {
				fprintf(stderr, "quoth: %s: %s\n", dirs[k], err);
				_exit(EXIT_INDEX);
			}
			if (how->shards)
				quoth_writer_set_shard(wr.w, k, n);
			else
				quoth_writer_set_part(wr.w, k, n, claims, how->run);
			if (how->survey) {
				wr.survey = quoth_names_new();
				if (!wr.survey)
					_exit(EXIT_INDEX);
			} else if (quoth_writer_use_names(wr.w, how->names)) {
				fprintf(stderr, "quoth: index: %s\n",
					quoth_writer_errmsg(wr.w));
				_exit(EXIT_INDEX);
			}
			int missing = add_paths(&wr, paths, npaths);
			if (!wr.fatal && how->shards &&
			    quoth_writer_finish(wr.w, how->roots, how->nroots)) {
				fprintf(stderr, "quoth: index: %s\n",
					quoth_writer_errmsg(wr.w));
				wr.fatal = 1;
			}
			quoth_index_stats_t st = *quoth_writer_stats(wr.w);
			quoth_writer_close(wr.w);
			if (write(pfd[1], &st, sizeof st) != sizeof st)
				_exit(EXIT_INDEX);
			if (wr.survey) {
				FILE *f = fdopen(pfd[1], "w");
				if (!f || quoth_names_dump(wr.survey, f) ||
				    fclose(f))
					_exit(EXIT_INDEX);
			}
			_exit(wr.fatal ? EXIT_INDEX : missing);
		}
		close(pfd[1]);
		fds[k] = pfd[0];
	}
	memset(sum, 0, sizeof *sum);
	for (unsigned k = 0; k < started; k++) {
		quoth_index_stats_t st;
		ssize_t got = read(fds[k], &st, sizeof st);
		if (got == sizeof st && how->survey) {
			FILE *f = fdopen(fds[k], "r");
			if (!f || quoth_names_load(how->survey, f))
				got = 0;
			if (f)
				fclose(f);
			else
				close(fds[k]);
		} else {
			close(fds[k]);
		}
		int status = 0;
		waitpid(pids[k], &status, 0);
		if (got != sizeof st || !WIFEXITED(status) ||
		    WEXITSTATUS(status) == EXIT_INDEX) {
			rc = -1;
			continue;
		}
		if (WEXITSTATUS(status) == 1 && rc == 0)
			rc = 1;
		quoth_index_stats_add(sum, &st);
	}
	quoth_claims_free(claims);
	free(pids);
	free(fds);
	return rc;
}

/* A fresh index built by JOBS workers, each writing a part (DIR/.part-K),
 * merged into R's writer.  Returns as run_workers(). */
static int build_parallel(run_t *r, const char *dir, char **paths, size_t n,
			  unsigned jobs, quoth_names_t *names)
{
	char **parts = calloc(jobs, sizeof *parts);
	if (!parts)
		return -1;
	for (unsigned k = 0; k < jobs; k++) {
		parts[k] = malloc(strlen(dir) + 32);
		if (!parts[k])
			return -1;
		sprintf(parts[k], "%s/.part-%u", dir, k);
		/* a killed run's part would be merged with ours */
		quoth_writer_remove(parts[k]);
	}
	/* The workers survey the speakers' names first, each its share, and
	 * index once the names are settled (writer.h). */
	split_t how = {.shards = 0, .rebuild = 1, .survey = names, .run = r->w};
	quoth_index_stats_t sum;
	int rc = run_workers(r->progress, parts, jobs, &how, paths, n, &sum);
	if (rc >= 0 && quoth_writer_use_names(r->w, names)) {
		fprintf(stderr, "quoth: index: %s\n", quoth_writer_errmsg(r->w));
		rc = -1;
	}
	if (rc >= 0) {
		how.survey = NULL;
		how.names = names;
		rc = run_workers(r->progress, parts, jobs, &how, paths, n, &sum);
	}
	if (rc >= 0) {
		quoth_writer_add_stats(r->w, &sum);
		if (quoth_writer_adopt(r->w, (const char *const *)parts, jobs)) {
			fprintf(stderr, "quoth: index: %s\n",
				quoth_writer_errmsg(r->w));
			rc = -1;
		}
	}
	for (unsigned k = 0; k < jobs; k++) {
		quoth_writer_remove(parts[k]);
		free(parts[k]);
	}
	free(parts);
	return rc;
}

static void print_summary(const quoth_index_stats_t *s, double secs)
{
	if (s->unnamed)
		fprintf(stderr, "quoth: index: %lu quotation%s of earlier runs "
				"name%s by surname alone a speaker this run "
				"found the full name of; --rebuild names %s "
				"in full\n",
			s->unnamed, s->unnamed == 1 ? "" : "s",
			s->unnamed == 1 ? "s" : "", s->unnamed == 1 ? "it" : "them");
	double mb = (double)s->bytes / 1e6;
	printf("added %lu, updated %lu, removed %lu, skipped %lu, failed %lu, "
	       "%.2f MB in %.2f s (%.2f MB/s), %lu quotations\n",
	       s->added, s->updated, s->removed, s->skipped, s->failed, mb,
	       secs, secs > 0 ? mb / secs : 0.0, s->quotes);
}

/* A sharded index: one worker per shard, each updating its shard
 * incrementally (schema.h: an article's shard is its id's hash). */
static int index_sharded(const char *dir, unsigned nshards, int rebuild,
			 int progress, char **paths, size_t npaths)
{
	unsigned had = quoth_shards_read(dir);
	char probe[4200];
	snprintf(probe, sizeof probe, "%s/" QUOTH_ARTICLES_DB, dir);
	struct stat sb;
	if (!rebuild && ((had && had != nshards) || stat(probe, &sb) == 0)) {
		fprintf(stderr, "quoth: %s holds %s; --rebuild to make it %u "
				"shards\n", dir, had ? "another number of shards"
						    : "an index of one shard",
			nshards);
		return EXIT_USAGE;
	}
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "quoth: %s: %s\n", dir, strerror(errno));
		return EXIT_INDEX;
	}
	for (unsigned k = nshards; rebuild && k < had; k++) {
		char old[4200];
		quoth_shard_path(dir, k, old, sizeof old);
		quoth_writer_remove(old);
	}
	if (quoth_shards_write(dir, nshards)) {
		fprintf(stderr, "quoth: %s: cannot record the shards: %s\n",
			dir, strerror(errno));
		return EXIT_INDEX;
	}
	char **dirs = calloc(nshards, sizeof *dirs);
	char **roots = calloc(npaths, sizeof *roots);
	size_t nroots = 0;
	int rc = dirs && roots ? 0 : -1;
	for (unsigned k = 0; !rc && k < nshards; k++) {
		dirs[k] = malloc(4200);
		if (dirs[k])
			quoth_shard_path(dir, k, dirs[k], 4200);
		else
			rc = -1;
	}
	for (size_t i = 0; !rc && i < npaths; i++)
		if ((roots[nroots] = realpath(paths[i], NULL)))
			nroots++;
	double t0 = now();
	quoth_index_stats_t sum = {0};
	/* Shard 0 records every file (writer.h): its records say what the
	 * survey must read, and its bindings stand for every shard's. */
	quoth_names_t *names = NULL;
	if (!rc) {
		quoth_writer_t *w = NULL;
		char *err = NULL;
		if (quoth_writer_open(dirs[0], rebuild, &w, &err)) {
			fprintf(stderr, "quoth: %s: %s\n", dirs[0],
				err ? err : "cannot open");
			free(err);
		} else {
			names = survey(w, progress, paths, npaths);
		}
		quoth_writer_close(w);
		rc = names ? 0 : -1;
	}
	if (!rc) {
		split_t how = {.shards = 1, .rebuild = rebuild,
			       .roots = (const char *const *)roots,
			       .nroots = nroots, .names = names};
		rc = run_workers(progress, dirs, nshards, &how, paths, npaths, &sum);
	}
	quoth_names_free(names);
	if (progress)
		fprintf(stderr, "\r\x1b[K");
	print_summary(&sum, now() - t0);
	for (unsigned k = 0; dirs && k < nshards; k++)
		free(dirs[k]);
	for (size_t i = 0; i < nroots; i++)
		free(roots[i]);
	free(dirs);
	free(roots);
	return rc < 0 ? EXIT_INDEX : rc || sum.failed ? 1 : 0;
}

int cmd_index(int argc, char **argv)
{
	cli_opts_t o;
	int begun = cli_begin("index", help, argc, argv, &o);
	if (begun >= 0)
		return begun;
	if (cli_index_paths(&o, 1) || o.nindex != 1) {
		if (o.nindex > 1)
			fprintf(stderr, "quoth: index writes one index; "
					"give one --index\n");
		cli_opts_free(&o);
		return EXIT_USAGE;
	}
	static char *def[] = {"corpus"};
	char **paths = o.nargs ? o.args : def;
	size_t npaths = o.nargs ? o.nargs : 1;

	unsigned nshards = o.shards ? o.shards : quoth_shards_read(o.index[0]);
	if (nshards > 1) {
		int rc = index_sharded(o.index[0], nshards, o.rebuild,
				       isatty(STDERR_FILENO), paths, npaths);
		cli_opts_free(&o);
		return rc;
	}

	run_t r = {.progress = isatty(STDERR_FILENO)};
	char *err = NULL;
	double t0 = now();
	quoth_status_t st = quoth_writer_open(o.index[0], o.rebuild, &r.w, &err);
	if (st) {
		fprintf(stderr, "quoth: %s: %s\n", o.index[0],
			err ? err : quoth_status_to_string(st));
		free(err);
		cli_opts_free(&o);
		return EXIT_INDEX;
	}
	int missing = 0;
	unsigned jobs = o.jobs ? o.jobs : default_jobs();
	int parallel = jobs > 1 && quoth_writer_empty(r.w);
	quoth_names_t *names = parallel ? quoth_names_new()
				 : survey(r.w, r.progress, paths, npaths);
	if (!names) {
		if (parallel)
			fprintf(stderr, "quoth: index: out of memory\n");
		quoth_writer_close(r.w);
		cli_opts_free(&o);
		return EXIT_INDEX;
	}
	if (parallel) {
		/* A fresh index: nothing in it to sweep afterwards. */
		int rc = build_parallel(&r, o.index[0], paths, npaths, jobs,
					names);
		if (rc < 0)
			r.fatal = 1;
		missing = rc > 0;
	} else {
		missing = add_paths(&r, paths, npaths);
	}
	char **roots = calloc(npaths, sizeof *roots);
	size_t nroots = 0;
	for (size_t i = 0; i < npaths && !parallel; i++) {
		char *real = realpath(paths[i], NULL);
		if (real && roots)
			roots[nroots++] = real;
		else
			free(real);
	}
	if (!r.fatal && quoth_writer_finish(r.w, (const char *const *)roots,
					    nroots)) {
		fprintf(stderr, "quoth: index: %s\n", quoth_writer_errmsg(r.w));
		r.fatal = 1;
	}
	for (size_t i = 0; i < nroots; i++)
		free(roots[i]);
	free(roots);
	if (r.progress)
		fprintf(stderr, "\r\x1b[K");
	const quoth_index_stats_t *s = quoth_writer_stats(r.w);
	print_summary(s, now() - t0);
	int failed = s->failed > 0 || missing;
	quoth_writer_close(r.w);
	quoth_names_free(names);
	cli_opts_free(&o);
	return r.fatal ? EXIT_INDEX : failed ? 1 : 0;
}
