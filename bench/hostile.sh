#!/usr/bin/env bash
# The hostile run (issue 15): attacks on dealdb by area, each judged
#   held    dealdb did the right thing
#   weak    no damage, but the user is misled, kept waiting or left a mess
#   broken  damage, a crash, a lie, or a trap
# Usage: bench/hostile.sh [path/to/dealdb]     (make hostile builds and runs it)
# Exit status 0 only when every attack held. Some attacks need root (mknod,
# tmpfs) and say "skipped" without it. Needs sqlite3 and python3.
set -u
DEALDB=${1:-.build/debug/dealdb}
DEALDB=$(cd "$(dirname "$DEALDB")" && pwd)/$(basename "$DEALDB")
[ -x "$DEALDB" ] || { echo "hostile: no dealdb at $DEALDB (swift build first)" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/dealdb-hostile.XXXXXX")
MOUNTS=()
cleanup() { for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done; rm -rf "$W"; }
trap cleanup EXIT
cd "$W" || exit 2
export XDG_DATA_HOME=$W/home XDG_CONFIG_HOME=$W/home DEALDB_PATH=
held=0; weak=0; broken=0; skipped=0

d() { "$DEALDB" "$@"; }
verdict() {  # held|weak|broken|skipped, attack, detail
    case $1 in
        held) held=$((held + 1)); printf 'held     %s\n' "$2" ;;
        weak) weak=$((weak + 1)); printf 'WEAK     %s: %s\n' "$2" "$3" ;;
        broken) broken=$((broken + 1)); printf 'BROKEN   %s: %s\n' "$2" "$3" ;;
        skipped) skipped=$((skipped + 1)); printf 'skipped  %s: %s\n' "$2" "$3" ;;
    esac
}
# A crash is a signal or a trap (Swift traps give SIGILL/SIGTRAP: 132, 133).
crashed() { [ "$1" -ge 129 ] && [ "$1" -ne 130 ] && [ "$1" -ne 141 ] && [ "$1" -ne 143 ]; }
# judge NAME STATUS WANTED_STATUS STDERR_FILE [GREP_PATTERN]
judge() {
    local name=$1 got=$2 want=$3 err=$4 pattern=${5:-}
    if crashed "$got"; then verdict broken "$name" "exit $got: $(head -c 200 "$err")"; return; fi
    if [ "$got" != "$want" ]; then verdict broken "$name" "exit $got, wanted $want: $(head -c 200 "$err")"; return; fi
    if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$err"; then
        verdict weak "$name" "message: $(head -c 200 "$err")"; return
    fi
    verdict held "$name"
}
fingerprint() { sqlite3 "$1" .dump | md5sum; }
fresh() { cp seed.db "$1"; echo "$1"; }
is_root() { [ "$(id -u)" = 0 ]; }
# Same output, but for the report's "Generated <time>" (to the second).
same() { cmp -s <(sed -E 's/Generated [0-9-]+ [0-9:]+/Generated/' "$1") <(sed -E 's/Generated [0-9-]+ [0-9:]+/Generated/' "$2"); }
no_escape() { ! LC_ALL=C grep -q "$(printf '\033')\|$(printf '\342\200\256')" "$@"; }

d init --db seed.db --seed > /dev/null || { echo "hostile: init failed" >&2; exit 2; }
sqlite3 seed.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null

echo "== output files (-o) never replace what is not ours"
WRITERS=("list" "export --format yaml" "export --format json" "export agreements --format csv" "chart timeline"
         "chart flows" "report" "graph --format dot" "query timeline")
for command in "${WRITERS[@]}"; do
    rm -rf o && mkdir o && cd o
    # shellcheck disable=SC2086
    d $command --db ../seed.db > expected 2> err; status=$?
    if crashed $status || [ $status != 0 ]; then verdict broken "-o: $command" "exit $status"; cd ..; continue; fi
    echo old > target; chmod 600 target; ln -s target link
    # shellcheck disable=SC2086
    d $command --db ../seed.db -o link 2> err
    if [ ! -L link ]; then verdict broken "-o symlink: $command" "the link was replaced"
    elif ! same target expected; then verdict broken "-o symlink: $command" "the target was not written"
    elif [ "$(stat -c %a target)" != 600 ]; then verdict broken "-o 0600: $command" "mode now $(stat -c %a target)"
    else verdict held "-o symlink, 0600 mode: $command"; fi
    mkfifo fifo; (cat fifo > fromfifo &); sleep 0.1
    # shellcheck disable=SC2086
    timeout 20 "$DEALDB" $command --db ../seed.db -o fifo 2> err; status=$?; sleep 0.1
    if [ -p fifo ] && same fromfifo expected && [ $status = 0 ]; then verdict held "-o FIFO: $command"
    else verdict broken "-o FIFO: $command" "exit $status, fifo $( [ -p fifo ] && echo kept || echo replaced)"; fi
    if is_root; then
        mknod -m 666 null c 1 3
        # shellcheck disable=SC2086
        d $command --db ../seed.db -o null 2> err; status=$?
        if [ -c null ] && [ $status = 0 ]; then verdict held "-o device: $command"
        else verdict broken "-o device: $command" "exit $status, $(stat -c %F null)"; fi
    else verdict skipped "-o device: $command" "mknod needs root"; fi
    # shellcheck disable=SC2086
    d $command --db ../seed.db -o - > dash 2> err
    if same dash expected && [ ! -e ./- ]; then verdict held "-o - is stdout: $command"
    else verdict broken "-o - is stdout: $command" "a file named - or different output"; fi
    ls -a | grep -q dealdb-tmp && verdict weak "-o leaves no temporary: $command" "$(ls -a | grep dealdb-tmp)"
    cd ..
