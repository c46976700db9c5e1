# shoppable-video: `make build`, `make demo`, `make test`, `make bench` (see README.md).
# Every target installs what it is missing, once, and is quick when everything is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

TARGET   := wasm32-unknown-unknown
WASM     := target/$(TARGET)/release/shoppable_video.wasm
NPM_BIN  := node_modules/.bin
PORT     ?= 8080
# The local live origin of `make demo` (tests/live/origin.mjs); live.html?stream plays it.
LIVE_PORT ?= 8081
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
# The other engines (make test-firefox, make test-webkit). geckodriver has no Debian package and
# npm's downloads it from the internet, so cargo builds it from source, into a directory of its own
# off PATH: wasm-bindgen-test-runner takes any geckodriver on PATH over Chromium's driver.
FIREFOX  ?= /usr/bin/firefox-esr
WEBKITWEBDRIVER ?= /usr/bin/WebKitWebDriver
GECKODRIVER_VERSION := 0.37.1
WEBDRIVERS ?= $(or $(CARGO_HOME),$(HOME)/.cargo)/webdrivers
GECKODRIVER ?= $(WEBDRIVERS)/bin/geckodriver
# WebKitGTK's MiniBrowser has no headless mode: it runs on Xvfb (xvfb-run's default screen,
# 640x480 at 8 bits, is too small and too poor for the tests).
XVFB_RUN := xvfb-run -a -s "-screen 0 1280x1024x24"
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# http-server uses an API Node deprecated; its warning is noise in test output.
NODE_OPTIONS ?= --no-deprecation
export CHROMIUM CHROMEDRIVER NODE_OPTIONS

.PHONY: build demo test bench profile tools rust-tools js-tools browser browsers firefox webkit geckodriver media-tools www-links examples example-builds test-native test-web test-types test-e2e test-hosts test-firefox test-webkit pkg-test size size-check clean

# A recipe that fails leaves no half-made target behind (pkg/ is made in several steps).
.DELETE_ON_ERROR:

## ---- installing what is missing ------------------------------------------------------------

tools: rust-tools js-tools

rust-tools:
	@rustup target list --installed | grep -qx '$(TARGET)' || rustup target add $(TARGET)
	@[ -f Cargo.lock ] || cargo generate-lockfile --quiet
	@want=$$(awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock); \
	have=$$( (wasm-bindgen --version 2>/dev/null || true) | awk '{ print $$2 }'); \
	if [ "$$want" != "$$have" ]; then \
	  echo "installing wasm-bindgen-cli $$want (was: $${have:-none}); takes a few minutes"; \
	  cargo install --quiet --force wasm-bindgen-cli --version "$$want"; \
	fi

# node_modules/.package-lock.json is newer than package-lock.json once `npm ci` has run.
js-tools: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@echo "installing the pinned JS tools (npm ci)"
	@npm ci --no-audit --no-fund --loglevel=error

# Each engine: a shell test that says it is installed, and the Debian packages that install it.
# WebKitGTK's packages pull the GStreamer plugins that play VP9 and H.264; firefox-esr recommends
# the libavcodec that plays H.264 (recommended packages are installed).
CHROMIUM_READY := [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]
CHROMIUM_DEBS  := chromium chromium-driver
FIREFOX_READY  := [ -x $(FIREFOX) ]
FIREFOX_DEBS   := firefox-esr
WEBKIT_READY   := [ -x $(WEBKITWEBDRIVER) ] && command -v xvfb-run >/dev/null && command -v xauth >/dev/null
WEBKIT_DEBS    := webkit2gtk-driver xvfb xauth
# ffmpeg makes the live origin's stream (tests/live/origin.mjs, for `make demo` and the tests).
MEDIA_READY    := command -v ffmpeg >/dev/null
MEDIA_DEBS     := ffmpeg

# $(call apt-install,ENGINES): the packages of those of ENGINES that are missing, in one apt-get run.
define apt-install
missing=""; \
$(foreach engine,$(1),$($(engine)_READY) || missing="$$missing $($(engine)_DEBS)"; ) \
if [ -n "$$missing" ]; then \
  echo "installing$$missing"; \
  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
