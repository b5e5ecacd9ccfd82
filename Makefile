# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install bytecode run test bench background clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ocr]'
	touch $(STAMP)

install: $(STAMP)

# The package's bytecode, written where it is imported from (src/, an editable install):
# where PYTHONDONTWRITEBYTECODE is set nothing else writes it, and every command, each
# query among them, compiles the package again (a third of a query's start-up). Python
# checks each file against its source, so a stale one is never run.
bytecode: install
	$(BIN)/python -m compileall -q src

run: bytecode
	$(BIN)/sq-nlp run corpus
	$(MAKE) --no-print-directory outputs/walkthrough.ipynb

# The executed walkthrough over the run's own database (nothing is ingested twice);
# rebuilt when the notebook, the corpus or the package's code or data changes. The
# kernel's chatter goes to outputs/walkthrough.log, shown only when the notebook fails.
PACKAGE_FILES := $(shell find src -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*')
outputs/walkthrough.ipynb: notebooks/walkthrough.ipynb $(wildcard corpus/* corpus/*/*) $(PACKAGE_FILES) $(STAMP)
	@echo "make run: executing notebooks/walkthrough.ipynb -> outputs/walkthrough.ipynb"
	@SQ_NLP_CORPUS=$(CURDIR)/corpus SQ_NLP_WORK=$(CURDIR)/outputs/notebook SQ_NLP_DB=$(CURDIR)/outputs/sq_nlp.db \
	  $(BIN)/jupyter-execute notebooks/walkthrough.ipynb --output=../outputs/walkthrough \
	  > outputs/walkthrough.log 2>&1 || { cat outputs/walkthrough.log; exit 1; }

test: install
	$(BIN)/python -m pytest -q

bench: bytecode
	$(BIN)/python benchmarks/bench.py

# The background reports a small store's keyphrases are ranked beside
# (src/sq_nlp/summaries/keywords/data/background.json.gz), cut from corpus/ again
# after a change to the word lists their tokens depend on (a test says when).
background: install
	$(BIN)/python -m sq_nlp.summaries.keywords.background corpus

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
