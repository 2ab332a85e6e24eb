# dealdb: `make demo` shows it working, `make test` runs the tests.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= release
DEMO_DIR ?= .build/demo
VENV = .build/venv
DUCKDB_PIP = 'duckdb==1.5.5' 'duckdb-extension-sqlite-scanner==1.5.5'
# The Swift runtime linked in: the installed binary needs no Swift on the
# machine, and it starts in about 6 ms instead of 11 (fewer libraries to load).
RELEASE_FLAGS ?= -c $(CONFIG) --static-swift-stdlib
BIN = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/dealdb

.PHONY: all deps test-deps build test install uninstall demo clean fuzz test-sanitize man completions hostile

all: build

# What building needs (the system SQLite's headers and shell), and what the
# tests need besides: python3 with PyYAML (the tests read our CSV, JSON and
# YAML with Python's parsers), Graphviz (`dealdb graph --format svg` runs
# dot), Chromium and a CJK font (the report is checked in a real browser),
# GDAL's ogrinfo (the GeoJSON export is read back as QGIS would read it).
# Installed with apt (and pip) when we are root, otherwise we say what to run.
INSTALL_MISSING = \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "dealdb needs:$$missing. Run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

deps:
	@missing=""; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; \
	$(INSTALL_MISSING)

test-deps: deps
	@missing=""; \
	command -v python3 >/dev/null || missing="$$missing python3"; \
	python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v ogrinfo >/dev/null || missing="$$missing gdal-bin"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	$(INSTALL_MISSING)
	@# PyYAML (the tests read our YAML with it), Datasette, sqlite-utils and
	@# DuckDB (they read our files in the tests) in a virtual environment of
	@# our own: nothing of the system's Python changes, and Debian's python3,
	@# which refuses pip installs, is left alone. The tests run its python3.
	@# DuckDB's SQLite extension comes as a wheel of the same version (DuckDB
	@# would otherwise download it); the tests LOAD it from that wheel's path.
	@test -x $(VENV)/bin/datasette && test -x $(VENV)/bin/sqlite-utils \
	  && $(VENV)/bin/python3 -c 'import yaml, duckdb, duckdb_extension_sqlite_scanner' 2>/dev/null || { \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install --quiet 'datasette>=0.65,<1' 'sqlite-utils>=3.37' pyyaml \
	    $(DUCKDB_PIP); } || { \
	  echo "the tests need PyYAML, Datasette, sqlite-utils and DuckDB. Run: python3 -m venv $(VENV) && $(VENV)/bin/pip install pyyaml datasette sqlite-utils $(DUCKDB_PIP)" >&2; exit 1; }

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product dealdb

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	@# Every test is a swift-testing one: without XCTest's runner, no
	@# "Executed 0 tests" lines that read as if nothing ran.
	$(SWIFT) test --skip-build --disable-xctest

# The man page, made from the commands' own help by argument-parser's
# generate-manual tool, so it cannot drift from `--help`. mdoc wants `.Pp`
# where the help text has an empty line.
MAN_DIR = .build/man
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
man: build
	$(SWIFT) build $(RELEASE_FLAGS) --product generate-manual
	@mkdir -p $(MAN_DIR)
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/generate-manual $(BIN) --date $(MAN_DATE) -o $(MAN_DIR)
	sed -i 's/^$$/.Pp/' $(MAN_DIR)/dealdb.1
	@echo "(read it with: man $(MAN_DIR)/dealdb.1)"

# Completion scripts for bash, zsh and fish; they call dealdb back for the
# values that live in the database (queries, parties, projects, tables).
completions: build
	@mkdir -p .build/completions
	$(BIN) --generate-completion-script bash > .build/completions/dealdb.bash
	$(BIN) --generate-completion-script zsh > .build/completions/_dealdb
	$(BIN) --generate-completion-script fish > .build/completions/dealdb.fish

