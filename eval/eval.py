#!/usr/bin/python3
"""Relevance evaluation of quoth against stock Xapian and SQLite FTS5 on the
Cranfield and CACM test collections (MAP, P@10, nDCG@10 over judged queries).

Usage (run with /usr/bin/python3; `make eval` calls eval/run.sh, which calls this):
  eval/eval.py [--collections cranfield,cacm] [--systems quoth,xapian,fts5]
               [--quoth build/quoth] [--flags '--some-flag x'] [--reindex]
               [--grid QUOTH_BM25_K1=0.9,1.2,1.5 --grid QUOTH_BM25_B=0.5,0.75]
               [--runs FILE]

  Data:   $QUOTH_DATA/{cranfield,cacm} (default ../shared/data from the repo root)
  Work:   eval/work/<coll>.jsonl, eval/work/<coll>/quoth (index), eval/work/results.{md,json},
          eval/work/<coll>.<system>.run (TREC run files, per-query ranked ids)
  quoth:  `quoth index --index eval/work/<coll>/quoth eval/work/<coll>.jsonl` (once; --reindex
          or a newer .jsonl/binary rebuilds it), then per query
          `quoth search --index … --any --limit 100 --format=json [FLAGS] WORDS…`.
          FLAGS come from --flags or $QUOTH_SEARCH_FLAGS (shell-split); the environment
          is passed through, so QUOTH_BM25_K1 / QUOTH_BM25_B (or whatever quoth reads) reach it.
          --grid VAR=v1,v2,… (repeatable) evaluates quoth once per combination of those
          environment values (peers are run once), for tuning.
  Peers:  Xapian (python3-xapian): TermGenerator + QueryParser, english stemmer, STEM_SOME,
          default BM25Weight, default op OR, default flags; SQLite FTS5 tokenize='porter
          unicode61', words OR-ed, ORDER BY bm25().  All three index the same title, text and
          author of each document.
  Metrics: only queries with at least one relevant judgement count (Cranfield 225, CACM 52).
          Cranfield's cranqrel numbers queries by their position in cran.qry (1..225), not by
          the .I ids.  Cranfield grades 1 (complete answer) … 4 (minimum interest) are relevant,
          with nDCG gain = 5 - grade (4,3,2,1; linear gains); grade -1 = not relevant.  CACM
          qrels are binary (gain 1).  MAP = mean average precision over the top 100 (AP divides
          by all relevant documents), P@10, nDCG@10 (ideal DCG from all judged gains).
"""
import argparse, itertools, json, math, os, re, shlex, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEPTH = 100


