/* "sifive-test": the SiFive test finisher of QEMU's virt board. A 32-bit
 * write of 0x5555 ends the run with status 0, 0x3333 | code << 16 with
 * status code, 0x7777 asks for a reset. It drives its "exit" and
 * "reset-request" outputs; the board wires them to the machine, so the
 * guest's exit code becomes hemu's exit status.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "core/fdt.h"
#include "hw/core/device.h"

enum {
    TEST_FAIL = 0x3333,
    TEST_PASS = 0x5555,
    TEST_RESET = 0x7777,
    EXIT_VALID = 0x100,        /* "exit" carries EXIT_VALID | status */
};

typedef struct SifiveTest {
    Device dev;
    Pin exit;
    Pin reset_request;
    MemRegion regs;
} SifiveTest;

static uint64_t test_read(void *opaque, uint64_t offset, unsigned size)
{
    return 0;
}

static void test_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    SifiveTest *s = opaque;
    uint32_t code = (uint32_t)value >> 16;
    if (offset != 0) {
        log_guest_error(&s->dev.obj, "write at offset 0x%" G_GINT64_MODIFIER "x",
                        offset);
        return;
    }
    switch (value & 0xffff) {
    case TEST_PASS:
        pin_set(&s->exit, EXIT_VALID);
        break;
    case TEST_FAIL:
        pin_set(&s->exit, EXIT_VALID | (code & 0xff));
        break;
    case TEST_RESET:
        pin_raise(&s->reset_request);
        pin_lower(&s->reset_request);
        break;
    default:
        log_guest_error(&s->dev.obj, "unknown command 0x%" G_GINT64_MODIFIER "x",
                        value);
        break;
    }
}

static const MemOps test_ops = {
    .read = test_read, .write = test_write, .min_size = 2, .max_size = 4,
};

static const PinDef test_pins[] = {
    PIN_OUT1("exit", PIN_GPIO, SifiveTest, exit,
             "0x100 | status once the guest asked to end the run (pass: 0, "
             "fail: the code it wrote); wire it to the machine's 'exit'."),
    PIN_OUT1("reset-request", PIN_RESET, SifiveTest, reset_request,
             "Pulsed when the guest asks for a reset; wire it to the "
             "machine's 'reset-request'."),
    PIN_END
};

static const RegionDef test_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(SifiveTest, regs),
      .size = 0x1000, .ops = &test_ops, .doc = "The finisher register at "
      "offset 0 (32-bit writes)." },
    REGION_END
};

static const FdtDef test_fdt_def = {
    .node = "test",
    .compatible = (const char *const[]){ "sifive,test1", "sifive,test0", "syscon", NULL },
};

const TypeInfo sifive_test_type = {
    .name = "sifive-test",
    .parent = TYPE_DEVICE,
    .doc = "SiFive test finisher: the guest ends the run (with a status) or "
           "asks for a reset by writing one register.",
    .fdt = &test_fdt_def,
    .instance_size = sizeof(SifiveTest),
    .pins = test_pins,
    .regions = test_regions,
};
