# Two commands: `make run` serves the demo on SQLite, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000

.PHONY: run test lint chromium dovecot axe i18n clean constraints

# installs exactly what constraints.txt names: a fresh machine gets what the suite passed with
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Renew constraints.txt from the newest releases pyproject.toml allows; run `make test` after it.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --upgrade pip
	.venv-constraints/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# What a fresh install gets: the versions the suite last passed with. \`make constraints\` renews it."; \
	  .venv-constraints/bin/python -m pip freeze --all --exclude-editable | grep -v -E '^(setuptools|wheel)==' | sort -f; } > constraints.txt
	rm -rf .venv-constraints

# on another port, the links in pages and reminder mails follow it (unless BASE_URL is set)
RUN_ENV := $(if $(filter-out 5000,$(PORT)),$(if $(BASE_URL),,BASE_URL=http://127.0.0.1:$(PORT)))

# the demo's client door opens to its ring (unless the door's settings say otherwise)
DOOR_ENV := CLIENT_DOOR_ORG="$${CLIENT_DOOR_ORG:-Opin ovi Uusimaa}" CLIENT_DOOR_RING="$${CLIENT_DOOR_RING:-Uudenmaan opinto-ohjausrengas}"

run: $(STAMP)
	$(BIN)/eteinen init
	$(RUN_ENV) $(BIN)/eteinen demo --if-empty
	$(RUN_ENV) $(DOOR_ENV) $(BIN)/eteinen serve --port $(PORT)

# Debian's Chromium for the browser tests; they skip with a reason where it cannot be had.
chromium:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium not installed: the browser tests will be skipped"; }

# Debian's Dovecot, for the tests' throwaway IMAP server; they skip with a reason where it cannot be had.
dovecot:
	@test -x /usr/sbin/dovecot || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null) \
		|| echo "dovecot not installed: the IMAP tests will be skipped"; }

# axe-core, at the version package-lock.json names, for the browser tests' accessibility checks.
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): tests/browser/axe/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser/axe --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the accessibility checks will be skipped"; fi

test: $(STAMP) chromium dovecot axe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile -q

# Re-extract the pages' texts into the catalogues and compile them (the .mo files are committed:
# a plain `pip install .` serves fi/sv/en). Translate the new empty entries in the .po files, then run again.
CATALOGUES := routing/translations
i18n: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --sort-by-file --no-wrap \
		--project=eteinen --copyright-holder="Eteinen" -o $(CATALOGUES)/messages.pot .
	for lang in fi sv en; do \
		test -f $(CATALOGUES)/$$lang/LC_MESSAGES/messages.po \
		|| $(BIN)/pybabel -q init -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) -l $$lang; done
	$(BIN)/pybabel -q update -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) --no-wrap --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d $(CATALOGUES) --statistics

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
