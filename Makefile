# varde: `make` installs missing dependencies, compiles bin/varde and builds
# the site into public/; `make test` runs every test.

VERSION  := 0.1.0
PKGS     := libcmark-gfm lua5.4 yaml-0.1 libgit2 libmicrohttpd
CC       ?= cc
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-missing-field-initializers
CFLAGS   ?= -O2 -g
ALLFLAGS  = -std=c17 -D_GNU_SOURCE -DVARDE_VERSION='"$(VERSION)"' $(WARN) $(CFLAGS) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS      = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lstemmer -lm -lpthread

SRC      := $(filter-out generator/main.c,$(wildcard generator/*.c))
HDR      := $(wildcard generator/*.h)
OBJ      := $(SRC:generator/%.c=build/obj/%.o)
ASAN_OBJ := $(SRC:generator/%.c=build/asan/%.o)
SAN      := -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all
UNIT     := $(wildcard tests/unit/test_*.c)

.PHONY: all deps site test unit e2e browser bench fuzz clean
all: deps bin/varde site

deps:
	@sh tools/deps.sh

site: bin/varde
	./bin/varde build

bin/varde: $(OBJ) build/obj/main.o
	@mkdir -p bin
	@echo "  LINK $@"
	@$(CC) $(ALLFLAGS) -o $@ $^ $(LIBS)

build/obj/%.o: generator/%.c $(HDR)
	@mkdir -p build/obj
	@echo "  CC   $<"
	@$(CC) $(ALLFLAGS) -c -o $@ $<

# The sanitizer build the tests run: AddressSanitizer (with leak checking)
# and UndefinedBehaviorSanitizer.
bin/varde-asan: $(ASAN_OBJ) build/asan/main.o
	@mkdir -p bin
	@echo "  LINK $@"
	@$(CC) $(ALLFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/asan/%.o: generator/%.c $(HDR)
	@mkdir -p build/asan
	@echo "  CC   $< (sanitizers)"
	@$(CC) $(ALLFLAGS) $(SAN) -O1 -c -o $@ $<

build/unit-tests: $(UNIT) tests/unit/test.h $(ASAN_OBJ)
	@echo "  LINK $@"
	@$(CC) $(ALLFLAGS) $(SAN) -O1 -Igenerator -o $@ $(UNIT) $(ASAN_OBJ) $(LIBS)

test: deps bin/varde bin/varde-asan build/unit-tests site
	@sh tests/run.sh

bench: bin/varde
	@sh tests/bench/bench.sh

# libFuzzer targets under tests/fuzz (clang); FUZZ_SECONDS per target
FUZZ_SECONDS ?= 60
fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build bin public public.tmp-* tests/out
