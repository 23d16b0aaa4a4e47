# chamdiem: two commands for people (README): `make serve` and `make test`.
# Each installs, pinned and only when missing, what it needs on a fresh
# Debian machine with Rust (rustup), Node/npm and Python: nothing is
# downloaded from outside the package registries.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_TARGET := wasm32-unknown-unknown
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
SERVE_PORT ?= 8080

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

.PHONY: help serve test build bench fuzz tools rust-tools node-tools browser check fmt-check clippy unit-test browser-test clean

help:
	@echo "make serve   # build and serve the app at http://127.0.0.1:$(SERVE_PORT)"
	@echo "make test    # every test: fmt, clippy (native + wasm32), unit, release build, browser"
	@echo "make bench   # speed and size figures against SheetJS, in headless Chromium"
	@echo "make fuzz    # fuzz the import for FUZZ_SECONDS (default 600) under a 2 GB memory cap"

## --- tools (idempotent, pinned) -------------------------------------------

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "Installing trunk $(TRUNK_VERSION) (takes a few minutes, once)"; \
	  cargo install trunk --locked --version $(TRUNK_VERSION); fi
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "wasm-bindgen not found in Cargo.lock"; exit 1; }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

node-tools: node_modules/.stamp
	@[ "$$(wasm-opt --version)" = "wasm-opt version 132 (version_132)" ] || { echo "wrong wasm-opt: $$(command -v wasm-opt)"; exit 1; }

# poppler-utils: pdftotext reads the print view's PDF in dossier.spec.mjs.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null || { \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver poppler-utils; }

# LibreOffice recalculates the exported workbooks in tests/export_libreoffice.rs.
.PHONY: office
# Writer turns the dossier's .docx into PDF in tests/docx_libreoffice.rs.
office:
	@command -v soffice >/dev/null && dpkg -s libreoffice-writer >/dev/null 2>&1 || { \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libreoffice-calc libreoffice-writer; }

tools: rust-tools node-tools

## --- the two commands -------------------------------------------------------

serve: tools
	trunk serve --release --port $(SERVE_PORT)

build: tools
	trunk build --release

test: tools browser office fmt-check clippy unit-test build browser-test

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings

unit-test:
	cargo test

browser-test:
	npx playwright test --config tests/browser/playwright.config.mjs

BENCH_PORT ?= 8767
BENCH_BOOK := target/bench/lon-60x400.xlsx
# Our export of the bench book, written natively by the worker's code:
# ExcelJS rebuilds this workbook in the bench (tests/bench/styled-peer.mjs).
BENCH_EXPORT := target/bench/ours-60x400.xlsx
# The Chromium the figures were taken with (Debian's package). Another
# version still runs the bench, with a warning: its figures compare less
# well with README's. Only `make bench` checks; `make test` takes any.
BENCH_CHROMIUM := 156.0.8078.114

$(BENCH_BOOK): examples/large_workbook.rs
	@mkdir -p target/bench
	cargo run --release --example large_workbook -- $@ 60 400

$(BENCH_EXPORT): $(BENCH_BOOK) $(wildcard src/xlsx/*.rs) $(wildcard src/xlsx/*/*.rs)
	cargo run --release --example chamdiem -- export $< $@

# The bench page is the release build plus the `bench` feature's entry
# points (src/bench.rs), in its own directory; sizes are the shipped dist's.
BENCH_DIST := target/bench-dist

bench: tools browser build $(BENCH_BOOK) $(BENCH_EXPORT)
	@v="$$(chromium --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1)"; \
	  [ "$$v" = "$(BENCH_CHROMIUM)" ] || echo "WARNING: Chromium $$v, not $(BENCH_CHROMIUM) as for README's figures: compare with care"
	trunk build --release --features bench --dist $(BENCH_DIST)
	@python3 -m http.server $(BENCH_PORT) --bind 127.0.0.1 --directory $(BENCH_DIST) >/dev/null 2>&1 & \
	  server=$$!; trap "kill $$server" EXIT; \
	  for i in $$(seq 50); do curl -sf http://127.0.0.1:$(BENCH_PORT)/ >/dev/null && break; sleep 0.1; done; \
	  node tests/bench/bench.mjs http://127.0.0.1:$(BENCH_PORT)/ $(BENCH_BOOK) dist $(BENCH_EXPORT)

# Fuzzing the import with cargo-fuzz (libFuzzer). cargo-fuzz drives rustc
# with -Z flags; RUSTC_BOOTSTRAP lets this machine's stable toolchain accept
# them (no nightly can be fetched here).
CARGO_FUZZ_VERSION := 0.13.1
FUZZ_SECONDS ?= 600

fuzz: rust-tools
	@cargo fuzz --version 2>/dev/null | grep -q "$(CARGO_FUZZ_VERSION)" || cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION)
	@mkdir -p target/fuzz-corpus
	@cp tests/fixtures/0[1-8]*.xls* tests/fixtures/0*.ods tests/fixtures/bad/*.xls* tests/fixtures/bad/*.csv target/fuzz-corpus/
	@find tests/fixtures/fuzz -type f ! -name '*.md' -exec cp {} target/fuzz-corpus/ \;
	RUSTC_BOOTSTRAP=1 cargo fuzz run import target/fuzz-corpus -- \
	  -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 -max_len=1048576 -detect_leaks=0
	@echo "Findings land in fuzz/artifacts/import/: fix them, then keep them in tests/fixtures/fuzz/."

clean:
	rm -rf dist target/playwright