install: build man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/dealdb
	install -m 644 $(MAN_DIR)/dealdb.1 $(DESTDIR)$(PREFIX)/share/man/man1/dealdb.1
	install -m 644 .build/completions/dealdb.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dealdb
	install -m 644 .build/completions/_dealdb $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dealdb
	install -m 644 .build/completions/dealdb.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dealdb.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dealdb $(DESTDIR)$(PREFIX)/share/man/man1/dealdb.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dealdb $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dealdb \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dealdb.fish

# A fresh database with the seed dataset, and the questions analysts ask.
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@set -e; db=$(DEMO_DIR)/deals.db; word() { case "$$1" in *[!A-Za-z0-9_./=,:@%+-]*) printf " '%s'" "$$(printf '%s' "$$1" | sed "s/'/'\\\\''/g")";; *) printf ' %s' "$$1";; esac; }; \
	run() { echo; printf '$$ dealdb'; for w in "$$@"; do word "$$w"; done; echo; $(BIN) "$$@"; }; \
	run init --db $$db --seed; \
	run list --db $$db --party Gazprom --format table; \
	run show pos2-gazprom-cnpc-2025 --db $$db; \
	run show "Power of Siberia 2" --db $$db; \
	run projects --db $$db --country Russia --format table; \
	run parties --db $$db --country China --format table; \
	run query unresolved-pricing --db $$db --format table; \
	run query transit-countries --db $$db --format csv; \
	run query volumes-by-destination --db $$db --format table; \
	run search --db $$db mongolia --format table; \
	run search --db $$db 天然气 --format table; \
	run sql --db $$db --format table "SELECT metric, value, unit, status, evidence FROM terms WHERE agreement_id = 'pos2-gazprom-cnpc-2025'"; \
	run export --db $$db --format json --agreement pos2-mongolia-transit-2025 -o $(DEMO_DIR)/mongolia.json; \
	echo "(wrote $(DEMO_DIR)/mongolia.json)"; \
	run chart timeline --db $$db -o $(DEMO_DIR)/timeline.svg; \
	run report --db $$db -o $(DEMO_DIR)/report.html; \
	echo "(open $(DEMO_DIR)/timeline.svg and $(DEMO_DIR)/report.html in a browser)"; \
	run check seeds/pos2-sco-2025.yaml; \
	run datasette --db $$db -o $(DEMO_DIR)/metadata.yml; \
	echo "(then: datasette $$db -m $(DEMO_DIR)/metadata.yml)"; \
	run doctor --db $$db; \
	gem=../shared/test-data/gem/ggit-map-2024-10-06.csv; \
	if [ -f $$gem ]; then \
	  run import --db $$db --from gem $$gem; \
	  run projects --db $$db --country Turkey --kind pipeline --status operating --limit 8 --format table; \
	  run show BOTAŞ --db $$db; \
	  echo; echo "\$$ dealdb doctor --db $$db | head -3     # GEM's own errors: kept as the source says, left out of sums"; \
	  $(BIN) doctor --db $$db 2>/dev/null | head -3 || true; \
	else echo; echo "(GEM's map file is not in ../shared: skipping the GEM part of the demo)"; fi; \
	echo; echo "\$$ sqlite3 $$db 'SELECT count(*) FROM agreements'"; sqlite3 $$db 'SELECT count(*) FROM agreements'

# Fuzzing (not in CI): each libFuzzer target in turn for FUZZ_TIME seconds,
# its corpus kept in .build-fuzz/corpus, crashers in .build-fuzz/artifacts.
# `swift build` links libFuzzer into every executable it links, the EmbedTool
# plugin too; a weak LLVMFuzzerTestOneInput keeps those linking.
FUZZ_TIME ?= 600
FUZZ_TARGETS ?= FuzzDocument FuzzCSV FuzzNamedQuery
FUZZ_FLAGS = -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xswiftc -use-ld=lld -Xlinker $(CURDIR)/.build-fuzz/weak-entry.o
FuzzDocument_SEEDS = Tests/Fixtures/documents Tests/Fixtures/documents/invalid Tests/Fixtures/hostile seeds
FuzzCSV_SEEDS = Tests/Fixtures/gem $(wildcard ../shared/test-data/csv-spectrum/csvs)
FuzzNamedQuery_SEEDS = queries Tests/Fixtures/queries

