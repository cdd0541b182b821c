# politely: `make demo` shows the product on the bundled samples; `make test`
# runs every test (Go, fuzz seeds, hosts, extension end-to-end).
# Each section below belongs to one part of the product.

GO      ?= go
BIN     := bin/politely
export CGO_ENABLED ?= 0

.PHONY: all build demo test test-go vet fmt-check eval fuzz bench clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/politely

# --- core -------------------------------------------------------------------
demo: build
	@for f in testdata/messages/*; do \
	  echo "=== $$f"; ./$(BIN) assess --now 2026-11-22T10:00:00Z "$$f" || exit 1; echo; \
	done

eval: build
	./$(BIN) eval ../shared/corpus/dev.jsonl

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l cmd internal wasm); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

test-go: vet fmt-check
	$(GO) test -count=1 ./...

# Short coverage-guided runs of every fuzz target (the seed corpora also run in test-go).
FUZZTIME ?= 10s
fuzz:
	@set -e; for pkg in $$($(GO) list ./internal/...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/assess/

# --- api and hosts ------------------------------------------------------------

# --- triage -------------------------------------------------------------------

# --- extension ----------------------------------------------------------------

# --- all tests ------------------------------------------------------------------
test: test-go

clean:
	rm -rf bin extension/build extension/dist
