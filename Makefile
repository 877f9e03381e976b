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

# The default demo: hetero-demo (machines/hetero-demo.yaml), a Cortex-M3
# cluster and a RISC-V cluster of two harts in one machine. The M3 firmware
# boots, releases the harts from reset and exchanges work with them through
# the mailbox and the shared SRAM; both UARTs share the terminal through a
# mux (QEMU's -chardev ...,mux=on); the M3 powers the machine off (exit 0).
# docs/hetero-demo.md explains it.
run: deps build
	./$(BUILD)/hemu --version
	./$(BUILD)/hemu -chardev stdio,id=con,mux=on -serial chardev:con \
		-serial chardev:con -display none -M hetero-demo

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
	./$(BUILD)/bench/bench-describe
	./$(BUILD)/bench/bench-startup --hemu $(BUILD)/hemu
	./$(BUILD)/bench/bench-qmp --hemu $(BUILD)/hemu
	python3 bench/guest.py --build $(BUILD)

# The generated documentation: a drawing of every shipped machine
# (docs/machines/NAME.svg, from machine-export's dot through graphviz) and
# the QMP reference (docs/qmp-reference.md, from the schema).
MACHINES = $(wildcard machines/*.yaml machines/*.yml machines/*.json)
docs: build
	@command -v dot >/dev/null || sh scripts/deps.sh graphviz
	python3 scripts/machine-svg.py --hemu $(BUILD)/hemu -o docs/machines $(MACHINES)
	$(NINJA) -C $(BUILD) qapi-docs

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