def die(msg, code=2):
    print(msg, file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------- collections
def smart_records(path):
    """Split a SMART-format file into records {'I': id, 'T': ..., 'W': ...}; later duplicate
    markers of a field are appended to it."""
    text = open(path, encoding="latin-1").read().replace("\r", "")
    recs = []
    for chunk in re.split(r"(?m)^\.I ", text)[1:]:
        lines = chunk.split("\n")
        rec = {"I": lines[0].strip()}
        field = None
        for line in lines[1:]:
            m = re.match(r"^\.([A-Z])\s*$", line)
            if m:
                field = m.group(1)
                rec.setdefault(field, [])
                continue
            if field:
                rec[field].append(line)
        recs.append({k: (v if k == "I" else "\n".join(v).strip()) for k, v in rec.items()})
    return recs


MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def load_cranfield(d):
    docs = []
    for r in smart_records(os.path.join(d, "cran.all.1400")):
        docs.append({"id": str(int(r["I"])), "title": r.get("T", ""), "text": r.get("W", ""),
                     "author": r.get("A", "").replace("\n", "; ")})
    queries = {}
    for pos, r in enumerate(smart_records(os.path.join(d, "cran.qry")), 1):
        queries[str(pos)] = re.sub(r"\s+", " ", r.get("W", "")).strip()  # qrels use the ordinal
    qrels = {}
    for line in open(os.path.join(d, "cranqrel")):
        f = line.split()
        if len(f) < 3:
            continue
        grade = int(f[2])
        if 1 <= grade <= 4:
            qrels.setdefault(str(int(f[0])), {})[str(int(f[1]))] = 5 - grade
    return docs, queries, qrels


def load_cacm(d):
    docs = []
    for r in smart_records(os.path.join(d, "cacm.all")):
        text = r.get("W", "")
        if r.get("K"):
            text = (text + "\n\n" + r["K"]).strip()
        date = ""
        m = re.search(r"CACM\s+([A-Za-z]+),?\s+(\d{4})", r.get("B", ""))
        if m and m.group(1).lower() in MONTHS:
            date = "%s-%02d-01" % (m.group(2), MONTHS[m.group(1).lower()])
        elif m:
            date = m.group(2)
        docs.append({"id": str(int(r["I"])), "title": r.get("T", ""), "text": text,
                     "author": r.get("A", "").replace("\n", "; "), "date": date})
    queries = {}
    for r in smart_records(os.path.join(d, "query.text")):
        if int(r["I"]) == 0:  # empty sentinel record
            continue
        queries[str(int(r["I"]))] = re.sub(r"\s+", " ", r.get("W", "")).strip()
    qrels = {}
    for line in open(os.path.join(d, "qrels.text")):
        f = line.split()
        if len(f) >= 2:
            qrels.setdefault(str(int(f[0])), {})[str(int(f[1]))] = 1
    return docs, queries, qrels


COLLECTIONS = {
    "cranfield": (load_cranfield, ["cran.all.1400", "cran.qry", "cranqrel"],
                  "Cranfield 1400 (Glasgow IR group distribution; see $QUOTH_DATA/cranfield/README.txt: "
                  "github.com/noramtboraas/information-retrieval, ir.dcs.gla.ac.uk/resources/test_collections/cran/)"),
    "cacm": (load_cacm, ["cacm.all", "query.text", "qrels.text"],
             "CACM (SMART; see $QUOTH_DATA/cacm/README.txt: github.com/atcherepanov/Stemming-Algorithm, "
             "ir.dcs.gla.ac.uk/resources/test_collections/cacm/)"),
}


# ---------------------------------------------------------------- query cleaning
def clean_query(q):
    """Plain words for every system: strip query syntax (quotes, parentheses, '*', ':',
    leading '-'/'+'), lowercase the operators AND/OR/NOT/NEAR."""
    q = re.sub(r"[\"“”„«»()\[\]{}*:^~]", " ", q)
    out = []
    for tok in q.split():
        tok = tok.lstrip("-+")
        if re.fullmatch(r"NEAR(/\d*)?", tok):
            tok = "near"
        if tok in ("AND", "OR", "NOT"):
            tok = tok.lower()
        tok = tok.replace("/", " ")
        if re.search(r"\w", tok):
            out.append(tok)
    return " ".join(out)


# ---------------------------------------------------------------- systems
def write_jsonl(docs, path):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            o = dict(d)
            o.setdefault("url", "")
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


def run_retry(cmd, env):
    """subprocess.run, retried while the binary is being relinked (shared build tree)."""
    for attempt in range(60):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        except OSError:
            if attempt == 59:
                raise
            time.sleep(1)


class Quoth:
    def __init__(self, binary, flags, work, coll, reindex, env=None):
        self.bin, self.flags, self.env = binary, flags, env
        self.idx = os.path.join(work, coll, "quoth")
        self.jsonl = os.path.join(work, coll + ".jsonl")
        self.coll = coll
        self.reindex = reindex
        self.name = "quoth"

    def build(self, docs):
        stamp = os.path.join(self.idx, ".eval-stamp")
        sb, sj = os.stat(self.bin), os.stat(self.jsonl)
        key = "%d %d %d %d\n" % (sb.st_mtime_ns, sb.st_size, sj.st_mtime_ns, sj.st_size)
        if not self.reindex and os.path.exists(stamp) and open(stamp).read() == key:
            return  # same binary and same input as when the index was built
        subprocess.run(["rm", "-rf", self.idx])
        os.makedirs(os.path.dirname(self.idx), exist_ok=True)
        extra = shlex.split(os.environ.get("QUOTH_INDEX_FLAGS", ""))
        cmd = [self.bin, "index", "--index", self.idx] + extra + [self.jsonl]
        t0 = time.time()
        p = run_retry(cmd, self.env)
        last = (p.stdout.decode(errors="replace").strip().splitlines() or [""])[-1]
        print("  quoth index %s: exit %d in %.1f s: %s" % (self.coll, p.returncode, time.time() - t0, last),
              file=sys.stderr)
        if p.returncode not in (0, 1):  # 1 = some input failed (e.g. empty documents)
            die("quoth index failed (%s):\n%s" % (" ".join(cmd), p.stderr.decode(errors="replace")[-2000:]), 1)
        if p.returncode == 1:
            msgs = p.stderr.decode(errors="replace").strip().splitlines()
            print("  (quoth index reported %d message lines, e.g. %s)" % (len(msgs), msgs[:2]), file=sys.stderr)
        open(stamp, "w").write(key)

    def search(self, q):
        cmd = [self.bin, "search", "--index", self.idx, "--any", "--limit", str(DEPTH),
               "--format=json"] + self.flags + q.split()
        p = run_retry(cmd, self.env)
        if p.returncode == 1 and not p.stdout.strip():
            return []
        if p.returncode not in (0, 1):
            raise RuntimeError("%s -> exit %d: %s" % (shlex.join(cmd), p.returncode,
                                                      p.stderr.decode(errors="replace").strip()[-400:]))
        try:
            res = json.loads(p.stdout).get("results") or []
        except ValueError as e:
            raise RuntimeError("%s: bad JSON (%s): %r" % (shlex.join(cmd), e, p.stdout[:200]))
        out = []
        for r in res:
            rid = r.get("id")
            if rid is None or str(rid) not in self.ids:  # fall back to "file.jsonl:LINE" paths
                m = re.search(r"[:#L](\d+)$", str(r.get("path") or ""))
                if m and 1 <= int(m.group(1)) <= len(self.order):
                    rid = self.order[int(m.group(1)) - 1]
            out.append(str(rid))
        return out

    def run(self, docs, queries):
        self.order = [d["id"] for d in docs]
        self.ids = set(self.order)
        self.build(docs)
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
            return dict(zip(queries, ex.map(self.search, queries.values())))


class XapianStock:
    name = "xapian"

    def run(self, docs, queries):
        import xapian
        db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        for d in docs:
            doc = xapian.Document()
            tg.set_document(doc)
            for f in ("title", "text", "author"):
                if d.get(f):
                    tg.index_text(d[f])
                    tg.increase_termpos()
            doc.set_data(d["id"])
            db.add_document(doc)
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(db)
        qp.set_default_op(xapian.Query.OP_OR)
        enq = xapian.Enquire(db)
        enq.set_weighting_scheme(xapian.BM25Weight())
        runs = {}
        for qid, q in queries.items():
            enq.set_query(qp.parse_query(q))
            runs[qid] = [m.document.get_data().decode() for m in enq.get_mset(0, DEPTH)]
        return runs


class FTS5:
    name = "fts5"

    def run(self, docs, queries):
        import sqlite3
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, author, id UNINDEXED, "
                    "tokenize='porter unicode61')")
        with con:
            con.executemany("INSERT INTO docs(title, text, author, id) VALUES (?,?,?,?)",
                            ((d["title"], d["text"], d.get("author", ""), d["id"]) for d in docs))
        runs = {}
        for qid, q in queries.items():
            words = re.findall(r"\w+", q)
            if not words:
                runs[qid] = []
                continue
            m = " OR ".join('"%s"' % w for w in words)
            runs[qid] = [r[0] for r in con.execute(
                "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (m, DEPTH))]
        return runs


# ---------------------------------------------------------------- metrics
def evaluate(runs, qrels):
    ap = p10 = nd = 0.0
    n = 0
    per = {}
    for qid, rel in qrels.items():
        if not any(g > 0 for g in rel.values()):
            continue
        ranked = list(dict.fromkeys(runs.get(qid, [])))[:DEPTH]
        R = sum(1 for g in rel.values() if g > 0)
        hits = s = 0
        for i, d in enumerate(ranked, 1):
            if rel.get(d, 0) > 0:
                hits += 1
                s += hits / i
        a = s / R
        p = sum(1 for d in ranked[:10] if rel.get(d, 0) > 0) / 10
        dcg = sum(rel.get(d, 0) / math.log2(i + 1) for i, d in enumerate(ranked[:10], 1))
        ideal = sorted((g for g in rel.values() if g > 0), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, 1))
        ndcg = dcg / idcg if idcg else 0.0
        per[qid] = (a, p, ndcg)
        ap += a
        p10 += p
        nd += ndcg
        n += 1
    return {"MAP": ap / n, "P@10": p10 / n, "nDCG@10": nd / n, "queries": n, "per_query": per}


def write_run(runs, path, tag):
    with open(path, "w") as f:
        for qid in sorted(runs, key=lambda x: int(x)):
            for i, d in enumerate(runs[qid], 1):
                f.write("%s Q0 %s %d %.4f %s\n" % (qid, d, i, -i, tag))


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--collections", default="cranfield,cacm")
    ap.add_argument("--systems", default="quoth,xapian,fts5")
    ap.add_argument("--quoth", default=os.environ.get("QUOTH", "build/quoth"))
    ap.add_argument("--flags", default=os.environ.get("QUOTH_SEARCH_FLAGS", ""),
                    help="extra quoth search flags (default $QUOTH_SEARCH_FLAGS)")
    ap.add_argument("--grid", action="append", default=[], metavar="VAR=v1,v2",
                    help="evaluate quoth under each value of environment variable VAR (repeatable)")
    ap.add_argument("--reindex", action="store_true", help="rebuild the quoth indexes")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--out", help="also write the markdown table to this file")
    a = ap.parse_args()

    data = os.environ.get("QUOTH_DATA") or os.path.join(ROOT, "..", "shared", "data")
    if not os.path.isabs(data):
        data = os.path.join(ROOT, data)
    quoth = a.quoth if os.path.isabs(a.quoth) else os.path.join(ROOT, a.quoth)
    systems = [s for s in a.systems.split(",") if s]
    if "quoth" in systems and not os.access(quoth, os.X_OK):
        print("eval: %s not found or not executable; evaluating the peers only" % quoth, file=sys.stderr)
        systems.remove("quoth")
    flags = shlex.split(a.flags)
    grid = []
    for g in a.grid:
        var, _, vals = g.partition("=")
        grid.append([(var, v) for v in vals.split(",")])
    combos = [dict(c) for c in itertools.product(*grid)] if grid else [{}]
    # quoth tuning knobs already in the environment (QUOTH_BM25_K1=… eval/run.sh) go in the label
    inherited = {k: v for k, v in sorted(os.environ.items()) if k.startswith("QUOTH_")
                 and k not in ("QUOTH_DATA", "QUOTH_INDEX", "QUOTH_SEARCH_FLAGS", "QUOTH_INDEX_FLAGS")}
    os.makedirs(a.work, exist_ok=True)

    rows = []
    reindexed = set()
    for coll in [c for c in a.collections.split(",") if c]:
        loader, files, where = COLLECTIONS[coll]
        d = os.path.join(data, coll)
        if not all(os.path.exists(os.path.join(d, f)) for f in files):
            die("dataset not found: set QUOTH_DATA=… (looked for %s/{%s}); %s" % (d, ",".join(files), where))
        docs, queries, qrels = loader(d)
        cq = {qid: clean_query(q) for qid, q in queries.items()}
        judged = {q for q, r in qrels.items() if any(g > 0 for g in r.values())}
        print("eval: %s: %d docs, %d queries, %d judged" % (coll, len(docs), len(queries), len(judged)),
              file=sys.stderr)
        jsonl = os.path.join(a.work, coll + ".jsonl")
        tmp = jsonl + ".tmp"
        write_jsonl(docs, tmp)
        if os.path.exists(jsonl) and open(jsonl, "rb").read() == open(tmp, "rb").read():
            os.unlink(tmp)  # unchanged: keep the mtime so the quoth index is reused
        else:
            os.replace(tmp, jsonl)
        cq = {q: cq[q] for q in cq if q in judged}
        for s in systems:
            variants = combos if s == "quoth" else [{}]
            for env_over in variants:
                shown = dict(inherited, **env_over)
                label = s + ("" if s != "quoth" or not (flags or shown) else
                             " " + " ".join(["%s=%s" % kv for kv in shown.items()] + flags))
                if s == "quoth":
                    env = dict(os.environ, **env_over)
                    sysobj = Quoth(quoth, flags, a.work, coll, a.reindex and coll not in reindexed, env)
                    reindexed.add(coll)
                else:
                    sysobj = XapianStock() if s == "xapian" else FTS5()
                t0 = time.time()
                try:
                    runs = sysobj.run(docs, cq)
                except RuntimeError as e:
                    die("eval: %s on %s failed: %s" % (s, coll, e), 1)
                secs = time.time() - t0
                m = evaluate(runs, qrels)
                write_run(runs, os.path.join(a.work, "%s.%s.run" % (coll, s)), s)
                rows.append({"collection": coll, "system": label, "base": s, "seconds": secs,
                             **{k: m[k] for k in ("MAP", "P@10", "nDCG@10", "queries")},
                             "per_query": m["per_query"]})
                print("  %-9s %-40s MAP %.4f  P@10 %.4f  nDCG@10 %.4f  (%d queries, %.1f s)" % (
                    coll, label, m["MAP"], m["P@10"], m["nDCG@10"], m["queries"], secs), file=sys.stderr)

    md = table(rows)
    print(md)
    open(os.path.join(a.work, "results.md"), "w").write(md)
    json.dump(rows, open(os.path.join(a.work, "results.json"), "w"), indent=1)
    if a.out:
        open(a.out, "w").write(md)


def table(rows):
    L = ["| collection | system | queries | MAP | P@10 | nDCG@10 |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        L.append("| %s | %s | %d | %.4f | %.4f | %.4f |" % (
            r["collection"], r["system"], r["queries"], r["MAP"], r["P@10"], r["nDCG@10"]))
    L.append("")
    for coll in dict.fromkeys(r["collection"] for r in rows):
        peers = [r for r in rows if r["collection"] == coll and r["base"] != "quoth"]
        mine = [r for r in rows if r["collection"] == coll and r["base"] == "quoth"]
        if not peers or not mine:
            continue
        best = max(peers, key=lambda r: r["nDCG@10"])
        for q in mine:
            ok = q["nDCG@10"] >= best["nDCG@10"]
            L.append("%s: %s nDCG@10 %.4f %s max(peers) %.4f (%s): %s" % (
                coll, q["system"], q["nDCG@10"], ">=" if ok else "<", best["nDCG@10"], best["system"],
                "yes" if ok else "NO"))
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
