# dealdb: `make demo` shows it working, `make test` runs the tests.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= release
DEMO_DIR ?= .build/demo
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/dealdb

.PHONY: all deps build test install uninstall demo clean

all: build

# The system SQLite (headers and the sqlite3 shell the tests compare with),
# python3 (the tests read our CSV and JSON with its parsers), and for the
# picture tests Graphviz, Chromium and a CJK font (`dealdb graph --format
# svg` runs dot; the report is checked in a real browser). Installed
# with apt when we are root, otherwise we say what to run.
deps:
	@missing=""; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; \
	command -v python3 >/dev/null || missing="$$missing python3"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "dealdb needs:$$missing. Run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/dealdb

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dealdb

# A fresh database with the seed dataset, and the questions analysts ask.
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@set -e; db=$(DEMO_DIR)/deals.db; run() { echo; echo "\$$ dealdb $$*"; $(BIN) "$$@"; }; \
	run init --db $$db --seed; \
	run list --db $$db --party Gazprom --format table; \
	run show pos2-gazprom-cnpc-2025 --db $$db; \
	run query unresolved-pricing --db $$db --format table; \
	run query transit-countries --db $$db --format csv; \
	run query volumes-by-destination --db $$db --format table; \
	run search --db $$db mongolia --format table; \
	run sql --db $$db --format table "SELECT metric, value, unit, status, evidence FROM terms WHERE agreement_id = 'pos2-gazprom-cnpc-2025'"; \
	run export --db $$db --format json --agreement pos2-mongolia-transit-2025 -o $(DEMO_DIR)/mongolia.json; \
	echo "(wrote $(DEMO_DIR)/mongolia.json)"; \
	echo; echo "\$$ sqlite3 $$db 'SELECT count(*) FROM agreements'"; sqlite3 $$db 'SELECT count(*) FROM agreements'

clean:
	rm -rf .build
