/*
 * xapian.cc - the binding: a plain C API over Xapian (see xapian.h).
 *
 * Every exported function is wrapped by GUARD(), which turns each
 * exception into a status and a message, so no exception crosses into C.
 */
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "quoth/xapian.h"

struct quoth_xdb {
	Xapian::Database *db;	 /* the reader, or the writer as a reader */
	bool remote = false;	 /* some shard is remote */
	Xapian::WritableDatabase *wdb; /* NULL when read-only */
	std::string errmsg;
};

struct quoth_xdoc {
	Xapian::Document doc;
	std::string errmsg;
};

struct quoth_xquery {
	Xapian::Query q;
};

struct quoth_xmset {
	Xapian::MSet mset;
	Xapian::doccount total = 0;
	bool exact = false;
	/* Result i is mset[page[i]]. */
	std::vector<Xapian::doccount> page;
	std::vector<std::vector<std::pair<std::string, unsigned>>> facets;
	std::map<size_t, std::string> data;
	std::map<std::pair<size_t, unsigned>, std::string> values;
	std::string errmsg;
};

static char *dup_string(const std::string &s)
{
	char *p = static_cast<char *>(std::malloc(s.size() + 1));
	if (p) {
		std::memcpy(p, s.data(), s.size());
		p[s.size()] = '\0';
	}
	return p;
}

/* Maps the exception being handled to a status; sets MSG. */
static quoth_status_t status_of_current(std::string &msg)
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		msg = "index is locked by another writer (" + e.get_msg() + ")";
		return QUOTH_ERR_LOCKED;
	} catch (const Xapian::DatabaseModifiedError &e) {
		msg = e.get_description();
		return QUOTH_ERR_MODIFIED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		msg = "no index here (" + e.get_msg() + ")";
		return QUOTH_ERR_NOT_FOUND;
	} catch (const Xapian::DatabaseCorruptError &e) {
		msg = "index is corrupt: " + e.get_msg();
		return QUOTH_ERR_CORRUPT;
	} catch (const Xapian::DatabaseVersionError &e) {
		msg = "index has an unknown format: " + e.get_msg();
		return QUOTH_ERR_CORRUPT;
	} catch (const Xapian::DatabaseOpeningError &e) {
		msg = "cannot open index: " + e.get_msg();
		return QUOTH_ERR_NOT_FOUND;
	} catch (const Xapian::NetworkError &e) {
		msg = e.get_description();
		return QUOTH_ERR_NETWORK;
	} catch (const Xapian::Error &e) {
		msg = e.get_description();
		return QUOTH_ERR_INTERNAL;
	} catch (const std::bad_alloc &) {
		msg = "out of memory";
		return QUOTH_ERR_NOMEM;
	} catch (const std::exception &e) {
		msg = e.what();
		return QUOTH_ERR_INTERNAL;
	} catch (...) {
		msg = "unknown exception";
		return QUOTH_ERR_INTERNAL;
	}
}

/* Runs BODY; any exception becomes a status with its message in MSG. */
#define GUARD(MSG, BODY)                                                  \
	try {                                                             \
		BODY;                                                     \
		return QUOTH_OK;                                          \
	} catch (...) {                                                   \
		return status_of_current(MSG);                            \
	}

/* Why the last query constructor that failed in this thread failed. */
static thread_local quoth_status_t query_status;
static thread_local std::string query_error;

/* Query constructors return NULL instead of throwing, the reason kept for
 * quoth_xq_take_error(). */
#define QGUARD(BODY)                                                      \
	try {                                                             \
		BODY;                                                     \
	} catch (...) {                                                   \
		query_status = status_of_current(query_error);            \
		return nullptr;                                           \
	}

