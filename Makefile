# Agglo — two commands matter: `make demo` (build and serve the page with the Georgia sample) and
# `make test` (install what is missing, then run every test). Both work on a fresh machine.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_DIR := $(or $(CARGO_TARGET_DIR),target)
PKG := www/pkg
BIN := node_modules/.bin

.PHONY: setup wasm web demo test test-rust test-wasm test-node test-e2e bench size clean

setup:
	@bash scripts/setup.sh

# The main module (no XLSX) and the lazily loaded XLSX module, bindgen'd for --target web and
# shrunk with wasm-opt from npm binaryen.
wasm: setup
	@bash scripts/build-wasm.sh

web: wasm
	@rm -rf www/public/sample && mkdir -p www/public/sample
	@cp data/ga_cbp_naics4_2017_2021.csv data/us_cbp_naics4_2017_2021.csv data/ga_counties.topojson \
	   data/ga_counties.geojson data/ga_cbp_naics6_2017_2021.csv data/us_cbp_naics6_2017_2021.csv \
	   data/cluster_definitions_uscmp.csv data/ga_cbp_naics4_2021_wide.xlsx \
	   data/bea_2017_summary_make.csv data/bea_2017_summary_use.csv data/bea_2017_summary_ixi_flows.csv \
	   data/bea_2017_summary_output.csv data/bea_summary_to_naics.csv www/public/sample/
	@cp data/README.md www/public/sample/SOURCES.md && cp -r data/LICENSES www/public/sample/
	@$(BIN)/vite build --logLevel warn

demo: web
	@echo "Agglo: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@python3 scripts/serve.py --dir dist --port $(PORT)

test: setup test-rust web test-wasm test-node test-e2e size

test-rust:
	@cargo test --quiet 2>&1 | grep -vE "^\s*$$|^running 0 tests|^test result: ok. 0 passed" || exit 1

test-wasm:
	@bash scripts/test-wasm.sh

test-node:
	@node --test tests/node/

test-e2e:
	@node --test --test-concurrency=1 tests/e2e/

size:
	@node scripts/size-report.mjs

bench: setup web
	@bash bench/run.sh

clean:
	@rm -rf target dist $(PKG) www/public/sample
