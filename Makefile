# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BASE_STAMP := $(VENV)/.installed-base
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint format messages screenshots clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(BASE_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(BASE_STAMP) $@

demo: $(BASE_STAMP)
	$(PY) manage.py demo

test: $(TEST_STAMP)
	$(PY) tools/ensure_chromium.py
	$(PY) tools/run_tests.py

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(TEST_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The English catalogue of simon/ (msgids are the Dutch texts). An --ignore pattern matches a
# directory's or file's name anywhere, or its whole path from here: 'snelstart*' would also skip
# simon/snelstart_sync. simon/lib/tests/test_translations.py runs makemessages with these same
# --ignore patterns, read from this line.
MESSAGES_IGNORE := --ignore .venv --ignore var --ignore snelstart --ignore snelstart_emulator \
	--ignore tests --ignore bench --ignore tools --ignore docs --ignore conftest.py

messages: $(BASE_STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --add-location file $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages --ignore .venv --ignore var

# The user guide's screenshots (docs/nl/img/), taken by the journeys and the field app's browser
# tests; a normal test run writes none.
screenshots: $(TEST_STAMP)
	$(PY) tools/ensure_chromium.py
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) var/test
