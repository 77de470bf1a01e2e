# zhichan: two commands for users (`make run`, `make test`); the rest are their steps.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ZHICHAN_DATA_DIR ?= $(CURDIR)/var
export ZHICHAN_PORT ?= 8000
VENDOR := src/zhichan/static/vendor
DEBIAN_PACKAGES := fonts-noto-cjk unicode-data gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# The browser walk-through of `make test` (tests/browser) runs in Debian's Chromium with its driver.
DEBIAN_TEST_PACKAGES := chromium chromium-driver
LOCALE_PO := $(wildcard src/zhichan/locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)

.PHONY: install run test lint ci bench clean assets debian debian-test debian-packages

install: $(STAMP) $(VENDOR)/.installed $(LOCALE_MO)

# The virtualenv is rebuilt when the pinned dependencies change.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make install: $(PYTHON) not found; install Python 3.11 (or PYTHON=/path/to/python3.11)"; exit 1; }
	@$(MAKE) --no-print-directory debian
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Front-end assets from the npm registry (package.json + lock), copied into static files: no CDN.
$(VENDOR)/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make install: npm not found; install Node.js 20 with npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts.min.js
	touch $@

# Translations (English second): compiled from the committed .po files with GNU gettext.
%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "make install: msgfmt (Debian package gettext) missing; the interface stays Chinese-only"; exit 0; }
	msgfmt --check -o $@ $<

# Debian packages: CJK fonts and Pango for Chinese PDFs (WeasyPrint), Unihan data, gettext; Chromium for tests.
debian:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(DEBIAN_PACKAGES)" NEEDED_FOR="Chinese PDFs and glyph shape need them"

debian-test:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(DEBIAN_TEST_PACKAGES)" NEEDED_FOR="the browser walk-through is skipped without them"

debian-packages:
	@missing=""; for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make: installing Debian packages:$$missing"; \
		(apt-get install -y --no-install-recommends $$missing >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y --no-install-recommends $$missing >/dev/null)) \
		|| { echo "make: could not install$$missing"; exit 1; }; \
	else \
		echo "make: WARNING: missing Debian packages:$$missing (run 'sudo apt-get install$$missing'); $(NEEDED_FOR)"; \
	fi

run: install
	$(BIN)/zhichan migrate --no-input
	$(BIN)/zhichan demo
	$(BIN)/zhichan serve --port $(ZHICHAN_PORT)

test: install debian-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

# Benchmarks beside their peers; each script prints its figures and the ratios.
bench: install
	@for script in bench/*.py; do [ "$$(basename $$script)" = __init__.py ] && continue; \
		echo "=== $$script"; $(BIN)/python -m bench.$$(basename $$script .py) || exit 1; done

ci:
	.ci/run

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache .ruff_cache
