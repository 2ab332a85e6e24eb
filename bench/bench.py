#!/usr/bin/env python3
"""make bench: dealdb against the sqlite3 shell and sqlite-utils, side by side.

Usage: bench/bench.py BIN_DIR WORK_DIR [--runs N]
Prints the Markdown table that docs/PERFORMANCE.md quotes. Medians of N runs;
ratios are dealdb / reference."""
import os, platform, statistics, subprocess, sys, time

bin_dir, work = sys.argv[1], sys.argv[2]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
dealdb = os.path.join(bin_dir, "dealdb")
gen = os.path.join(bin_dir, "dealdb-bench-data")
os.makedirs(work, exist_ok=True)

def sh(args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)

def timed(setup, action, n=runs):
    times = []
    for _ in range(n):
        if setup: setup()
        start = time.perf_counter(); action(); times.append(time.perf_counter() - start)
    return statistics.median(times)

def fresh(db, drop_search_triggers=False):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix): os.remove(db + suffix)
    sh([dealdb, "init", "--db", db])
    if drop_search_triggers:
        drops = sh(["sqlite3", db, "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search%'"]).stdout
        sh(["sqlite3", db], input=drops)

csv1, csv01 = os.path.join(work, "csv-1"), os.path.join(work, "csv-0.1")
if not os.path.exists(os.path.join(csv1, "terms.csv")): sh([gen, "--scale", "1", "--out", csv1])
if not os.path.exists(os.path.join(csv01, "terms.csv")): sh([gen, "--scale", "0.1", "--out", csv01])
order = sh([dealdb, "--version"]) and ["citables", "sources", "citations", "parties", "projects", "agreements",
        "party_aliases", "project_route", "agreement_parties", "events", "terms", "event_parties"]
rows = []
db = os.path.join(work, "d.db"); ref = os.path.join(work, "ref.db")

t_import = timed(lambda: fresh(db), lambda: sh([dealdb, "import", "--db", db, "--dir", csv1]))
script = "".join(f".import --csv --skip 1 {csv1}/{t}.csv {t}\n" for t in order).encode()
t_sqlite = timed(lambda: fresh(ref, True), lambda: subprocess.run(["sqlite3", ref], input=script, capture_output=True))
rows.append(("`import --dir`, scale 1 (1.1 M rows)", t_import, "sqlite3 `.import --csv --skip 1`, search triggers dropped", t_sqlite, "<= 1.0"))

table = "citations"
out = os.path.join(work, "out.csv")
t_export = timed(None, lambda: sh([dealdb, "export", "--db", db, table, "--format", "csv", "-o", out]))
t_sqexp = timed(None, lambda: sh(["sh", "-c", f"sqlite3 -csv -header {db} 'SELECT * FROM {table}' > {out}"]))
rows.append((f"`export {table}` as CSV (330 k rows)", t_export, "`sqlite3 -csv -header`", t_sqexp, "<= 1.0"))

if subprocess.run(["sh", "-c", "command -v sqlite-utils"], capture_output=True).returncode != 0:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "sqlite-utils"], check=False)
def su():
    for t in order: sh(["sqlite-utils", "insert", ref, t, f"{csv1}/{t}.csv", "--csv"])
t_su = timed(lambda: fresh(ref, True), su, n=1)
rows.append(("CSV import of the same files", t_import, "`sqlite-utils insert --csv` (1 run)", t_su, ">= 20x faster"))

queries = [l.split()[0] for l in sh([dealdb, "queries", "--db", db, "--format", "csv"]).stdout.decode().splitlines()[1:] if l]
lat = {"list --party party-42": timed(None, lambda: sh([dealdb, "list", "--db", db, "--party", "party-42", "--format", "csv"]), n=5)}
for q in queries:
    name = q.split(",")[0]
    lat["query " + name] = timed(None, lambda: sh([dealdb, "query", "--db", db, name, "--format", "csv"]), n=5)

gem = "../shared/test-data/gem/ggit-map-2024-10-06.csv"
gemdb = os.path.join(work, "gem.db")
t_gem = timed(lambda: fresh(gemdb), lambda: sh([dealdb, "import", "--db", gemdb, "--from", "gem", gem])) if os.path.exists(gem) else None

seed = os.path.join(work, "seed.db")
if not os.path.exists(seed): sh([dealdb, "init", "--db", seed, "--seed"])
t_ver = timed(None, lambda: sh([dealdb, "--version"]), n=11)
t_sqv = timed(None, lambda: sh(["sqlite3", seed, "SELECT sqlite_version()"]), n=11)
t_list = timed(None, lambda: sh([dealdb, "list", "--db", seed, "--format", "csv"]), n=11)
t_sql = timed(None, lambda: sh(["sqlite3", "-csv", seed, "SELECT id, title, kind, status, signed FROM agreements ORDER BY signed"]), n=11)

def rss(dbpath):
    r = subprocess.run(["/usr/bin/time", "-v", dealdb, "export", "--db", dbpath, table, "--format", "csv", "-o", out], capture_output=True, text=True)
    return [int(l.split()[-1]) for l in r.stderr.splitlines() if "Maximum resident" in l][0] // 1024
db01 = os.path.join(work, "d01.db"); fresh(db01); sh([dealdb, "import", "--db", db01, "--dir", csv01])

print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; medians of {runs} runs unless noted\n")
print("| work | dealdb | reference | ratio | goal |\n|---|---|---|---|---|")
for what, ours, refname, theirs, goal in rows:
    print(f"| {what} | {ours:.2f} s | {refname}: {theirs:.2f} s | {ours / theirs:.2f} | {goal} |")
for name, t in lat.items():
    print(f"| `{name}`, scale 1 | {t * 1000:.0f} ms | | | < 50 ms |")
if t_gem: print(f"| GEM map-file import (4,899 rows) | {t_gem:.2f} s, {4899 / t_gem:.0f} rows/s | | | |")
print(f"| `dealdb --version` | {t_ver * 1000:.0f} ms | `sqlite3 SELECT sqlite_version()`: {t_sqv * 1000:.0f} ms | {t_ver / t_sqv:.2f} | <= 2 |")
print(f"| `dealdb list` on the seed | {t_list * 1000:.0f} ms | sqlite3 same SELECT: {t_sql * 1000:.0f} ms | {t_list / t_sql:.2f} | <= 2 |")
print(f"| peak RSS, `export {table}` | scale 0.1: {rss(db01)} MB, scale 1: {rss(db)} MB | | | flat |")