extern "C" {

quoth_status_t quoth_xdb_open_writable(const char *path, int create,
				       quoth_xdb_t **out, char **err)
{
	*out = nullptr;
	if (err)
		*err = nullptr;
	std::string msg;
	quoth_xdb_t *h = nullptr;
	try {
		h = new quoth_xdb_t();
		int flags = create == 2   ? Xapian::DB_CREATE_OR_OVERWRITE
			    : create == 1 ? Xapian::DB_CREATE_OR_OPEN
					  : Xapian::DB_OPEN;
		h->wdb = new Xapian::WritableDatabase(path, flags);
		h->db = h->wdb;
		*out = h;
		return QUOTH_OK;
	} catch (...) {
		quoth_status_t st = status_of_current(msg);
		delete h;
		if (err)
			*err = dup_string(msg);
		return st;
	}
}

quoth_status_t quoth_xdb_open_readonly(const char *const *paths, size_t n,
				       unsigned timeout_ms, quoth_xdb_t **out,
				       char **err)
{
	(void)timeout_ms;
	*out = nullptr;
	if (err)
		*err = nullptr;
	std::string msg;
	quoth_xdb_t *h = nullptr;
	try {
		h = new quoth_xdb_t();
		h->db = new Xapian::Database();
		for (size_t i = 0; i < n; i++) {
			try {
				h->db->add_database(Xapian::Database(paths[i]));
			} catch (const Xapian::Error &e) {
				/* Name the shard that failed. */
				std::string what = std::string(paths[i]) + ": ";
				try {
					throw;
				} catch (...) {
					std::string inner;
					quoth_status_t st =
						status_of_current(inner);
					msg = what + inner;
					delete h->db;
					delete h;
					if (err)
						*err = dup_string(msg);
					return st;
				}
			}
		}
		*out = h;
		return QUOTH_OK;
	} catch (...) {
		quoth_status_t st = status_of_current(msg);
		if (h) {
			delete h->db;
			delete h;
		}
		if (err)
			*err = dup_string(msg);
		return st;
	}
}

static std::string shard_name(const quoth_xshard_t &s)
{
	if (s.path)
		return s.path;
	return std::string(s.host) + ":" + std::to_string(s.port);
}

quoth_status_t quoth_xdb_open_shards(const quoth_xshard_t *shards, size_t n,
				     unsigned timeout_ms, quoth_xdb_t **out,
				     char **err)
{
	*out = nullptr;
	if (err)
		*err = nullptr;
	quoth_xdb_t *h = nullptr;
	std::string msg;
	size_t i = 0;
	try {
		h = new quoth_xdb_t();
		h->db = new Xapian::Database();
		for (i = 0; i < n; i++) {
			if (shards[i].path)
				h->db->add_database(Xapian::Database(shards[i].path));
			else {
				h->db->add_database(Xapian::Remote::open(
					shards[i].host, shards[i].port, timeout_ms,
					timeout_ms));
				h->remote = true;
			}
		}
		*out = h;
		return QUOTH_OK;
	} catch (...) {
		quoth_status_t st = status_of_current(msg);
		if (i < n)
			msg = "shard " + shard_name(shards[i]) + ": " + msg;
		if (h) {
			delete h->db;
			delete h;
		}
		if (err)
			*err = dup_string(msg);
		return st;
	}
}

void quoth_xdb_close(quoth_xdb_t *db)
{
	if (!db)
		return;
	try {
		if (db->wdb)
			db->wdb->commit();
		db->db->close();
	} catch (...) {
	}
	delete db->db;
	delete db;
}

const char *quoth_xdb_errmsg(const quoth_xdb_t *db)
{
	return db ? db->errmsg.c_str() : "no database";
}

quoth_status_t quoth_xdb_reopen(quoth_xdb_t *db)
{
	GUARD(db->errmsg, db->db->reopen());
}

quoth_status_t quoth_xdb_commit(quoth_xdb_t *db)
{
	GUARD(db->errmsg, db->wdb->commit());
}

quoth_status_t quoth_xdb_doccount(quoth_xdb_t *db, unsigned *out)
{
	*out = 0;
	GUARD(db->errmsg, *out = db->db->get_doccount());
}

quoth_status_t quoth_xdb_value_bound(quoth_xdb_t *db, unsigned slot, int upper,
				     char *out, size_t size)
{
	out[0] = '\0';
	GUARD(db->errmsg, {
		std::string v = upper ? db->db->get_value_upper_bound(slot)
				      : db->db->get_value_lower_bound(slot);
		snprintf(out, size, "%s", v.c_str());
	});
}

quoth_status_t quoth_xdb_replace(quoth_xdb_t *db, const char *idterm,
				 const quoth_xdoc_t *doc)
{
	GUARD(db->errmsg, db->wdb->replace_document(idterm, doc->doc));
}

quoth_status_t quoth_xdb_add(quoth_xdb_t *db, const quoth_xdoc_t *doc)
{
	GUARD(db->errmsg, db->wdb->add_document(doc->doc));
}

quoth_status_t quoth_xdb_delete(quoth_xdb_t *db, const char *term)
{
	GUARD(db->errmsg, db->wdb->delete_document(term));
}

quoth_status_t quoth_xdb_delete_stale(quoth_xdb_t *db, const char *term,
				      unsigned slot, const char *keep,
				      unsigned *deleted)
{
	if (deleted)
		*deleted = 0;
	GUARD(db->errmsg, {
		std::vector<Xapian::docid> stale;
		for (Xapian::PostingIterator p = db->db->postlist_begin(term);
		     p != db->db->postlist_end(term); ++p)
			if (db->db->get_document(*p).get_value(slot) != keep)
				stale.push_back(*p);
		for (Xapian::docid id : stale)
			db->wdb->delete_document(id);
		if (deleted)
			*deleted = static_cast<unsigned>(stale.size());
	});
}

quoth_status_t quoth_xdb_values(quoth_xdb_t *db, const char *term,
				const unsigned *slots, size_t n,
				int (*fn)(void *ctx, const char *const *v),
				void *ctx)
{
	GUARD(db->errmsg, {
		std::vector<std::string> v(n);
		std::vector<const char *> p(n);
		for (Xapian::PostingIterator d = db->db->postlist_begin(term);
		     d != db->db->postlist_end(term); ++d) {
			Xapian::Document doc = db->db->get_document(*d);
			for (size_t i = 0; i < n; i++) {
				v[i] = doc.get_value(slots[i]);
				p[i] = v[i].c_str();
			}
			if (fn(ctx, p.data()))
				break;
		}
	});
}

quoth_status_t quoth_xdb_termfreq(quoth_xdb_t *db, const char *term,
				  unsigned *out)
{
	*out = 0;
	GUARD(db->errmsg, *out = db->db->get_termfreq(term));
}

quoth_status_t quoth_xdb_get_data(quoth_xdb_t *db, const char *term,
				  char **data, size_t *len)
{
	*data = nullptr;
	if (len)
		*len = 0;
	try {
		Xapian::PostingIterator p = db->db->postlist_begin(term);
		if (p == db->db->postlist_end(term)) {
			db->errmsg = std::string("no document ") + term;
			return QUOTH_ERR_NOT_FOUND;
		}
		std::string d = db->db->get_document(*p).get_data();
		*data = dup_string(d);
		if (!*data)
			return QUOTH_ERR_NOMEM;
		if (len)
			*len = d.size();
		return QUOTH_OK;
	} catch (...) {
		return status_of_current(db->errmsg);
	}
}

quoth_status_t quoth_xdb_get_metadata(quoth_xdb_t *db, const char *key,
				      char **val)
{
	*val = nullptr;
	GUARD(db->errmsg, {
		std::string v = db->db->get_metadata(key);
		if (!v.empty()) {
			*val = dup_string(v);
			if (!*val)
				return QUOTH_ERR_NOMEM;
		}
	});
}

quoth_status_t quoth_xdb_set_metadata(quoth_xdb_t *db, const char *key,
				      const char *val)
{
	GUARD(db->errmsg, db->wdb->set_metadata(key, val ? val : ""));
}

quoth_status_t quoth_xdb_metadata_keys(quoth_xdb_t *db, const char *prefix,
				       int (*fn)(void *, const char *),
				       void *ctx)
{
	GUARD(db->errmsg, {
		for (Xapian::TermIterator t = db->db->metadata_keys_begin(prefix);
		     t != db->db->metadata_keys_end(prefix); ++t) {
			if (fn(ctx, (*t).c_str()))
				break;
		}
	});
}

quoth_status_t quoth_xdb_terms(quoth_xdb_t *db, const char *prefix,
			       int (*fn)(void *, const char *, unsigned),
			       void *ctx)
{
	GUARD(db->errmsg, {
		for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
		     t != db->db->allterms_end(prefix); ++t) {
			if (fn(ctx, (*t).c_str(), t.get_termfreq()))
				break;
		}
	});
}

