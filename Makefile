# FirstSpike — build, test, demo, benchmark.  `make help` lists the targets.
SWIFT ?= swift
BIN = .build/release/firstspike
DEMO = scratch/demo
PREFIX ?= /usr/local

FUZZ_SECONDS ?= 60
FUZZ_BUILD = FIRSTSPIKE_FUZZ=1 $(SWIFT) build --build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address

.PHONY: help deps deps-report build release test test-release test-slurm test-asan fuzz check-report demo bench install clean

help:             ## this list
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps:             ## system libraries the C targets link against, and a font for pictures (Debian/Ubuntu, needs root)
	apt-get update -qq && apt-get install -y -qq libpng-dev libzstd-dev zlib1g-dev libcairo2-dev fonts-dejavu-core pkg-config

deps-report:      ## headless Chromium and Pillow for make check-report (CI; needs root, after make deps)
	apt-get install -y -qq --no-install-recommends chromium python3 python3-pil

build:            ## debug build (fast to compile, ~20x slower to run)
	$(SWIFT) build

release:          ## optimized build (whole-module optimization); what training and benchmarks use
	$(SWIFT) build -c release

test:             ## the test suite (debug build, invariant checks compiled in)
	$(SWIFT) test

test-release:     ## the test suite against an optimized build
	$(SWIFT) test -c release

test-slurm: release ## sweeps through a real one-node Slurm on localhost (root: installs slurm-wlm, munge); ~1 min, bounded at 10
	bash scripts/test-slurm.sh $(BIN)

test-asan:        ## the test suite under AddressSanitizer and LeakSanitizer (build folder .build-asan; both come with Swift; ASAN_TEST_ARGS e.g. --skip FirstSpikeCLITests)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp:print_suppressions=0 SWIFT_BACKTRACE=enable=no \
	  $(SWIFT) test --build-path .build-asan --sanitize=address $(ASAN_TEST_ARGS)

fuzz:             ## libFuzzer + ASan on the PNG, IDX, checkpoint and spec readers, FUZZ_SECONDS each (default 60)
	for t in png idx checkpoint spec; do $(FUZZ_BUILD) --product fuzz-$$t || exit 1; done
	bash scripts/fuzz.sh .build-fuzz/debug $(FUZZ_SECONDS)

check-report: build ## render a report page in headless Chromium and check the screenshot (fails without Chromium)
	bash scripts/check-report-page.sh .build/debug/firstspike scratch/report-check

demo: release     ## train mozafari2019 stage by stage on an MNIST subset, resume, evaluate, classify
	bash scripts/demo.sh $(BIN) $(DEMO)

bench: release    ## per-stage ms per image, synaptic events, memory; with PEER_DIR and PEER_PYTHON also SpykeTorch's, side by side
	$(BIN) bench --data datasets/mnist --images 2000
	@if [ -n "$(PEER_DIR)" ]; then \
	  python3 scripts/bench_side_by_side.py --firstspike $(BIN) --peer-dir "$(PEER_DIR)" --peer-python "$(PEER_PYTHON)" \
	    $(if $(BINDSNET_PYTHON),--bindsnet-python "$(BINDSNET_PYTHON)") --images $(or $(BENCH_IMAGES),1000) --rounds $(or $(BENCH_ROUNDS),2); \
	fi

install: release  ## the binary into PREFIX/bin, the shipped checkpoints into PREFIX/share/firstspike (PREFIX=/usr/local)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/firstspike"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/firstspike"
	install -m 644 checkpoints/*.fspk checkpoints/README.md "$(DESTDIR)$(PREFIX)/share/firstspike/"

clean:            ## remove build products and scratch output
	rm -rf .build .build-asan .build-fuzz scratch
