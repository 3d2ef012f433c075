#!/usr/bin/python3
"""quoth benchmark helper: corpus preparation, indexing and query timing.

Called by bench/index.sh, bench/query.sh and bench/run.sh; run with
/usr/bin/python3 (standard library only).  Subcommands:

  prep CORPUS N WORK        first N articles -> WORK/articles.jsonl (keys id,
                            title, text, date, url, author) and one .txt file
                            per article under WORK/files/ (title, blank line,
                            body; mtime = article date, which omindex records
                            as its D/M/Y date terms)
  fts5-build JSONL DB       SQLite FTS5 (porter unicode61), one transaction
  index WORK QUOTH          time quoth index / omindex / FTS5 build, print table,
                            write WORK/index.md and WORK/index.json
  queries WORK SEED N       draw N queries per class -> WORK/queries.json
  query WORK QUOTH NRG      time every query per tool -> WORK/query.json,
                            WORK/query.md (NRG = queries per class for rg)
  inproc WORK               quoth in-process (bench/qloop.c, built here against
                            build/libquoth.a) and FTS5 in-process (one sqlite3
                            connection), same queries -> WORK/inproc.{md,json}
  shards WORK QUOTH N       1 index vs --shards 4 vs 2 remote shards (quoth
                            serve-shard on 127.0.0.1), N queries per class,
                            whole process -> WORK/shards.{md,json}
  growth CORPUS WORK QUOTH NQ "N1 N2 ..." OMINDEX
                            index the first N articles for each N (quoth, and
                            omindex if OMINDEX=1); s/MB and query p50 per class
                            -> WORK/growth.json, bench/results-growth.md
  report WORK OUTDIR        OUTDIR/results.md and OUTDIR/results.png
"""
import json, lzma, os, random, re, shutil, subprocess, sys, time
from collections import Counter, defaultdict

