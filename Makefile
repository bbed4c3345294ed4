# The two commands of the README: `make run` (the app on a demo database) and `make test` (everything CI runs).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(CURDIR)/.demo/desk-demo.sqlite

.PHONY: run test venv demo qm lint typecheck layers unit bench torture partition load screenshots translations wheel icons bundle bundle-smoke clean

$(BIN)/desk: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/desk

venv: $(BIN)/desk

demo: venv
	@mkdir -p .demo
	@test -f $(DEMO_DB) || $(BIN)/desk --db sqlite:///$(DEMO_DB) demo --cases 2000 --open 300 --seed 7

# The compiled translations (.qm) of a source checkout; a wheel's build compiles its own (setup.py).
qm: venv
	$(BIN)/pyside6-lrelease -silent resources/translations/desk_zh_CN.ts resources/translations/desk_en.ts

run: demo qm
	$(BIN)/desk-gui --db sqlite:///$(DEMO_DB)

lint: venv
	$(BIN)/ruff check desk ui tests packaging
	$(BIN)/ruff format --check desk ui tests packaging

typecheck: venv
	$(BIN)/mypy

layers: venv
	$(BIN)/lint-imports

unit: venv qm
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

test: lint typecheck layers unit

bench: venv qm
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q tests/bench -p no:randomly -s

# Long reliability runs (README "Reliability"): 240 SIGKILLs of a writer, then the importer fuzz at 1000 examples per test.
torture: venv
	$(BIN)/python -m tests.torture

# Offline desks rejoining a real server (wipes $$DESK_TEST_PG_URL's database): zero lost writes, or it fails.
partition: venv
	$(BIN)/python -m tests.partition

# Twenty desks writing to one server for two minutes (wipes $$DESK_TEST_PG_URL's database): write and
# visibility latency p50/p99, and zero lost or duplicated writes, or it fails.
load: venv
	$(BIN)/python -m tests.load

# Refresh the .ts sources from the tr() strings of ui/, fill the Chinese wording, compile the .qm files.
translations: venv
	$(BIN)/pyside6-lupdate ui/*.py ui/handover/*.py ui/review/*.py -ts resources/translations/desk_zh_CN.ts -source-language en -target-language zh_CN -no-obsolete
	$(BIN)/pyside6-lupdate ui/*.py ui/handover/*.py ui/review/*.py -ts resources/translations/desk_en.ts -source-language en -no-obsolete -pluralonly
	$(BIN)/python packaging/translations_zh_CN.py resources/translations/desk_zh_CN.ts
	$(BIN)/pyside6-lrelease resources/translations/desk_zh_CN.ts resources/translations/desk_en.ts

# The window in light and dark mode, English and Chinese: packaging/screenshots/*.png.
screenshots: venv qm
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py

# The wheel (dist/), with the catalogs and the compiled translations inside the desk package.
wheel: venv
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

# The standalone Linux build for workstations without Python: dist/desk/ (both commands), its tarball and a
# .deb installing it under /opt/desk (packaging/build_bundle.py; own build venv in build/, about 2 minutes).
bundle:
	$(PY) packaging/build_bundle.py

# The built bundle started on a throwaway data folder: demo database, handover PDF, the window offscreen.
bundle-smoke: venv
	DESK_BUNDLE=$(CURDIR)/dist/desk $(BIN)/pytest -q tests/packaging/test_bundle.py

# The hicolor PNGs of the application icon, rendered from its SVG (needs rsvg-convert: librsvg2-bin).
ICON := packaging/linux/io.github.supportdesk.Desk
icons:
	for n in 16 22 24 32 48 64 128 256 512; do \
	    mkdir -p packaging/linux/icons/hicolor/$${n}x$${n}/apps && \
	    rsvg-convert -w $$n -h $$n $(ICON).svg -o packaging/linux/icons/hicolor/$${n}x$${n}/apps/$(notdir $(ICON)).png; \
	done

clean:
	rm -rf $(VENV) .demo build dist *.egg-info desk/resources
