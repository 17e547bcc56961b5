# batch.mk — batch conversion (issue 6): test tools and the bench.
#   make bench-batch   1,000 mixed inputs in one run, nothing lost; -j 1 vs -j 2
# tests/suite_batch.sh uses /usr/bin/time (peak RSS), script (a TTY) and GNU
# parallel (shards), all Debian packages.
DEBIAN_PKGS += time parallel bsdutils

bench-batch: all
	nice bash tests/bench_batch.sh

BENCH_TARGETS += bench-batch
.PHONY: bench-batch

# test_batch links the CLI's walk and report code besides the library
$(BUILD)/tests/test_batch: $(BUILD)/tests/test_batch.o $(BUILD)/cli/walk.o \
    $(BUILD)/cli/report.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $^ $(shell pkg-config --libs cmocka) $(LDLIBS_ALL) -o $@
