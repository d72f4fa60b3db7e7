# Văn phòng số: everyday commands. Needs only Python 3.11+ and make on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff
STAMP := $(VENV)/.installed
# pytest-xdist workers for `make test` (tests/kit/workers.py keeps them apart); 0 runs in-process.
TEST_WORKERS ?= 2

.PHONY: help venv run test lint fmt messages bench

help:
	@echo "make run       set up, migrate, load demo data and start http://127.0.0.1:8000"
	@echo "make test      checks, migrations check, ruff, the whole pytest suite"
	@echo "make lint      ruff check and format check"
	@echo "make fmt       ruff format and safe fixes"
	@echo "make messages  update and compile translations (needs gettext)"
	@echo "make bench     run scripts/benchmark.py"

venv: $(STAMP)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -e '.[dev]'
	touch $(STAMP)

run: venv
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=var; \
	else \
		echo "gettext (msgfmt) not installed: using the committed .mo files"; \
	fi
	$(PY) manage.py migrate
	$(PY) manage.py seed_demo
	@echo
	@echo "Văn phòng số: http://127.0.0.1:8000 (logins above)"
	@echo
	$(PY) manage.py runserver 127.0.0.1:8000

test: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(RUFF) check .
	$(RUFF) format --check .
	@# pytest exits 5 when it collected nothing: that is a failure too (and is non-zero anyway).
	@$(PY) -m pytest -n $(TEST_WORKERS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; fi; \
	exit $$status

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .

fmt: venv
	$(RUFF) format .
	$(RUFF) check --fix .

messages: venv
	$(PY) manage.py makemessages -l vi -l en --ignore=$(VENV) --ignore=var --ignore=static/vendor
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=var

bench: venv
	$(PY) scripts/benchmark.py
