# FirstSpike — build, test, demo, benchmark.  `make help` lists the targets.
SWIFT ?= swift
BIN = .build/release/firstspike
DEMO = scratch/demo
PREFIX ?= /usr/local

.PHONY: help deps build release test test-release demo bench install clean

help:             ## this list
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps:             ## system libraries the C targets link against (Debian/Ubuntu, needs root)
	apt-get update -qq && apt-get install -y -qq libpng-dev libzstd-dev zlib1g-dev pkg-config

build:            ## debug build (fast to compile, ~20x slower to run)
	$(SWIFT) build

release:          ## optimized build (whole-module optimization); what training and benchmarks use
	$(SWIFT) build -c release

test:             ## the test suite (debug build, invariant checks compiled in)
	$(SWIFT) test

test-release:     ## the test suite against an optimized build
	$(SWIFT) test -c release

demo: release     ## train mozafari2019 stage by stage on an MNIST subset, resume, evaluate, classify
	bash scripts/demo.sh $(BIN) $(DEMO)

bench: release    ## per-stage milliseconds per image, synaptic events, memory (writes nothing)
	$(BIN) bench --data datasets/mnist --images 2000

install: release  ## the binary into PREFIX/bin, the shipped checkpoints into PREFIX/share/firstspike (PREFIX=/usr/local)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/firstspike"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/firstspike"
	install -m 644 checkpoints/*.fspk checkpoints/README.md "$(DESTDIR)$(PREFIX)/share/firstspike/"

clean:            ## remove build products and scratch output
	rm -rf .build scratch
