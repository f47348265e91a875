# ssotray. `make demo` and `make test` do all set-up on a fresh Debian machine.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
BUILD    := build

.PHONY: all
all: build

.PHONY: deps
deps:
	./scripts/deps.sh

.PHONY: build
build: deps
	$(GO) build -tags migrated_fynedo -ldflags "$(LDFLAGS)" -o $(BUILD)/ssotray .

.PHONY: demo
demo: build
	$(BUILD)/ssotray demo

.PHONY: test
test: deps check
	./scripts/test.sh

.PHONY: check
check:
	@if $(GO) list -deps ./flow/... ./storage/... ./signin/... ./cli/... ./demo/... ./monitor/... ./desktop/... ./internal/... | grep -q '^fyne.io/'; then \
		echo "only ui/ and main.go may import Fyne"; exit 1; fi
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

.PHONY: lint
lint: check
	CGO_ENABLED=0 $(GO) vet -tags ci ./...

.PHONY: bench
bench: deps
	./scripts/bench.sh
	./scripts/bench-desktop.sh

.PHONY: release
release: deps
	$(GO) build -trimpath -tags migrated_fynedo -ldflags "-s -w $(LDFLAGS)" -o $(BUILD)/ssotray .

FYNE_TOOL := $(BUILD)/tools/fyne
$(FYNE_TOOL):
	GOBIN=$(abspath $(BUILD)/tools) $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

# package: the Linux bundle (binary, .desktop entry, icon, and an install
# Makefile) as build/ssotray.tar.xz, from the release binary.
.PHONY: package
package: release $(FYNE_TOOL)
	@cp FyneApp.toml $(BUILD)/FyneApp.toml.orig  # fyne package rewrites it (Build += 1)
	$(FYNE_TOOL) package -os linux --executable $(BUILD)/ssotray --src . --release; \
		status=$$?; cp $(BUILD)/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv ssotray.tar.xz $(BUILD)/ssotray.tar.xz
	@tar tf $(BUILD)/ssotray.tar.xz | grep -q 'share/applications/io.github.ssotray.desktop' || { echo "no .desktop entry in the bundle"; exit 1; }
	@tar tf $(BUILD)/ssotray.tar.xz | grep -q 'usr/local/bin/ssotray' || { echo "no binary in the bundle"; exit 1; }
	@echo "built $(BUILD)/ssotray.tar.xz"

.PHONY: clean
clean:
	rm -rf $(BUILD)
