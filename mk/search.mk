# search.mk — the search area: the plan XML generator and the search
# benchmark (make bench-search: 100,000 generated plans, index build time
# and size, query latency p50/p95 over 1,000 mixed queries). SEARCH_BENCH_N
# changes the size; SEARCH_BENCH_KEEP=1 keeps the collection and index.

SEARCH_BENCH_N ?= 100000
SEARCH_BENCH_DIR ?= $(or $(TMPDIR),/tmp)/vanban-search-bench

$(BUILD)/tools/genplans: tools/genplans.c tools/plan_pools.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) -O2 $(SAN) $< -o $@

$(BUILD)/tools/search_bench: tools/search_bench.c tools/plan_pools.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

bench-search: $(BIN) $(BUILD)/tools/genplans $(BUILD)/tools/search_bench
	@rm -rf $(SEARCH_BENCH_DIR) && mkdir -p $(SEARCH_BENCH_DIR)
	@echo "generating $(SEARCH_BENCH_N) plan XML documents in $(SEARCH_BENCH_DIR)/plans"
	@s=$$(date +%s.%N); $(BUILD)/tools/genplans $(SEARCH_BENCH_N) $(SEARCH_BENCH_DIR)/plans && \
	  echo "generated in $$(awk "BEGIN{print $$(date +%s.%N) - $$s}") s, $$(du -sh $(SEARCH_BENCH_DIR)/plans | cut -f1)"
	@s=$$(date +%s.%N); $(BIN) index --db $(SEARCH_BENCH_DIR)/index.db $(SEARCH_BENCH_DIR)/plans && \
	  echo "index build: $$(awk "BEGIN{print $$(date +%s.%N) - $$s}") s; size $$(du -ch $(SEARCH_BENCH_DIR)/index.db* | tail -1 | cut -f1)"
	$(BUILD)/tools/search_bench $(SEARCH_BENCH_DIR)/index.db 1000
	@[ -n "$(SEARCH_BENCH_KEEP)" ] || rm -rf $(SEARCH_BENCH_DIR)

BENCH_TARGETS += bench-search
TEST_DEPS += $(BUILD)/tools/genplans
.PHONY: bench-search
