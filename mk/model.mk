# model.mk — the language model: the trainer, `make model`, `make eval-restore`
# and the restoration benchmark. See doc/model.md for the recipe.

SHARED ?= ../shared
MODEL_FILE := model/vanban-vi.lm
MODEL_WORK := $(BUILD)/model-work
VBTRAIN := $(BUILD)/tools/vbtrain
VBBENCH := $(BUILD)/tools/vbbench
VNEVAL := $(SHARED)/tools/vneval
# What the model is trained on, by line number. viwiki.txt: lines
# 1..WIKI_TRAIN_LINES, then WIKI_DEV_LINES of development slice (what the
# decoder's settings are tuned on); vbpl-legal.txt likewise. The rest is
# never trained on: it holds the OCR evaluation set's text (corpus/
# restore-ocr: viwiki 540001-, vbpl-legal 120001-) and the held-out tails
# measured here, the last HELDOUT_LINES of viwiki.txt and the last
# LEGAL_HELDOUT_LINES of vbpl-legal.txt (unseen general and administrative
# text; encoding detection is evaluated on the same tails).
WIKI_TRAIN_LINES ?= 537000
WIKI_DEV_LINES ?= 3000
LEGAL_TRAIN_LINES ?= 118000
LEGAL_DEV_LINES ?= 2000
HELDOUT_LINES ?= 3000
LEGAL_HELDOUT_LINES ?= 2000
# Weights (integer count multipliers) and pruning of the committed model.
W_WIKI ?= 1
W_LEGAL ?= 1
W_DEBIAN ?= 1
W_PLANS ?= 20
TRAIN_OPTS ?= --order 4 --vocab-min 2 --bi-min 2 --tri-min 2 --four-min 2 --skel-min 2 --max-forms 24
SEEDS := $(sort $(wildcard $(SHARED)/seeds/*.txt))
TEXT_SEEDS := 000 001 003 004
# Seed 004 lost glyphs in its PDF: its hand transcription stands for it.
SEED004_REF := tests/restore/seed004/004.ref
# The Debian packages whose Vietnamese text the model is trained on.
MODEL_PKGS := manpages-vi maint-guide-vi libreoffice-help-vi gettext groff

$(VBTRAIN): $(BUILD)/tools/vbtrain.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $< $(LIB) $(LDLIBS_ALL) -o $@

$(VBBENCH): $(BUILD)/tools/vbbench.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $< $(LIB) $(LDLIBS_ALL) -o $@

$(MODEL_WORK)/debian.txt: tools/model-corpus.sh
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(MODEL_PKGS)"
	sh tools/model-corpus.sh $(MODEL_WORK)

# The training, development and held-out slices of the two corpora.
$(MODEL_WORK)/viwiki-train.txt: $(SHARED)/corpus/viwiki.txt mk/model.mk
	@mkdir -p $(@D)
	head -n $(WIKI_TRAIN_LINES) $< > $@
	tail -n +$$(($(WIKI_TRAIN_LINES) + 1)) $< | head -n $(WIKI_DEV_LINES) > $(MODEL_WORK)/viwiki-dev.txt
	tail -n $(HELDOUT_LINES) $< > $(MODEL_WORK)/viwiki-heldout.txt

$(MODEL_WORK)/legal-train.txt: $(SHARED)/corpus/vbpl-legal.txt mk/model.mk
	@mkdir -p $(@D)
	head -n $(LEGAL_TRAIN_LINES) $< > $@
	tail -n +$$(($(LEGAL_TRAIN_LINES) + 1)) $< | head -n $(LEGAL_DEV_LINES) > $(MODEL_WORK)/legal-dev.txt
	tail -n $(LEGAL_HELDOUT_LINES) $< > $(MODEL_WORK)/legal-heldout.txt

# In-domain plan text: the text seeds (not 002, the OCR wreck; 004 as its
# hand transcription), passed as PLANS.
PLANS ?= $(filter-out %/002_077646f77636d7f9.txt %/004_0fb13ae9e2193200.txt,$(SEEDS)) \
  $(if $(SEEDS),$(SEED004_REF))
CORPUS_INPUTS = $(W_WIKI):$(MODEL_WORK)/viwiki-train.txt $(W_LEGAL):$(MODEL_WORK)/legal-train.txt \
  $(W_DEBIAN):$(MODEL_WORK)/debian.txt
MODEL_INPUTS = $(CORPUS_INPUTS) $(foreach p,$(PLANS),$(W_PLANS):$(p))
TRAIN_DATA = $(VBTRAIN) $(MODEL_WORK)/debian.txt $(MODEL_WORK)/viwiki-train.txt $(MODEL_WORK)/legal-train.txt

model: $(TRAIN_DATA)
	@mkdir -p model
	nice $(VBTRAIN) -o $(MODEL_FILE) $(TRAIN_OPTS) \
	  --recipe "make model: viwiki 1-$(WIKI_TRAIN_LINES) x$(W_WIKI), vbpl-legal 1-$(LEGAL_TRAIN_LINES) x$(W_LEGAL), debian x$(W_DEBIAN), plans x$(W_PLANS); $(TRAIN_OPTS)" \
	  $(MODEL_INPUTS)

# Syllable accuracy (1 - vneval wer) of ASCII-stripped text restored, as a
# percentage: acc REF OUT.
acc = $$($(VNEVAL) wer $(1) $(2) | awk '{ printf "%.2f %% (%d errors in %d tokens)", 100 * (1 - $$2), $$4, $$6 }')

# Accuracy on ASCII-stripped text: each text seed with a model trained
# without it, seed 004's glyph-dropout repair, and the two held-out tails
# with the committed model.
eval-restore: $(BIN) $(TRAIN_DATA)
	@set -e; for s in $(TEXT_SEEDS); do \
	  f=$$(ls $(SHARED)/seeds/$${s}_*.txt); ref=$$f; [ $$s != 004 ] || ref=$(SEED004_REF); \
	  others=$$(for p in $(PLANS); do [ "$$p" = "$$ref" ] || echo $(W_PLANS):$$p; done); \
	  nice $(VBTRAIN) -o $(MODEL_WORK)/without-$$s.lm $(TRAIN_OPTS) $(CORPUS_INPUTS) $$others 2>/dev/null; \
	  $(VNEVAL) strip < $$ref > $(MODEL_WORK)/strip-$$s.txt; \
	  $(BIN) restore --model $(MODEL_WORK)/without-$$s.lm $(MODEL_WORK)/strip-$$s.txt > $(MODEL_WORK)/out-$$s.txt; \
	  echo "seed $$s stripped (model without it): $(call acc,$$ref,$(MODEL_WORK)/out-$$s.txt)"; \
	done
	@# 004 as extracted, dropped glyphs and all, against the transcription
	@f=$$(ls $(SHARED)/seeds/004_*.txt); \
	$(BIN) restore --model $(MODEL_WORK)/without-004.lm $$f > $(MODEL_WORK)/raw-004.restore; \
	VB_MODEL=$(MODEL_WORK)/without-004.lm $(BIN) text $$f > $(MODEL_WORK)/raw-004.text; \
	echo "seed 004 as extracted (glyph dropout), model without it: raw $(call acc,$(SEED004_REF),$$f)"; \
	echo "  vanban restore $(call acc,$(SEED004_REF),$(MODEL_WORK)/raw-004.restore)"; \
	echo "  vanban text    $(call acc,$(SEED004_REF),$(MODEL_WORK)/raw-004.text)"
	@for t in viwiki legal; do \
	  $(VNEVAL) strip < $(MODEL_WORK)/$$t-heldout.txt > $(MODEL_WORK)/strip-$$t.txt; \
	  $(BIN) restore --model $(MODEL_FILE) $(MODEL_WORK)/strip-$$t.txt > $(MODEL_WORK)/out-$$t.txt; \
	  echo "$$t held-out tail, stripped: $(call acc,$(MODEL_WORK)/$$t-heldout.txt,$(MODEL_WORK)/out-$$t.txt)"; \
	done
	@head -20 $(SHARED)/seeds/002_077646f77636d7f9.txt > $(MODEL_WORK)/002-head.txt
	@$(BIN) restore $(MODEL_WORK)/002-head.txt > $(MODEL_WORK)/002-head.out
	@echo "seed 002 (English-model OCR), first 20 lines vs tests/restore/ocr/002-head.ref:" \
	  "raw $$($(VNEVAL) wer tests/restore/ocr/002-head.ref $(MODEL_WORK)/002-head.txt)," \
	  "restored $$($(VNEVAL) wer tests/restore/ocr/002-head.ref $(MODEL_WORK)/002-head.out)"

# The development slices (what the decoder's settings were tuned on), with
# the committed model: DEV_ARGS are passed to `vanban restore`.
eval-dev: $(BIN) $(MODEL_WORK)/viwiki-train.txt $(MODEL_WORK)/legal-train.txt
	@for t in viwiki legal; do \
	  $(VNEVAL) strip < $(MODEL_WORK)/$$t-dev.txt > $(MODEL_WORK)/strip-$$t-dev.txt; \
	  $(BIN) restore $(DEV_ARGS) --model $(MODEL_FILE) $(MODEL_WORK)/strip-$$t-dev.txt > $(MODEL_WORK)/out-$$t-dev.txt; \
	  echo "$$t dev slice, stripped: $(call acc,$(MODEL_WORK)/$$t-dev.txt,$(MODEL_WORK)/out-$$t-dev.txt)"; \
	done

# What `model adapt` buys: a model without any plan text, adapted to the other
# text seeds, on each of 000 001 003 (ASCII-stripped).
eval-adapt: $(BIN) $(TRAIN_DATA)
	@nice $(VBTRAIN) -o $(MODEL_WORK)/noseeds.lm $(TRAIN_OPTS) $(CORPUS_INPUTS) 2>/dev/null
	@set -e; for s in 000 001 003; do \
	  d=$(MODEL_WORK)/adapt-$$s; rm -rf $$d; mkdir -p $$d; \
	  for p in $(PLANS); do case $$p in *$${s}_*) ;; *) n=$$(basename $$p); cp $$p $$d/$${n%.*}.txt ;; esac; done; \
	  $(BIN) model adapt --model $(MODEL_WORK)/noseeds.lm -o $$d.tsv $$d 2>/dev/null; \
	  f=$$(ls $(SHARED)/seeds/$${s}_*.txt); $(VNEVAL) strip < $$f > $$d.in; \
	  $(BIN) restore --model $(MODEL_WORK)/noseeds.lm $$d.in > $$d.base; \
	  $(BIN) restore --model $(MODEL_WORK)/noseeds.lm --adapt $$d.tsv $$d.in > $$d.adapted; \
	  echo "seed $$s: base $(call acc,$$f,$$d.base) | adapted $(call acc,$$f,$$d.adapted)"; \
	done

bench-restore: $(VBBENCH)
	$(VBBENCH) $(MODEL_FILE) $(SHARED)/corpus/vbpl-legal.txt

BENCH_TARGETS += bench-restore
.PHONY: model eval-restore eval-dev eval-adapt bench-restore

# test_lm runs the trainer on a tiny corpus.
TEST_DEPS += $(VBTRAIN)
$(BUILD)/tests/test_lm: | $(VBTRAIN)