STOP = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down
during each few for from further had has have having he her here hers him his how i if
in into is it its itself just me more most my no nor not now of off on once only or other
our out over own said same she should so some such than that the their them then there
these they this those through to too under until up very was we were what when where
which while who whom why will with would you your reuters year years percent mr mrs ms
one two new""".split())
OPERATORS = {"and", "or", "not", "near"}


def die(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)


def opener(path):
    if path.endswith(".xz"):
        return lzma.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


# ---------------------------------------------------------------- prep
def norm_article(o, lineno):
    """Map the Reuters JSONL keys (and the generic ones) to id/title/text/date/url/author."""
    text = o.get("text") or o.get("body") or o.get("content") or ""
    date = o.get("date") or o.get("published_iso_local") or o.get("published") or ""
    if re.match(r"\d{4}-\d\d-\d\d", date):
        date = date[:10]
    author = o.get("author") or o.get("byline") or ""
    author = re.sub(r"\s+", " ", re.sub(r"^\s*By\s+", "", author)).strip()
    return {
        "id": o.get("id") or "line-%d" % lineno,
        "title": (o.get("title") or "").strip(),
        "text": text,
        "date": date,
        "url": o.get("url") or "",
        "author": author,
    }


def cmd_prep(corpus, n, work):
    n = int(n)
    stamp_path = os.path.join(work, "prep.json")
    stamp = {"corpus": os.path.abspath(corpus), "n": n,
             "corpus_mtime": os.path.getmtime(corpus), "version": 2}
    if os.path.exists(stamp_path) and os.path.isdir(os.path.join(work, "files")):
        old = json.load(open(stamp_path))
        if {k: old.get(k) for k in stamp} == stamp:
            print("prep: reusing %s (%d articles, %.1f text MB)" % (
                os.path.join(work, "articles.jsonl"), old["count"], old["text_bytes"] / 1e6))
            return
    files = os.path.join(work, "files")
    shutil.rmtree(files, ignore_errors=True)
    os.makedirs(files)
    t0 = time.time()
    count = text_bytes = 0
    with opener(corpus) as src, open(os.path.join(work, "articles.jsonl"), "w", encoding="utf-8") as out:
        for lineno, line in enumerate(src, 1):
            if count >= n:
                break
            a = norm_article(json.loads(line), lineno)
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
            sub = os.path.join(files, "%03d" % (count // 1000))
            if count % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            fp = os.path.join(sub, "%06d.txt" % count)
            with open(fp, "w", encoding="utf-8") as f:
                f.write(a["title"] + "\n\n" + a["text"] + "\n")
            m = re.match(r"(\d{4})-(\d\d)-(\d\d)", a["date"])
            if m:
                ts = time.mktime((int(m[1]), int(m[2]), int(m[3]), 12, 0, 0, 0, 0, -1))
                os.utime(fp, (ts, ts))
            text_bytes += len(a["title"].encode()) + len(a["text"].encode())
            count += 1
    if count < n:
        print("prep: corpus has only %d articles (asked for %d)" % (count, n), file=sys.stderr)
    stamp.update(count=count, text_bytes=text_bytes)
    json.dump(stamp, open(stamp_path, "w"))
    print("prep: %d articles, %.1f text MB (title+text) in %.1f s" % (count, text_bytes / 1e6, time.time() - t0))


# ---------------------------------------------------------------- FTS5
def cmd_fts5_build(jsonl, db):
    import sqlite3
    if os.path.exists(db):
        os.unlink(db)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, author UNINDEXED, "
                "date UNINDEXED, url UNINDEXED, id UNINDEXED, tokenize='porter unicode61')")
    with con:  # one transaction
        con.executemany("INSERT INTO docs(title, text, author, date, url, id) VALUES (?,?,?,?,?,?)",
                        ((a["title"], a["text"], a["author"], a["date"], a["url"], a["id"])
                         for a in map(json.loads, open(jsonl, encoding="utf-8"))))
    con.close()


# ---------------------------------------------------------------- timing
def run_timed(cmd, **kw):
    """Run cmd; return (wall s, peak RSS MB of this child via wait4, exit status, stdout, stderr)."""
    import tempfile
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, **kw)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0); fe.seek(0)
        return (wall, ru.ru_maxrss / 1024, p.returncode,
                fo.read().decode("utf-8", "replace"), fe.read().decode("utf-8", "replace"))


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, names in os.walk(path):
        for n in names:
            try:
                total += os.path.getsize(os.path.join(root, n))
            except OSError:
                pass
    return total


def cmd_index(work, quoth):
    prep = json.load(open(os.path.join(work, "prep.json")))
    mb = prep["text_bytes"] / 1e6
    idx = os.path.join(work, "idx")
    os.makedirs(idx, exist_ok=True)
    jsonl = os.path.join(work, "articles.jsonl")
    files = os.path.join(work, "files")
    here = os.path.abspath(__file__)
    tools = []
    if os.access(quoth, os.X_OK):
        tools.append(("quoth", [quoth, "index", "--index", os.path.join(idx, "quoth"), jsonl],
                      os.path.join(idx, "quoth")))
    else:
        print("index: %s not built; timing the peers only" % quoth, file=sys.stderr)
    tools.append(("omindex", ["omindex", "--db", os.path.join(idx, "omega"), "--url", "/",
                              "--mime-type", "txt:text/plain", "--overwrite", files],
                  os.path.join(idx, "omega")))
    tools.append(("fts5", ["/usr/bin/python3", here, "fts5-build", jsonl, os.path.join(idx, "fts5.db")],
                  os.path.join(idx, "fts5.db")))
    rows = []
    for name, cmd, path in tools:
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.unlink(path)
        subprocess.run(["sync"])
        print("index: %s ..." % name, file=sys.stderr, flush=True)
        wall, rss, rc, out, err = run_timed(cmd)
        size = du(path)
        row = {"tool": name, "seconds": wall, "mbps": mb / wall, "rss_mb": rss,
               "size_mb": size / 1e6, "ratio": size / prep["text_bytes"], "rc": rc,
               "cmd": " ".join(cmd)}
        if name == "quoth":
            row["summary"] = (out.strip().splitlines() or [""])[-1] + (
                "" if out.strip() else (err.strip().splitlines() or [""])[-1])
        if rc != 0:
            print("index: %s exited %d\n%s" % (name, rc, err[-2000:]), file=sys.stderr)
        rows.append(row)
    res = {"articles": prep["count"], "text_mb": mb, "rows": rows}
    json.dump(res, open(os.path.join(work, "index.json"), "w"), indent=1)
    md = index_md(res)
    open(os.path.join(work, "index.md"), "w").write(md)
    print(md)


def index_md(res):
    rows = res["rows"]
    L = ["### Indexing: %d articles, %.1f MB of text (title+text)" % (res["articles"], res["text_mb"]), "",
         "| tool | seconds | MB/s | peak RSS MB | index MB | index/text | exit |",
         "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        L.append("| %s | %.2f | %.2f | %.0f | %.1f | %.2f | %d |" % (
            r["tool"], r["seconds"], r["mbps"], r["rss_mb"], r["size_mb"], r["ratio"], r["rc"]))
    q = next((r for r in rows if r["tool"] == "quoth"), None)
    if q:
        L += ["", "| quoth ÷ peer | speed (MB/s) | peak RSS | index size |", "| --- | ---: | ---: | ---: |"]
        for r in rows:
            if r is q:
                continue
            L.append("| quoth ÷ %s | %.2f | %.2f | %.2f |" % (
                r["tool"], q["mbps"] / r["mbps"], q["rss_mb"] / r["rss_mb"], q["size_mb"] / max(r["size_mb"], 1e-9)))
        if q.get("summary"):
            L += ["", "quoth's summary line: `%s`" % q["summary"]]
            m = re.search(r"removed (\d+)", q["summary"])
            if m and int(m.group(1)) > 0:
                L += ["", "**WARNING: quoth reports removed %s while indexing into a fresh directory.**" % m.group(1)]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- queries
WORD = re.compile(r"[A-Za-z]+")
TRIPLE = re.compile(r"(?<![\w'’.-])([A-Za-z]{2,}) ([A-Za-z]{2,}) ([A-Za-z]{2,})(?![\w'’-])")


def month_add(y, m, k):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def month_end(y, m):
    import calendar
    return calendar.monthrange(y, m)[1]


def cmd_queries(work, seed, nper):
    rnd = random.Random(int(seed))
    nper = int(nper)
    arts = [json.loads(l) for l in open(os.path.join(work, "articles.jsonl"), encoding="utf-8")]
    arts = [a for a in arts if a["text"].strip()]
    N = len(arts)
    df = Counter()
    for a in arts:
        df.update(set(w.lower() for w in WORD.findall(a["title"] + " " + a["text"])))

    def ok(w):
        return w not in STOP and w not in OPERATORS and len(w) >= 3

    def pick(lo, hi, k, minlen=3):
        cand = sorted(w for w, c in df.items() if lo <= c <= hi and ok(w) and len(w) >= minlen)
        if not cand:
            die("queries: no words with df in [%d,%d]" % (lo, hi))
        return [rnd.choice(cand) for _ in range(k)] if len(cand) < k else rnd.sample(cand, k)

    def phrase_of(a):
        for _ in range(50):
            lines = [l for l in a["text"].split("\n") if l.strip()]
            if not lines:
                return None
            ms = list(TRIPLE.finditer(rnd.choice(lines)))
            if not ms:
                continue
            ws = [w.lower() for w in rnd.choice(ms).groups()]
            if any(w in OPERATORS for w in ws) or all(w in STOP for w in ws):
                continue
            return ws
        return None

    Q = {}
    Q["common word"] = [{"words": [w]} for w in pick(int(0.05 * N), int(0.5 * N), nper)]
    Q["rare word"] = [{"words": [w]} for w in pick(2, 5, nper, minlen=5)]
    and2 = []
    while len(and2) < nper:
        a = rnd.choice(arts)
        ws = sorted(set(w.lower() for w in WORD.findall(a["text"])))
        ws = [w for w in ws if ok(w) and 0.005 * N <= df[w] <= 0.2 * N]
        if len(ws) >= 2:
            and2.append({"words": rnd.sample(ws, 2)})
    Q["two-word AND"] = and2
    ph, phd = [], []
    while len(ph) < nper or len(phd) < nper:
        a = rnd.choice(arts)
        ws = phrase_of(a)
        if not ws:
            continue
        if len(ph) < nper:
            ph.append({"words": ws})
            continue
        m = re.match(r"(\d{4})-(\d\d)", a["date"])
        if not m:
            continue
        y, mo = int(m[1]), int(m[2])
        span = rnd.randint(1, 24)
        sy, sm = month_add(y, mo, -rnd.randint(0, span - 1))
        ey, em = month_add(sy, sm, span - 1)
        months = [month_add(sy, sm, k) for k in range(span)]
        phd.append({"words": ws, "from": "%04d-%02d-01" % (sy, sm),
                    "to": "%04d-%02d-%02d" % (ey, em, month_end(ey, em)),
                    "months": ["%04d%02d" % ym for ym in months]})
    Q["phrase"] = ph
    Q["phrase + date"] = phd
    Q["faceted"] = [{"words": [w]} for w in pick(int(0.01 * N), int(0.2 * N), nper)]
    json.dump({"seed": int(seed), "docs": N, "classes": Q}, open(os.path.join(work, "queries.json"), "w"))
    print("queries: %d per class, seed %s, %s" % (nper, seed, ", ".join(Q)))


def fts5_sql(cls, q):
    """The SQL statements of one FTS5 query (top 10 by rank; facets as GROUP BY)."""
    w = q["words"]
    sel = "SELECT rowid, title, date, bm25(docs) FROM docs WHERE docs MATCH '%s'%s ORDER BY rank LIMIT 10;"
    if cls in ("common word", "rare word", "faceted"):
        m = '"%s"' % w[0]
    elif cls == "two-word AND":
        m = '"%s" AND "%s"' % tuple(w)
    else:
        m = '"%s"' % " ".join(w)
    extra = " AND date BETWEEN '%s' AND '%s'" % (q["from"], q["to"]) if cls == "phrase + date" else ""
    sql = [sel % (m, extra)]
    if cls == "faceted":
        sql += ["SELECT substr(date,1,7), count(*) FROM docs WHERE docs MATCH '%s' GROUP BY 1;" % m,
                "SELECT author, count(*) c FROM docs WHERE docs MATCH '%s' GROUP BY 1 ORDER BY c DESC;" % m]
    return sql


def quoth_args(cls, q):
    """The query arguments of `quoth search` for one query (what qloop gets as one line)."""
    w = q["words"]
    if cls in ("common word", "rare word", "faceted"):
        return [w[0]]
    if cls == "two-word AND":
        return list(w)
    if cls == "phrase":
        return ['"%s"' % " ".join(w)]
    if cls == "phrase + date":
        return ['"%s"' % " ".join(w), "date:%s..%s" % (q["from"], q["to"])]


def commands(cls, q, tool, paths):
    """argv for one query, or None when the tool cannot run that class."""
    w = q["words"]
    phrase = '"%s"' % " ".join(w)
    if tool == "quoth":
        base = [paths["quoth"], "search", "--index", paths["quoth_idx"], "--limit", "10", "--format=json"]
        if cls == "faceted":
            base[2:2] = ["--facets"]
        return base + quoth_args(cls, q)
    if tool == "quest":
        base = ["quest", "-d", paths["omega"], "-m", "10"]
        if cls in ("common word", "rare word"):
            return base + [w[0]]
        if cls == "two-word AND":
            return base + ["%s AND %s" % tuple(w)]
        if cls == "phrase":
            return base + [phrase]
        if cls == "phrase + date":  # omindex's M<YYYYMM> terms; same-prefix filters are OR'ed
            return base + ["-b", "month:M", phrase + " " + " ".join("month:" + m for m in q["months"])]
        return None
    if tool == "fts5":
        return ["sqlite3", "-readonly", paths["fts5"], " ".join(fts5_sql(cls, q))]
    if tool == "rg":
        f = paths["files"]
        if cls in ("common word", "rare word"):
            return ["rg", "-l", "-i", "-w", w[0], f]
        if cls == "two-word AND":
            return ["sh", "-c", 'rg -l0 -i -w "$1" "$3" | xargs -0 -r rg -l -i -w "$2"; s=$?; [ $s = 123 ] && s=1; exit $s', "sh", w[0], w[1], f]
        if cls in ("phrase", "phrase + date"):  # rg has no date filter: phrase only
            return ["rg", "-l", "-i", "-F", " ".join(w), f]
        return None


def hits(tool, out):
    if tool == "quoth":
        try:
            return int(json.loads(out).get("total", 0))
        except Exception:
            return -1
    if tool == "quest":
        m = re.search(r"(?:Exactly|About|Between) (\d+)", out)
        return int(m.group(1)) if m else 0
    return len([l for l in out.splitlines() if l.strip()])


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def cmd_query(work, quoth, nrg):
    nrg = int(nrg)
    Q = json.load(open(os.path.join(work, "queries.json")))["classes"]
    idx = os.path.join(work, "idx")
    paths = {"quoth": quoth, "quoth_idx": os.path.join(idx, "quoth"), "omega": os.path.join(idx, "omega"),
             "fts5": os.path.join(idx, "fts5.db"), "files": os.path.join(work, "files")}
    tools = ["quest", "fts5", "rg"]
    if os.access(quoth, os.X_OK) and os.path.isdir(paths["quoth_idx"]):
        tools.insert(0, "quoth")
    else:
        print("query: no quoth binary or index; timing the peers only", file=sys.stderr)
    lat = defaultdict(list)
    hit = defaultdict(int)
    errs = defaultdict(int)
    err_sample = {}
    for cls, qs in Q.items():
        print("query: %s (%d queries) ..." % (cls, len(qs)), file=sys.stderr, flush=True)
        for t in tools:  # warm-up, not recorded
            for q in qs[:3]:
                c = commands(cls, q, t, paths)
                if c:
                    subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for i, q in enumerate(qs):
            # Each query starts with the next tool in turn, so that no tool
            # always runs right after the same neighbour (whose work leaves
            # the CPU caches, and the shared libraries, warm or cold).
            for t in tools[i % len(tools):] + tools[:i % len(tools)]:
                if t == "rg" and i >= nrg:
                    continue
                c = commands(cls, q, t, paths)
                if c is None:
                    continue
                for attempt in range(60):  # the binary may be relinked under us (shared tree)
                    try:
                        t0 = time.perf_counter()
                        p = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                        dt = (time.perf_counter() - t0) * 1000
                        break
                    except OSError as e:
                        if attempt == 59:
                            raise
                        print("query: %s: %s; retrying" % (c[0], e), file=sys.stderr)
                        time.sleep(1)
                lat[cls, t].append(dt)
                # quoth/quest/rg exit 1 = no match; anything else is an error
                if p.returncode not in (0, 1):
                    errs[cls, t] += 1
                    err_sample.setdefault((cls, t), (c, p.stderr.decode("utf-8", "replace")[-300:]))
                elif hits(t, p.stdout.decode("utf-8", "replace")) > 0:
                    hit[cls, t] += 1
    rows = []
    for cls in Q:
        for t in ["quoth", "quest", "fts5", "rg"]:
            xs = lat.get((cls, t))
            if not xs:
                rows.append({"class": cls, "tool": t, "n": 0})
                continue
            rows.append({"class": cls, "tool": t, "n": len(xs), "p50": pct(xs, 50), "p95": pct(xs, 95),
                         "p99": pct(xs, 99), "mean": sum(xs) / len(xs), "hit": hit[cls, t] / len(xs),
                         "errors": errs[cls, t]})
    for k, (c, e) in err_sample.items():
        print("query: %s/%s: %d errors, e.g. %s -> %s" % (k[0], k[1], errs[k], c, e.strip()), file=sys.stderr)
    res = {"tools": tools, "rows": rows, "raw": {"%s|%s" % k: v for k, v in lat.items()}}
    json.dump(res, open(os.path.join(work, "query.json"), "w"))
    md = query_md(res)
    open(os.path.join(work, "query.md"), "w").write(md)
    print(md)


NOTES = {("quest", "faceted"): "no facet counts in quest",
         ("rg", "faceted"): "no facets",
         ("rg", "phrase + date"): "phrase only (no date filter)"}


def query_md(res):
    rows = res["rows"]
    L = ["### Query latency, whole process per query (ms)", "",
         "| class | tool | n | p50 | p95 | p99 | with hits | errors |",
         "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if r["n"] == 0:
            note = NOTES.get((r["tool"], r["class"]), "not run")
            L.append("| %s | %s | 0 | – | – | – | %s | |" % (r["class"], r["tool"], note))
        else:
            L.append("| %s | %s | %d | %.1f | %.1f | %.1f | %.0f%% | %d |" % (
                r["class"], r["tool"], r["n"], r["p50"], r["p95"], r["p99"], 100 * r["hit"], r["errors"]))
    by = {(r["class"], r["tool"]): r for r in rows}
    if "quoth" in res["tools"]:
        L += ["", "quoth ÷ peer latency (p50 / p95; below 1 means quoth is faster):", "",
              "| class | ÷ quest | ÷ fts5 | ÷ rg |", "| --- | ---: | ---: | ---: |"]
        for cls in dict.fromkeys(r["class"] for r in rows):
            q = by[cls, "quoth"]
            cells = []
            for t in ("quest", "fts5", "rg"):
                p = by[cls, t]
                if q["n"] and p["n"]:
                    cells.append("%.2f / %.2f" % (q["p50"] / p["p50"], q["p95"] / p["p95"]))
                else:
                    cells.append("–")
            L.append("| %s | %s |" % (cls, " | ".join(cells)))
    for cls in dict.fromkeys(r["class"] for r in rows):
        q = by.get((cls, "quoth"))
        peers = [by[cls, t]["hit"] for t in ("quest", "fts5") if by.get((cls, t), {}).get("n")]
        if q and q["n"] and peers and q["hit"] < min(peers) - 0.05:
            L += ["", "**WARNING: %s: quoth matched %.0f%% of the queries, the peers %.0f%% or more "
                  "(quoth's index incomplete, or its analyzer splits words differently).**" % (
                      cls, 100 * q["hit"], 100 * min(peers))]
        if q and q["n"] and q["errors"]:
            L += ["", "**WARNING: %s: %d quoth queries exited with an error.**" % (cls, q["errors"])]
    L += ["", "Notes: each query runs once per tool, the tools taking turns at going first; "
          "quest has no date-range syntax, so phrase + date uses omindex's month terms "
          "(file mtime = article date) OR-ed as a boolean filter; quest has no facet counts; FTS5's "
          "facets are two GROUP BY queries (month, author) in the same sqlite3 process; rg runs "
          "fewer queries per class (BENCH_RG_QUERIES; -F -i for phrases, -w -i for words, two rg -l for AND)."]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- in-process
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPROC_TARGET_MS = {"faceted": 20.0}  # every other class: 2 ms (p50)


def link_flags():
    """The Makefile's LIBS (its $(shell ...) run by sh), or the flags it had when qloop was written."""
    try:
        txt = open(os.path.join(ROOT, "Makefile")).read()
        m = re.search(r"^LIBS\s*[:?]?=\s*((?:.*\\\n)*.*)$", txt, re.M)
        libs = m.group(1).replace("\\\n", " ").replace("$(shell ", "$(")
        out = subprocess.run(["sh", "-c", "echo " + libs], stdout=subprocess.PIPE, check=True).stdout.decode()
        return out.split()
    except Exception:
        pk = subprocess.run(["pkg-config", "--libs", "xapian-core"], stdout=subprocess.PIPE).stdout.decode()
        return pk.split() + "-Wl,-Bstatic -licuuc -licudata -lstemmer -Wl,-Bdynamic -lz -llzma -lm -ldl -lpthread".split()


