# fuzz.mk — libFuzzer targets (issue 6). Every tests/fuzz/fuzz_*.c is a target.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_ONLY="fuzz_convert fuzz_sniff"]
#
# builds the library with clang -fsanitize=fuzzer-no-link,address,undefined
# into build-fuzz/, links each target with -fsanitize=fuzzer, and runs it for
# FUZZ_SECONDS with its growing corpus in build-fuzz/corpus/<target>/ (seeded
# from tests/fuzz/seeds/<target>/, the corpus inputs and ../shared/seeds
# when present). Crashers,
# leaks and timeouts land in tests/fuzz/regress/<target>/ — commit them: the
# normal tests replay every file there (tests/suite_fuzz.sh, built with the
# ordinary compiler as $(BUILD)/fuzz-replay/<target>, also under make asan).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_ONLY ?= $(FUZZ_NAMES)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=c11 -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
  -I. -I$(FUZZ_BUILD)/gen -D_GNU_SOURCE -DVB_FUZZING $(PKG_CFLAGS)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/gen/schema_rng.o
FUZZ_BIN := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/bin/%)

# replay binaries for the ordinary test run (plain $(CC), $(SAN) under ASAN=1)
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
all: $(FUZZ_REPLAY)

$(BUILD)/fuzz-replay/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/replay_main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $^ $(LDLIBS_ALL) -o $@

$(FUZZ_BUILD)/gen/schema_rng.c: schema/plan.rng tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< vb_schema_rng > $@

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/libvanban.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/bin/%: tests/fuzz/%.c $(FUZZ_BUILD)/libvanban.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_BUILD)/libvanban.a \
	  $(PKG_LIBS) $(MUPDF_LIBS) -lpthread -lstdc++ -o $@

fuzz-build: $(FUZZ_BIN)

# One target: seed, run, report. A crash does not stop the other targets;
# fuzz-run exits 1 at the end if any target found something.
fuzz-run: fuzz-build
	@found=0; for t in $(FUZZ_ONLY); do \
	  c=$(FUZZ_BUILD)/corpus/$$t; r=tests/fuzz/regress/$$t; mkdir -p $$c $$r; \
	  [ -d tests/fuzz/seeds/$$t ] && cp -n tests/fuzz/seeds/$$t/* $$c/ 2>/dev/null; \
	  [ -d ../shared/seeds ] && cp -n ../shared/seeds/*.txt $$c/ 2>/dev/null; \
	  for f in corpus/*/input.*; do cp -n $$f $$c/$$(basename $$(dirname $$f)).$${f##*.} 2>/dev/null; done; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS)s (log $(FUZZ_BUILD)/$$t.log)"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 OMP_THREAD_LIMIT=1 \
	  nice $(FUZZ_BUILD)/bin/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=$$r/ $$c > $(FUZZ_BUILD)/$$t.log 2>&1 || found=1; \
	  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' $(FUZZ_BUILD)/$$t.log \
	    | sed "s/^/  $$t /"; \
	  grep -E '^==[0-9]+==ERROR|runtime error|^SUMMARY' $(FUZZ_BUILD)/$$t.log | head -3; \
	done; \
	echo "kept inputs: $$(find tests/fuzz/regress -type f | wc -l) in tests/fuzz/regress/"; \
	exit $$found

FUZZ_TARGETS += fuzz-run
DEV_EXTRA_PKGS += clang libclang-rt-14-dev

.PHONY: fuzz-build fuzz-run
