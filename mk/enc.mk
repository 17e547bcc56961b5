# enc.mk — legacy encodings (normalize/enc_*.c, detect.c, syllable.c):
#   make enc-tables   regenerate normalize/enc_tables.c from the shared TSV tables
#   make bench-enc    detection + decoding throughput, MB/s on one core, every encoding
#   make eval-enc     detection accuracy on held-out corpus text (lines, documents, mixed)
# ENC_MODEL is the language model detection uses to tell alike readings
# apart (default $VB_MODEL, else the committed model); ENC_MODEL=none
# measures the syllable inventory alone.
ENC_TABLES_DIR ?= ../shared/encodings/tables
ENC_CORPUS_DIR ?= ../shared/corpus
ENC_MODEL ?= $(or $(VB_MODEL),model/vanban-vi.lm)
# The evaluation text: the last 2000 lines of vbpl-legal.txt and the last
# 3000 of viwiki.txt, which the model's recipe holds out of training
# (mk/model.mk). Tuning used other windows (doc/enc.md).
ENC_EVAL_TEXT ?= $(ENC_CORPUS_DIR)/vbpl-legal.txt:-2000 $(ENC_CORPUS_DIR)/viwiki.txt:-3000

enc-tables:
	sh tools/gen_enc_tables.sh $(ENC_TABLES_DIR) > normalize/enc_tables.c.tmp
	mv normalize/enc_tables.c.tmp normalize/enc_tables.c

ENC_BENCH_BIN := $(BUILD)/bench/enc_bench $(BUILD)/bench/enc_eval
$(ENC_BENCH_BIN): $(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

bench-enc: $(BUILD)/bench/enc_bench
	$(BUILD)/bench/enc_bench --model $(ENC_MODEL) $(ENC_CORPUS_DIR)/vbpl-legal.txt 32

eval-enc: $(BUILD)/bench/enc_eval
	$(BUILD)/bench/enc_eval --model $(ENC_MODEL) $(ENC_EVAL_TEXT)

BENCH_TARGETS += bench-enc eval-enc
.PHONY: enc-tables bench-enc eval-enc
