/* cmd_serve.c - quoth serve-shard: serve an index over Xapian's remote
 * protocol, for searches over remote shards. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quoth/cli.h"
#include "quoth/schema.h"

static const char help[] =
	"usage: quoth serve-shard [--index DIR] --port PORT [--host ADDRESS]\n\n"
	"Serves the index DIR (one shard) to remote searches with Xapian's\n"
	"xapian-tcpsrv: its articles on PORT, its quotations on PORT+1.  A\n"
	"shard list file names it with a line 'remote HOST:PORT'.  Runs until\n"
	"interrupted; if one server stops, the other is stopped too.\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Starts xapian-tcpsrv for the database DIR/NAME on PORT. */
static pid_t serve(const char *dir, const char *name, const char *host,
		   unsigned port)
{
	char db[4200], portstr[16];
	snprintf(db, sizeof db, "%s/%s", dir, name);
	snprintf(portstr, sizeof portstr, "%u", port);
	pid_t pid = fork();
	if (pid == 0) {
		/* xapian-tcpsrv answers SIGTERM by signalling its whole
		 * process group (its connection handlers): give it a group of
		 * its own, or it takes down whoever started us. */
		setpgid(0, 0);
		if (host)
			execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--port",
			       portstr, "--interface", host, db, (char *)NULL);
		else
			execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--port",
			       portstr, db, (char *)NULL);
		fprintf(stderr, "quoth: cannot run xapian-tcpsrv: %s "
				"(Debian package xapian-tools)\n", strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid); /* also here: no race with kill(-pid) */
	return pid;
}

int cmd_serve_shard(int argc, char **argv)
{
	cli_opts_t o;
	int begun = cli_begin("serve-shard", help, argc, argv, &o);
	if (begun >= 0)
		return begun;
	if (!o.port)
		return cli_usage(help, &o);
	int rc = cli_index_paths(&o, 0) ? EXIT_INDEX : 0;
	const char *dir = rc ? NULL : o.index[0];
	char probe[4200];
	struct stat sb;
	if (dir && quoth_shards_read(dir)) {
		fprintf(stderr, "quoth: %s is sharded: serve each of its "
				"shard-K folders on its own port\n", dir);
		rc = EXIT_USAGE;
	} else if (dir) {
		snprintf(probe, sizeof probe, "%s/" QUOTH_ARTICLES_DB, dir);
		if (stat(probe, &sb)) {
			fprintf(stderr, "quoth: %s: no index there\n", dir);
			rc = EXIT_INDEX;
		}
	}
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	pid_t pids[2] = {serve(dir, QUOTH_ARTICLES_DB, o.host, o.port),
			 serve(dir, QUOTH_QUOTES_DB, o.host, o.port + 1)};
	fprintf(stderr, "quoth: serving %s on port %u (articles) and %u "
			"(quotations)\n", dir, o.port, o.port + 1);
	int status = 0;
	pid_t done = -1;
	while (!stop && done < 0) {
		done = wait(&status);
		if (done < 0 && errno != EINTR)
			break;
	}
	for (int i = 0; i < 2; i++)
		if (pids[i] > 0)
			kill(-pids[i], SIGTERM); /* the server and its handlers */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	cli_opts_free(&o);
	if (stop)
		return 0;
	fprintf(stderr, "quoth: a server stopped (status %d)\n",
		WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return EXIT_INDEX;
}
