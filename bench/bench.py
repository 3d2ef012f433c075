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


def commands(cls, q, tool, paths):
    """argv for one query, or None when the tool cannot run that class."""
    w = q["words"]
    phrase = '"%s"' % " ".join(w)
    if tool == "quoth":
        base = [paths["quoth"], "search", "--index", paths["quoth_idx"], "--limit", "10", "--format=json"]
        if cls in ("common word", "rare word"):
            return base + [w[0]]
        if cls == "two-word AND":
            return base + w
        if cls == "phrase":
            return base + [phrase]
        if cls == "phrase + date":
            return base + [phrase, "date:%s..%s" % (q["from"], q["to"])]
        if cls == "faceted":
            return base[:2] + ["--facets"] + base[2:] + [w[0]]
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
        sel = "SELECT rowid, title, date, bm25(docs) FROM docs WHERE docs MATCH '%s'%s ORDER BY rank LIMIT 10;"
        if cls in ("common word", "rare word", "faceted"):
            m = '"%s"' % w[0]
        elif cls == "two-word AND":
            m = '"%s" AND "%s"' % tuple(w)
        else:
            m = phrase
        extra = " AND date BETWEEN '%s' AND '%s'" % (q["from"], q["to"]) if cls == "phrase + date" else ""
        sql = sel % (m, extra)
        if cls == "faceted":
            sql += (" SELECT substr(date,1,7), count(*) FROM docs WHERE docs MATCH '%s' GROUP BY 1;"
                    " SELECT author, count(*) c FROM docs WHERE docs MATCH '%s' GROUP BY 1 ORDER BY c DESC;" % (m, m))
        return ["sqlite3", "-readonly", paths["fts5"], sql]
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
            for t in tools:
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
    L += ["", "Notes: quest has no date-range syntax, so phrase + date uses omindex's month terms "
          "(file mtime = article date) OR-ed as a boolean filter; quest has no facet counts; FTS5's "
          "facets are two GROUP BY queries (month, author) in the same sqlite3 process; rg runs "
          "fewer queries per class (BENCH_RG_QUERIES; -F -i for phrases, -w -i for words, two rg -l for AND)."]
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
        dat = os.path.join(work, "query.dat")
        with open(dat, "w") as f:
            f.write("# class " + " ".join(tools) + "\n")
            for c in classes:
                f.write('"%s" ' % c + " ".join(
                    ("%.3f" % by[c, t]["p50"]) if by.get((c, t), {}).get("n") else "NaN" for t in tools) + "\n")
        png = os.path.join(outdir, "results.png")
        gp = """set terminal pngcairo size 1000,560 noenhanced
set output '%s'
set title 'quoth vs peers: whole-process query latency, p50 (ms, log scale)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set yrange [1:*]
set ylabel 'ms'
set grid ytics
set key outside right top
set xtics rotate by -20
plot '%s' using 2:xtic(1) title 'quoth', '' using 3 title 'quest', '' using 4 title 'fts5 (sqlite3)', '' using 5 title 'rg'
""" % (png, dat)
        r = subprocess.run(["gnuplot"], input=gp.encode(), stderr=subprocess.PIPE)
        if r.returncode != 0:
            gp = gp.replace("pngcairo", "png")
            r = subprocess.run(["gnuplot"], input=gp.encode(), stderr=subprocess.PIPE)
        if r.returncode == 0:
            parts.append("![query latency by class and tool](results.png)\n")
        else:
            print("report: gnuplot failed: %s" % r.stderr.decode()[-500:], file=sys.stderr)
    out = os.path.join(outdir, "results.md")
    open(out, "w").write("\n".join(parts))
    print("report: wrote %s" % out)


if __name__ == "__main__":
    cmds = {"prep": cmd_prep, "fts5-build": cmd_fts5_build, "index": cmd_index,
            "queries": cmd_queries, "query": cmd_query, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        die(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
