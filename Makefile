# zhichan: two commands for users (`make run`, `make test`); the rest are their steps.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The lock files (`make lock`): every package with its version and hashes. lock.txt is what the platform
# runs on, lock-spark.txt adds Apache Spark, lock-test.txt adds Spark, the test and the lint tools.
LOCK := requirements/lock.txt
LOCK_SPARK := requirements/lock-spark.txt
LOCK_TEST := requirements/lock-test.txt
STAMP := $(VENV)/.installed
STAMP_SPARK := $(VENV)/.installed-spark
STAMP_TEST := $(VENV)/.installed-test
export ZHICHAN_DATA_DIR ?= $(CURDIR)/var
export ZHICHAN_PORT ?= 8000
VENDOR := src/zhichan/static/vendor
DEBIAN_PACKAGES := fonts-noto-cjk unicode-data gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# The browser walk-through of `make test` (tests/browser) runs in Debian's Chromium with its driver.
DEBIAN_TEST_PACKAGES := chromium chromium-driver
LOCALE_PO := $(wildcard src/zhichan/locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
# The fast lane leaves out what takes long: property-test and Spark runs, the API fuzzer, the browser.
FAST_LANE := not slow and not fuzz and not spark and not browser
# The suite runs on every core (pytest-xdist; one test database per worker); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

.PHONY: install install-spark install-test run test test-fast lint lock ci bench clean assets debian debian-test debian-packages

install: $(STAMP) $(VENDOR)/.installed $(LOCALE_MO)

# Apache Spark for `--engine spark` (pyspark, pyarrow: about 700 MB; needs Java 17).
install-spark: install $(STAMP_SPARK)

# What the tests and the linters need: Spark, the test tools, ruff, import-linter, mypy and uv.
install-test: install $(STAMP_TEST)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "make install: $(PYTHON) not found; install Python 3.11 (or PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exactly the files of the lock (pip refuses any whose hash differs), then the project itself, resolving
# nothing. The virtualenv is brought up to date when a lock file or the project's metadata changes.
define install_lock
	$(BIN)/python -m pip install --quiet --require-hashes -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@
endef

$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	@$(MAKE) --no-print-directory debian
	$(call install_lock,$(LOCK))

$(STAMP_SPARK): $(LOCK_SPARK) pyproject.toml | $(BIN)/python
	$(call install_lock,$(LOCK_SPARK))

$(STAMP_TEST): $(LOCK_TEST) pyproject.toml | $(BIN)/python
	$(call install_lock,$(LOCK_TEST))

# Recompile the lock files after a pin in pyproject.toml changed (for Linux x86_64, Python 3.11). The test
# lock is resolved first and the other two are held to its versions, so every profile installs the same
# files; versions already locked are kept unless `make lock UPGRADE=--upgrade`.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" $(UPGRADE) pyproject.toml
lock: $(STAMP_TEST)
	$(UV_COMPILE) --extra spark --extra test --extra dev -o $(LOCK_TEST)
	$(UV_COMPILE) -c $(LOCK_TEST) -o $(LOCK)
	$(UV_COMPILE) --extra spark -c $(LOCK_TEST) -o $(LOCK_SPARK)

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

# The whole suite (Spark in local mode, the fuzzer and the browser walk-through included).
test: install-test debian-test
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The fast lane: everything but the tests marked slow, fuzz, spark or browser.
test-fast: install-test
	$(BIN)/pytest -n $(TEST_WORKERS) -m "$(FAST_LANE)" $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# Benchmarks beside their peers; each script prints its figures and the ratios.
bench: install
	@for script in bench/*.py; do [ "$$(basename $$script)" = __init__.py ] && continue; \
		echo "=== $$script"; $(BIN)/python -m bench.$$(basename $$script .py) || exit 1; done

ci:
	.ci/run

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache .ruff_cache
