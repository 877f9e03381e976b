/* "hemu-reset-controller": reset lines under software control (hemu's own
 * device; docs/hetero-demo.md). Output out[n] follows bit n of CTRL: 1
 * holds what it is wired to (e.g. a cpu-cluster's "reset") in reset, 0
 * lets it run. After reset CTRL is 'reset-value', so a board can keep a
 * cluster stopped until firmware elsewhere releases it.
 *
 *   0x00 CTRL   rw  bit n drives out[n]
 *   0x04 SET    w   hold: CTRL |= value
 *   0x08 CLEAR  w   release: CTRL &= ~value
 *   0x0c PULSE  w   restart: the lines in value rise, then fall
 *
 * Bits at or above num-outputs read as 0 and are ignored. 32-bit accesses.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "hw/core/device.h"

enum {
    RSTC_CTRL = 0x00,
    RSTC_SET = 0x04,
    RSTC_CLEAR = 0x08,
    RSTC_PULSE = 0x0c,
    RSTC_MAX_OUTPUTS = 32,
};

typedef struct HemuResetController {
    Device dev;
    int64_t num_outputs;       /* configuration */
    uint64_t reset_value;
    uint32_t ctrl;
    Pin out[RSTC_MAX_OUTPUTS];
    MemRegion regs;
} HemuResetController;

static uint32_t rstc_mask(const HemuResetController *s)
{
    return s->num_outputs >= 32 ? UINT32_MAX : (1u << s->num_outputs) - 1;
}

static void rstc_set_ctrl(HemuResetController *s, uint32_t v)
{
    s->ctrl = v & rstc_mask(s);
    for (int64_t i = 0; i < s->num_outputs; i++) {
        pin_set(&s->out[i], s->ctrl >> i & 1);
    }
}

static uint64_t rstc_read(void *opaque, uint64_t offset, unsigned size)
{
    HemuResetController *s = opaque;
    if (offset == RSTC_CTRL) {
        return s->ctrl;
    }
    if (offset != RSTC_SET && offset != RSTC_CLEAR && offset != RSTC_PULSE) {
        log_guest_error(&s->dev.obj, "read at offset 0x%" G_GINT64_MODIFIER "x",
                        offset);
    }
    return 0;
}

static void rstc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    HemuResetController *s = opaque;
    uint32_t v = (uint32_t)value;
    switch (offset) {
    case RSTC_CTRL:
        rstc_set_ctrl(s, v);
        return;
    case RSTC_SET:
        rstc_set_ctrl(s, s->ctrl | v);
        return;
    case RSTC_CLEAR:
        rstc_set_ctrl(s, s->ctrl & ~v);
        return;
    case RSTC_PULSE: {
        uint32_t before = s->ctrl;
        rstc_set_ctrl(s, before | v);
        rstc_set_ctrl(s, before & ~v);
        return;
    }
    }
    log_guest_error(&s->dev.obj, "write at offset 0x%" G_GINT64_MODIFIER "x",
                    offset);
}

static const MemOps rstc_ops = {
    .read = rstc_read, .write = rstc_write, .min_size = 4, .max_size = 4,
};

static void rstc_reset(Object *obj)
{
    HemuResetController *s = (HemuResetController *)obj;
    rstc_set_ctrl(s, (uint32_t)s->reset_value);
}

static const PropDef rstc_props[] = {
    PROP_INT("num-outputs", HemuResetController, num_outputs, 1, 1,
             RSTC_MAX_OUTPUTS, "Number of reset lines out[0..num-outputs-1]."),
    PROP_UINT64_RANGE("reset-value", HemuResetController, reset_value,
                      UINT32_MAX, 0, UINT32_MAX,
                      "CTRL after reset: bit n set holds out[n] (default: "
                      "every line held)."),
    PROP_END
};

static const PinDef rstc_pins[] = {
    { .name = "out", .kind = PIN_RESET, .dir = PIN_OUT,
      .count = RSTC_MAX_OUTPUTS, .count_prop = "num-outputs",
      .offset = offsetof(HemuResetController, out),
      .doc = "Reset lines: out[n] is bit n of CTRL (1: held in reset)." },
    PIN_END
};

static const RegionDef rstc_regions[] = {
    { .name = "regs", .kind = REGION_MMIO,
      .offset = offsetof(HemuResetController, regs), .size = 0x100,
      .ops = &rstc_ops, .doc = "CTRL, SET, CLEAR, PULSE (32-bit)." },
    REGION_END
};

const TypeInfo hemu_reset_controller_type = {
    .name = "hemu-reset-controller",
    .parent = TYPE_DEVICE,
    .doc = "Reset lines driven by a register: software holds, releases or "
           "pulses them (e.g. one cluster starting another).",
    .instance_size = sizeof(HemuResetController),
    .props = rstc_props,
    .pins = rstc_pins,
    .regions = rstc_regions,
    .reset = rstc_reset,
};