done
mkdir -p adir; d list --db seed.db -o adir 2> err; judge "-o a directory" $? 1 err "is a directory"
d list --db seed.db -o nodir/x.csv 2> err; judge "-o into a missing directory" $? 1 err "no directory"
rm -rf all && mkdir all && echo old > all/real.csv && ln -s real.csv all/agreements.csv
d export --db seed.db --all all > /dev/null 2> err
if [ -L all/agreements.csv ] && grep -q '^id,' all/real.csv; then verdict held "export --all follows a link"
else verdict broken "export --all follows a link" "link replaced or target not written"; fi

echo "== backup and init never replace what is not theirs"
b=$(fresh b.db); d list --db "$b" > /dev/null; before=$(fingerprint "$b")
for suffix in -wal -shm -journal; do
    d backup --db "$b" "$b$suffix" --force 2> err; status=$?
    if [ $status = 0 ]; then verdict broken "backup onto the source's $suffix" "exit 0"
    elif [ "$(fingerprint "$b")" != "$before" ]; then verdict broken "backup onto the source's $suffix" "database changed"
    else judge "backup onto the source's $suffix" $status 1 err "is the $suffix file"; fi
done
i=$(fresh i.db); ln -sf i.db ilink; d init --db ilink --force > /dev/null 2> err; status=$?
if [ -L ilink ] && [ $status = 0 ]; then verdict held "init --force on a symlink follows it"
else verdict broken "init --force on a symlink follows it" "exit $status, link $( [ -L ilink ] && echo kept || echo replaced)"; fi
if is_root; then
    mknod -m 666 dev c 1 3
    d init --db dev --force 2> err; s1=$?; d backup --db seed.db dev --force 2> err2; s2=$?
    if [ -c dev ] && [ $s1 = 1 ] && [ $s2 = 1 ]; then verdict held "init/backup onto a device refused"
    else verdict broken "init/backup onto a device refused" "exit $s1/$s2, $(stat -c %F dev)"; fi
else verdict skipped "init/backup onto a device" "mknod needs root"; fi
# kill -9 during a backup: the next backup removes the temporary file.
big=$(fresh big.db); sqlite3 "$big" "CREATE TABLE padding(b BLOB); INSERT INTO padding SELECT randomblob(1000000) FROM generate_series(1, 60)" 2>/dev/null \
    || sqlite3 "$big" "CREATE TABLE padding(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 60) INSERT INTO padding SELECT randomblob(1000000) FROM n"
"$DEALDB" backup --db "$big" bk.db & pid=$!; sleep 0.15; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
d backup --db seed.db bk.db --force > /dev/null 2>&1
if ls -a | grep -q '^\.bk\.db\.dealdb-tmp'; then verdict weak "kill -9 during backup, then backup again" "temporary left: $(ls -a | grep bk.db)"
else verdict held "kill -9 during backup, then backup again: no temporary left"; fi
touch .out.csv.dealdb-tmp-999999; d list --db seed.db -o out.csv 2>/dev/null
if [ -e .out.csv.dealdb-tmp-999999 ]; then verdict weak "a stale -o temporary is removed" "still there"
else verdict held "a stale -o temporary is removed"; fi

echo "== sql --write cannot leave its transaction"
while IFS='|' read -r sql; do
    w=$(fresh w.db); before=$(fingerprint "$w")
    d sql --db "$w" --write "$sql" > /dev/null 2> err; status=$?
    after=$(fingerprint "$w"); mode=$(sqlite3 "$w" "PRAGMA journal_mode"); ok=$(sqlite3 "$w" "PRAGMA integrity_check")
    if crashed $status; then verdict broken "sql --write: $sql" "exit $status"
    elif [ "$after" != "$before" ] && grep -q "nothing was changed" err; then verdict broken "sql --write: $sql" "changed, yet says nothing was changed"
    elif [ "$after" != "$before" ] || [ "$mode" != wal ] || [ "$ok" != ok ]; then verdict broken "sql --write: $sql" "changed (journal $mode, integrity $ok), exit $status"
    elif [ $status = 0 ]; then verdict weak "sql --write: $sql" "exit 0"
    else judge "sql --write: $sql" $status 1 err "not allowed"; fi
