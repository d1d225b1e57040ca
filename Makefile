# Building Keras Models: one-command set-up, tests and site build.
#   make test   - set up .venv, run ruff, the helper tests and strict nbval on every
#                 notebook, build the site and drive a headless browser through it
#   make book   - set up .venv, build the static site into _build/html
# See `make help` for the rest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# Run or test a subset with e.g. `make test-notebooks NB=notebooks/01_sequential_api.ipynb`.
NB ?= $(NOTEBOOKS)
PORT ?= 8000
# The browser test drives this Chromium (Debian/Ubuntu: apt-get install chromium).
CHROMIUM ?= $(or $(shell command -v chromium 2>/dev/null),$(shell command -v chromium-browser 2>/dev/null),/usr/bin/chromium)
# `make book BOOK_OUT=dir` builds into dir/_build/html instead (used by `make bench`).
BOOK_OUT ?=
comma := ,
BOOK_DONE = $(if $(BOOK_OUT),The site is in $(BOOK_OUT)/_build/html.,The site is in _build/html: open _build/html/index.html$(comma) or run 'make serve'.)

# The notebooks' kernels inherit these. The numeric settings (quiet TensorFlow,
# kernels and thread counts that give the same floats on every x86-64 machine
# with AVX2) come from the one list the Setup cells use, src/helpers/environment.py.
NUMERIC_SETTINGS := $(shell $(PYTHON) src/helpers/environment.py)
ifeq ($(NUMERIC_SETTINGS),)
$(error cannot read the numeric settings: run `$(PYTHON) src/helpers/environment.py` to see why)
endif
$(foreach setting,$(NUMERIC_SETTINGS),$(eval export $(setting)))
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help setup graphviz chromium test lint test-helpers test-notebooks test-portable test-kernels compare notebooks book pdf pdf-only site-test bench lab serve clean

help:
	@echo "make test            set up, then helper tests + strict nbval on every notebook"
	@echo "                     + site build + browser test of the site"
	@echo "make book            set up, then build the site into _build/html"
	@echo "                     (and the whole-book PDF, when Chromium is installed)"
	@echo "make site-test       build the site, then check every page in headless Chromium"
	@echo "make bench           time every notebook in a fresh kernel (NB=path for some);"
	@echo "                     writes the book's Execution statistics table"
	@echo "make test-portable   every notebook on simulated other machines, other seeds, lax nbval"
	@echo "make test-kernels    strict nbval with other matmul kernels (another CPU's last bits)"
	@echo "make compare NB=...  re-run chapters here; print each stored output that differs"
	@echo "make notebooks       re-execute notebooks in place (NB=path to choose some)"
	@echo "make test-notebooks  strict nbval only (NB=path to choose some)"
	@echo "make test-helpers    pytest on tests/ only"
	@echo "make lint            ruff check and ruff format --check (code and notebooks)"
	@echo "make lab             JupyterLab on 127.0.0.1 with the book's environment (LAB_PORT=8888)"
	@echo "make serve           serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make clean           remove _build (the .venv stays)"

setup: $(STAMP) graphviz

# (Re)install whenever the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found: install Python 3.11 or pass PYTHON=..." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# TensorFlow prints C++ log lines before its logging is configured; keep
	@# them in the terminal instead of the notebooks' stored outputs.
	@mkdir -p $(VENV)/etc/ipython
	@echo 'c.IPKernelApp.capture_fd_output = False' > $(VENV)/etc/ipython/ipython_kernel_config.py
	@touch $@

# Install a Debian package that pip cannot provide, when it is missing and we
# are root with apt-get; otherwise stop with one line saying what to install.
# $(1): a command that succeeds when it is present; $(2): the package; $(3): the hint.
define ensure_system_package
	@$(1) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(2) (apt-get install $(2))"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  fi; \
	  $(1) || { echo "error: $(3)" >&2; exit 1; }; }
endef

