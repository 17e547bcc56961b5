# vanban — C11 library + CLI. `make demo` and `make test` do every set-up
# step themselves on a fresh Debian 12 machine (apt-get, as root or via sudo).
#
#   make deps    install the Debian packages the build and tests need
#   make         build build/vanban and build/libvanban.a
#   make test    deps + build + every test (unit, corpus, CLI); WERROR=1 in CI
#   make asan    the same tests under AddressSanitizer + UBSan (build-asan/)
#   make demo    deps + build + convert the bundled corpus, validate the XML
#   make bench   throughput benchmarks (see mk/*.mk for each)
#   make fuzz    libFuzzer targets, FUZZ_SECONDS each (default 60)
#   make model   rebuild the language model from the training text
#   make format  clang-format every source file
#
# Areas add their own targets and prerequisites in mk/*.mk.

SHELL := /bin/bash
CC ?= cc
BUILD ?= build
PKGS := icu-uc icu-i18n libxml-2.0 tesseract lept sqlite3 nettle
MUPDF_LIBS := -lmupdf -lmupdf-third -lharfbuzz -lfreetype -ljbig2dec -ljpeg -lopenjp2 \
              -lgumbo -lmujs -lz -lm

DEBIAN_PKGS := build-essential pkg-config libicu-dev libxml2-dev libxml2-utils \
  libsqlite3-dev libcmocka-dev libtesseract-dev libleptonica-dev tesseract-ocr \
  tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd libmupdf-dev libharfbuzz-dev \
  libjbig2dec0-dev libopenjp2-7-dev libjpeg-dev libfreetype-dev libgumbo-dev \
  libmujs-dev zlib1g-dev nettle-dev
# Only for bench / fuzz / model / fixture generation, not for build and test.
DEV_PKGS := clang libclang-rt-14-dev

WARN := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif
OPT ?= -O2 -g
SAN :=
ifeq ($(ASAN),1)
BUILD := build-asan
OPT := -O1 -g -fno-omit-frame-pointer
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
CPPFLAGS += -I. -I$(BUILD)/gen -D_GNU_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(WARN) $(OPT) $(SAN) -MMD -MP $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) $(MUPDF_LIBS) -lpthread $(LDLIBS)

LIB_SRC := $(sort $(wildcard core/*.c ingest/*.c normalize/*.c extract/*.c search/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
GEN_SRC := $(BUILD)/gen/schema_rng.c

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

LIB := $(BUILD)/libvanban.a
BIN := $(BUILD)/vanban

# Areas append to these in mk/*.mk.
BENCH_TARGETS :=
FUZZ_TARGETS :=
TEST_DEPS :=

all: $(BIN) $(TEST_BIN)

-include $(sort $(wildcard mk/*.mk))

$(BUILD)/gen/schema_rng.c: schema/plan.rng tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< vb_schema_rng > $@

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $(CLI_OBJ) $(LIB) $(LDLIBS_ALL) -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) $< $(LIB) $(shell pkg-config --libs cmocka) $(LDLIBS_ALL) -o $@

deps:
	@missing=$$(for p in $(DEBIAN_PKGS) $(EXTRA_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps-dev:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(DEV_PKGS) $(DEV_EXTRA_PKGS)"

build: deps
	@$(MAKE) --no-print-directory all

test: deps
	@$(MAKE) --no-print-directory all $(TEST_DEPS)
	BUILD=$(BUILD) tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory ASAN=1 all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  BUILD=build-asan tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf demo-out && mkdir -p demo-out
	@for in in corpus/*/input.* corpus/scan-*/*.pdf; do \
	  c=$$(basename $$(dirname $$in)); f=$$(basename $$in); f=$${f%.*}; \
	  out=demo-out/$$c$$( [ "$$f" = input ] || echo "-$$f" ).xml; \
	  if $(BIN) convert "$$in" > $$out 2> demo-out/err; then echo "$$out  ← $$in"; \
	  else echo "$$in: $$(cat demo-out/err)"; rm -f $$out; fi; \
	done; rm -f demo-out/err
	@$(BIN) validate demo-out/*.xml
	@echo "demo: plan XML for every corpus input is in demo-out/ (the encrypted PDF is refused on purpose)"

bench: deps all $(BENCH_TARGETS)

fuzz: $(FUZZ_TARGETS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-asan build-fuzz demo-out

.PHONY: all deps deps-dev build test asan demo bench fuzz format clean model

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