fi
endef

browser:
	@$(call apt-install,CHROMIUM)

# Every engine `make test` uses, and ffmpeg, with one apt-get update.
browsers:
	@$(call apt-install,CHROMIUM FIREFOX WEBKIT MEDIA)

firefox: geckodriver
	@$(call apt-install,FIREFOX)

webkit:
	@$(call apt-install,WEBKIT)

# Once. An unoptimized build: under a minute on 2 cores where the release build takes about 3, and
# a driver that only relays a few commands per test is no slower for it.
geckodriver:
	@have=$$( ($(GECKODRIVER) --version 2>/dev/null || true) | awk 'NR == 1 { print $$2 }'); \
	if [ "$$have" != "$(GECKODRIVER_VERSION)" ]; then \
	  echo "installing geckodriver $(GECKODRIVER_VERSION) (was: $${have:-none}); takes a minute"; \
	  cargo install --quiet --force --debug geckodriver --version $(GECKODRIVER_VERSION) --root $(WEBDRIVERS); \
	fi

media-tools:
	@$(call apt-install,MEDIA)

# What www/ serves from elsewhere: the package, and hls.js for the live pages (never the element's).
www-links: js-tools
	@ln -sfn ../pkg www/pkg
	@mkdir -p www/vendor && for file in hls.mjs hls.worker.js; do ln -sfn ../../node_modules/hls.js/dist/$$file www/vendor/$$file; done

## ---- build ---------------------------------------------------------------------------------

build: tools
	@cargo build --quiet --release --target $(TARGET) --lib
	@$(MAKE) --no-print-directory pkg/shoppable_video_bg.wasm

