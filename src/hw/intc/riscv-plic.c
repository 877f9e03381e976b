/* "riscv-plic": the RISC-V Platform-Level Interrupt Controller (PLIC spec
 * 1.0.0) with level-triggered gateways, as QEMU's virt board has it:
 * priorities at 0x0 + 4s, pending bits at 0x1000, enables at 0x2000 +
 * 0x80c, threshold and claim/complete at 0x200000 + 0x1000c. Context c's
 * output is high while a source enabled for it, pending, not in service
 * and with a priority above its threshold exists. Source 0 does not exist.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/log.h"
#include <libfdt.h>

#include "core/fdt.h"
#include "hw/core/device.h"

enum {
    PLIC_PRIORITY = 0x0,
    PLIC_PENDING = 0x1000,
    PLIC_ENABLE = 0x2000,
    PLIC_ENABLE_STRIDE = 0x80,
    PLIC_CONTEXT = 0x200000,
    PLIC_CONTEXT_STRIDE = 0x1000,
    PLIC_SIZE = 0x600000,         /* as QEMU virt 7.2 */
    PLIC_MAX_SOURCES = 1024,
    PLIC_MAX_CONTEXTS = 64,
    PLIC_WORDS = PLIC_MAX_SOURCES / 32,
};

typedef struct Plic {
    Device dev;
    int64_t num_sources;       /* configuration: sources 1..num_sources-1 */
    int64_t num_contexts;
    int64_t num_priorities;
    uint32_t priority[PLIC_MAX_SOURCES];
    uint32_t level[PLIC_WORDS];        /* input lines */
    uint32_t pending[PLIC_WORDS];
    uint32_t claimed[PLIC_WORDS];      /* in service */
    uint32_t enable[PLIC_MAX_CONTEXTS][PLIC_WORDS];
    uint32_t threshold[PLIC_MAX_CONTEXTS];
    Pin out[PLIC_MAX_CONTEXTS];
    MemRegion regs;
} Plic;

static bool bit(const uint32_t *v, unsigned n)
{
    return v[n / 32] >> (n % 32) & 1;
}

static void set_bit(uint32_t *v, unsigned n, bool on)
{
    v[n / 32] = on ? v[n / 32] | 1u << (n % 32) : v[n / 32] & ~(1u << (n % 32));
}

/* The best source for context c: highest priority, then lowest number. */
static unsigned plic_best(const Plic *s, unsigned c)
{
    unsigned best = 0;
    uint32_t best_prio = s->threshold[c];
    for (unsigned w = 0; w < (unsigned)(s->num_sources + 31) / 32; w++) {
        uint32_t cand = s->pending[w] & ~s->claimed[w] & s->enable[c][w];
        while (cand) {
            unsigned src = w * 32 + (unsigned)__builtin_ctz(cand);
            cand &= cand - 1;
            if (src && s->priority[src] > best_prio) {
                best = src;
                best_prio = s->priority[src];
            }
        }
    }
    return best;
}

static void plic_update(Plic *s)
{
    for (int64_t c = 0; c < s->num_contexts; c++) {
        pin_set(&s->out[c], plic_best(s, (unsigned)c) != 0);
    }
}

/* A level gateway: pending follows the line while not in service. */
static void plic_irq_in(Object *obj, unsigned n, uint64_t level)
{
    Plic *s = (Plic *)obj;
    if (n == 0 || n >= s->num_sources) {
        return;
    }
    set_bit(s->level, n, level != 0);
    if (level && !bit(s->claimed, n)) {
        set_bit(s->pending, n, true);
    }
    plic_update(s);
}

/* A priority or threshold write (WARL): as QEMU 7.2, masked when the
 * number of levels is a power of two (values 0..7 of 3 bits), else
 * clamped to the highest. */
static uint32_t plic_prio(const Plic *s, uint32_t v)
{
    uint32_t n = (uint32_t)s->num_priorities;
    return (n & (n + 1)) == 0 ? v & n : MIN(v, n);
}