done <<'EOF'
DELETE FROM event_parties; COMMIT; SELECT * FROM nosuchtable
DELETE FROM event_parties; END; SELECT * FROM nosuchtable
COMMIT; PRAGMA journal_mode=DELETE; BEGIN
DELETE FROM event_parties; ROLLBACK; DELETE FROM parties
SAVEPOINT s; DELETE FROM event_parties; RELEASE s; SELECT * FROM nosuchtable
PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = 'CREATE TABLE parties(x)' WHERE name = 'parties'
PRAGMA user_version = 99
PRAGMA schema_version = 1
PRAGMA main.journal_mode = OFF
PRAGMA ignore_check_constraints = ON; UPDATE agreements SET status = 'bogus'
EOF
w=$(fresh w.db); d sql --db "$w" "ATTACH 'other.db' AS o" 2> err; judge "sql ATTACH" $? 1 err "not allowed"
[ -e other.db ] && verdict broken "sql ATTACH created a file" "other.db"
d sql --db "$w" "SELECT load_extension('x')" 2> err; judge "sql load_extension" $? 1 err "not allowed: load_extension"
d sql --db "$w" "DELETE FROM parties" 2> err; judge "sql without --write refuses a write" $? 1 err "--write was not given"
d sql --db "$w" "VACUUM INTO 'copy.db'" 2> err; s=$?; [ -e copy.db ] && verdict broken "sql VACUUM INTO without --write" "wrote copy.db" || judge "sql VACUUM INTO without --write" $s 1 err "nothing was changed"
d sql --db "$w" --timeout 1 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n) SELECT count(*) FROM n" 2> err
judge "sql runaway query stops at --timeout" $? 1 err "ran longer than"
d sql --db "$w" --write "UPDATE agreements SET status = 'bogus'" 2> err; s=$?
if [ "$(wc -l < err)" != 1 ]; then verdict weak "CHECK failure in one line" "$(wc -l < err) lines"
else judge "CHECK failure names the column and values" $s 1 err "agreements.status must be one of announced"; fi

echo "== no non-finite numbers"
d export --db seed.db terms > terms.csv
for value in inf infinity -inf 1e309 NaN nan 0x10 1e-400 "1e+99999"; do
    python3 - "$value" <<'EOF'
import csv, sys
rows = list(csv.reader(open('terms.csv', newline='')))
header, first = rows[0], rows[1]
first[header.index('id')] = '999'; first[header.index('position')] = '99'; first[header.index('value')] = sys.argv[1]
csv.writer(open('bad.csv', 'w', newline='')).writerows([header, first])
EOF
    n=$(fresh n.db); before=$(fingerprint "$n")
    d import --db "$n" --table terms bad.csv 2> err; s=$?
    if [ "$(fingerprint "$n")" != "$before" ]; then verdict broken "CSV value $value" "stored: $(sqlite3 "$n" 'SELECT value FROM terms WHERE id = 999')"
    else judge "CSV value $value refused with file:line:column" $s 65 err "bad.csv:2:7: value"; fi
done
for value in .inf -.inf .nan 0x10 1e-400 1e309 0o17; do
    printf 'projects:\n  - id: nf\n    name: NF\n    terms:\n      - {metric: capacity, value: %s, unit: bcm/y}\n' "$value" > nf.yaml
    n=$(fresh n.db); d import --db "$n" nf.yaml 2> err; judge "document value $value refused with its place" $? 65 err "nf.yaml:5:"
done
n=$(fresh n.db); sqlite3 "$n" "UPDATE terms SET value = 9e999 WHERE id = 1"
d doctor --db "$n" > out 2> err; s=$?
if [ $s = 1 ] && grep -q '^numbers: terms 1: value is Inf' out; then verdict held "doctor flags a stored Inf"
else verdict weak "doctor flags a stored Inf" "exit $s: $(head -c 200 out)"; fi
d export --db "$n" --format json > out 2> err; s=$?
if grep -q ': inf' out; then verdict broken "export --format json with a stored Inf" "wrote inf"
else judge "export --format json with a stored Inf refuses" $s 1 err "cannot export"; fi
d sql --db "$n" "SELECT value FROM terms WHERE id = 1" --format json > out 2> err; s=$?
if grep -q null out; then verdict weak "json rows of Inf" "null without a word"; else judge "json rows of Inf refuse" $s 1 err "cannot be written as JSON"; fi

echo "== no raw control sequences on a terminal"
e=$(fresh e.db)
printf '%s' '{"parties": [{"id": "evil", "name": "Evil \u001b[31mRED\u001b[0m \u001b]0;pwned-title\u0007 Corp \u001b[2J \u001b]8;;http://x\u001b\\link \u202eexe.txt \u009b31m", "kind": "company"}]}' > evil.json
d import --db "$e" evil.json > /dev/null 2>&1 || verdict broken "the hostile names import" "the import was refused, so nothing below is tested"
sqlite3 "$e" "PRAGMA ignore_check_constraints = ON; UPDATE sources SET published = 'x' || char(27) || ']0;title' || char(7) WHERE rowid = 1"
d show --db "$e" evil > out 2>&1; no_escape out && verdict held "show escapes controls and bidi" || verdict broken "show escapes controls and bidi" "raw ESC or U+202E"
d doctor --db "$e" > out 2>&1; no_escape out && verdict held "doctor escapes controls" || verdict broken "doctor escapes controls" "raw ESC"
for format in table markdown; do
    d sql --db "$e" "SELECT name FROM parties WHERE id = 'evil'" --format $format > out 2>&1
    no_escape out && verdict held "--format $format escapes controls" || verdict broken "--format $format escapes controls" "raw ESC"
done
for format in csv json ndjson tsv; do
    d sql --db "$e" "SELECT name FROM parties WHERE id = 'evil'" --format $format > out 2>&1
    if [ $format = json ] || [ $format = ndjson ]; then
        python3 -c "import json,sys; t=sys.stdin.read(); v=(json.loads(t)[0] if '$format'=='json' else json.loads(t.splitlines()[0]))['name']; sys.exit(0 if '\x1b]0;pwned' in v and '\u202e' in v else 1)" < out
    else LC_ALL=C grep -q "$(printf '\033')\]0;pwned" out; fi
    [ $? = 0 ] && verdict held "--format $format keeps the bytes exact" || verdict broken "--format $format keeps the bytes exact" "changed"
