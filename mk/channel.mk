# channel.mk — the learned OCR channel model (normalize/channel.c reads
# model/ocr-channel.tsv). `make channel` rebuilds the table end to end:
# plan-like documents from training slices → synth-scan → tesseract eng/vie →
# alignment → estimation, then measures it on corpus/restore-ocr/.
# Documents from CHANNEL_HARSH on get old-archive scans (degrade.py) instead
# of synth-scan's; CHANNEL_SKIP are drawn but not made (OCR time). Not part
# of `make test` (hours of OCR on two shared cores). Needs fonts-croscore and
# fonts-freefont-ttf (Times-like faces with Vietnamese glyphs). See
# doc/channel.md.

CHANNEL_DIR := $(BUILD)/channel
CORPUS_DIR ?= ../shared/corpus
CHANNEL_TRAIN := $(CORPUS_DIR)/vbpl-legal.txt:1:110000 $(CORPUS_DIR)/viwiki.txt:1:150000
# held out from every model: the corpus tails (vbpl-legal's last 2000 lines,
# viwiki's last 3000); the development slices lie between training and tails
CHANNEL_HELDOUT := $(CORPUS_DIR)/vbpl-legal.txt:125712:127711 $(CORPUS_DIR)/viwiki.txt:549069:552068
CHANNEL_DEV := $(CORPUS_DIR)/vbpl-legal.txt:110001:119000 $(CORPUS_DIR)/viwiki.txt:150001:160000
# plans written for the sets: NAME:FONT:SIZE:DPI:PROFILE (evalset.sh)
CHANNEL_HELDOUT_PLANS := plan-own:Liberation_Serif:13:200: plan-a:Tinos:13::old \
	plan-b:FreeSerif:13:300: plan-c:Tinos:14::copy
CHANNEL_DOCS ?= 140
CHANNEL_HARSH ?= 80
CHANNEL_SKIP ?= 40:80
VNEVAL ?= ../shared/tools/vneval
DEV_EXTRA_PKGS += libreoffice-writer poppler-utils imagemagick img2pdf python3 \
	fonts-croscore fonts-freefont-ttf

$(CHANNEL_DIR)/ocralign: tools/ocr-channel/ocralign.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O2 -D_GNU_SOURCE $< $$(pkg-config --cflags --libs icu-uc) -lm -o $@

$(CHANNEL_DIR)/chaneval: tools/ocr-channel/chaneval.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

$(CHANNEL_DIR)/ocrwords: tools/ocr-channel/ocrwords.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $< $(LIB) $(LDLIBS_ALL) -o $@

# 1. training documents and their OCR (resumable)
channel-data:
	@mkdir -p $(CHANNEL_DIR)/train
	@ls $(CHANNEL_DIR)/train/doc*.truth.txt >/dev/null 2>&1 || \
	  python3 tools/ocr-channel/mkdocs.py --harsh $(CHANNEL_HARSH) --skip $(CHANNEL_SKIP) $(CHANNEL_DIR)/train \
	    $(CHANNEL_DOCS) 4 48 $(CHANNEL_TRAIN)
	SCANS_ONLY=1 tools/ocr-channel/scan-ocr.sh $(CHANNEL_DIR)/train

# 2. alignment and estimation
channel-table: $(CHANNEL_DIR)/ocralign
	tools/ocr-channel/learn.sh $(CHANNEL_DIR)/ocralign $(CHANNEL_DIR)/train > $(CHANNEL_DIR)/ocr-channel.tsv
	mv $(CHANNEL_DIR)/ocr-channel.tsv model/ocr-channel.tsv

# The held-out evaluation set committed under corpus/restore-ocr/ and the
# second development set under tests/restore/ocr/dev2-* (run once each).
channel-evalset:
	tools/ocr-channel/evalset.sh corpus/restore-ocr $(CHANNEL_DIR)/eval 11 \
	  "$(CHANNEL_HELDOUT_PLANS)" $(CHANNEL_HELDOUT)

channel-devset:
	@mkdir -p $(CHANNEL_DIR)/dev2-out
	cp tests/restore/ocr/plan-dev.txt $(CHANNEL_DIR)/dev2-out/
	tools/ocr-channel/evalset.sh $(CHANNEL_DIR)/dev2-out $(CHANNEL_DIR)/dev2 21 \
	  "plan-dev:Tinos:13::old" $(CHANNEL_DEV)
	for f in truth eng vie; do cp $(CHANNEL_DIR)/dev2-out/$$( [ $$f = truth ] && echo truth || echo ocr-$$f).txt \
	  tests/restore/ocr/dev2-$$f.txt; done
	cp $(CHANNEL_DIR)/dev2-out/docs.txt tests/restore/ocr/dev2-docs.txt

# 3. figures: raw OCR WER and the candidates' oracle on the evaluation set
channel-eval: $(CHANNEL_DIR)/ocralign $(CHANNEL_DIR)/chaneval
	@[ -s $(CHANNEL_DIR)/vocab.txt ] || python3 tools/ocr-channel/vocab.py 2 $(CHANNEL_TRAIN) > $(CHANNEL_DIR)/vocab.txt
	@for m in eng vie; do echo "== $$m: raw OCR WER and candidates (top 10, vocabulary-filtered)"; \
	  $(VNEVAL) wer corpus/restore-ocr/truth.txt corpus/restore-ocr/ocr-$$m.txt; \
	  $(CHANNEL_DIR)/ocralign pairs-all corpus/restore-ocr/truth.txt corpus/restore-ocr/ocr-$$m.txt \
	    | $(CHANNEL_DIR)/chaneval model/ocr-channel.tsv $$m $(CHANNEL_DIR)/vocab.txt; done

channel: channel-data
	@$(MAKE) --no-print-directory channel-table channel-eval

.PHONY: channel channel-data channel-table channel-evalset channel-devset channel-eval
