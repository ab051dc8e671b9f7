# FirstSpike — build, test, demo, benchmark.  `make help` lists the targets.
SWIFT ?= swift
BIN = .build/release/firstspike
DEMO = scratch/demo
PREFIX ?= /usr/local

.PHONY: help deps deps-report build release test test-release test-slurm check-report demo bench install clean

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
	rm -rf .build scratch