# Re-run bindgen and the optimizer only when cargo produced a new module.
# wasm-opt's --low-memory-unused: no address below 1 KiB is ever read or written (Rust's stack grows
# down from 1 MiB toward them only when 1 MiB deep; the data sits above 1 MiB), so `p + c` may become a
# load's offset (measured: 504 B less gzip). After -Oz, --flatten --rereloop --merge-blocks rebuilds
# the control flow, and a second -Oz shrinks it further (590 B less gzip, with the target-features
# section, which only tools read; a second round of both, 89 B more); functions sorted by name sit
# beside their kin, which gzip likes.
# -ocimfs 30: a function with one caller is inlined into it only when small (-Oz inlines any):
# kept apart, the large ones compress better (measured: 74,208 -> 72,924 B gzip; every size from
# 15 to 40 gave 72,9xx-73,0xx B, unlimited 74,208).
pkg/shoppable_video_bg.wasm: $(WASM) tools/pkg-manifest.mjs tools/pkg-README.md tools/short-imports.mjs tools/snippet-names.mjs tools/public-exports.mjs \
                           tools/typings.mjs types/api.mjs types/data.d.ts CHANGELOG.md Cargo.toml Makefile
	@rm -rf pkg
	@wasm-bindgen --target web --weak-refs --out-dir pkg --out-name shoppable_video $(WASM)
	@$(NPM_BIN)/wasm-opt -Oz --flatten --rereloop --merge-blocks -Oz --flatten --rereloop --merge-blocks -Oz --converge -ocimfs 30 --reorder-functions-by-name --low-memory-unused --strip-debug --strip-producers --strip-target-features pkg/shoppable_video_bg.wasm -o pkg/shoppable_video_bg.wasm
	@node tools/short-imports.mjs pkg/shoppable_video_bg.wasm pkg/shoppable_video.js
	@node tools/public-exports.mjs pkg/shoppable_video.js
	@for js in pkg/shoppable_video.js pkg/snippets/*/src/web/element.js; do \
	  $(NPM_BIN)/terser "$$js" --module --compress passes=2 --mangle --output "$$js"; \
	done
	@node tools/pkg-manifest.mjs
	@node tools/size.mjs --brief

## ---- examples: host apps built from the package as npm installs it ------------------------

EXAMPLES_DEPS  := examples/node_modules/.package-lock.json
EXAMPLES_PKG   := examples/node_modules/shoppable-video/package.json
EXAMPLE_BUILDS := examples/react/dist/index.html examples/vue/dist/index.html examples/vite/dist/index.html \
                  examples/esbuild/dist/main.js examples/webpack/dist/main.js

# React 19, Vue 3 (both built with Vite), Vite, esbuild and webpack 5 apps (examples/README.md).
# Each is rebuilt only when its sources or the package changed.
examples: build
	@$(MAKE) --no-print-directory example-builds
example-builds: $(EXAMPLE_BUILDS)
	@:

$(EXAMPLES_DEPS): examples/package.json examples/package-lock.json
	@echo "installing the examples' pinned dependencies (npm ci in examples/)"
	@cd examples && npm ci --no-audit --no-fund --loglevel=error

# The tarball of `npm pack pkg/`, unpacked where `npm install` would put it (it has no dependencies).
$(EXAMPLES_PKG): pkg/shoppable_video_bg.wasm $(EXAMPLES_DEPS)
	@rm -rf target/pack examples/node_modules/shoppable-video
	@mkdir -p target/pack examples/node_modules/shoppable-video
	@npm pack ./pkg --pack-destination target/pack --silent >/dev/null
	@tar -xzf target/pack/shoppable-video-*.tgz -C examples/node_modules/shoppable-video --strip-components=1

examples/react/dist/index.html: $(EXAMPLES_PKG) $(wildcard examples/react/*.* examples/react/src/*)
	@echo "building examples/react (Vite)"
	@cd examples && npm run --silent build:react -- --logLevel warn
examples/vue/dist/index.html: $(EXAMPLES_PKG) $(wildcard examples/vue/*.* examples/vue/src/*)
	@echo "building examples/vue (Vite)"
	@cd examples && npm run --silent build:vue -- --logLevel warn
examples/vite/dist/index.html: $(EXAMPLES_PKG) $(wildcard examples/vite/*.*)
	@echo "building examples/vite"
	@cd examples && npm run --silent build:vite -- --logLevel warn
examples/esbuild/dist/main.js: $(EXAMPLES_PKG) examples/esbuild/main.js
	@echo "building examples/esbuild"
	@cd examples && npm run --silent build:esbuild -- --log-level=warning
examples/webpack/dist/main.js: $(EXAMPLES_PKG) $(wildcard examples/webpack/src/*)
	@echo "building examples/webpack"
	@cd examples && npm run --silent build:webpack -- --stats errors-warnings

## ---- demo ----------------------------------------------------------------------------------

# The live origin runs beside the static server; Ctrl-C stops both.
demo: build media-tools www-links
	@echo "demo on http://127.0.0.1:$(PORT)/, the live stream on http://127.0.0.1:$(PORT)/live.html?stream (Ctrl-C stops it)"
	@node tests/live/origin.mjs --port $(LIVE_PORT) & origin=$$!; \
	trap 'kill $$origin 2>/dev/null || true; wait $$origin 2>/dev/null || true' EXIT; \
	$(NPM_BIN)/http-server www -a 127.0.0.1 -p $(PORT) -c-1 --silent

## ---- tests ---------------------------------------------------------------------------------

test: build size-check browsers test-native test-web test-types test-e2e test-firefox test-webkit

test-native:
	@echo "== native tests (cargo test)"
	@cargo test --quiet --features cli

test-web: rust-tools browser
	@echo "== in-browser tests (wasm-bindgen-test, headless Chromium)"
	@cargo test --target $(TARGET) --test web

# The published typings (pkg/*.d.ts) used by a --strict TypeScript host, React 19 JSX included,
# with what they must refuse (tests/types); vue-tsc over the Vue example and what it must refuse
# (examples/vue/typecheck); the manifest writer against the Custom Elements Manifest schema's
# declarations; the API description against docs/API.md and the names the runtime uses.
test-types: build examples
	@echo "== typings (tsc --strict over tests/types, vue-tsc over examples/vue) and the API description"
	@$(NPM_BIN)/tsc -p tests/types
	@$(NPM_BIN)/tsc -p tests/types/tsconfig.tools.json
	@cd examples && npm run --silent typecheck:vue
	@node --test --test-reporter=dot tests/types/api.test.mjs

test-e2e: build browser media-tools www-links examples pkg-test
	@echo "== end-to-end tests (Playwright, headless Chromium)"
	@node tests/e2e/run.mjs

# The in-browser Rust tests (tests/web.rs) and the end-to-end smoke (tests/e2e/engines-*.test.mjs,
# plain WebDriver) in Firefox ESR and in WebKitGTK. wasm-bindgen-test-runner picks its driver
# from GECKODRIVER, then SAFARIDRIVER (any W3C driver: WebKitWebDriver is one), then CHROMEDRIVER.
test-firefox: build firefox
	@echo "== Firefox ESR: in-browser tests (wasm-bindgen-test, geckodriver) and the end-to-end smoke"
	@GECKODRIVER=$(GECKODRIVER) cargo test --target $(TARGET) --test web
	@ln -sfn ../pkg www/pkg
	@GECKODRIVER=$(GECKODRIVER) FIREFOX=$(FIREFOX) node tests/e2e/run.mjs engines-firefox

test-webkit: build webkit
	@echo "== WebKitGTK: in-browser tests (wasm-bindgen-test, WebKitWebDriver under Xvfb) and the end-to-end smoke"
	@SAFARIDRIVER=$(WEBKITWEBDRIVER) $(XVFB_RUN) cargo test --target $(TARGET) --test web
	@ln -sfn ../pkg www/pkg
	@WEBKITWEBDRIVER=$(WEBKITWEBDRIVER) $(XVFB_RUN) node tests/e2e/run.mjs engines-webkit

# Only the host apps and the package install (tests/e2e/hosts-*.test.mjs).
test-hosts: build browser examples
	@echo "== host apps and package (Playwright, headless Chromium)"
	@node tests/e2e/run.mjs hosts-

# The test-only build for tests/e2e/failure.test.mjs (cargo feature failure-hook: the timeline
# values "test:panic" and "test:panic-on-frame" force a panic), in www/pkg-test/, never in pkg/.
# Built without LTO at opt-level 1 in its own target dir (a few seconds, and the release build's
# cache is untouched); no optimizer: its size does not matter.
TEST_TARGET_DIR := target/failure-hook
TEST_WASM := $(TEST_TARGET_DIR)/$(TARGET)/release/shoppable_video.wasm
pkg-test: rust-tools
	@cargo build --quiet --release --target $(TARGET) --lib --features failure-hook --target-dir $(TEST_TARGET_DIR) \
	  --config 'profile.release.lto=false' --config 'profile.release.opt-level=1' --config 'profile.release.codegen-units=16'
	@$(MAKE) --no-print-directory www/pkg-test/shoppable_video_bg.wasm

www/pkg-test/shoppable_video_bg.wasm: $(TEST_WASM)
	@rm -rf www/pkg-test
	@wasm-bindgen --target web --weak-refs --out-dir www/pkg-test --out-name shoppable_video $(TEST_WASM)

size: build
	@node tools/size.mjs

# The size ratchet: fails when pkg/ (wasm + JS, gzip -9) outgrows tools/size-ceiling.json.
size-check: build
	@echo "== size check (pkg/ wasm + JS, gzip -9)"
	@node tools/size-check.mjs

## ---- benchmarks ----------------------------------------------------------------------------

# Native (benches/core.rs, divan) then browser (tests/bench/run.mjs: ours vs video.js +
# videojs-overlay and a naive JS overlay); the browser table also goes to bench-results/latest.json.
# Figures over budget are reported, not failures; a steady frame that allocates fails.
bench: build browser
	@echo "== native benchmarks (benches/core.rs)"
	@cargo bench --quiet --bench core
	@echo "== browser benchmarks (tests/bench/run.mjs)"
	@node tests/bench/run.mjs

# A CPU profile of the bench page with Rust function names (tests/bench/profile.mjs):
# `make profile` for the frames, `make profile WHAT=10000` for a load.
profile: build browser
	@node tests/bench/profile.mjs $(or $(WHAT),frames)

clean:
	rm -rf target pkg www/pkg www/pkg-test www/vendor node_modules examples/node_modules examples/*/dist
