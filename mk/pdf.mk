# pdf.mk — PDFs and page images (ingest/pdf.c, image.c, ocr.c, cells.c,
# preprocess.c, ruling.c, geometry.c). `make bench-pdf` compares speed and CER
# with OCRmyPDF and the Tesseract CLI (`make cer-pdf`: the CER part alone);
# `make pdf-fixtures` renders its inputs;
# `make eval-pdf` compares the plans of clean PDFs and their scans. The fonts
# are the ones tests/pdf/make_plan.py --vary draws from.
DEV_EXTRA_PKGS += libreoffice-writer poppler-utils imagemagick img2pdf ocrmypdf ghostscript \
  fonts-liberation2 fonts-dejavu-core fonts-freefont-ttf
BENCH_TARGETS += bench-pdf

pdf-fixtures:
	bash tests/pdf/fixtures.sh $(BUILD)/pdf-bench

bench-pdf: $(BIN)
	VANBAN=$(BIN) PDF_BENCH_DIR=$(BUILD)/pdf-bench nice bash tests/pdf/bench.sh

# CER of vanban text vs tesseract -l vie on held-out scans (tests/pdf/cer.sh)
cer-pdf: $(BIN)
	VANBAN=$(BIN) nice bash tests/pdf/cer.sh $(BUILD)/pdf-bench/ho

.PHONY: pdf-fixtures bench-pdf cer-pdf

# clean PDF vs its scan: same plan structure? (tests/pdf/eval.sh)
eval-pdf: $(BIN)
	VANBAN=$(BIN) bash tests/pdf/eval.sh $(BUILD)/pdf-eval

.PHONY: eval-pdf