quoth_status_t quoth_xdb_add_spelling(quoth_xdb_t *db, const char *word,
				      size_t len, unsigned freq)
{
	GUARD(db->errmsg, db->wdb->add_spelling(std::string(word, len), freq));
}

quoth_status_t quoth_xdb_suggest(quoth_xdb_t *db, const char *word,
				 char **out)
{
	*out = nullptr;
	GUARD(db->errmsg, {
		std::string s = db->db->get_spelling_suggestion(word);
		if (!s.empty()) {
			*out = dup_string(s);
			if (!*out)
				return QUOTH_ERR_NOMEM;
		}
	});
}

quoth_status_t quoth_xdb_compact(const char *const *srcs, size_t n,
				 const char *dest, char **err)
{
	if (err)
		*err = nullptr;
	std::string msg;
	try {
		Xapian::Database all;
		for (size_t i = 0; i < n; i++)
			all.add_database(Xapian::Database(srcs[i]));
		all.compact(dest, Xapian::DBCOMPACT_MULTIPASS);
		return QUOTH_OK;
	} catch (...) {
		quoth_status_t st = status_of_current(msg);
		if (err)
			*err = dup_string(msg);
		return st;
	}
}

/* ---- documents ---- */

quoth_xdoc_t *quoth_xdoc_new(void)
{
	return new (std::nothrow) quoth_xdoc_t();
}

