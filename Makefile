# Two commands do everything (README.md):  make demo   and   make test
# Both create a virtual environment in .venv, install tracekeras into it with
# its test extras, and install the Graphviz `dot` program (and headless Chromium,
# for the HTML report test) where the system allows.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test install system-deps clean differences-doc reference conformance

$(BIN)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

install: $(BIN)/.installed system-deps

system-deps:
	@sh tools/install_system_deps.sh

demo: install
	$(BIN)/python -m tracekeras demo --out $(OUT)

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# docs/differences.md's table of known differences, made from
# tracekeras/conformance/known_differences.json
differences-doc:
	$(PYTHON) tools/make_differences_doc.py

# tests/conformance/data/*.keras.jsonl: each conformance scenario run on real tf_keras,
# traced by the probe (needs a Python with tf_keras: make reference TFPYTHON=...;
# SCENARIOS="a b" remakes only those)
TFPYTHON ?= $(PYTHON)
reference:
	TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=$(CURDIR) \
		$(TFPYTHON) tests/conformance/make_fixtures.py $(SCENARIOS)

# the conformance table: each scenario on tracekeras against real Keras's trace
conformance: install
	$(BIN)/python tools/conformance_table.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
