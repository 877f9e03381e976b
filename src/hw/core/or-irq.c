/* "or-irq": an OR gate for level interrupt lines, as boards use to share
 * one interrupt input among several sources (QEMU has the same device).
 * The output is high while any of the first 'num-lines' inputs is high.
 * SPDX-License-Identifier: MIT */
#include "hw/core/device.h"

enum { OR_IRQ_MAX_LINES = 32 };

typedef struct OrIrq {
    Device dev;
    int64_t num_lines;     /* configuration */
    uint32_t levels;       /* bit n: input line n is high */
    Pin out;
} OrIrq;

static void or_irq_update(OrIrq *s)
{
    pin_set(&s->out, s->levels != 0);
}

static void or_irq_in(Object *obj, unsigned n, uint64_t level)
{
    OrIrq *s = (OrIrq *)obj;
    if (n >= s->num_lines) {
        return;     /* a line past num-lines is not exposed */
    }
    s->levels = level ? s->levels | 1u << n : s->levels & ~(1u << n);
    or_irq_update(s);
}

static const PropDef or_irq_props[] = {
    PROP_INT("num-lines", OrIrq, num_lines, 2, 1, OR_IRQ_MAX_LINES,
             "Number of input lines in[0..num-lines-1] (1 to 32)."),
    PROP_END
};

static const PinDef or_irq_pins[] = {
    { .name = "in", .kind = PIN_IRQ, .dir = PIN_IN, .count = OR_IRQ_MAX_LINES,
      .count_prop = "num-lines", .handler = or_irq_in,
      .doc = "Input lines; the output is their OR." },
    PIN_OUT1("out", PIN_IRQ, OrIrq, out, "High while any input is high."),
    PIN_END
};

/* Inputs keep their levels across reset: they are driven from outside. */
static void or_irq_reset(Object *obj)
{
    or_irq_update((OrIrq *)obj);
}

const TypeInfo or_irq_type = {
    .name = "or-irq",
    .parent = TYPE_DEVICE,
    .doc = "OR gate of level interrupt lines: 'out' is high while any of "
           "'in[0]'..'in[num-lines-1]' is high.",
    .instance_size = sizeof(OrIrq),
    .props = or_irq_props,
    .pins = or_irq_pins,
    .reset = or_irq_reset,
};