# keras.utils.plot_model needs Graphviz's `dot` binary.
graphviz:
	$(call ensure_system_package,command -v dot >/dev/null 2>&1,graphviz,Graphviz's 'dot' is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) and run make again)

# The browser test needs Chromium; on CI (CI=true) it is installed when missing.
chromium:
	$(call ensure_system_package,test -x "$(CHROMIUM)",chromium,Chromium is missing at $(CHROMIUM): install it (Debian/Ubuntu: sudo apt-get install chromium) or pass CHROMIUM=/path/to/chromium)

test: lint test-helpers test-notebooks site-test

# ruff checks and formats every Python file and notebook: pyproject.toml for
# the code (100 characters), notebooks/ruff.toml for the chapters (88, the
# width of the site's code column). `ruff format .` and `ruff check --fix .`
# repair most of what it reports.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-helpers: setup
	$(BIN)/python -m pytest tests

# Notebooks run on two workers, each notebook whole in one kernel; the plugin
# tests/nbval_balance.py orders them by their measured times so both workers
# finish together. The thread counts are pinned, so running side by side
# changes no result.
NBVAL := $(BIN)/python -m pytest -n 2 --dist loadscope --no-loadscope-reorder -p tests.nbval_balance \
  --nbval-current-env --nbval-cell-timeout=600

test-notebooks: setup
	$(NBVAL) --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg $(NB)

# Other machines, simulated: oneDNN's kernels for this CPU's own best
# instruction set (AVX-512 where it has it; `make test-kernels` covers the older
# AVX ones) and its graph rewrites on, one Eigen thread as on a one-core
# machine, and NumPy's baseline loops instead of AVX2; and other seeds (every
# seed the helpers set shifted by 1000). Lax nbval: other digits, but every cell
# must run and every assertion hold. One thread per notebook and the newest
# kernels also keep this tier no slower than the strict one.
PORTABLE_SETTINGS := ONEDNN_MAX_CPU_ISA=ALL TF_ENABLE_ONEDNN_OPTS=1 TF_NUM_INTRAOP_THREADS=1 \
  TF_NUM_INTEROP_THREADS=1 NPY_DISABLE_CPU_FEATURES=X86_V3,X86_V4,AVX512_ICL,AVX512_SPR \
  BOOK_SEED_OFFSET=1000

test-portable: setup
	env $(PORTABLE_SETTINGS) $(NBVAL) --nbval-lax $(NB)

# Another CPU's last bits, simulated: oneDNN's AVX kernels (no fused
# multiply-add) round every float32 matmul differently from the pinned AVX2
# ones, as another CPU's blocking of the same sums may. Strict nbval: every
# compared output must still match the stored one exactly (only the Setup
# cells' environment line, which reports the change, is replaced). Cells that
# print last-bit noise are tagged nbval-ignore-output and listed, with their
# reasons, in tests/test_uncompared_cells.py.
test-kernels: setup
	env ONEDNN_MAX_CPU_ISA=AVX $(NBVAL) --nbval --nbval-sanitize-with tests/nbval_sanitize_kernels.cfg $(NB)

# Re-run chapters on this machine into a temporary copy and print every stored
# output that comes back different, numbers side by side, and which installed
# versions differ from requirements.txt.
compare: setup
	$(BIN)/python tools/compare.py $(NB)

notebooks: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.kernel_name=python3 $(NB)

book: setup
	$(BIN)/jupyter-book build . -W -n --keep-going $(if $(BOOK_OUT),--path-output $(BOOK_OUT))
	@if [ -x "$(CHROMIUM)" ]; then \
	  $(MAKE) --no-print-directory pdf-only $(if $(BOOK_OUT),SITE_DIR=$(BOOK_OUT)/_build/html); \
	else \
	  echo "No PDF of the book: Chromium is not installed at $(CHROMIUM) (its link on the landing page stays dead)."; \
	fi
	@echo "$(BOOK_DONE)"

# The whole book as one PDF, printed page by page by Chromium in
# table-of-contents order (`make book` makes it too when Chromium is installed).
pdf: book
pdf-only:
	CHROMIUM="$(CHROMIUM)" $(if $(SITE_DIR),SITE_DIR="$(SITE_DIR)") $(BIN)/python tools/book_pdf.py

# Without Chromium, a reader's `make test` skips this with one line and passes;
# with CI=true, Chromium is installed (or the run fails) before the site is
# built, so that `make book` prints the PDF too. After the site, chapter 1 runs
# in JupyterLab started by `make lab` (tests/site/check_lab.py, in a pytest
# process of its own: Playwright's sync API cannot start inside the first one's
# event loop).
site-test: setup
	@if [ ! -x "$(CHROMIUM)" ] && [ "$${CI:-}" != true ]; then \
	  $(MAKE) --no-print-directory book && \
	  echo "Skipped the browser test of the site: Chromium is not installed at $(CHROMIUM) (sudo apt-get install chromium, or pass CHROMIUM=/path/to/chromium)."; \
	else \
	  $(MAKE) --no-print-directory chromium && \
	  $(MAKE) --no-print-directory book && \
	  CHROMIUM="$(CHROMIUM)" $(BIN)/python -m pytest -q tests/site/check_site.py && \
	  CHROMIUM="$(CHROMIUM)" $(BIN)/python -m pytest -q tests/site/check_lab.py; \
	fi

# Time every notebook (or NB=...) in a fresh kernel on a temporary copy; a run
# over all notebooks also times strict nbval and a clean `make book`, and
# writes book/_generated/bench.md for the Execution statistics page.
bench: setup
	$(BIN)/python tools/bench.py $(NB)

# JupyterLab on this machine only (127.0.0.1), on LAB_PORT or the next free
# port; as root (the usual case in a container) it needs --allow-root.
# LAB_DIR is the folder it opens.
LAB_PORT ?= 8888
LAB_DIR ?= notebooks/
lab: setup
	@echo "Starting JupyterLab on 127.0.0.1: open the http://127.0.0.1:... URL it prints below (Ctrl-C stops it)."
	$(BIN)/jupyter lab $(LAB_DIR) --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --no-browser \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

serve:
	@test -f _build/html/index.html || { echo "error: no site yet: run 'make book' first" >&2; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build