void quoth_xdoc_destroy(quoth_xdoc_t *doc)
{
	delete doc;
}

quoth_status_t quoth_xdoc_add_posting(quoth_xdoc_t *doc, const char *term,
				      size_t len, unsigned pos, unsigned wdf)
{
	GUARD(doc->errmsg, doc->doc.add_posting(std::string(term, len), pos, wdf));
}

quoth_status_t quoth_xdoc_add_term(quoth_xdoc_t *doc, const char *term,
				   size_t len, unsigned wdf)
{
	GUARD(doc->errmsg, doc->doc.add_term(std::string(term, len), wdf));
}

quoth_status_t quoth_xdoc_add_boolean(quoth_xdoc_t *doc, const char *term,
				      size_t len)
{
	GUARD(doc->errmsg, doc->doc.add_boolean_term(std::string(term, len)));
}

quoth_status_t quoth_xdoc_set_value(quoth_xdoc_t *doc, unsigned slot,
				    const char *v, size_t len)
{
	GUARD(doc->errmsg, doc->doc.add_value(slot, std::string(v, len)));
}

quoth_status_t quoth_xdoc_set_data(quoth_xdoc_t *doc, const char *data,
				   size_t len)
{
	GUARD(doc->errmsg, doc->doc.set_data(std::string(data, len)));
}

/* ---- queries ---- */

static quoth_xquery_t *wrap(const Xapian::Query &q)
{
	return new quoth_xquery_t{q};
}

quoth_xquery_t *quoth_xq_term(const char *term, size_t len)
{
	if (!term)
		return nullptr;
	QGUARD(return wrap(Xapian::Query(std::string(term, len))));
}

/* Q as an alternative of an OR.  Xapian 1.4.22's OrPostList::check()
 * adds to the document it lands on the weight of an alternative that
 * could not say whether it matched the document before (a phrase or NEAR
 * whose words are there but not in place): under an AND or a FILTER, an
 * OR of phrases weighed some documents by phrases they do not hold, and
 * which documents depended on the order of the docids.  An AND always
 * says, so a phrase or NEAR alternative is filtered by its own first word
 * (a condition it holds anyway).  Cranfield, 225 queries: every pair of
 * adjacent words OR-ed and filtered, 13 wrong; AND-ed with one word of the
 * query, 6 weights wrong in 27646; wrapped so, none.  The price: such an
 * OR's estimated total falls further below the true count (Xapian's
 * phrase estimates are low already: '"interest rates" OR "central bank"'
 * at 106k articles, 17480 matches, estimated 2000 before, 400 now). */
static Xapian::Query alternative(const Xapian::Query &q)
{
	Xapian::Query::op t = q.get_type();
	if (t != Xapian::Query::OP_PHRASE && t != Xapian::Query::OP_NEAR)
		return q;
	return Xapian::Query(Xapian::Query::OP_FILTER, q, q.get_subquery(0));
}

quoth_xquery_t *quoth_xq_op(quoth_xop_t op, quoth_xquery_t *const *kids,
			    size_t n, unsigned param)
{
	QGUARD({
		std::vector<Xapian::Query> v;
		for (size_t i = 0; i < n; i++) {
			if (!kids[i])
				return nullptr;
			v.push_back(op == QUOTH_XOP_OR ? alternative(kids[i]->q)
						       : kids[i]->q);
		}
		Xapian::Query::op xop = Xapian::Query::OP_AND;
		switch (op) {
		case QUOTH_XOP_AND: xop = Xapian::Query::OP_AND; break;
		case QUOTH_XOP_OR: xop = Xapian::Query::OP_OR; break;
		case QUOTH_XOP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
		case QUOTH_XOP_FILTER: xop = Xapian::Query::OP_FILTER; break;
		case QUOTH_XOP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
		case QUOTH_XOP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
		case QUOTH_XOP_NEAR: xop = Xapian::Query::OP_NEAR; break;
		}
		if ((op == QUOTH_XOP_AND_NOT || op == QUOTH_XOP_FILTER) &&
		    v.size() > 2) {
			/* first OP (OR of the rest) */
			Xapian::Query rest(Xapian::Query::OP_OR, v.begin() + 1,
					   v.end());
			return wrap(Xapian::Query(xop, v[0], rest));
		}
		return wrap(Xapian::Query(xop, v.begin(), v.end(), param));
	});
}

quoth_xquery_t *quoth_xq_wildcard(const char *prefix, size_t len)
{
	if (!prefix)
		return nullptr;
	QGUARD(return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD,
					 std::string(prefix, len))));
}

quoth_xquery_t *quoth_xq_range(unsigned slot, const char *lo, const char *hi)
{
	QGUARD({
		if (lo && hi)
			return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
						  slot, lo, hi));
		if (lo)
			return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE,
						  slot, lo));
		if (hi)
			return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE,
						  slot, hi));
		return wrap(Xapian::Query::MatchAll);
	});
}

quoth_xquery_t *quoth_xq_all(void)
{
	QGUARD(return wrap(Xapian::Query::MatchAll));
}

quoth_xquery_t *quoth_xq_none(void)
{
	QGUARD(return wrap(Xapian::Query::MatchNothing));
}

quoth_xquery_t *quoth_xq_scale(const quoth_xquery_t *q, double f)
{
	if (!q)
		return nullptr;
	QGUARD(return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q,
					 f)));
}

int quoth_xq_empty(const quoth_xquery_t *q)
{
	return !q || q->q.empty();
}

void quoth_xq_destroy(quoth_xquery_t *q)
{
	delete q;
}

quoth_status_t quoth_xq_take_error(char **msg)
{
	quoth_status_t st = query_status;
	*msg = st ? dup_string(query_error) : nullptr;
	query_status = QUOTH_OK;
	query_error.clear();
	return st;
}

/* ---- searching ---- */

/* The first N items of MS (which holds one more when there are more) in
 * the search's order: each run of equal weights by the value in SLOT, as a
 * relevance-then-value sort would.  A run that crosses item N, whose end
 * is unknown, is left out. */
