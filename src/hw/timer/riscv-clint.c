/* "riscv-clint": the SiFive CLINT as QEMU's virt board has it (an ACLINT
 * MSWI and MTIMER pair in one 64 KiB block; RISC-V ACLINT spec 1.0):
 * msip[h] at 0x0000 + 4h, mtimecmp[h] at 0x4000 + 8h, mtime at 0xbff8.
 * mtime counts at 'timebase-frequency' in virtual time; the timer
 * interrupt of hart h is high while mtime >= mtimecmp[h].
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "exec/vclock.h"
#include "core/fdt.h"
#include "exec/cpu.h"
#include "hw/core/device.h"

enum {
    CLINT_MSIP = 0x0000,
    CLINT_MTIMECMP = 0x4000,
    CLINT_MTIME = 0xbff8,
    CLINT_SIZE = 0x10000,
    CLINT_MAX_HARTS = 64,
};

#define NS_PER_S 1000000000ULL

typedef struct Clint {
    Device dev;
    union { VClock *clock; Object *clock_link; };   /* configuration */
    int64_t num_harts;
    uint64_t timebase;
    int64_t mtime_offset;      /* run time: ticks added by mtime writes */
    uint32_t msip;             /* bit h: software interrupt of hart h */
    uint64_t mtimecmp[CLINT_MAX_HARTS];
    VTimer timer;
    Pin mtip[CLINT_MAX_HARTS];
    Pin msip_out[CLINT_MAX_HARTS];
    MemRegion regs;
} Clint;

static uint64_t clint_mtime(const Clint *s)
{
    uint64_t ns = s->clock ? vclock_now(s->clock) : 0;
    /* ticks = ns * f / 1e9 without overflow for any ns < 2^64 */
    return (uint64_t)((unsigned __int128)ns * s->timebase / NS_PER_S) +
           (uint64_t)s->mtime_offset;
}

/* What harts linked to the CLINT ("time-source") read as the time CSR. */
static uint64_t clint_read_time(Object *obj)
{
    return clint_mtime((const Clint *)obj);
}

static const TimeSourceOps clint_time_ops = { clint_read_time };

/* The ns of virtual time at which mtime reaches ticks (rounded up). */
static uint64_t ticks_to_ns(const Clint *s, uint64_t ticks)
{
    unsigned __int128 t = (unsigned __int128)(ticks - (uint64_t)s->mtime_offset) * NS_PER_S;
    unsigned __int128 ns = (t + s->timebase - 1) / s->timebase;
    return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

/* Set each hart's timer line and arm the timer for the next deadline. */
static void clint_update(Clint *s)
{
    uint64_t now = clint_mtime(s), next = UINT64_MAX;
    for (int64_t h = 0; h < s->num_harts; h++) {
        bool due = now >= s->mtimecmp[h];
        pin_set(&s->mtip[h], due);
        if (!due && s->mtimecmp[h] < next) {
            next = s->mtimecmp[h];
        }
        pin_set(&s->msip_out[h], s->msip >> h & 1);
    }
    if (!s->clock) {
        return;
    }
    if (next == UINT64_MAX) {
        vtimer_del(&s->timer);
    } else {
        vtimer_mod(&s->timer, s->clock, ticks_to_ns(s, next));
    }
}

static void clint_timer_cb(void *opaque)
{
    clint_update(opaque);
}

static uint64_t clint_read(void *opaque, uint64_t offset, unsigned size)
{
    Clint *s = opaque;
    unsigned shift = (offset & 7) * 8;
    if (offset < CLINT_MSIP + 4 * (uint64_t)s->num_harts) {
        return offset & 3 ? 0 : s->msip >> (offset / 4) & 1;
    }
    if (offset >= CLINT_MTIMECMP && offset < CLINT_MTIMECMP + 8 * (uint64_t)s->num_harts) {
        return s->mtimecmp[(offset - CLINT_MTIMECMP) / 8] >> shift;
    }
    if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
        return clint_mtime(s) >> shift;
    }
    log_guest_error(&s->dev.obj, "read of unknown register 0x%" G_GINT64_MODIFIER "x",
                    offset);
    return 0;
}

/* A 32-bit write into half of a 64-bit register, or a 64-bit write. */
static uint64_t merge(uint64_t old, uint64_t offset, uint64_t value, unsigned size)
{
    if (size == 8) {
        return value;
    }
    unsigned shift = (offset & 4) * 8;
    uint64_t mask = 0xffffffffULL << shift;
    return (old & ~mask) | ((value & 0xffffffffULL) << shift);
}