fuzz: deps
	@mkdir -p .build-fuzz
	@printf '#include <stddef.h>\n#include <stdint.h>\n__attribute__((weak)) int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > .build-fuzz/weak-entry.c
	cc -c -fPIC -o .build-fuzz/weak-entry.o .build-fuzz/weak-entry.c
	@set -e; failed=""; bin=$$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path); \
	for target in $(FUZZ_TARGETS); do \
	  $(SWIFT) build $(FUZZ_FLAGS) --product $$target 2>&1 | grep -v 'Cannot export local symbol' || true; \
	  test -x $$bin/$$target || { echo "fuzz: $$target did not build" >&2; exit 1; }; \
	done; \
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$target .build-fuzz/artifacts/$$target; \
	  case $$target in FuzzDocument) seeds="$(FuzzDocument_SEEDS)";; FuzzCSV) seeds="$(FuzzCSV_SEEDS)";; *) seeds="$(FuzzNamedQuery_SEEDS)";; esac; \
	  echo "fuzz: $$target for $(FUZZ_TIME) s (seeds: $$seeds)"; \
	  if $$bin/$$target .build-fuzz/corpus/$$target $$seeds -max_total_time=$(FUZZ_TIME) -max_len=16384 \
	      -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
	      -artifact_prefix=.build-fuzz/artifacts/$$target/ > .build-fuzz/$$target.log 2>&1; then \
	    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' .build-fuzz/$$target.log; \
	  else \
	    failed="$$failed $$target"; grep -E 'Fatal error|ERROR: |SUMMARY|Test unit written' .build-fuzz/$$target.log; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: problems found by$$failed (see .build-fuzz/*.log)" >&2; exit 1; fi

# The test suite under AddressSanitizer, then ThreadSanitizer (run by hand).
# The leak checker skips leaks in the toolchain's own libraries:
# Foundation's read buffer for an empty file, a weak reference that
# Foundation.Process.run keeps, and XCTest's suite objects.
test-sanitize: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	@printf 'leak:readBytesFromFile\nleak:Foundation7ProcessC3run\nleak:libXCTest.so\n' > .build-asan/lsan.supp
	LSAN_OPTIONS=suppressions=$(CURDIR)/.build-asan/lsan.supp \
	  $(SWIFT) test --skip-build --disable-xctest --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --disable-xctest --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz

# The synthetic dataset (scale 1 = 1.1 M rows) and the benchmark that writes
# the table quoted in docs/PERFORMANCE.md. BENCH_DIR holds data and databases.
BENCH_DIR ?= .build/bench
BENCH_SCALE ?= 1
.PHONY: bench-data bench
bench-data: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product dealdb-bench-data
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/dealdb-bench-data --scale $(BENCH_SCALE) --out $(BENCH_DIR)/csv-$(BENCH_SCALE)
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/dealdb-bench-data --aiddata 25000 --out $(BENCH_DIR)/aiddata-25000.csv

# About 5 minutes after the build: medians of interleaved runs (see bench/bench.py); the
# results table is written into docs/PERFORMANCE.md between its bench markers.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product dealdb
	$(MAKE) bench-data BENCH_SCALE=1
	$(MAKE) bench-data BENCH_SCALE=0.1
	python3 bench/bench.py $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path) $(BENCH_DIR) --runs 3 --doc docs/PERFORMANCE.md

# The hostile run (issue 15): about 160 attacks on the built binary (output
# files, the SQL sandbox, non-finite numbers, terminal escapes, write errors,
# signals, damaged files), each printed as held, weak or broken; exits 1
# unless all held. As root it also uses mknod and small tmpfs mounts.
hostile: build
	bench/hostile.sh $(BIN)