static void order_ties(const Xapian::MSet &ms, Xapian::doccount n,
		       Xapian::valueno slot,
		       std::vector<Xapian::doccount> &order)
{
	n = std::min(n, ms.size());
	std::vector<std::pair<double, std::string>> key(n);
	for (Xapian::doccount i = 0; i < n; i++)
		key[i].first = ms[i].get_weight();
	if (n < ms.size())
		while (n && key[n - 1].first == ms[n].get_weight())
			n--;
	order.resize(n);
	bool tie = false;
	for (Xapian::doccount i = 0; i < n; i++) {
		order[i] = i;
		if ((i > 0 && key[i].first == key[i - 1].first) ||
		    (i + 1 < n && key[i].first == key[i + 1].first)) {
			key[i].second = ms[i].get_document().get_value(slot);
			tie = true;
		}
	}
	if (tie)
		std::stable_sort(order.begin(), order.end(),
				 [&key](Xapian::doccount a, Xapian::doccount b) {
					 if (key[a].first != key[b].first)
						 return key[a].first > key[b].first;
					 return key[a].second < key[b].second;
				 });
}

/* Fills M's total, mset and page with results [offset, offset + limit).  The
 * order is the sort's, with the stable id in the tie-break slot settling
 * equal weights (the docid would make it depend on the layout).  With a
 * collapse slot, only the first of the results that share a non-empty
 * value there is kept: copies are dropped here, from the top results
 * alone, rather than by Xapian's collapse, which reads the value of every
 * candidate. */
static void take_page(quoth_xmset_t *m, Xapian::Enquire &enq,
		      const quoth_xsearch_t *o, Xapian::doccount check)
{
	bool relevance = o->sort == QUOTH_XSORT_RELEVANCE;
	Xapian::doccount want = o->offset + o->limit;
	Xapian::doccount n = o->collapse_slot >= 0 ? want + want / 2 + 5 : want;
	std::vector<Xapian::doccount> order;
	for (bool first = true;;) {
		/* One more than asked shows whether there are more.  The
		 * first pass checks CHECK matches at least (all of them for
		 * exact counts) and feeds the spies; the total counts
		 * documents, copies included. */
		m->mset = enq.get_mset(0, n + 1, check);
		if (first) {
			first = false;
			m->total = m->mset.get_matches_estimated();
			m->exact = o->exact ||
				   m->mset.get_matches_lower_bound() ==
					   m->mset.get_matches_upper_bound();
			enq.clear_matchspies();
		}
		if (relevance) {
			order_ties(m->mset, n, o->tiebreak_slot, order);
		} else {
			order.resize(std::min(n, m->mset.size()));
			for (Xapian::doccount i = 0; i < order.size(); i++)
				order[i] = i;
		}
		m->page.clear();
		if (o->collapse_slot < 0) {
			m->page = order;
		} else {
			std::set<std::string> seen;
			auto slot = static_cast<Xapian::valueno>(o->collapse_slot);
			for (size_t j = 0; j < order.size() && m->page.size() < want;
			     j++) {
				Xapian::doccount i = order[j];
				std::string k =
					m->mset[i].get_document().get_value(slot);
				if (k.empty() || seen.insert(k).second)
					m->page.push_back(i);
			}
		}
		if (m->page.size() >= want || m->mset.size() <= n)
			break;
		if (relevance && (order.empty() || n > 8 * (want + 8))) {
			/* a long run of equal weights (a filter-only query
			 * weighs nothing): let Xapian sort by the id */
			enq.set_sort_by_relevance_then_value(o->tiebreak_slot,
							     false);
			relevance = false;
		} else {
			n *= 2;
		}
	}
	m->page.erase(m->page.begin(),
		      m->page.begin() + std::min<size_t>(o->offset, m->page.size()));
	if (m->page.size() > o->limit)
		m->page.resize(o->limit);
}

