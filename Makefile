# The toolkit's pipeline on the example site.  `make demo` runs all of it.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TOOLKIT := $(BIN)/toolkit
STAMP := $(VENV)/.installed

.PHONY: help setup system-deps extract update compile build legal check a11y stats report demo test bench serve clean

help:
	@echo "make demo    set up and run the whole pipeline on the example site"
	@echo "make test    run the test suite"
	@echo "make setup | extract | update | compile | build | check | a11y | report | bench | serve"

# Chromium, ChromeDriver and GNU gettext from Debian's packages (root only; skipped when present).
system-deps:
	@missing=""; \
	for pair in chromium:chromium chromedriver:chromium-driver msgmerge:gettext node:nodejs npm:npm; do \
	  command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing:$$missing -- run: sudo apt-get install$$missing" >&2; exit 3; fi; \
	fi

$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	npm ci --silent --no-audit --no-fund
	touch $(STAMP)

setup: system-deps $(STAMP)

# Real dependencies: .mo from .po, pages from .mo, templates, content and approvals,
# so that `make build` in a fresh clone renders translated pages.
PO := $(wildcard locales/*/LC_MESSAGES/*.po)
SOURCES := $(shell find site -type f 2>/dev/null) i18n/legal-approvals.json pyproject.toml

extract: $(STAMP)
	$(TOOLKIT) extract

update: $(STAMP)
	$(TOOLKIT) update

build/.mo-stamp: $(PO) | $(STAMP)
	$(TOOLKIT) compile
	mkdir -p build && touch $@

compile: build/.mo-stamp

build/.site-stamp: build/.mo-stamp $(SOURCES) | $(STAMP)
	$(TOOLKIT) build
	touch $@

build: build/.site-stamp

legal: $(STAMP)
	$(TOOLKIT) legal status

stats: $(STAMP)
	$(TOOLKIT) stats

check: build
	$(TOOLKIT) check

a11y: build
	$(TOOLKIT) a11y
	$(TOOLKIT) a11y --format json -o build/a11y.json >/dev/null

report: build
	$(TOOLKIT) report

serve: build
	$(TOOLKIT) serve

demo: setup
	$(TOOLKIT) extract
	$(TOOLKIT) update
	$(TOOLKIT) compile
	$(TOOLKIT) build
	$(TOOLKIT) legal status
	$(TOOLKIT) stats
	$(TOOLKIT) check
	$(TOOLKIT) a11y
	$(TOOLKIT) report --a11y
	@echo "Site:   build/site/<locale>/ (open build/site/en/index.html, or: make serve)"
	@echo "Report: build/report/index.html"

test: setup
	$(BIN)/pytest -q

bench: setup
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf build .toolkit-cache
