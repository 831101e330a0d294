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
PROGRAMS := master imapd lmtpd notifyd idled corvus_passwd reconstruct quota ipurge imapmigrate cyr_info cyr_deny cyr_kick cyr_telemetry
TESTPROGRAMS := echoworker

.PHONY: all build run test test-short bench bench-peers install lint man fuzz clean

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
	$(GO) test -race -count=1 -timeout 45m ./...

test-short:
	$(GO) test -count=1 -short ./...

# Benchmarks write bench/RESULTS.md.
bench: build
	$(GO) run ./bench/storm -out bench/RESULTS.md
	$(GO) run ./bench/imapload -out bench/RESULTS.md
	$(GO) run ./bench/lmtpload -out bench/RESULTS.md
	$(GO) run ./bench/idleload -out bench/RESULTS.md
	$(GO) run ./bench/hibload -out bench/RESULTS.md

# Corvus side by side with Debian's Cyrus 3.6 and Dovecot 2.3
# (bench/peers/README.md); needs root, about 16 minutes.
bench-peers: build
	./bench/peers/setup.sh
	$(GO) run ./bench/peers -corvus-hibernate 2s -out bench/RESULTS.md
	$(GO) run ./bench/peers -only search -out bench/RESULTS.md

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

# Install layout (master(8), FILES). Every program goes to LIBEXEC: master
# runs the programs cyrus.conf names from its own directory, as Cyrus runs
# them from its libexec directory (Debian's Cyrus: /usr/lib/cyrus/bin).
# master is also linked as SBINDIR/MASTERLINK, where Debian's Cyrus has
# /usr/sbin/cyrmaster; the default name corvus-master lets both stay
# installed during a migration. Sample configs go to SAMPLEDIR, and to
# SYSCONFDIR only where no file of that name exists, so a Cyrus admin's own
# imapd.conf and cyrus.conf are kept. The systemd unit runs master -d.
SBINDIR    ?= $(PREFIX)/sbin
MASTERLINK ?= corvus-master
SYSCONFDIR ?= /etc
SAMPLEDIR  ?= $(PREFIX)/share/corvus
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SAMPLES    := imapd.conf cyrus.conf

install: build
	install -d $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SAMPLEDIR) $(DESTDIR)$(SYSCONFDIR) $(DESTDIR)$(UNITDIR)
	install -m 0755 $(addprefix bin/,$(PROGRAMS)) $(DESTDIR)$(LIBEXEC)/
	ln -sfn $(LIBEXEC)/master $(DESTDIR)$(SBINDIR)/$(MASTERLINK)
	install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 0644 man/*.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 $(addprefix conf/samples/,$(SAMPLES)) $(DESTDIR)$(SAMPLEDIR)/
	@for f in $(SAMPLES); do \
		if [ -e $(DESTDIR)$(SYSCONFDIR)/$$f ]; then \
			echo "keeping $(DESTDIR)$(SYSCONFDIR)/$$f (sample in $(SAMPLEDIR))"; \
		else \
			echo "install -m 0644 conf/samples/$$f $(DESTDIR)$(SYSCONFDIR)/$$f"; \
			install -m 0644 conf/samples/$$f $(DESTDIR)$(SYSCONFDIR)/$$f || exit 1; \
		fi; \
	done
	sed -e 's|@LIBEXEC@|$(LIBEXEC)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		conf/systemd/corvus.service > $(DESTDIR)$(UNITDIR)/corvus.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/corvus.service

clean:
	rm -rf bin var
