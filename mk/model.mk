# model.mk — the language model: the trainer, `make model`, `make eval-restore`
# and the restoration benchmark. See doc/model.md for the recipe.

SHARED ?= ../shared
MODEL_FILE := model/vanban-vi.lm
MODEL_WORK := $(BUILD)/model-work
VBTRAIN := $(BUILD)/tools/vbtrain
VBBENCH := $(BUILD)/tools/vbbench
# The last HELDOUT_LINES lines of viwiki.txt are never trained on: they are the
# general-text evaluation slice.
HELDOUT_LINES ?= 3000
# Weights (integer count multipliers) and pruning of the committed model.
W_WIKI ?= 1
W_LEGAL ?= 1
W_DEBIAN ?= 1
W_PLANS ?= 20
TRAIN_OPTS ?= --vocab-min 2 --bi-min 2 --tri-min 2 --skel-min 2 --max-forms 24
SEEDS := $(sort $(wildcard $(SHARED)/seeds/*.txt))
TEXT_SEEDS := 000 001 003 004

$(VBTRAIN): $(BUILD)/tools/vbtrain.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $< $(LIB) $(LDLIBS_ALL) -o $@

$(VBBENCH): $(BUILD)/tools/vbbench.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $< $(LIB) $(LDLIBS_ALL) -o $@

$(MODEL_WORK)/debian.txt: tools/model-corpus.sh
	sh tools/model-corpus.sh $(MODEL_WORK)

$(MODEL_WORK)/viwiki-train.txt: $(SHARED)/corpus/viwiki.txt
	@mkdir -p $(@D)
	head -n -$(HELDOUT_LINES) $< > $@
	tail -n $(HELDOUT_LINES) $< > $(MODEL_WORK)/viwiki-heldout.txt

# In-domain plan text: the text seeds (not 002, the OCR wreck, nor the
# glyph-less lines of 004), passed as PLANS.
PLANS ?= $(filter-out %/002_077646f77636d7f9.txt,$(SEEDS))
MODEL_INPUTS = $(W_WIKI):$(MODEL_WORK)/viwiki-train.txt $(W_LEGAL):$(SHARED)/corpus/vbpl-legal.txt \
  $(W_DEBIAN):$(MODEL_WORK)/debian.txt $(foreach p,$(PLANS),$(W_PLANS):$(p))

model: $(VBTRAIN) $(MODEL_WORK)/debian.txt $(MODEL_WORK)/viwiki-train.txt
	@mkdir -p model
	nice $(VBTRAIN) -o $(MODEL_FILE) $(TRAIN_OPTS) \
	  --recipe "make model: viwiki(-$(HELDOUT_LINES) lines)x$(W_WIKI) vbpl-legal x$(W_LEGAL) debian x$(W_DEBIAN) plans x$(W_PLANS) $(TRAIN_OPTS)" \
	  $(MODEL_INPUTS)

# Accuracy on ASCII-stripped text: each text seed with a model trained
# without it, and the held-out viwiki slice with the committed model.
eval-restore: $(BIN) $(VBTRAIN) $(MODEL_WORK)/debian.txt $(MODEL_WORK)/viwiki-train.txt
	@set -e; for s in $(TEXT_SEEDS); do \
	  f=$$(ls $(SHARED)/seeds/$${s}_*.txt); \
	  others=$$(for p in $(PLANS); do [ "$$p" = "$$f" ] || echo $(W_PLANS):$$p; done); \
	  nice $(VBTRAIN) -o $(MODEL_WORK)/without-$$s.lm $(TRAIN_OPTS) \
	    $(W_WIKI):$(MODEL_WORK)/viwiki-train.txt $(W_LEGAL):$(SHARED)/corpus/vbpl-legal.txt \
	    $(W_DEBIAN):$(MODEL_WORK)/debian.txt $$others 2>/dev/null; \
	  $(SHARED)/tools/vneval strip < $$f > $(MODEL_WORK)/strip-$$s.txt; \
	  $(BIN) restore --model $(MODEL_WORK)/without-$$s.lm $(MODEL_WORK)/strip-$$s.txt > $(MODEL_WORK)/out-$$s.txt; \
	  w=$$($(SHARED)/tools/vneval wer $$f $(MODEL_WORK)/out-$$s.txt); \
	  echo "seed $$s (model without it): WER $$w"; \
	done
	@# 004's own text lost glyphs ("Quy đ nh"): its lines without such fragments
	@LC_ALL=C.UTF-8 grep -vP '(^|\s)[bcdfghklmnpqrstvxđ]{1,3}(?=[\s.,;:]|$$)' \
	  $(SHARED)/seeds/004_0fb13ae9e2193200.txt > $(MODEL_WORK)/004-intact.ref
	@$(SHARED)/tools/vneval strip < $(MODEL_WORK)/004-intact.ref > $(MODEL_WORK)/004-intact.in
	@$(BIN) restore --model $(MODEL_WORK)/without-004.lm $(MODEL_WORK)/004-intact.in > $(MODEL_WORK)/004-intact.out
	@echo "seed 004, lines without glyph dropout (model without it): WER $$($(SHARED)/tools/vneval wer $(MODEL_WORK)/004-intact.ref $(MODEL_WORK)/004-intact.out)"
	@$(SHARED)/tools/vneval strip < $(MODEL_WORK)/viwiki-heldout.txt > $(MODEL_WORK)/strip-wiki.txt
	@$(BIN) restore --model $(MODEL_FILE) $(MODEL_WORK)/strip-wiki.txt > $(MODEL_WORK)/out-wiki.txt
	@echo "viwiki held-out ($(HELDOUT_LINES) lines): WER $$($(SHARED)/tools/vneval wer $(MODEL_WORK)/viwiki-heldout.txt $(MODEL_WORK)/out-wiki.txt)"

	@head -20 $(SHARED)/seeds/002_077646f77636d7f9.txt > $(MODEL_WORK)/002-head.txt
	@$(BIN) restore $(MODEL_WORK)/002-head.txt > $(MODEL_WORK)/002-head.out
	@echo "seed 002 (English-model OCR), first 20 lines vs tests/restore/ocr/002-head.ref:" \
	  "raw $$($(SHARED)/tools/vneval wer tests/restore/ocr/002-head.ref $(MODEL_WORK)/002-head.txt)," \
	  "restored $$($(SHARED)/tools/vneval wer tests/restore/ocr/002-head.ref $(MODEL_WORK)/002-head.out)"

# What `model adapt` buys: a model without any plan text, adapted to the other
# text seeds, on each of 000 001 003 (ASCII-stripped).
eval-adapt: $(BIN) $(VBTRAIN) $(MODEL_WORK)/debian.txt $(MODEL_WORK)/viwiki-train.txt
	@nice $(VBTRAIN) -o $(MODEL_WORK)/noseeds.lm $(TRAIN_OPTS) \
	  $(W_WIKI):$(MODEL_WORK)/viwiki-train.txt $(W_LEGAL):$(SHARED)/corpus/vbpl-legal.txt \
	  $(W_DEBIAN):$(MODEL_WORK)/debian.txt 2>/dev/null
	@set -e; for s in 000 001 003; do \
	  d=$(MODEL_WORK)/adapt-$$s; rm -rf $$d; mkdir -p $$d; \
	  for p in $(PLANS); do case $$p in *$${s}_*) ;; *) cp $$p $$d/ ;; esac; done; \
	  $(BIN) model adapt --model $(MODEL_WORK)/noseeds.lm -o $$d.tsv $$d 2>/dev/null; \
	  f=$$(ls $(SHARED)/seeds/$${s}_*.txt); $(SHARED)/tools/vneval strip < $$f > $$d.in; \
	  $(BIN) restore --model $(MODEL_WORK)/noseeds.lm $$d.in > $$d.base; \
	  $(BIN) restore --model $(MODEL_WORK)/noseeds.lm --adapt $$d.tsv $$d.in > $$d.adapted; \
	  echo "seed $$s: base $$($(SHARED)/tools/vneval wer $$f $$d.base) | adapted $$($(SHARED)/tools/vneval wer $$f $$d.adapted)"; \
	done

bench-restore: $(VBBENCH)
	$(VBBENCH) $(MODEL_FILE) $(SHARED)/corpus/vbpl-legal.txt

BENCH_TARGETS += bench-restore
.PHONY: model eval-restore eval-adapt bench-restore

# test_lm runs the trainer on a tiny corpus.
TEST_DEPS += $(VBTRAIN)
$(BUILD)/tests/test_lm: | $(VBTRAIN)