quoth_status_t quoth_xdb_search(quoth_xdb_t *db, const quoth_xquery_t *q,
				const quoth_xsearch_t *o, quoth_xmset_t **out)
{
	*out = nullptr;
	quoth_xmset_t *m = nullptr;
	try {
		Xapian::Enquire enq(*db->db);
		enq.set_query(q->q);
		enq.set_weighting_scheme(Xapian::BM25Weight(
			o->bm25_k1, 0, 1, o->bm25_b, 0.5));
		/* Only plain value sorts: the remote backend refuses
		 * KeyMakers. */
		if (o->sort != QUOTH_XSORT_RELEVANCE)
			enq.set_sort_by_value_then_relevance(
				o->sort_slot, o->sort == QUOTH_XSORT_VALUE_DESC);
		std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
		for (size_t i = 0; i < o->nfacet_slots; i++) {
			spies.emplace_back(
				new Xapian::ValueCountMatchSpy(o->facet_slots[i]));
			enq.add_matchspy(spies.back().get());
		}
		m = new quoth_xmset_t();
		/* A term's frequency is its exact total.  Past that,
		 * Xapian estimates an AND or a phrase as if its words were
		 * independent ("barack obama": about 400 of 5,454), so
		 * matches are counted up to count_upto first. */
		Xapian::doccount check =
			o->exact ? db->db->get_doccount()
			: q->q.get_type() == Xapian::Query::LEAF_TERM
				? 0
				: o->count_upto;
		take_page(m, enq, o, check);
		for (auto &spy : spies) {
			std::vector<std::pair<std::string, unsigned>> f;
			for (Xapian::TermIterator t = spy->values_begin();
			     t != spy->values_end(); ++t)
				f.emplace_back(*t, t.get_termfreq());
			std::sort(f.begin(), f.end(), [](const auto &a,
							 const auto &b) {
				return a.second != b.second ? a.second > b.second
							    : a.first < b.first;
			});
			m->facets.push_back(std::move(f));
		}
		*out = m;
		return QUOTH_OK;
	} catch (...) {
		delete m;
		return status_of_current(db->errmsg);
	}
}

unsigned quoth_xmset_total(const quoth_xmset_t *m)
{
	return m->total;
}

int quoth_xmset_total_exact(const quoth_xmset_t *m)
{
	return m->exact;
}

size_t quoth_xmset_size(const quoth_xmset_t *m)
{
	return m->page.size();
}

/* The MSet item of result I. */
static Xapian::MSetIterator item(const quoth_xmset_t *m, size_t i)
{
	return m->mset[m->page[i]];
}

double quoth_xmset_weight(const quoth_xmset_t *m, size_t i)
{
	return item(m, i).get_weight();
}

quoth_status_t quoth_xmset_data(quoth_xmset_t *m, size_t i, const char **data,
				size_t *len)
{
	*data = nullptr;
	*len = 0;
	GUARD(m->errmsg, {
		auto it = m->data.find(i);
		if (it == m->data.end())
			it = m->data.emplace(i, item(m, i).get_document()
							 .get_data())
				     .first;
		*data = it->second.c_str();
		*len = it->second.size();
	});
}

quoth_status_t quoth_xmset_value(quoth_xmset_t *m, size_t i, unsigned slot,
				 const char **v, size_t *len)
{
	*v = nullptr;
	*len = 0;
	GUARD(m->errmsg, {
		auto key = std::make_pair(i, slot);
		auto it = m->values.find(key);
		if (it == m->values.end())
			it = m->values.emplace(key, item(m, i).get_document()
							    .get_value(slot))
				     .first;
		*v = it->second.c_str();
		*len = it->second.size();
	});
}

size_t quoth_xmset_facet_size(const quoth_xmset_t *m, size_t k)
{
	return k < m->facets.size() ? m->facets[k].size() : 0;
}

void quoth_xmset_facet(const quoth_xmset_t *m, size_t k, size_t j,
		       const char **value, unsigned *count)
{
	const auto &f = m->facets[k][j];
	*value = f.first.c_str();
	*count = f.second;
}

void quoth_xmset_destroy(quoth_xmset_t *m)
{
	delete m;
}

} /* extern "C" */