done
d show --db "$e" "$(printf 'no\033]0;title\007such')" 2> err; no_escape err && verdict held "an error echoes an argument escaped" || verdict broken "an error echoes an argument escaped" "raw ESC"
d list --db "$e" "$(printf -- '--x\033[2J')" 2> err; s=$?; no_escape err && judge "a usage error echoes an option escaped" $s 64 err "" || verdict broken "a usage error echoes an option escaped" "raw ESC"
d show --db "$e" "$(head -c 1000000 /dev/zero | tr '\0' x)" 2> err
[ "$(wc -c < err)" -lt 2000 ] && verdict held "a 1 MB argument is cut in the error" || verdict weak "a 1 MB argument is cut in the error" "$(wc -c < err) bytes"

echo "== a write error is a message, never a crash"
COMMANDS=("export --format yaml" "export --format json" "export agreements --format json" "graph --format dot"
          "chart timeline" "chart flows" "report" "list" "show pos2-gazprom-cnpc-2025" "migrate --status" "query timeline"
          "search mongolia" "doctor")
dd=$(fresh dd.db); sqlite3 "$dd" "PRAGMA ignore_check_constraints = ON; UPDATE sources SET published = 'bad' WHERE rowid = 1"
for command in "${COMMANDS[@]}"; do
    # shellcheck disable=SC2086
    d $command --db "$dd" > /dev/full 2> err; judge "> /dev/full: $command" $? 1 err "cannot write output: No space left on device"
    # shellcheck disable=SC2086
    d $command --db "$dd" >&- 2> err; judge ">&- (stdout closed): $command" $? 1 err "cannot write output: Bad file descriptor"