def build_qloop(work):
    """bench/qloop.c linked against build/libquoth.a -> WORK/qloop (rebuilt when either is newer)."""
    src, lib, exe = os.path.join(ROOT, "bench", "qloop.c"), os.path.join(ROOT, "build", "libquoth.a"), os.path.join(work, "qloop")
    if not os.path.exists(lib):
        print("inproc: %s not built (make)" % lib, file=sys.stderr)
        return None
    if os.path.exists(exe) and os.path.getmtime(exe) >= max(os.path.getmtime(src), os.path.getmtime(lib)):
        return exe
    cmd = ([os.environ.get("CC", "cc"), "-O2", "-std=c11", "-D_GNU_SOURCE", "-I" + os.path.join(ROOT, "include"),
            src, lib] + link_flags() + ["-lstdc++", "-o", exe])
    r = subprocess.run(cmd, stderr=subprocess.PIPE)
    if r.returncode != 0:
        print("inproc: cannot build qloop: %s\n%s" % (" ".join(cmd), r.stderr.decode()[-2000:]), file=sys.stderr)
        return None
    return exe


def qloop_line(cls, q):
    return ("F\t" if cls == "faceted" else "") + " ".join(quoth_args(cls, q))


def run_qloop(exe, index_paths, lines):
    """Runs LINES through one qloop process; [(ms, status, total)] per line."""
    p = subprocess.run([exe] + list(index_paths), input="".join(l + "\n" for l in lines).encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("qloop exited %d: %s" % (p.returncode, p.stderr.decode()[-500:]))
    out = []
    for l in p.stdout.decode().splitlines():
        us, st, tot = l.split("\t")
        out.append((float(us) / 1000, int(st), int(tot)))
    if len(out) != len(lines):
        raise RuntimeError("qloop answered %d of %d queries" % (len(out), len(lines)))
    return out


def summarize(xs):
    return {"n": len(xs), "p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99)}


def cmd_inproc(work):
    """quoth in-process (qloop, one process, index opened once) and FTS5 in-process (one sqlite3 connection)."""
    import sqlite3
    Q = json.load(open(os.path.join(work, "queries.json")))["classes"]
    idx = os.path.join(work, "idx")
    res = {"rows": [], "note": ""}
    exe = build_qloop(work)
    quoth_idx = os.path.join(idx, "quoth")
    qlat = {}
    if exe and os.path.isdir(quoth_idx):
        warm = [qloop_line(c, q) for c, qs in Q.items() for q in qs[:3]]
        lines, owner = [], []
        for c, qs in Q.items():
            for q in qs:
                lines.append(qloop_line(c, q))
                owner.append(c)
        print("inproc: quoth, %d queries in one process ..." % len(lines), file=sys.stderr, flush=True)
        out = run_qloop(exe, [quoth_idx], warm + lines)[len(warm):]
        for c in Q:
            xs = [o for o, k in zip(out, owner) if k == c]
            qlat[c] = ([x[0] for x in xs], sum(1 for x in xs if x[1] == 0 and x[2] > 0),
                       sum(1 for x in xs if x[1] != 0))
    flat = {}
    fts = os.path.join(idx, "fts5.db")
    if os.path.exists(fts):
        print("inproc: fts5, one sqlite3 connection ...", file=sys.stderr, flush=True)
        con = sqlite3.connect("file:%s?mode=ro" % fts, uri=True)
        for c, qs in Q.items():
            for q in qs[:3]:
                for st in fts5_sql(c, q):
                    con.execute(st).fetchall()
            xs = []
            for q in qs:
                t0 = time.perf_counter()
                for st in fts5_sql(c, q):
                    con.execute(st).fetchall()
                xs.append((time.perf_counter() - t0) * 1000)
            flat[c] = xs
        con.close()
    whole = {}
    qj = os.path.join(work, "query.json")
    if os.path.exists(qj):
        whole = {(r["class"], r["tool"]): r for r in json.load(open(qj))["rows"] if r.get("n")}
    for c in Q:
        row = {"class": c, "target": INPROC_TARGET_MS.get(c, 2.0)}
        if c in qlat:
            xs, nhit, nerr = qlat[c]
            row["quoth"] = dict(summarize(xs), hit=nhit / max(len(xs), 1), errors=nerr)
        if c in flat:
            row["fts5"] = summarize(flat[c])
        for t in ("quoth", "fts5"):
            if (c, t) in whole:
                row[t + "_whole_p50"] = whole[c, t]["p50"]
        res["rows"].append(row)
    json.dump(res, open(os.path.join(work, "inproc.json"), "w"), indent=1)
    md = inproc_md(res)
    open(os.path.join(work, "inproc.md"), "w").write(md)
    print(md)


def f1(x, fmt="%.2f"):
    return "–" if x is None else fmt % x


def inproc_md(res):
    L = ["### Query latency in-process (ms)", "",
         "quoth: `bench/qloop.c`, one process over `build/libquoth.a` that opens the index once and runs "
         "every query through `quoth_search()` (limit 10, snippets, facets for the faceted class), timed "
         "with CLOCK_MONOTONIC around the call, after 3 warm-up queries per class — a server's view. "
         "FTS5: the same SQL through one Python `sqlite3` connection (statements executed and fetched). "
         "Target: quoth p50 ≤ 2 ms per class without facets, ≤ 20 ms with facets.", "",
         "| class | n | quoth p50 | p95 | p99 | target p50 | met | with hits | fts5 p50 | p95 | p99 "
         "| quoth whole-process p50 | fts5 whole-process p50 |",
         "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in res["rows"]:
        q, f = r.get("quoth"), r.get("fts5") or {}
        if q:
            met = "yes" if q["p50"] <= r["target"] else "**no**"
            qc = "%d | %.2f | %.2f | %.2f | ≤ %g | %s | %.0f%%" % (q["n"], q["p50"], q["p95"], q["p99"], r["target"],
                                                                 met, 100 * q["hit"])
        else:
            qc = "0 | – | – | – | ≤ %g | not run | –" % r["target"]
        L.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            r["class"], qc, f1(f.get("p50")), f1(f.get("p95")), f1(f.get("p99")),
            f1(r.get("quoth_whole_p50"), "%.1f"), f1(r.get("fts5_whole_p50"), "%.1f")))
        if q and q.get("errors"):
            L += ["", "**WARNING: %s: %d in-process quoth queries failed.**" % (r["class"], q["errors"])]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- shards
def free_port_pair(used):
    """A port P with P and P+1 free on 127.0.0.1 (checked by binding both)."""
    import socket
    rnd = random.Random()
    for _ in range(200):
        p = rnd.randrange(20000, 60000, 2)
        if p in used or p + 1 in used:
            continue
        socks = []
        try:
            for port in (p, p + 1):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                socks.append(s)
                s.bind(("127.0.0.1", port))
            return p
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free port pair on 127.0.0.1")


def children_of(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = open("/proc/%s/stat" % d).read()
                if int(st.rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def stop_servers(servers):
    """SIGTERM each serve-shard (it stops its xapian-tcpsrv children); SIGKILL + TERM the children's groups
    only if one does not stop within 10 s."""
    import signal
    for p, kids in servers:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p, kids in servers:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            print("shards: serve-shard %d did not stop on SIGTERM; killing it" % p.pid, file=sys.stderr)
            p.kill()
            p.wait()
        for k in kids:  # xapian-tcpsrv, each leading its own process group
            for _ in range(50):
                if not alive(k):
                    break
                time.sleep(0.1)
            else:
                try:
                    os.kill(-k, signal.SIGTERM)
                    print("shards: xapian-tcpsrv %d outlived its serve-shard; stopped it" % k, file=sys.stderr)
                except ProcessLookupError:
                    pass


def alive(pid):
    """PID exists and is not a zombie."""
    try:
        return open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def top_ids(out):
    try:
        o = json.loads(out)
    except Exception:
        return None
    return [h.get("id") for h in o.get("hits", [])], o.get("total")


def cmd_shards(work, quoth, nper):
    nper = int(nper)
    prep = json.load(open(os.path.join(work, "prep.json")))
    jsonl = os.path.join(work, "articles.jsonl")
    Q = json.load(open(os.path.join(work, "queries.json")))["classes"]
    single = os.path.join(work, "idx", "quoth")
    if not os.path.isdir(single):
        die("shards: no %s: run bench/index.sh first" % single)
    sdir = os.path.join(work, "shards")
    os.makedirs(sdir, exist_ok=True)
    builds = []
    for n in (4, 2):
        d = os.path.join(sdir, "shards%d" % n)
        shutil.rmtree(d, ignore_errors=True)
        print("shards: quoth index --shards %d ..." % n, file=sys.stderr, flush=True)
        wall, rss, rc, out, err = run_timed([quoth, "index", "--index", d, "--shards", str(n), jsonl])
        if rc != 0:
            die("shards: quoth index --shards %d exited %d: %s" % (n, rc, err[-1000:]))
        builds.append({"shards": n, "seconds": wall, "rss_mb": rss, "size_mb": du(d) / 1e6})
    ij = os.path.join(work, "index.json")
    if os.path.exists(ij):
        q1 = next((r for r in json.load(open(ij))["rows"] if r["tool"] == "quoth"), None)
        if q1:
            builds.insert(0, {"shards": 1, "seconds": q1["seconds"], "rss_mb": q1["rss_mb"], "size_mb": q1["size_mb"]})
    servers = []
    lat = defaultdict(list)
    same = defaultdict(int)
    compared = defaultdict(int)
    errs = defaultdict(int)
    err_sample = {}
    configs = [("1 index", single), ("4 local shards", os.path.join(sdir, "shards4")),
               ("2 remote shards", os.path.join(sdir, "remote2.list"))]
    import signal

    def on_term(sig, frame):  # SIGTERM/SIGHUP: leave through the finally below, stopping the servers
        raise SystemExit("shards: signal %d; stopping the servers" % sig)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    try:
        used = set()
        lines = []
        for k in range(2):
            port = free_port_pair(used)
            used.update((port, port + 1))
            log = open(os.path.join(sdir, "serve-%d.log" % k), "w")
            p = subprocess.Popen([quoth, "serve-shard", "--index", os.path.join(sdir, "shards2", "shard-%d" % k),
                                  "--port", str(port), "--host", "127.0.0.1"],
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
            servers.append((p, []))
            lines.append("remote 127.0.0.1:%d\n" % port)
        open(configs[2][1], "w").write("".join(lines))
        t0 = time.time()
        while True:
            for p, _ in servers:
                if p.poll() is not None:
                    raise RuntimeError("serve-shard exited %d (see %s/serve-*.log)" % (p.returncode, sdir))
            r = subprocess.run([quoth, "stats", "--index", configs[2][1]], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            if r.returncode == 0:
                break
            if time.time() - t0 > 60:
                raise RuntimeError("remote shards did not answer quoth stats within 60 s")
            time.sleep(0.2)
        servers[:] = [(p, children_of(p.pid)) for p, _ in servers]
        print("shards: servers up after %.1f s (%s)" % (time.time() - t0, ", ".join(l.strip() for l in lines)),
              file=sys.stderr)
        for cls, qs in Q.items():
            qs = qs[:nper]
            print("shards: %s (%d queries x 3) ..." % (cls, len(qs)), file=sys.stderr, flush=True)
            argv = {name: [quoth, "search"] + (["--facets"] if cls == "faceted" else []) +
                    ["--index", path, "--limit", "10", "--format=json"] for name, path in configs}
            for name, _ in configs:
                for q in qs[:3]:
                    subprocess.run(argv[name] + quoth_args(cls, q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for q in qs:
                ids = {}
                for name, _ in configs:
                    c = argv[name] + quoth_args(cls, q)
                    t0 = time.perf_counter()
                    p = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    lat[cls, name].append((time.perf_counter() - t0) * 1000)
                    if p.returncode not in (0, 1):
                        errs[cls, name] += 1
                        err_sample.setdefault((cls, name), (c, p.stderr.decode("utf-8", "replace")[-300:]))
                    else:
                        ids[name] = top_ids(p.stdout.decode("utf-8", "replace"))
                base = ids.get("1 index")
                for name, _ in configs[1:]:
                    if base and ids.get(name):
                        compared[cls, name] += 1
                        same[cls, name] += ids[name][0] == base[0]
    finally:
        stop_servers(servers)
    for k, (c, e) in err_sample.items():
        print("shards: %s/%s: %d errors, e.g. %s -> %s" % (k[0], k[1], errs[k], c, e.strip()), file=sys.stderr)
    rows = []
    for cls in Q:
        for name, _ in configs:
            xs = lat.get((cls, name), [])
            r = dict(summarize(xs), **{"class": cls, "config": name, "errors": errs[cls, name]})
            if name != "1 index":
                r["same_top10"] = same[cls, name] / max(compared[cls, name], 1) if compared[cls, name] else None
            rows.append(r)
    res = {"articles": prep["count"], "builds": builds, "rows": rows, "configs": [n for n, _ in configs]}
    json.dump(res, open(os.path.join(work, "shards.json"), "w"), indent=1)
    md = shards_md(res)
    open(os.path.join(work, "shards.md"), "w").write(md)
    print(md)


def shards_md(res):
    by = {(r["class"], r["config"]): r for r in res["rows"]}
    classes = list(dict.fromkeys(r["class"] for r in res["rows"]))
    cf = res["configs"]
    L = ["### 1 index vs 4 local shards vs 2 remote shards (whole process, ms)", "",
         "Same articles, `quoth index --shards 4` and `--shards 2`; the two shards of the latter served by "
         "`quoth serve-shard --host 127.0.0.1` (xapian-tcpsrv, same machine) and searched through a shard "
         "list of `remote 127.0.0.1:P` lines. Each query runs in a new `quoth search` process, the three "
         "set-ups interleaved query by query after 3 warm-ups per class. \"Same top 10\": share of "
         "queries whose ten hit ids, in order, equal the single index's.", "",
         "| class | n | " + " | ".join("%s p50 / p95" % c for c in cf) + " | " +
         " | ".join("÷ 1 index (%s)" % c for c in cf[1:]) + " | " +
         " | ".join("same top 10 (%s)" % c for c in cf[1:]) + " | errors |",
         "| --- | ---: | " + " | ".join("---:" for _ in cf) + " | " + " | ".join("---:" for _ in cf[1:]) + " | " +
         " | ".join("---:" for _ in cf[1:]) + " | ---: |"]
    for c in classes:
        rs = [by[c, n] for n in cf]
        L.append("| %s | %d | %s | %s | %s | %d |" % (
            c, rs[0]["n"],
            " | ".join("%.1f / %.1f" % (r["p50"], r["p95"]) if r["n"] else "–" for r in rs),
            " | ".join("%.2f" % (r["p50"] / rs[0]["p50"]) if r["n"] and rs[0]["n"] else "–" for r in rs[1:]),
            " | ".join("%.0f%%" % (100 * r["same_top10"]) if r.get("same_top10") is not None else "–" for r in rs[1:]),
            sum(r["errors"] for r in rs)))
    if res.get("builds"):
        L += ["", "| index | build seconds | peak RSS MB | size MB |", "| --- | ---: | ---: | ---: |"]
        for b in res["builds"]:
            L.append("| %s | %.1f | %.0f | %.1f |" % (
                "1 index (bench/index.sh)" if b["shards"] == 1 else "--shards %d" % b["shards"],
                b["seconds"], b["rss_mb"], b["size_mb"]))
    for c in classes:
        for n in cf:
            if by[c, n]["errors"]:
                L += ["", "**WARNING: %s / %s: %d queries exited with an error.**" % (c, n, by[c, n]["errors"])]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- growth
GROWTH_LIMIT = 1.3  # s/MB at the largest N within 1.3x that at the smallest


def time_quoth_queries(quoth, index, Q, nper):
    """Whole-process quoth search latency per class (3 warm-ups per class): {class: summary}."""
    out = {}
    for cls, qs in Q.items():
        qs = qs[:nper]
        base = [quoth, "search"] + (["--facets"] if cls == "faceted" else []) + [
            "--index", index, "--limit", "10", "--format=json"]
        for q in qs[:3]:
            subprocess.run(base + quoth_args(cls, q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        xs, nerr = [], 0
        for q in qs:
            t0 = time.perf_counter()
            p = subprocess.run(base + quoth_args(cls, q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            xs.append((time.perf_counter() - t0) * 1000)
            nerr += p.returncode not in (0, 1)
        out[cls] = dict(summarize(xs), errors=nerr)
    return out


def cmd_growth(corpus, work, quoth, nq, ns, omindex):
    nq = int(nq)
    ns = sorted(set(int(x) for x in ns.replace(",", " ").split()))
    if not ns:
        die("growth: no sizes (BENCH_GROWTH=\"10000 30000 100000\")")
    omindex = omindex not in ("", "0", "no")
    src = os.path.join(work, "src")
    os.makedirs(src, exist_ok=True)
    t_start = time.time()
    cmd_prep(corpus, ns[-1], src)
    arts = os.path.join(src, "articles.jsonl")
    avail = json.load(open(os.path.join(src, "prep.json")))["count"]
    ns = sorted(set(min(n, avail) for n in ns))
    res = {"corpus": os.path.abspath(corpus), "omindex": omindex, "queries": nq, "points": [],
           "date": time.strftime("%Y-%m-%d %H:%M"), "host": os.uname().nodename, "cpus": os.cpu_count()}
    for n in ns:
        d = os.path.join(work, "n%d" % n)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        text = 0
        with open(arts, encoding="utf-8") as f, open(os.path.join(d, "articles.jsonl"), "w", encoding="utf-8") as o:
            for i, line in enumerate(f):
                if i >= n:
                    break
                a = json.loads(line)
                text += len(a["title"].encode()) + len(a["text"].encode())
                o.write(line)
        mb = text / 1e6
        pt = {"n": n, "text_mb": mb}
        print("growth: %d articles, %.1f MB: quoth index ..." % (n, mb), file=sys.stderr, flush=True)
        qdir = os.path.join(d, "quoth")
        subprocess.run(["sync"])
        wall, rss, rc, out, err = run_timed([quoth, "index", "--index", qdir, os.path.join(d, "articles.jsonl")])
        if rc != 0:
            die("growth: quoth index exited %d: %s" % (rc, err[-1000:]))
        pt["quoth"] = {"seconds": wall, "s_per_mb": wall / mb, "rss_mb": rss, "size_mb": du(qdir) / 1e6}
        if omindex:
            files = os.path.join(d, "files")  # hard links to the first n prepared files (same mtimes)
            for i in range(n):
                sub = "%03d" % (i // 1000)
                if i % 1000 == 0:
                    os.makedirs(os.path.join(files, sub))
                name = "%06d.txt" % i
                os.link(os.path.join(src, "files", sub, name), os.path.join(files, sub, name))
            odir = os.path.join(d, "omega")
            print("growth: %d articles: omindex ..." % n, file=sys.stderr, flush=True)
            subprocess.run(["sync"])
            wall, rss, rc, out, err = run_timed(["omindex", "--db", odir, "--url", "/", "--mime-type",
                                                 "txt:text/plain", "--overwrite", files])
            pt["omindex"] = {"seconds": wall, "s_per_mb": wall / mb, "rss_mb": rss, "size_mb": du(odir) / 1e6, "rc": rc}
            shutil.rmtree(odir, ignore_errors=True)
            shutil.rmtree(files, ignore_errors=True)
        cmd_queries(d, os.environ.get("BENCH_SEED") or "20061020", nq)
        Q = json.load(open(os.path.join(d, "queries.json")))["classes"]
        print("growth: %d articles: %d queries per class ..." % (n, nq), file=sys.stderr, flush=True)
        pt["query"] = time_quoth_queries(quoth, qdir, Q, nq)
        res["points"].append(pt)
        shutil.rmtree(d, ignore_errors=True)  # indexes can be large; keep only the figures
        json.dump(res, open(os.path.join(work, "growth.json"), "w"), indent=1)
    res["seconds"] = time.time() - t_start
    json.dump(res, open(os.path.join(work, "growth.json"), "w"), indent=1)
    md = growth_md(res)
    out = os.path.join(ROOT, "bench", "results-growth.md")
    open(out, "w").write("# quoth cost growth\n\nProduced by `bench/growth.sh` (BENCH_GROWTH=\"%s\") on %s, %s; "
                         "%d CPUs; %.0f s in all.\n\n" % (" ".join(str(p["n"]) for p in res["points"]), res["date"],
                                                          res["host"], res["cpus"], res["seconds"]) + md)
    print(md)
    print("growth: wrote %s" % out)


def growth_md(res):
    P = res["points"]
    classes = list(P[0]["query"]) if P else []
    tools = ["quoth"] + (["omindex"] if res.get("omindex") else [])
    L = ["### Cost growth: indexing the first N articles, and query p50 at each N", "",
         "Each N indexed into a fresh directory (whole process, wall clock); queries (%d per class, "
         "drawn from those N articles with the same rules and seed as the main bench) are whole "
         "`quoth search` processes." % res["queries"], "",
         "| N | text MB | " + " | ".join("%s s | %s s/MB | %s peak RSS MB | %s index MB" % (t, t, t, t) for t in tools) +
         " | " + " | ".join("%s p50 ms" % c for c in classes) + " |",
         "| ---: | ---: | " + " | ".join("---: | ---: | ---: | ---:" for _ in tools) + " | " +
         " | ".join("---:" for _ in classes) + " |"]
    for p in P:
        L.append("| %d | %.1f | %s | %s |" % (
            p["n"], p["text_mb"],
            " | ".join("%.1f | %.3f | %.0f | %.1f" % (p[t]["seconds"], p[t]["s_per_mb"], p[t]["rss_mb"], p[t]["size_mb"])
                       for t in tools),
            " | ".join("%.1f" % p["query"][c]["p50"] for c in classes)))
    if len(P) >= 2:
        L.append("")
        for t in tools:
            r = P[-1][t]["s_per_mb"] / P[0][t]["s_per_mb"]
            L.append("* %s: s/MB at N=%d is %.2fx that at N=%d: %s (limit %.1fx)." % (
                t, P[-1]["n"], r, P[0]["n"], "within" if r <= GROWTH_LIMIT else "**not within**", GROWTH_LIMIT))
        L.append("* quoth query p50, N=%d ÷ N=%d: %s." % (P[-1]["n"], P[0]["n"], ", ".join(
            "%s %.2fx" % (c, P[-1]["query"][c]["p50"] / P[0]["query"][c]["p50"]) for c in classes)))
    errs = sum(p["query"][c]["errors"] for p in P for c in classes)
    if errs:
        L += ["", "**WARNING: %d growth queries exited with an error.**" % errs]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- report
def cmd_report(work, outdir):
    parts = ["# quoth benchmark results", "",
             "Produced by `make bench` (bench/run.sh) on %s, %s; %d CPUs." % (
                 time.strftime("%Y-%m-%d %H:%M"), os.uname().nodename, os.cpu_count()), ""]
    ij = os.path.join(work, "index.json")
    if os.path.exists(ij):
        parts.append(index_md(json.load(open(ij))))
    qj = os.path.join(work, "query.json")
    if os.path.exists(qj):
        res = json.load(open(qj))
        parts.append(query_md(res))
        classes = list(dict.fromkeys(r["class"] for r in res["rows"]))
        tools = ["quoth", "quest", "fts5", "rg"]
        by = {(r["class"], r["tool"]): r for r in res["rows"]}
        inp = {}
        ipj = os.path.join(work, "inproc.json")
        if os.path.exists(ipj):
            inp = {r["class"]: r for r in json.load(open(ipj))["rows"]}
        dat = os.path.join(work, "query.dat")
        with open(dat, "w") as f:
            f.write("# class " + " ".join(tools) + " quoth-inproc fts5-inproc\n")
            for c in classes:
                f.write('"%s" ' % c + " ".join(
                    ("%.3f" % by[c, t]["p50"]) if by.get((c, t), {}).get("n") else "NaN" for t in tools) + " " +
                    " ".join(("%.3f" % inp[c][t]["p50"]) if inp.get(c, {}).get(t, {}).get("n") else "NaN"
                             for t in ("quoth", "fts5")) + "\n")
        png = os.path.join(outdir, "results.png")
        gp = """set terminal pngcairo size 1000,560 noenhanced
set output '%s'
set title 'quoth vs peers: query latency p50, whole process and in-process (ms, log scale)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set yrange [0.1:*]
set ylabel 'ms'
set grid ytics
set key outside right top
set xtics rotate by -20
plot '%s' using 2:xtic(1) title 'quoth', '' using 3 title 'quest', '' using 4 title 'fts5 (sqlite3)', '' using 5 title 'rg', '' using 6 title 'quoth in-process', '' using 7 title 'fts5 in-process'
""" % (png, dat)
        r = subprocess.run(["gnuplot"], input=gp.encode(), stderr=subprocess.PIPE)
        if r.returncode != 0:
            gp = gp.replace("pngcairo", "png")
            r = subprocess.run(["gnuplot"], input=gp.encode(), stderr=subprocess.PIPE)
        if r.returncode == 0:
            parts.append("![query latency by class and tool](results.png)\n")
        else:
            print("report: gnuplot failed: %s" % r.stderr.decode()[-500:], file=sys.stderr)
    for name, fn in (("inproc", inproc_md), ("shards", shards_md)):
        j = os.path.join(work, name + ".json")
        if os.path.exists(j):
            parts.append(fn(json.load(open(j))))
    gj = os.path.join(work, "growth", "growth.json")
    if os.path.exists(gj):
        g = json.load(open(gj))
        if g.get("points"):
            parts.append(growth_md(g).replace("### Cost growth:", "### Cost growth (bench/growth.sh, %s, %s):" % (
                g.get("date", "?"), g.get("corpus", "?").rsplit("/", 1)[-1]), 1) +
                "\nOpt-in (`BENCH_GROWTH=\"10000 30000 100000\" make bench` or `bench/growth.sh`); "
                "the figures above are from the last such run (bench/results-growth.md).\n")
    else:
        parts.append("### Cost growth\n\nNot measured in this run (opt-in: `BENCH_GROWTH=\"10000 30000 100000\" "
                     "make bench` or `bench/growth.sh`; see bench/results-growth.md).\n")
    out = os.path.join(outdir, "results.md")
    open(out, "w").write("\n".join(parts))
    print("report: wrote %s" % out)


if __name__ == "__main__":
    cmds = {"prep": cmd_prep, "fts5-build": cmd_fts5_build, "index": cmd_index,
            "queries": cmd_queries, "query": cmd_query, "inproc": cmd_inproc, "shards": cmd_shards,
            "growth": cmd_growth, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        die(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
