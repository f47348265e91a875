# ssotray. `make demo` and `make test` do all set-up on a fresh Debian machine.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
BUILD    := build

# go.mod's toolchain line names the Go release with the standard library's
# security fixes; auto lets go fetch it from the module proxy even where
# `go env` says local. Set GOTOOLCHAIN to choose otherwise.
export GOTOOLCHAIN ?= auto

.PHONY: all
all: build

.PHONY: deps
deps:
	./scripts/deps.sh

# Two executables, installed side by side: ssotray, the command line (no
# cgo, no GUI toolkit, so it starts in milliseconds), and ssotray-app, the
# desktop app that `ssotray` with no command starts.
.PHONY: build
build: deps
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BUILD)/ssotray .
	$(GO) build -tags migrated_fynedo -ldflags "$(LDFLAGS)" -o $(BUILD)/ssotray-app ./cmd/ssotray-app

.PHONY: demo
demo: build
	$(BUILD)/ssotray demo

# test: every test on Linux (with -race), then the Windows suite under Wine
# (cross-built executables and test binaries, and an end-to-end check; see
# docs/windows-ci.md). test-windows runs the Windows suite alone.
.PHONY: test
test: deps check darwin
	./scripts/test.sh
	./scripts/test-windows.sh

.PHONY: test-windows
test-windows: deps
	./scripts/test-windows.sh

# darwin: what this Linux machine can check of macOS. The command line
# cross-builds for both Macs (no cgo), and every Fyne-free package, tests
# included, compiles and passes vet for darwin. The app needs cgo and
# Apple's SDK, so it is built on a Mac (docs/macos.md).
# FYNE_FREE_PKGS: every package but ui/ and cmd/ssotray-app, which alone
# may import Fyne.
FYNE_FREE_PKGS := . ./flow/... ./storage/... ./signin/... ./cli/... ./demo/... ./monitor/... ./desktop/... ./internal/... ./accounts/... ./console/... ./credexport/... ./profiles/... ./vanity/... ./managed/... ./addlink/...
.PHONY: darwin
darwin:
	for arch in amd64 arm64; do \
		CGO_ENABLED=0 GOOS=darwin GOARCH=$$arch $(GO) build -ldflags "$(LDFLAGS)" -o $(BUILD)/darwin_$$arch/ssotray . || exit 1; \
		CGO_ENABLED=0 GOOS=darwin GOARCH=$$arch $(GO) vet -tags ci $(FYNE_FREE_PKGS) || exit 1; \
	done

.PHONY: check
check:
	@if $(GO) list -deps $(FYNE_FREE_PKGS) | grep -q '^fyne.io/'; then \
		echo "only ui/ and cmd/ssotray-app may import Fyne"; exit 1; fi
	@if $(GO) list -deps . | grep -q 'flow/idctest'; then \
		echo "the ssotray command must not link the local Identity Center (the demo lives in ssotray-app)"; exit 1; fi
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

STATICCHECK := $(BUILD)/tools/staticcheck
$(STATICCHECK):
	GOBIN=$(abspath $(BUILD)/tools) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2

GOVULNCHECK := $(BUILD)/tools/govulncheck
$(GOVULNCHECK):
	GOBIN=$(abspath $(BUILD)/tools) $(GO) install golang.org/x/vuln/cmd/govulncheck@v1.9.0

.PHONY: lint
lint: check $(STATICCHECK) audit
	CGO_ENABLED=0 $(GO) vet -tags ci ./...
	CGO_ENABLED=0 $(STATICCHECK) -tags ci ./...

# The Go vulnerability database, built from the golang.org/x/vulndb module
# (its OSV reports) at a dated version: the Go module proxy serves it where
# vuln.go.dev cannot be reached. Move VULNDB_VERSION on to audit against
# newer reports (go list -m golang.org/x/vulndb@latest).
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
VULNDB := $(BUILD)/vulndb-$(VULNDB_VERSION)
$(VULNDB):
	./scripts/vulndb.sh $(VULNDB_VERSION) $@

# audit: govulncheck, which fails on a known vulnerability that ssotray's
# code can reach in the standard library or its modules, against the
# database above, or the copy GOVULNDB names (a directory, or a file:// or
# https:// URL such as https://vuln.go.dev).
.PHONY: audit
audit: $(GOVULNCHECK) $(if $(GOVULNDB),,$(VULNDB))
	CGO_ENABLED=0 $(GOVULNCHECK) -db $(if $(GOVULNDB),$(if $(findstring ://,$(GOVULNDB)),$(GOVULNDB),file://$(abspath $(GOVULNDB))),file://$(abspath $(VULNDB))) -tags ci ./...

.PHONY: bench
bench: deps
	./scripts/bench.sh
	./scripts/bench-desktop.sh

.PHONY: release
release: deps
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o $(BUILD)/ssotray .
	$(GO) build -trimpath -tags migrated_fynedo -ldflags "-s -w $(LDFLAGS)" -o $(BUILD)/ssotray-app ./cmd/ssotray-app

FYNE_TOOL := $(BUILD)/tools/fyne
$(FYNE_TOOL):
	GOBIN=$(abspath $(BUILD)/tools) $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

# package: the Linux bundle (both executables, the .desktop entry that
# starts the app, the icon, and an install Makefile) as build/ssotray.tar.xz,
# from the release build, and the Debian package made from it,
# build/ssotray_<version>_<arch>.deb (scripts/deb.sh).
.PHONY: package
package: release $(FYNE_TOOL) package-windows
	FYNE=$(FYNE_TOOL) BUILD=$(BUILD) ./scripts/package.sh
	BUILD=$(BUILD) VERSION=$(VERSION) ./scripts/deb.sh

# package-windows: build/ssotray_$(VERSION)_windows_amd64.zip, both
# executables with icon and version resources, the app a GUI program
# (cross-built with mingw-w64).
.PHONY: package-windows
package-windows: deps
	GO=$(GO) BUILD=$(BUILD) VERSION=$(VERSION) ./scripts/package-windows.sh

.PHONY: clean
clean:
	rm -rf $(BUILD)
