# enc.mk — legacy encodings (normalize/enc_*.c, detect.c, syllable.c):
#   make enc-tables   regenerate normalize/enc_tables.c from the shared TSV tables
#   make bench-enc    detection + decoding throughput, MB/s on one core
#   make eval-enc     detection accuracy on held-out corpus text (lines, documents, mixed)
ENC_TABLES_DIR ?= ../shared/encodings/tables
ENC_CORPUS ?= ../shared/corpus/vbpl-legal.txt ../shared/corpus/viwiki.txt

enc-tables:
	sh tools/gen_enc_tables.sh $(ENC_TABLES_DIR) > normalize/enc_tables.c.tmp
	mv normalize/enc_tables.c.tmp normalize/enc_tables.c

ENC_BENCH_BIN := $(BUILD)/bench/enc_bench $(BUILD)/bench/enc_eval
$(ENC_BENCH_BIN): $(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

bench-enc: $(BUILD)/bench/enc_bench
	$(BUILD)/bench/enc_bench $(firstword $(ENC_CORPUS)) 32

# the tail of each corpus file was looked at while tuning; 0.5 is held out
eval-enc: $(BUILD)/bench/enc_eval
	ENC_EVAL_AT=0.5 $(BUILD)/bench/enc_eval $(ENC_CORPUS)

BENCH_TARGETS += bench-enc eval-enc
.PHONY: enc-tables bench-enc eval-enc
