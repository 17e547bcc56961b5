# extract.mk — the text path's benchmark: `make bench-text` (part of `make bench`)
# generates BENCH_N plan-like documents (tools/gen_plans.c), then times
# tools/bench_text.c converting all of them (in memory, one core) to validated
# plan XML, printing MB/s and documents/s. Target: >= 5 MB/s.
BENCH_TARGETS += bench-text
BENCH_N ?= 1000

$(BUILD)/tools/gen_plans: tools/gen_plans.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O2 $< -o $@

$(BUILD)/tools/bench_text: tools/bench_text.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

bench-text: $(BUILD)/tools/gen_plans $(BUILD)/tools/bench_text
	@rm -rf bench-out/text && mkdir -p bench-out/text
	@$(BUILD)/tools/gen_plans bench-out/text $(BENCH_N)
	taskset -c 0 $(BUILD)/tools/bench_text bench-out/text/*.txt

.PHONY: bench-text

# libFuzzer target for the text path (clang; `make deps-dev` installs it):
# `make fuzz-extract` runs FUZZ_SECONDS (default 60) from the corpus inputs.
FUZZ_TARGETS += fuzz-extract
FUZZ_SECONDS ?= 60

build-fuzz/fuzz_extract: tests/fuzz/fuzz_extract.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(@D)
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) $(PKG_CFLAGS) \
	  tests/fuzz/fuzz_extract.c $(LIB_SRC) $(GEN_SRC) $(PKG_LIBS) $(MUPDF_LIBS) -lpthread -o $@

fuzz-extract: build-fuzz/fuzz_extract
	@mkdir -p tests/fuzz/corpus-extract
	@for f in corpus/*/input.txt; do cp -n $$f tests/fuzz/corpus-extract/$$(basename $$(dirname $$f)).txt; done
	ASAN_OPTIONS=detect_leaks=1 build-fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=65536 tests/fuzz/corpus-extract

.PHONY: fuzz-extract