static uint64_t plic_read(void *opaque, uint64_t offset, unsigned size)
{
    Plic *s = opaque;
    if (offset < PLIC_PENDING) {
        unsigned src = offset / 4;
        return src < s->num_sources ? s->priority[src] : 0;
    }
    if (offset < PLIC_ENABLE) {
        unsigned w = (offset - PLIC_PENDING) / 4;
        return w < PLIC_WORDS ? s->pending[w] : 0;
    }
    if (offset < PLIC_CONTEXT) {
        unsigned c = (offset - PLIC_ENABLE) / PLIC_ENABLE_STRIDE;
        unsigned w = (offset - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4;
        return c < s->num_contexts ? s->enable[c][w] : 0;
    }
    unsigned c = (offset - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE;
    unsigned reg = (offset - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE;
    if (c >= s->num_contexts || reg > 4) {
        log_guest_error(&s->dev.obj, "read at 0x%" G_GINT64_MODIFIER "x", offset);
        return 0;
    }
    if (reg == 0) {
        return s->threshold[c];
    }
    unsigned src = plic_best(s, c);          /* claim */
    if (src) {
        set_bit(s->pending, src, false);
        set_bit(s->claimed, src, true);
        plic_update(s);
    }
    return src;
}

static void plic_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Plic *s = opaque;
    uint32_t v = (uint32_t)value;
    if (offset < PLIC_PENDING) {
        unsigned src = offset / 4;
        if (src && src < s->num_sources) {
            s->priority[src] = plic_prio(s, v);
        }
    } else if (offset < PLIC_ENABLE) {
        log_guest_error(&s->dev.obj, "write to the read-only pending bits");
    } else if (offset < PLIC_CONTEXT) {
        unsigned c = (offset - PLIC_ENABLE) / PLIC_ENABLE_STRIDE;
        unsigned w = (offset - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4;
        if (c < s->num_contexts) {
            s->enable[c][w] = v;   /* bit 0 is kept, as QEMU; source 0 never pends */
        }
    } else {
        unsigned c = (offset - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE;
        unsigned reg = (offset - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE;
        if (c >= s->num_contexts || reg > 4) {
            log_guest_error(&s->dev.obj, "write at 0x%" G_GINT64_MODIFIER "x", offset);
            return;
        }
        if (reg == 0) {
            s->threshold[c] = plic_prio(s, v);
        } else if (v && v < s->num_sources && bit(s->claimed, v)) {
            /* complete: the gateway opens again; a line still high pends */
            set_bit(s->claimed, v, false);
            if (bit(s->level, v)) {
                set_bit(s->pending, v, true);
            }
        }
    }
    plic_update(s);
}

static const MemOps plic_ops = {
    .read = plic_read, .write = plic_write, .min_size = 4, .max_size = 4,
};

static void plic_reset(Object *obj)
{
    Plic *s = (Plic *)obj;
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->claimed, 0, sizeof(s->claimed));
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->threshold, 0, sizeof(s->threshold));
    memcpy(s->pending, s->level, sizeof(s->pending));   /* lines held high */
    plic_update(s);
}

static const PropDef plic_props[] = {
    PROP_INT("num-sources", Plic, num_sources, 96, 2, PLIC_MAX_SOURCES,
             "Interrupt sources, counting the nonexistent source 0 (QEMU "
             "virt: 96)."),
    PROP_INT("num-contexts", Plic, num_contexts, 2, 1, PLIC_MAX_CONTEXTS,
             "Contexts (QEMU virt: 2 per hart, M then S)."),
    PROP_INT("num-priorities", Plic, num_priorities, 7, 1, 0xffff,
             "The highest priority."),
    PROP_END
};

static const PinDef plic_pins[] = {
    { .name = "irq", .kind = PIN_IRQ, .dir = PIN_IN, .count = PLIC_MAX_SOURCES,
      .count_prop = "num-sources", .handler = plic_irq_in,
      .doc = "Interrupt sources (level); irq[0] is ignored." },
    { .name = "out", .kind = PIN_IRQ, .dir = PIN_OUT, .count = PLIC_MAX_CONTEXTS,
      .count_prop = "num-contexts", .offset = offsetof(Plic, out),
      .doc = "One line per context: an interrupt is ready to claim." },
    PIN_END
};

static const RegionDef plic_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(Plic, regs),
      .size = PLIC_SIZE, .ops = &plic_ops,
      .doc = "Priorities, pending bits, enables, thresholds and claim/complete." },
    REGION_END
};

static void plic_fdt(Object *obj, void *fdt)
{
    fdt_property_u32(fdt, "riscv,ndev", (uint32_t)((Plic *)obj)->num_sources - 1);
}

static const FdtDef plic_fdt_def = {
    .node = "plic",
    .compatible = (const char *const[]){ "sifive,plic-1.0.0", "riscv,plic0", NULL },
    .interrupt_cells = 1, .interrupts_extended = true, .props = plic_fdt,
};

const TypeInfo riscv_plic_type = {
    .name = "riscv-plic",
    .parent = TYPE_DEVICE,
    .doc = "RISC-V PLIC: level sources with priorities routed to contexts "
           "(hart privilege levels) with thresholds and claim/complete.",
    .fdt = &plic_fdt_def,
    .instance_size = sizeof(Plic),
    .props = plic_props,
    .pins = plic_pins,
    .regions = plic_regions,
    .reset = plic_reset,
};