static void clint_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Clint *s = opaque;
    if (offset < CLINT_MSIP + 4 * (uint64_t)s->num_harts) {
        if (!(offset & 3)) {
            uint32_t bit = 1u << (offset / 4);
            s->msip = value & 1 ? s->msip | bit : s->msip & ~bit;
        }
    } else if (offset >= CLINT_MTIMECMP &&
               offset < CLINT_MTIMECMP + 8 * (uint64_t)s->num_harts) {
        uint64_t *r = &s->mtimecmp[(offset - CLINT_MTIMECMP) / 8];
        *r = merge(*r, offset, value, size);
    } else if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
        uint64_t now = clint_mtime(s);
        s->mtime_offset += (int64_t)(merge(now, offset, value, size) - now);
    } else {
        log_guest_error(&s->dev.obj, "write to unknown register 0x%"
                        G_GINT64_MODIFIER "x", offset);
        return;
    }
    clint_update(s);
}

static const MemOps clint_ops = {
    .read = clint_read, .write = clint_write, .min_size = 4, .max_size = 8,
};

static void clint_init(Object *obj)
{
    Clint *s = (Clint *)obj;
    vtimer_init(&s->timer, clint_timer_cb, s);
}

static bool clint_realize(Object *obj, Error **errp)
{
    Clint *s = (Clint *)obj;
    if (!s->clock) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'clock' to the machine's virtual-clock", path);
        return false;
    }
    return true;
}

static void clint_unrealize(Object *obj)
{
    vtimer_del(&((Clint *)obj)->timer);
}

static void clint_reset(Object *obj)
{
    Clint *s = (Clint *)obj;
    s->msip = 0;
    s->mtime_offset = 0;
    for (int i = 0; i < CLINT_MAX_HARTS; i++) {
        s->mtimecmp[i] = UINT64_MAX;
    }
    clint_update(s);
}

static const PropDef clint_props[] = {
    PROP_LINK("clock", Clint, clock_link, TYPE_VIRTUAL_CLOCK,
              "The machine's virtual clock: mtime counts its time (required)."),
    PROP_INT("num-harts", Clint, num_harts, 1, 1, CLINT_MAX_HARTS,
             "Harts served: msip and mtimecmp registers, mtip/msip lines."),
    PROP_UINT64_RANGE("timebase-frequency", Clint, timebase, 10000000, 1,
                      NS_PER_S, "mtime ticks per second (QEMU virt: 10 MHz)."),
    PROP_END
};

static const PinDef clint_pins[] = {
    { .name = "mtip", .kind = PIN_IRQ, .dir = PIN_OUT, .count = CLINT_MAX_HARTS,
      .count_prop = "num-harts", .offset = offsetof(Clint, mtip),
      .doc = "Machine timer interrupt of each hart: mtime >= mtimecmp[h]." },
    { .name = "msip", .kind = PIN_IRQ, .dir = PIN_OUT, .count = CLINT_MAX_HARTS,
      .count_prop = "num-harts", .offset = offsetof(Clint, msip_out),
      .doc = "Machine software interrupt of each hart: msip[h] bit 0." },
    PIN_END
};

static const RegionDef clint_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(Clint, regs),
      .size = CLINT_SIZE, .ops = &clint_ops,
      .doc = "msip at 0x0, mtimecmp at 0x4000, mtime at 0xbff8." },
    REGION_END
};

static const FdtDef clint_fdt_def = {
    .node = "clint",
    .compatible = (const char *const[]){ "sifive,clint0", "riscv,clint0", NULL },
    .interrupts_extended = true,
};

const TypeInfo riscv_clint_type = {
    .name = "riscv-clint",
    .parent = TYPE_DEVICE,
    .doc = "RISC-V CLINT (ACLINT MSWI + MTIMER): per-hart software and timer "
           "interrupts; mtime runs in virtual time.",
    .fdt = &clint_fdt_def,
    .class_ops = &clint_time_ops,
    .instance_size = sizeof(Clint),
    .props = clint_props,
    .pins = clint_pins,
    .regions = clint_regions,
    .init = clint_init,
    .realize = clint_realize,
    .unrealize = clint_unrealize,
    .finalize = clint_unrealize,
    .reset = clint_reset,
};
