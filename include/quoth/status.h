/*
 * status.h - status codes shared by every quoth module.
 *
 * Every fallible call returns a quoth_status_t; QUOTH_OK is 0 so that
 * `if (st)` reads as "if it failed".  Handles keep a human-readable message
 * for the last failure (quoth_<handle>_errmsg()); the status says what kind
 * of failure it was, so that callers can map it to an exit code.
 */
#ifndef QUOTH_STATUS_H
#define QUOTH_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum quoth_status {
	QUOTH_OK = 0,
	QUOTH_ERR_NOMEM,	/* out of memory */
	QUOTH_ERR_IO,		/* a read or write failed; errno-derived message */
	QUOTH_ERR_INVALID,	/* bad argument or malformed input */
	QUOTH_ERR_LOCKED,	/* another process holds the index's write lock */
	QUOTH_ERR_NOT_FOUND,	/* index, document or file does not exist */
	QUOTH_ERR_CORRUPT,	/* the index is damaged or of an unknown format */
	QUOTH_ERR_MODIFIED,	/* the index changed under a reader; reopen and retry */
	QUOTH_ERR_NETWORK,	/* a remote shard failed or timed out */
	QUOTH_ERR_QUERY,	/* malformed query */
	QUOTH_ERR_INTERNAL	/* any other failure inside a library */
} quoth_status_t;

/* A short static description of STATUS ("out of memory", ...). */
const char *quoth_status_to_string(quoth_status_t status);

#ifdef __cplusplus
}
#endif

#endif
