# quoth - one non-recursive Makefile.  `make V=1` shows full commands.
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
SAN ?=
QUOTH_DATA ?= ../shared/data
export QUOTH_DATA

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Recursive (=) so pkg-config runs after deps.sh has installed it.
ICU_CFLAGS = $(shell pkg-config --cflags icu-uc)
XAPIAN_CXXFLAGS = $(shell pkg-config --cflags xapian-core)
# ICU and Snowball are linked statically: loading libicuuc at every exec
# cost a search ~1 ms of its ~9 (make bench); the data is needed either way.
# So is liblzma, which only the reader of .xz input calls: as a shared
# library it was loaded by every search (~2% of a search, alternating runs).
# libz stays shared: libxapian loads it anyway.
# libstdc++ and libc come first among the shared libraries: the dynamic
# linker looks up each of libxapian's and libstdc++'s thousands of symbols
# in that order, and most are defined there (6% of a rare-word search's
# instructions, callgrind).  libc by its soname: "-lc" names a linker
# script, which the linker would list last.
LIBS = -Wl,--no-as-needed -lstdc++ -l:libc.so.6 -Wl,--as-needed \
	$(shell pkg-config --libs xapian-core) -Wl,-Bstatic -licuuc -licudata \
	-lstemmer -llzma -Wl,-Bdynamic -lz -lm -ldl -lpthread
# A position-dependent executable: a PIE must relocate static ICU's pointer
# tables at every start (another ~1 ms per search); the cost is no ASLR for
# the main executable of a command-line tool.
EXE_LDFLAGS = -no-pie
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Iinclude -I$(BUILD)/gen $(ICU_CFLAGS) $(CFLAGS) $(SAN) -MD -MP
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra -Iinclude $(XAPIAN_CXXFLAGS) $(CXXFLAGS) $(SAN) -MD -MP

LIB_C := $(sort $(wildcard indexer/*.c searcher/*.c))
LIB_CXX := $(sort $(wildcard indexer/*.cc))
CLI_C := $(sort $(wildcard cli/*.c))
TEST_C := $(sort $(wildcard tests/test_*.c))
FUZZ_C := $(sort $(wildcard fuzz/fuzz_*.c))

LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
CLI_OBJ := $(CLI_C:%.c=$(BUILD)/%.o)
TESTS := $(TEST_C:tests/%.c=$(BUILD)/tests/%)
FUZZ_REPLAY := $(FUZZ_C:fuzz/%.c=$(BUILD)/fuzz/%-replay)
DEPS_STAMP := $(BUILD)/.deps-build

.PHONY: all demo check test asan fuzz bench eval eval-quotes install clean deps-% unit e2e symcheck fuzz-replay contract

all: $(BUILD)/quoth

deps-%:
	$(Q)scripts/deps.sh $*

$(DEPS_STAMP):
	$(Q)mkdir -p $(@D)
	$(Q)scripts/deps.sh build
	$(Q)touch $@

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

# ICU's word-break rules in binary form, made by the ICU quoth links (see
# tools/gen-wordbreak.c); the tool is built without sanitizers, as a tool.
$(BUILD)/gen/wordbreak.h: tools/gen-wordbreak.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(CC) -std=c11 -O2 $(ICU_CFLAGS) -c $< -o $(@D)/gen-wordbreak.o
	$(Q)$(CXX) -o $(@D)/gen-wordbreak $(@D)/gen-wordbreak.o $(LIBS)
	$(Q)$(@D)/gen-wordbreak > $@.tmp && mv $@.tmp $@

$(BUILD)/indexer/analyzer.o: $(BUILD)/gen/wordbreak.h

$(BUILD)/libquoth.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/quoth: $(CLI_OBJ) $(BUILD)/libquoth.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(SAN) $(EXE_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libquoth.a $(LIBS)

# A test may #include its module's .c to reach statics; --allow-multiple-
# definition lets the archive's copy of that module be ignored.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libquoth.a
	$(Q)$(CXX) $(SAN) -o $@ $< -Wl,--allow-multiple-definition $(BUILD)/libquoth.a $(LIBS) -lcmocka

$(BUILD)/tests/%.o: tests/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -c $< -o $@

# Fuzz targets replayed over their seed corpora by a plain driver (gcc), so
# `make check` keeps them building and the seeds passing.
$(BUILD)/fuzz/%-replay: $(BUILD)/fuzz/%.o $(BUILD)/fuzz/replay.o $(BUILD)/libquoth.a
	$(Q)$(CXX) $(SAN) -o $@ $^ $(LIBS)

demo: deps-build $(BUILD)/quoth
	$(Q)scripts/demo.sh $(BUILD)/quoth

check: deps-check all $(TESTS) $(FUZZ_REPLAY)
	$(Q)$(MAKE) --no-print-directory symcheck fuzz-replay unit e2e

test: check

unit: $(TESTS)
	$(Q)scripts/run-unit.sh $(TESTS)

e2e: $(BUILD)/quoth
	$(Q)tests/e2e.sh $(BUILD)/quoth

symcheck: $(LIB_OBJ) $(CLI_OBJ)
	$(Q)scripts/symcheck.sh $(filter-out $(LIB_CXX:%.cc=$(BUILD)/%.o),$(LIB_OBJ) $(CLI_OBJ))

fuzz-replay: $(FUZZ_REPLAY)
	$(Q)for f in $(FUZZ_REPLAY); do n=$$(basename $$f -replay); $$f fuzz/corpus/$${n#fuzz_} || exit 1; done

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		CXXFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check

fuzz: deps-fuzz
	$(Q)scripts/fuzz.sh

contract: $(BUILD)/quoth
	$(Q)../shared/tools/contract-check $(BUILD)/quoth corpus

bench: deps-bench $(BUILD)/quoth
	$(Q)bench/run.sh

eval: deps-eval $(BUILD)/quoth
	$(Q)eval/run.sh

eval-quotes: $(BUILD)/quoth
	$(Q)eval/quotes.sh

install: $(BUILD)/quoth
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/quoth $(DESTDIR)$(PREFIX)/bin/quoth
	install -m 644 doc/quoth.1 $(DESTDIR)$(PREFIX)/share/man/man1/quoth.1

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
.SECONDARY:
