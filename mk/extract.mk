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

# The text path's libFuzzer target is tests/fuzz/fuzz_extract.c (mk/fuzz.mk).
fuzz-extract:
	$(MAKE) fuzz-run FUZZ_ONLY=fuzz_extract

.PHONY: fuzz-extract
