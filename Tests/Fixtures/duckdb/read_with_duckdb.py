"""Reads every table and view of a dealdb database through DuckDB's SQLite
scanner, as an analyst does with ATTACH 'deals.db' (TYPE sqlite), and says
as JSON what DuckDB got wrong compared with SQLite's own answers.

Usage: read_with_duckdb.py DATABASE. Exit 0 when it could run (the JSON then
lists any problems), 2 when duckdb or its SQLite extension is not installed.
"""
import json
import os
import sqlite3
import sys
import tempfile

try:
    import duckdb
    import duckdb_extension_sqlite_scanner
except ImportError as error:
    print(f"duckdb is not installed ({error})", file=sys.stderr)
    sys.exit(2)

database = sys.argv[1]
problems = []

# The extension from its wheel, by path, into a connection whose extension
# folder is empty: nothing is downloaded and nothing left by an earlier
# INSTALL in ~/.duckdb is used. DuckDB checks the extension's signature.
extension = os.path.join(os.path.dirname(duckdb_extension_sqlite_scanner.__file__), "extensions",
                         "v" + duckdb.__version__, "sqlite_scanner.duckdb_extension")
duck = duckdb.connect(config={"extension_directory": tempfile.mkdtemp(), "autoinstall_known_extensions": False})
duck.execute("LOAD '" + extension.replace("'", "''") + "'")
duck.execute("ATTACH '" + database.replace("'", "''") + "' AS deals (TYPE sqlite, READ_ONLY)")

lite = sqlite3.connect(database)
relations = lite.execute(
    "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " ORDER BY name").fetchall()


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def sqlite_columns(name, hidden):
    return [row[1] for row in lite.execute("SELECT * FROM pragma_table_xinfo(?)", (name,)) if row[6] in hidden]


# What DuckDB shows of each relation: its columns by name, and every row.
read = {}
for name, kind in relations:
    # A virtual table's own hidden columns (1) are not selected by *; a
    # generated column (2, 3) is, but the scanner lists a table's columns
    # with PRAGMA table_info, which leaves it out: see the check below.
    expected = sqlite_columns(name, (0,))
    count = lite.execute(f"SELECT count(*) FROM {quoted(name)}").fetchone()[0]
    try:
        cursor = duck.execute(f"SELECT * FROM deals.{quoted(name)}")
        columns = [column[0] for column in cursor.description]
        rows = len(cursor.fetchall())
    except duckdb.Error as error:
        problems.append(f"{kind} {name}: {str(error).splitlines()[0][:300]}")
        continue
    read[name] = (columns, rows)
    if columns != expected:
        problems.append(f"{kind} {name}: DuckDB's columns {columns}, SQLite's {expected}")
    if rows != count:
        problems.append(f"{kind} {name}: DuckDB read {rows} rows, SQLite has {count}")

# A generated column is read through a view that shows all of its table's
# columns with the same rows (terms.bcm_per_year through term_rows).
generated = {}
for name, kind in relations:
    if kind == "table" and sqlite_columns(name, (2, 3)):
        everything = sqlite_columns(name, (0, 2, 3))
        count = lite.execute(f"SELECT count(*) FROM {quoted(name)}").fetchone()[0]
        views = sorted(view for view, (columns, rows) in read.items()
                       if view != name and columns == everything and rows == count)
        generated[name] = views
        if not views:
            problems.append(f"table {name}: no view shows its generated columns "
                            f"{sqlite_columns(name, (2, 3))} to DuckDB")

# The catalog: SHOW TABLES and information_schema, which fail whole when one
# view cannot be parsed. (DuckDB's information_schema.columns gives the
# columns of an attached database's tables, not of its views.)
shown = []
try:
    duck.execute("USE deals")
    shown = sorted(row[0] for row in duck.execute("SHOW TABLES").fetchall())
    if shown != sorted(name for name, _ in relations):
        problems.append(f"SHOW TABLES lists {len(shown)} relations, sqlite_schema {len(relations)}: "
                        f"{sorted(set(shown) ^ set(name for name, _ in relations))}")
    listed = dict(duck.execute("SELECT table_name, table_type FROM information_schema.tables "
                               "WHERE table_catalog = 'deals'").fetchall())
    for name, kind in relations:
        if listed.get(name) != ("VIEW" if kind == "view" else "BASE TABLE"):
            problems.append(f"information_schema.tables gives {kind} {name} as {listed.get(name)}")
    described = {}
    for table, column in duck.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = 'deals' "
            "ORDER BY table_name, ordinal_position").fetchall():
        described.setdefault(table, []).append(column)
    for name, kind in relations:
        if kind == "table" and name in read and described.get(name) != read[name][0]:
            problems.append(f"information_schema.columns gives {name} the columns {described.get(name)}, "
                            f"SELECT * gives {read[name][0]}")
except duckdb.Error as error:
    problems.append(f"DuckDB's catalog: {str(error).splitlines()[0][:300]}")

print(json.dumps({
    "duckdb": duckdb.__version__,
    "tables": sum(1 for _, kind in relations if kind == "table"),
    "views": sum(1 for _, kind in relations if kind == "view"),
    "rows": {name: rows for name, (_, rows) in read.items()},
    "generated": generated,
    "show_tables": len(shown),
    "problems": problems,
}))