done
d --help > /dev/full 2> err; judge "> /dev/full: --help" $? 1 err "cannot write output"
d import --db seed.db nothing.yaml 2> /dev/full; s=$?; crashed $s && verdict broken "2>/dev/full keeps the status" "exit $s" || { [ $s = 66 ] && verdict held "2>/dev/full keeps the status (66)" || verdict weak "2>/dev/full keeps the status" "exit $s"; }
d sql --db seed.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000000) SELECT i FROM n" 2> err | head -c 10 > /dev/null
s=${PIPESTATUS[0]}; if crashed $s; then verdict broken "| head ends quietly" "exit $s"; elif [ -s err ]; then verdict weak "| head ends quietly" "$(head -c 200 err)"; else verdict held "| head ends quietly (exit $s)"; fi
if is_root && mkdir -p tiny && mount -t tmpfs -o size=1m tmpfs tiny 2>/dev/null; then
    MOUNTS+=("$W/tiny"); dd if=/dev/zero of=tiny/fill bs=4096 2>/dev/null
    d export --db seed.db --format yaml -o tiny/all.yaml 2> err; s=$?
    if [ -e tiny/all.yaml ] || ls -a tiny | grep -q dealdb-tmp; then verdict broken "-o on a full disk" "left a file"
    else judge "-o on a full disk" $s 1 err "No space left on device"; fi
    rm -f tiny/*; cp seed.db tiny/deals.db; dd if=/dev/zero of=tiny/fill bs=4096 2>/dev/null
    d list --db tiny/deals.db 2> err; judge "no room for -shm says so" $? 1 err "shm.*disk is full"
    umount tiny; MOUNTS=()
else verdict skipped "full disk" "mounting a tmpfs needs root"; fi

echo "== numbers in options are checked at the parser"
for args in "list --busy-timeout 1e16" "list --busy-timeout=-1" "list --busy-timeout nan" "list --busy-timeout inf" \
            "sql --timeout 1e300 SELECT.1" "search x --limit 99999999999999999999" "graph --format dot --depth=-1" \
            "doctor --busy-timeout 1e308" "backup x.db --busy-timeout 9e18"; do
    # shellcheck disable=SC2086
    d $args --db seed.db > /dev/null 2> err; judge "option: $args" $? 64 err ""
done
timeout 60 "$DEALDB" graph --format dot --depth 9223372036854775807 --party Gazprom --db seed.db > /dev/null 2> err; judge "graph --depth Int.max (timeout 60 s)" $? 0 err ""

echo "== reading input stays interruptible"
mkfifo nowriter
timeout 20 "$DEALDB" import --db seed.db nowriter 2> err & pid=$!; sleep 0.5; kill -TERM $pid; wait $pid; judge "a FIFO with no writer, SIGTERM" $? 143 err "interrupted"
timeout 20 "$DEALDB" import --db seed.db --table parties nowriter 2> err & pid=$!; sleep 0.5; kill -TERM $pid; wait $pid; judge "a FIFO with no writer (--table), SIGTERM" $? 143 err "interrupted"
"$DEALDB" import --db seed.db - < <(sleep 30) 2> err & pid=$!; sleep 0.5; kill -INT $pid; wait $pid; judge "a quiet pipe on stdin (import -), first SIGINT" $? 130 err "interrupted"
"$DEALDB" sql --db seed.db < <(sleep 30) 2> err & pid=$!; sleep 0.5; kill -INT $pid; wait $pid; judge "a quiet pipe on stdin (sql), first SIGINT" $? 130 err "interrupted"
timeout 20 "$DEALDB" sql --db seed.db --timeout 0 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n) SELECT count(*) FROM n" 2> err & pid=$!
sleep 0.5; kill -TERM $pid; wait $pid; judge "SIGTERM to a long read-only query" $? 143 err "interrupted"
python3 - <<'EOF'
import json
json.dump({"parties": [{"id": f"p-{i}", "name": f"Party {i} " + "x" * 300, "kind": "company"} for i in range(300000)]}, open("big.json", "w"))
EOF
d export --db seed.db parties > p.csv
python3 - <<'EOF'
import csv
rows = list(csv.reader(open('p.csv', newline='')))
h = rows[0]
with open('bigp.csv', 'w', newline='') as f:
    w = csv.writer(f); w.writerow(h)
    for i in range(400000):
        r = list(rows[1]); r[h.index('id')] = f'q-{i}'; r[h.index('name')] = f'Name {i} ' + 'y' * 200; w.writerow(r)
EOF
for args in "big.json" "--table parties bigp.csv"; do
    c=$(fresh c.db); before=$(fingerprint "$c")
    # shellcheck disable=SC2086
    "$DEALDB" import --db "$c" $args > /dev/null 2> err & pid=$!; sleep 0.3; kill -INT $pid; start=$(date +%s%N); wait $pid; s=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$(fingerprint "$c")" != "$before" ]; then verdict broken "Ctrl-C 0.3 s into import $args" "database changed"
    elif [ $ms -gt 2000 ]; then verdict weak "Ctrl-C 0.3 s into import $args" "acted after $ms ms"
    else judge "Ctrl-C 0.3 s into import $args (${ms} ms)" $s 130 err "interrupted"; fi
done

echo "== the database file"
: > empty.db; d list --db empty.db 2> err; s=$?
if [ -s empty.db ]; then verdict weak "list on a zero-byte --db" "made it a database"; else judge "list on a zero-byte --db" $s 66 err "is an empty file"; fi
m=$(fresh m.db); sqlite3 "$m" "DROP TABLE schema_migrations"; d list --db "$m" 2> err; s=$?
if grep -q "SQLite error 1555" err; then verdict weak "schema_migrations deleted" "raw SQLite error"; else judge "schema_migrations deleted" $s 1 err "$m: has tables but no record of its migrations"; fi
head -c 4096 /dev/urandom > junk.db; d list --db junk.db 2> err; judge "a file that is not a database" $? 66 err "not a SQLite database"
for q in "DELETE FROM events" "PRAGMA user_version = 5" "SELECT 1; SELECT 2"; do
    rm -rf qd && mkdir qd && printf -- '-- name: bad\n-- title: Bad\n%s\n' "$q" > qd/bad.sql
    q1=$(fresh q.db); before=$(fingerprint "$q1"); d query --db "$q1" --queries qd bad 2> err; s=$?
    [ "$(fingerprint "$q1")" != "$before" ] && verdict broken "named query: $q" "changed the database" \
        || judge "named query: $q" $s 65 err "a named query must be one read-only statement"
done

echo "== documents: numbers and characters (docs/FORMAT.md)"
doc() { printf '%s' "$2" > "$1"; n=$(fresh n.db); d import --db "$n" "$1" > out 2> err; }
doc nel.json "$(printf '{"parties":[{"id":"nel","name":"A\302\205B","kind":"company"}]}')"; judge "U+0085 in a JSON string" $? 65 err "U+0085"
doc bom.json "$(printf '{"parties":[{"id":"bom","name":"A\357\273\277B","kind":"company"}]}')"; judge "U+FEFF inside a value" $? 65 err "U+FEFF"
doc nul.json '{"parties":[{"id":"nul","name":"A\u0000B","kind":"company"}]}'; judge "NUL escaped inside a string" $? 65 err "NUL"
doc comma.json '{"parties":[{"id":"comma","name":"AB","kind":"company",},]}'; judge "JSON with trailing commas (accepted, documented)" $? 0 err ""
doc comment.json "$(printf '{"parties":[{"id":"c","name":"AB","kind":"company"} // note\n]}')"; judge "JSON with // comments" $? 65 err "comments are not JSON"
printf 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' > laughs.yaml
d import --db seed.db laughs.yaml 2> err; judge "billion laughs" $? 65 err "aliases expand"
python3 -c "print('a: ' + '[' * 100000 + ']' * 100000)" > deep.yaml; d import --db seed.db deep.yaml 2> err; judge "deeply nested flow" $? 65 err "nested more than"

echo "== csv injection and big values"
d sql --db seed.db "SELECT '=1+2' AS a, '@x' AS b, -5 AS c" --format csv > plain.csv
d sql --db seed.db "SELECT '=1+2' AS a, '@x' AS b, -5 AS c" --format csv --excel-safe > safe.csv
if grep -q "^=1+2,@x,-5" plain.csv && grep -q "^'=1+2,'@x,-5" safe.csv; then verdict held "--excel-safe guards formulas, default unchanged"
else verdict weak "--excel-safe guards formulas, default unchanged" "$(tail -1 plain.csv) / $(tail -1 safe.csv)"; fi
bl=$(fresh bl.db); sqlite3 "$bl" "CREATE TABLE blobs(b BLOB); INSERT INTO blobs VALUES (randomblob(300000000))"
if command -v /usr/bin/time > /dev/null; then
    /usr/bin/time -f %M -o mem "$DEALDB" sql --db "$bl" "SELECT b FROM blobs" --format json > /dev/null 2> err; s=$?
    kb=$(tail -1 mem); if [ "$kb" -gt 1000000 ]; then verdict weak "JSON of a 300 MB blob" "peak ${kb} KB"
    else judge "JSON of a 300 MB blob (peak $((kb / 1024)) MB)" $s 0 err ""; fi
else verdict skipped "JSON of a 300 MB blob" "no /usr/bin/time"; fi
rm -f "$bl"

echo "== round three (issue 25): the broken ones"
f3=$(fresh f3.db); sqlite3 "$f3" "CREATE VIRTUAL TABLE f USING fts3(a); INSERT INTO f VALUES('hello')"
d sql --db "$f3" "SELECT fts3_tokenizer('simple', x'4141414141414141'); SELECT * FROM f WHERE f MATCH 'hello'" > out 2> err
judge "fts3_tokenizer with an address the SQL chooses" $? 1 err "not allowed: fts3_tokenizer"
d sql --db "$f3" "SELECT fts3_tokenizer('simple')" > out 2> err
judge "fts3_tokenizer printing a library address" $? 1 err "not allowed: fts3_tokenizer"
d sql --db "$f3" --write "CREATE VIRTUAL TABLE temp.t USING fts3(a); SELECT fts3_tokenizer('simple', x'4141414141414141')" > out 2> err
judge "fts3_tokenizer on a temp table with --write" $? 1 err "not allowed: fts3_tokenizer"
xa=$(fresh xa.db); sqlite3 "$xa" "CREATE TABLE \"../precious\" (a); INSERT INTO \"../precious\" VALUES (1); CREATE TABLE \"q\"\"uote\" (a)"
mkdir -p xall; echo mine > precious.csv
d export --db "$xa" --all xall/csv > out 2> err; s=$?
if [ "$(cat precious.csv)" = mine ] && [ ! -e xall/precious.csv ] && [ -e 'xall/csv/%2E.%2Fprecious.csv' ] && [ -e 'xall/csv/q"uote.csv' ]; then judge "export --all with table names ../precious and q\"uote" $s 0 err
else verdict broken "export --all with table names ../precious and q\"uote" "exit $s, $(ls xall xall/csv 2>/dev/null | tr '\n' ' ')"; fi
d export --db "$xa" --format csv 'a" UNION SELECT name FROM sqlite_schema --' > out 2> err
judge "export TABLE with an injection as its name" $? 64 err "no table named"
tb=$(fresh tb.db); sqlite3 "$tb" 'CREATE TABLE "$(touch PWNED)" (a); CREATE TABLE "`touch PWNED2`" (a)'
"$DEALDB" --generate-completion-script bash > dealdb.bash
bash -c 'source ./dealdb.bash; COMP_WORDS=(dealdb export --db "$1" ""); COMP_CWORD=4; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; _dealdb dealdb "" --db' bash "$tb" > out 2> err
if [ ! -e PWNED ] && [ ! -e PWNED2 ]; then verdict held "TAB on table names holding \$(...) and backquotes"
else verdict broken "TAB on table names holding \$(...) and backquotes" "the completion ran code"; rm -f PWNED PWNED2; fi
js=$(fresh js.db); sqlite3 "$js" "INSERT INTO sources (id, title, url) VALUES ('evil', 'Evil', 'javascript:alert(document.domain)'); INSERT INTO citations (citable_id, position, source_id) SELECT citable_id, 99, 'evil' FROM projects WHERE id = 'pos-2'"
d datasette --db "$js" > meta.yml 2> err; s=$?
if grep -q "javascript:" meta.yml; then verdict broken "a javascript: source URL in Datasette's metadata" "copied into source_url"
else judge "a javascript: source URL in Datasette's metadata" $s 0 err; fi
mkfifo dbfifo
for command in "list" "migrate" "doctor" "backup copy.db"; do
    timeout 20 "$DEALDB" $command --db dbfifo < /dev/null > out 2> err
    judge "a FIFO as the database: $command" $? 66 err "is a device, FIFO or socket"
done
DEALDB_PATH=$PWD/dbfifo timeout 20 "$DEALDB" list > out 2> err
judge "a FIFO as DEALDB_PATH" $? 66 err "is a device, FIFO or socket"

python3 -c "
import json
json.dump({'parties': [{'id': 'p', 'name': 'P', 'kind': 'company', 'aliases': ['alias %d' % i for i in range(100000)]}]}, open('aliases.json', 'w'))"
al=$(fresh al.db); timeout 120 "$DEALDB" import --db "$al" aliases.json > out 2> err
judge "one party with 100,000 aliases (3.5 MB)" $? 0 err

echo "== round three (issue 25): the weak ones, and the schema behind dealdb's back"
ft=$(fresh ft.db); sqlite3 "$ft" "CREATE TRIGGER wipe AFTER INSERT ON sources BEGIN DELETE FROM agreements; END"
d doctor --db "$ft" > out 2> err; judge "a foreign trigger that wipes agreements: doctor" $? 1 out "not made by dealdb's migrations"
d doctor --repair --db "$ft" > out 2> err; judge "a foreign trigger: doctor --repair drops it" $? 0 err "dropped trigger wipe"
dt=$(fresh dt.db); sqlite3 "$dt" "DROP TRIGGER search_parties_insert; DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_index LIMIT 3)"
d doctor --db "$dt" > out 2> err; judge "dropped search trigger and deleted search rows: doctor" $? 1 out "search_parties_insert: missing"
d doctor --repair --db "$dt" > out 2> err && d doctor --db "$dt" > out 2> err; judge "doctor --repair, then doctor" $? 0 err "no problems found"
printf 'sources:\n  - {id: s1, title: T}\nagreements:\n  - id: a1\n    title: A\n    kind: memorandum\n    sources: [s1]\n    terms:\n      - {metric: volume, value: !!str 10, unit: bcm/y}\n' > str.yaml
n=$(fresh str.db); d import --db "$n" str.yaml > out 2> err; judge "value: !!str 10 (text, as \"10\" is)" $? 65 err "expected a number"
mkdir -p qf; printf -- '-- name: crlf\r\nSELECT 1 AS one; -- a note\r\n' > qf/crlf.sql; printf -- '-- name: wide\nSELECT 2\n' | iconv -t UTF-16 > qf/wide.sql
d query --db seed.db --queries qf crlf > out 2> err; judge "a query file with CRLF and a comment after it; a UTF-16 one beside it" $? 0 err "is UTF-16 text; save it as UTF-8"
printf 'id,name,kind\np,P,company\n' | iconv -t UTF-16 > u16.csv; n=$(fresh u16.db)
d import --db "$n" --table parties u16.csv > out 2> err; judge "a UTF-16 CSV" $? 65 err "is UTF-16 text; save it as UTF-8"
sqlite3 blank.db "CREATE TABLE t (a); DROP TABLE t;"; before=$(md5sum < blank.db)
d list --db blank.db > out 2> err; s=$?
if [ "$before" != "$(md5sum < blank.db)" ]; then verdict broken "an empty SQLite file and a read command" "the file was changed"
else judge "an empty SQLite file and a read command" $s 66 err "empty SQLite database"; fi
d backup --db blank.db blank-copy.db > out 2> err; judge "backup of an empty SQLite file" $? 66 err "nothing to back up"
ca=$(fresh ca.db); d check --against "$ca" str.yaml > out 2> err
if [ -e "$ca-wal" ] || [ -e "$ca-shm" ]; then verdict weak "check --against leaves no file" "-wal/-shm left"; else verdict held "check --against leaves no file"; fi
printf 'id,citable_id,date,date_kind,title\nev,1,2025-02-30,actual,E\n' > ev.csv; n=$(fresh ev.db)
d import --db "$n" --table events ev.csv > out 2> err; judge "a CSV date 2025-02-30 (named by field)" $? 65 err "ev.csv:2:3: events.date"
n=$(fresh full.db); printf 'parties:\n  - {id: zz, name: Z, kind: company}\n' > zz.yaml
d import --db "$n" zz.yaml > /dev/full 2> err; judge "import > /dev/full says the import was saved" $? 1 err "the import itself was saved"
mkdir -p part/terms.csv; d export --db seed.db --all part > out 2> err; s=$?
if [ "$(ls part)" != "terms.csv" ]; then verdict broken "export --all that fails half-way" "left $(ls part | wc -l) files"
else judge "export --all that fails half-way leaves the folder as it was" $s 1 err "no file in part was written"; fi
("$DEALDB" sql --db seed.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000000) SELECT i FROM n" -o big.csv 2> err & pid=$!
 for _ in $(seq 1 100); do ls -a | grep -q 'big.csv.dealdb-tmp' && break; sleep 0.05; done; kill -TERM $pid; wait $pid)
if ls -a | grep -q 'big.csv.dealdb-tmp'; then verdict weak "SIGTERM during a streaming -o" "the temporary file stayed: $(ls -a | grep dealdb-tmp)"; else verdict held "SIGTERM during a streaming -o leaves no temporary file"; fi
gp=$(fresh gp.db); sqlite3 "$gp" "INSERT INTO events (id, citable_id, date, date_kind, title, project_id) SELECT 'e0', (SELECT max(id) + 1 FROM citables), '0000', 'actual', 'Zero', 'pos-2'" 2>/dev/null
d chart timeline --db "$gp" -o far.svg 2> err; s=$?
if [ "$(grep -o '<line' far.svg 2>/dev/null | wc -l)" -gt 500 ]; then verdict weak "a timeline from year 0" "$(grep -o '<line' far.svg | wc -l) grid lines"
else judge "a timeline from year 0" $s 0 err ""; fi
d projects --db seed.db --type pipeline > out 2> err; judge "--type suggests --kind" $? 64 err "Did you mean '--kind'"
d query --db seed.db finance > out 2> err; judge "query finance suggests financing" $? 64 err '"financing"'

echo "== round three, the rest (issue 25): paths, arguments, links, sums, search"
d init --db "$(printf 'new\nline.db')" > out 2> err; s=$?
if [ "$(wc -l < out)" != 1 ]; then verdict weak "init --db \$'new\\nline.db'" "the summary took $(wc -l < out) lines"
else judge "init --db \$'new\\nline.db': one line" $s 0 err ""; fi
d list --db "$(printf 'miss\ning.db')" > out 2> err; s=$?
if [ "$(wc -l < err)" != 1 ]; then verdict weak "a missing \$'miss\\ning.db'" "the error took $(wc -l < err) lines"
else judge "a missing \$'miss\\ning.db': one line, a command that pastes" $s 66 err "init --db \$'miss\\\\ning.db'"; fi
d list --db seed.db --party "$(printf 'caf\351')" > out 2> err; judge "a Latin-1 argument is refused, not made U+FFFD" $? 64 err "argument 5 is not valid UTF-8"
rm -rf lk && mkdir lk && cd lk && ln -s b a && ln -s a b
d list --db ../seed.db -o a > out 2> err; s=$?
if [ "$(readlink a)" != b ]; then verdict broken "-o onto a symlink loop" "the link was replaced"
else judge "-o onto a symlink loop" $s 1 err "too many levels of symbolic links"; fi
echo old > t && ln -s t l0 && for i in $(seq 1 41); do ln -s "l$((i - 1))" "l$i"; done
d list --db ../seed.db -o l41 > out 2> err; s=$?
if [ "$(readlink l20)" != l19 ] || [ "$(cat t)" != old ]; then verdict broken "-o onto a 41-link chain" "a link or the file was replaced"
else judge "-o onto a 41-link chain" $s 1 err "too many levels of symbolic links"; fi
cd ..
d list --db seed.db --format csv -o /dev/stdout 2> err | cat > piped; s=${PIPESTATUS[0]}
if ! grep -q '^pos1-supply-2014' piped; then verdict broken "-o /dev/stdout | cat" "nothing came through the pipe: $(head -c 200 err)"
else judge "-o /dev/stdout | cat" $s 0 err ""; fi
echo old > appended; d list --db seed.db --format csv -o /dev/stdout >> appended 2> err
if [ "$(head -1 appended)" != old ]; then verdict broken "-o /dev/stdout >> FILE" "the file's first line was overwritten"; else verdict held "-o /dev/stdout >> FILE appends"; fi
long=$(printf 'n%.0s' $(seq 1 250)).csv; d list --db seed.db --format csv -o "$long" > out 2> err; judge "-o a 254-character file name" $? 0 err ""
sh -c 'echo stale > .own.csv.dealdb-tmp-$$; chmod 444 .own.csv.dealdb-tmp-$$; exec "$0" list --db seed.db --format csv -o own.csv' "$DEALDB" > out 2> err
judge "a stale temporary with our own PID" $? 0 err ""
inf=$(fresh inf.db); sqlite3 "$inf" "UPDATE terms SET value = 1e308 WHERE project_id = 'pos-2' AND metric = 'capacity'; UPDATE terms SET value = 1.7e308 WHERE project_id <> 'pos-2' AND metric = 'capacity'"
d query --db "$inf" volumes-by-destination -p include_flagged=true --format csv > out 2> err; s=$?
if grep -q 'Inf' out; then verdict broken "capacities that add up beyond 1.8e308" "Inf in the CSV (exit $s)"
else judge "capacities that add up beyond 1.8e308" $s 1 err "Inf is not a figure"; fi
lig=$(fresh lig.db); sqlite3 "$lig" "INSERT INTO parties (id, name, kind) VALUES ('lig', 'ﬁnance Corp', 'company'), ('wide', 'ＡＢＣ Ｅｎｅｒｇｙ', 'company')"
d search --db "$lig" "finance corp" --format csv > out 2> err; s=$?
if ! grep -q '^party,lig,' out; then verdict weak "search finds a ligature (ﬁnance Corp)" "not found"; else judge "search finds a ligature (ﬁnance Corp)" $s 0 err ""; fi
d search --db "$lig" "abc energy" --format csv > out 2> err; s=$?
if ! grep -q '^party,wide,' out; then verdict weak "search finds full-width text (ＡＢＣ Ｅｎｅｒｇｙ)" "not found"; else judge "search finds full-width text" $s 0 err ""; fi

echo "== concurrency and kill -9 (held before issue 15; kept as a regression check)"
k=$(fresh k.db); python3 - <<'EOF'
import json
json.dump({"sources": [{"id": f"k-{i}", "title": f"Source {i}", "kind": "news"} for i in range(20000)]}, open("k.json", "w"))
EOF
"$DEALDB" import --db "$k" k.json > /dev/null 2>&1 & pid=$!; sleep 0.4; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
n=$(sqlite3 "$k" "SELECT count(*) FROM sources WHERE id LIKE 'k-%'"); ok=$(sqlite3 "$k" "PRAGMA integrity_check")
if [ "$ok" = ok ] && { [ "$n" = 0 ] || [ "$n" = 20000 ]; }; then verdict held "kill -9 during an import: none or all ($n)"
else verdict broken "kill -9 during an import" "integrity $ok, $n rows"; fi
cc=$(fresh cc.db); pids=()
for i in $(seq 1 16); do
    printf '{"sources":[{"id":"w-%s","title":"W %s","kind":"news"}]}' "$i" "$i" > "w$i.json"
    "$DEALDB" import --db "$cc" "w$i.json" > /dev/null 2> "w$i.err" & pids+=($!)
done
failed=0; for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
n=$(sqlite3 "$cc" "SELECT count(*) FROM sources WHERE id LIKE 'w-%'")
[ $failed = 0 ] && [ "$n" = 16 ] && verdict held "16 concurrent writers" || verdict broken "16 concurrent writers" "$failed failed, $n rows"

echo
echo "hostile: $((held + weak + broken)) attacks: $held held, $weak weak, $broken broken ($skipped skipped)"
[ $weak = 0 ] && [ $broken = 0 ]
