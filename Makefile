# The two commands users type: `make run` and `make check`.
# Both install missing Debian packages first (scripts/deps.sh), then build
# with meson + ninja in $(BUILD).
BUILD ?= build
ASAN_BUILD ?= build-asan
MESONFLAGS ?=
NINJA ?= ninja

.PHONY: all deps build run check check-asan bench fuzz docs clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/build.ninja:
	@sh scripts/deps.sh
	meson setup $(BUILD) $(MESONFLAGS)

build: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

# The default demo machine. Until a real board lands this shows what hemu
# is and what it contains.
run: deps build
	./$(BUILD)/hemu --version
	./$(BUILD)/hemu -M none -nodefaults -display none -qmp stdio < /dev/null

check: deps build
	python3 tests/run.py --build $(BUILD)

$(ASAN_BUILD)/build.ninja:
	@sh scripts/deps.sh
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false $(MESONFLAGS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps $(ASAN_BUILD)/build.ninja
	$(NINJA) -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	python3 tests/run.py --build $(ASAN_BUILD)

bench: build
	./$(BUILD)/bench/bench-objects

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
