# softclose — build, run and test. See README.md.
#   make run     install missing Debian packages, build, start on http://127.0.0.1:8080
#   make test    install missing packages (Debian + npm lockfile), run every test
#   make bench   performance figures (printed, not asserted)
#   make install the binary, web files and systemd unit (PREFIX=/usr/local, DESTDIR for staging)

CC      ?= gcc
PKGS    := libwebsockets jansson uuid sqlite3 libcrypto
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
BASEFL  := -std=c11 -D_GNU_SOURCE -pthread -Isrc/core -Isrc/shell $(WARN) -g
CFLAGS_REL  := $(BASEFL) -O2
CFLAGS_SAN  := $(BASEFL) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lwebsockets -ljansson -luuid -lsqlite3 -lcrypto) -lm -pthread
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

CORE_SRCS  := $(sort $(wildcard src/core/*.c))
SHELL_SRCS := $(sort $(filter-out src/shell/main.c,$(wildcard src/shell/*.c)))
HDRS       := $(wildcard src/core/*.h src/shell/*.h)
UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRCS := $(sort $(wildcard bench/bench_*.c))

REL_OBJS  = $(patsubst src/%.c,build/rel/%.o,$(CORE_SRCS) $(SHELL_SRCS))
SAN_OBJS  = $(patsubst src/%.c,build/san/%.o,$(CORE_SRCS) $(SHELL_SRCS))
UNIT_BINS = $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRCS))

PORT ?= 8080
HOST ?= 127.0.0.1
DATA ?= ./var

# make install: where deploy/softclose.service expects things (its /usr/local paths follow PREFIX)
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
WEBDIR   = $(PREFIX)/share/softclose/web
# systemd looks in /usr/local/lib/systemd/system and /usr/lib/systemd/system, else /etc/systemd/system
UNITDIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),$(PREFIX)/lib/systemd/system,/etc/systemd/system)

.PHONY: all run test deps deps-test unit webunit integration e2e eval-soften soften-model bench fuzz fuzz-smoke clean check-core check-shell install verify-unit
all: build/softclose

deps:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh test

build/rel/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) $(PKGCFLAGS) -c $< -o $@
build/san/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) $(PKGCFLAGS) -c $< -o $@

build/softclose: $(REL_OBJS) build/rel/shell/main.o
	$(CC) $(CFLAGS_REL) -o $@ $^ $(LIBS)
build/softclose-san: $(SAN_OBJS) build/san/shell/main.o
	$(CC) $(CFLAGS_SAN) -o $@ $^ $(LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) $(PKGCFLAGS) -Itests/unit -o $@ $< $(SAN_OBJS) $(LIBS) -lcmocka

# The domain core must not know about sockets, JSON, SQL or the wall clock.
check-core:
	@if grep -nE '#include *[<"](libwebsockets|jansson|sqlite3)|\b(time|gettimeofday|clock_gettime)\(' $(CORE_SRCS) $(wildcard src/core/*.h); then \
	  echo "check-core: the domain core includes a shell library or reads the clock (see above)"; exit 1; fi

run: deps build/softclose
	@mkdir -p $(DATA)
	./build/softclose --host $(HOST) --port $(PORT) --data-dir $(DATA) --web-root web

# The shell's include graph has no cycles and no feature includes another (scripts/check-shell.sh).
check-shell:
	@scripts/check-shell.sh

unit: deps-test check-core check-shell $(UNIT_BINS)
	@scripts/run-unit.sh $(UNIT_BINS)

# The browser's DOM-free modules (web/js/), node:test, no server or browser needed.
webunit:
	node --test tests/web/

integration: deps-test build/softclose-san
	SOFTCLOSE_BIN=$(CURDIR)/build/softclose-san node --test --test-concurrency=1 tests/integration/

e2e: deps-test build/softclose
	SOFTCLOSE_BIN=$(CURDIR)/build/softclose node --test --test-concurrency=1 tests/e2e/

eval-soften: build/rel/tools/eval_soften build/rel/tools/train_soften
	./build/rel/tools/eval_soften tests/soften/eval.tsv tests/soften/everyday.tsv
	@scripts/check-soften-model.sh

build/rel/tools/eval_soften: tools/eval_soften.c $(patsubst src/%.c,build/rel/%.o,$(CORE_SRCS))
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -o $@ $^ -lm

# The follow-up tone score's weights, learned from the tune parts of the follow-up set (held-out
# lines are never read). Deterministic: the same set gives the same file. Commit the result.
soften-model: build/rel/tools/train_soften
	./build/rel/tools/train_soften -o src/core/soften_model_weights.c tests/soften/everyday.tsv

build/rel/tools/train_soften: tools/train_soften.c build/rel/core/soften_model.o build/rel/core/soften_model_weights.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -o $@ $^ -lm

build/rel/bench/%: bench/%.c $(REL_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) $(PKGCFLAGS) -Ibench -o $@ $^ $(LIBS)

bench: deps-test $(patsubst bench/%.c,build/rel/bench/%,$(BENCH_SRCS)) build/softclose
	@echo "== machine: $$(nproc) cores, $$(free -g | awk '/Mem:/{print $$2}') GiB; figures are wall-clock on a shared machine"
	@for b in $(patsubst bench/%.c,build/rel/bench/%,$(BENCH_SRCS)); do echo "== $$b"; $$b || exit 1; done
	@echo "== memory per connection (idle connections that each sent one message)"; node bench/conn-memory.mjs 5000 build/softclose
	@echo "== many writers: draft saves committed and a bystander's ping, beside the build before group commit"; bench/run-writers.sh
	@if [ -x bench/run-fanout.sh ]; then echo "== launch fan-out and timer lateness"; bench/run-fanout.sh; fi
	@echo "== side by side with a bare libwebsockets server (the floor) and Node ws: fan-out, memory, lateness at 10,000 and 18,000"; bench/run-floor.sh
	@echo "== recovery: kill -9 with every room of a 10,000-person launch open, until hello is served"; bench/run-recovery.sh

install: build/softclose
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(WEBDIR) $(DESTDIR)$(UNITDIR)
	install -m 0755 build/softclose $(DESTDIR)$(BINDIR)/softclose
	cp -R web/. $(DESTDIR)$(WEBDIR)/
	chmod -R u=rwX,go=rX $(DESTDIR)$(WEBDIR)
	sed 's|/usr/local|$(PREFIX)|g' deploy/softclose.service > $(DESTDIR)$(UNITDIR)/softclose.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/softclose.service

# The unit and `make install` under systemd-analyze (no running systemd needed).
verify-unit: build/softclose
	@tests/deploy/verify-unit.sh

# The whole suite; scripts/test-all.sh prints one "N passed, N failed" line last.
test: deps-test
	@scripts/test-all.sh

clean:
	rm -rf build

# libFuzzer target for the message handler (clang). fuzz-smoke runs it briefly in `make test`.
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -pthread -Isrc/core -Isrc/shell -g -O1 -fsanitize=fuzzer,address,undefined
build/fuzz/fuzz_handlers: tests/fuzz/fuzz_handlers.c tests/unit/app_fixture.h $(CORE_SRCS) $(SHELL_SRCS) $(HDRS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(PKGCFLAGS) -o $@ tests/fuzz/fuzz_handlers.c $(CORE_SRCS) $(SHELL_SRCS) $(LIBS)
fuzz: build/fuzz/fuzz_handlers
	@mkdir -p build/fuzz/corpus
	./build/fuzz/fuzz_handlers -max_len=4096 build/fuzz/corpus tests/fuzz/corpus
fuzz-smoke: deps-test build/fuzz/fuzz_handlers
	@mkdir -p build/fuzz/corpus
	./build/fuzz/fuzz_handlers -max_total_time=$${FUZZ_SECONDS:-20} -max_len=4096 -print_final_stats=1 build/fuzz/corpus tests/fuzz/corpus
