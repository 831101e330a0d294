# Corvus — see README.md. `make run` and `make test` do everything.
GO       ?= go
PREFIX   ?= /usr/local
DESTDIR  ?=
LIBEXEC  ?= $(PREFIX)/lib/corvus
MANDIR   ?= $(PREFIX)/share/man
VERSION  := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/corvusmail/corvus/internal/version.Version=$(VERSION)

# Programs master runs; each is a package main at the top level (or, for
# the test worker, under tests/).
PROGRAMS := master imapd lmtpd notifyd idled corvus_passwd reconstruct quota ipurge
TESTPROGRAMS := echoworker

.PHONY: all build run test test-short bench install lint man fuzz clean

all: build

build:
	@mkdir -p bin
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/ $(addprefix ./,$(PROGRAMS))
	$(GO) build -o bin/ ./tests/echoworker

# Build and start the suite on the development configuration under ./var.
run: build
	./scripts/dev-run.sh

# The whole test suite: vet, unit and end-to-end tests with the race
# detector, man page checks.
test:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) test -race -count=1 -timeout 30m ./...

test-short:
	$(GO) test -count=1 -short ./...

# Benchmarks write bench/RESULTS.md.
bench: build
	$(GO) run ./bench/storm -out bench/RESULTS.md
	$(GO) run ./bench/imapload -out bench/RESULTS.md
	$(GO) run ./bench/lmtpload -out bench/RESULTS.md
	$(GO) run ./bench/idleload -out bench/RESULTS.md

# Regenerate man/imapd.conf.5 from the option table.
man:
	$(GO) run ./conf/imapdconf/mkman > man/imapd.conf.5

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	@for p in man/*.[1-8]; do mandoc -T lint -W warning $$p || exit 1; done

# A short fuzzing pass over every FuzzXxx target of the module.
FUZZTIME ?= 20s
fuzz:
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

install: build
	install -d $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	install -m 0755 $(addprefix bin/,$(PROGRAMS)) $(DESTDIR)$(LIBEXEC)/
	install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 man/*.8 $(DESTDIR)$(MANDIR)/man8/

clean:
	rm -rf bin var
