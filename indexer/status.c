/* status.c - descriptions of quoth_status_t. */
#include "quoth/status.h"

const char *quoth_status_to_string(quoth_status_t status)
{
	switch (status) {
	case QUOTH_OK: return "ok";
	case QUOTH_ERR_NOMEM: return "out of memory";
	case QUOTH_ERR_IO: return "input/output error";
	case QUOTH_ERR_INVALID: return "invalid input";
	case QUOTH_ERR_LOCKED: return "index is locked by another writer";
	case QUOTH_ERR_NOT_FOUND: return "not found";
	case QUOTH_ERR_CORRUPT: return "index is corrupt";
	case QUOTH_ERR_MODIFIED: return "index was modified while reading";
	case QUOTH_ERR_NETWORK: return "remote shard failed";
	case QUOTH_ERR_QUERY: return "malformed query";
	case QUOTH_ERR_INTERNAL: return "internal error";
	}
	return "unknown status";
}
