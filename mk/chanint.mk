# chanint.mk — the OCR channel wired into restoration: `make eval-ocr` prints
# word error rates of `vanban restore` on English-model OCR (raw vs restored)
# for the held-out set corpus/restore-ocr/, the development sets the weights
# were tuned on (tests/restore/ocr/dev*-*.txt), all of seed 002 against its
# transcription (tests/restore/ocr/002.ref) through `vanban restore` and
# `vanban text`, a check that clean and ASCII-stripped seeds are untouched by
# the channel, and the speed on OCR text. See doc/model.md, "OCR
# post-correction". (The Vietnamese-model OCR figures need OCR: tests/pdf/bench.sh.)

OCR_WORK := $(BUILD)/eval-ocr
VNEVAL ?= ../shared/tools/vneval
SEED002 = $(firstword $(wildcard $(SHARED)/seeds/002_*.txt))

eval-ocr: $(BIN)
	@mkdir -p $(OCR_WORK)
	@for set in "held-out corpus/restore-ocr/truth.txt corpus/restore-ocr/ocr-eng.txt" \
	            "dev tests/restore/ocr/dev-truth.txt tests/restore/ocr/dev-eng.txt" \
	            "dev2 tests/restore/ocr/dev2-truth.txt tests/restore/ocr/dev2-eng.txt"; do \
	  set -- $$set; $(BIN) restore $$3 > $(OCR_WORK)/$$1.out; \
	  echo "English-model OCR, $$1 set ($$3): raw $$($(VNEVAL) wer $$2 $$3)"; \
	  echo "    restored: $$($(VNEVAL) wer $$2 $(OCR_WORK)/$$1.out)"; done
	@$(BIN) restore corpus/restore-ocr/ocr-vie.txt > $(OCR_WORK)/vie.out
	@echo "Vietnamese-model OCR as a text file (held-out): raw $$($(VNEVAL) wer corpus/restore-ocr/truth.txt corpus/restore-ocr/ocr-vie.txt)"; \
	 echo "    restored: $$($(VNEVAL) wer corpus/restore-ocr/truth.txt $(OCR_WORK)/vie.out)"
	@if [ -n "$(SEED002)" ]; then \
	  $(BIN) restore $(SEED002) > $(OCR_WORK)/002.out; $(BIN) text $(SEED002) > $(OCR_WORK)/002.txt; \
	  echo "seed 002 vs tests/restore/ocr/002.ref: raw $$($(VNEVAL) wer tests/restore/ocr/002.ref $(SEED002))"; \
	  echo "    vanban restore: $$($(VNEVAL) wer tests/restore/ocr/002.ref $(OCR_WORK)/002.out)"; \
	  echo "    vanban text:    $$($(VNEVAL) wer tests/restore/ocr/002.ref $(OCR_WORK)/002.txt)"; \
	  echo "    characters: raw $$($(VNEVAL) cer tests/restore/ocr/002.ref $(SEED002)), restored $$($(VNEVAL) cer tests/restore/ocr/002.ref $(OCR_WORK)/002.out)"; fi
	@# the channel must not touch clean or stripped text: same output without it
	@for f in $(filter-out $(SEED002),$(SEEDS)); do \
	  $(VNEVAL) strip < $$f > $(OCR_WORK)/strip.txt; \
	  for g in $$f $(OCR_WORK)/strip.txt; do \
	    $(BIN) restore $$g > $(OCR_WORK)/with.txt; \
	    VB_CHANNEL=/nonexistent $(BIN) restore $$g > $(OCR_WORK)/without.txt; \
	    cmp -s $(OCR_WORK)/with.txt $(OCR_WORK)/without.txt && r=same || r=DIFFERENT; \
	    echo "$$(basename $$f) $$( [ $$g = $$f ] && echo clean || echo stripped): output with channel $$r as without"; \
	  done; done
	@# speed: eight separate runs (the decoder caches a document's repeated words;
	@# copies of one text in one run would flatter it), model and table loading included
	@cat corpus/restore-ocr/ocr-eng.txt tests/restore/ocr/dev-eng.txt > $(OCR_WORK)/speed.txt
	@n=$$(tr -s ' \t' '\n\n' < $(OCR_WORK)/speed.txt | grep -c '[[:alpha:]]'); \
	 t=$$( { /usr/bin/time -f %U sh -c 'for i in 1 2 3 4 5 6 7 8; do $(BIN) restore $(OCR_WORK)/speed.txt; done' > /dev/null; } 2>&1 ); \
	 echo "speed on English-model OCR: 8 x $$n words in $$t s CPU = $$(awk -v n=$$n -v t=$$t 'BEGIN { printf "%.0f", 8 * n / (t > 0 ? t : 0.01) }') words/s (one core)"; \
	 t=$$( { /usr/bin/time -f %U sh -c 'for i in 1 2 3 4 5 6 7 8; do $(BIN) restore tests/restore/ocr-eng.in; done' > /dev/null; } 2>&1 ); \
	 echo "    (of which loading, from 8 runs on a 4-line file: $$t s CPU)"

.PHONY: eval-ocr
