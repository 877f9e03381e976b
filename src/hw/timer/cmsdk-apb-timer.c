/* "cmsdk-apb-timer": the Arm CMSDK APB timer (Cortex-M System Design Kit
 * TRM, DDI 0479, "APB timer"), as QEMU's mps2 boards have it: a 32-bit
 * down counter at 'pclk-frq' in virtual time. VALUE counts down while
 * CTRL.EN is set; the step from 1 to 0 sets INTSTATUS (if CTRL.IRQEN),
 * the counter holds 0 for one tick, then reloads from RELOAD. With
 * RELOAD 0 it stops at 0. Writing RELOAD also sets VALUE. "timerint" is
 * high while INTSTATUS is set; writing 1 to INTCLEAR (the INTSTATUS
 * offset) clears it. PID/CID read as QEMU's model has them.
 * Not modelled: the EXTIN input (CTRL bits 1 and 2, external enable and
 * external clock: logged as unimplemented, the timer runs on PCLK).
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "exec/vclock.h"
#include "hw/core/device.h"
#include "hw/timer/down-counter.h"

enum {
    TIMER_CTRL = 0x00,
    TIMER_VALUE = 0x04,
    TIMER_RELOAD = 0x08,
    TIMER_INTSTATUS = 0x0c,    /* write: INTCLEAR */
    TIMER_PID4 = 0xfd0,
    TIMER_CID3 = 0xffc,
    TIMER_SIZE = 0x1000,
};

enum {
    CTRL_EN = 1 << 0,
    CTRL_SELEXTEN = 1 << 1,
    CTRL_SELEXTCLK = 1 << 2,
    CTRL_IRQEN = 1 << 3,
};

/* PID4..PID7, PID0..PID3, CID0..CID3 */
static const uint8_t timer_id[] = {
    0x04, 0x00, 0x00, 0x00, 0x22, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct ApbTimer {
    Device dev;
    union { VClock *clock; Object *clock_link; };   /* configuration */
    uint64_t pclk;
    uint32_t ctrl;                                  /* registers */
    uint32_t reload;
    uint32_t intstatus;
    DownCounter cnt;
    VTimer timer;
    Pin timerint;
    MemRegion regs;
} ApbTimer;

static uint64_t now_ns(const ApbTimer *s)
{
    return s->clock ? vclock_now(s->clock) : 0;
}

/* Take the zero crossings up to now into INTSTATUS. */
static void timer_sync(ApbTimer *s)
{
    if (dcount_sync(&s->cnt, now_ns(s)) && (s->ctrl & CTRL_IRQEN)) {
        s->intstatus = 1;
    }
}

/* Drive the pin; wait for the next crossing only if it can change it. */
static void timer_update(ApbTimer *s)
{
    pin_set(&s->timerint, s->intstatus & 1);
    dcount_arm(&s->cnt, &s->timer, s->clock,
               (s->ctrl & CTRL_IRQEN) && !s->intstatus);
}

static void timer_expired(void *opaque)
{
    ApbTimer *s = opaque;
    timer_sync(s);
    timer_update(s);
}

static uint64_t timer_read(void *opaque, uint64_t offset, unsigned size)
{
    ApbTimer *s = opaque;
    switch (offset) {
    case TIMER_CTRL: return s->ctrl;
    case TIMER_VALUE: return (uint32_t)dcount_value(&s->cnt, now_ns(s));
    case TIMER_RELOAD: return s->reload;
    case TIMER_INTSTATUS:
        timer_sync(s);
        timer_update(s);
        return s->intstatus;
    default:
        if (offset >= TIMER_PID4 && offset <= TIMER_CID3 && !(offset & 3)) {
            return timer_id[(offset - TIMER_PID4) / 4];
        }
        log_guest_error(&s->dev.obj, "read of %u bytes at bad offset 0x%"
                        G_GINT64_MODIFIER "x", size, offset);
        return 0;
    }
}

static void timer_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    ApbTimer *s = opaque;
    uint64_t now = now_ns(s);
    timer_sync(s);
    switch (offset) {
    case TIMER_CTRL:
        if (value & (CTRL_SELEXTEN | CTRL_SELEXTCLK)) {
            log_unimp(&s->dev.obj, "EXTIN (CTRL bits 1, 2) is not modelled");
        }
        s->ctrl = value & 0xf;
        dcount_run(&s->cnt, now, s->ctrl & CTRL_EN);
        break;
    case TIMER_VALUE:
        dcount_set(&s->cnt, now, (uint32_t)value);
        break;
    case TIMER_RELOAD:
        s->reload = (uint32_t)value;
        s->cnt.reload = s->reload;
        dcount_set(&s->cnt, now, s->reload);
        break;
    case TIMER_INTSTATUS:
        s->intstatus &= ~(uint32_t)(value & 1);
        break;
    default:
        log_guest_error(&s->dev.obj, "write of %u bytes to %s offset 0x%"
                        G_GINT64_MODIFIER "x", size,
                        offset >= TIMER_PID4 && offset <= TIMER_CID3 ?
                        "read-only" : "bad", offset);
        return;
    }
    timer_update(s);
}

static const MemOps timer_ops = {
    .read = timer_read, .write = timer_write, .min_size = 1, .max_size = 4,
};

static const PropDef timer_props[] = {
    PROP_LINK("clock", ApbTimer, clock_link, TYPE_VIRTUAL_CLOCK,
              "The machine's virtual clock: the counter runs in its time "
              "(required)."),
    PROP_UINT64_RANGE("pclk-frq", ApbTimer, pclk, 25000000, 1, DCOUNT_NS_PER_S,
                      "PCLK in Hz: the counter steps once per cycle (mps2: "
                      "25 MHz)."),
    PROP_END
};

static const PinDef timer_pins[] = {
    PIN_OUT1("timerint", PIN_IRQ, ApbTimer, timerint,
             "Interrupt: high while INTSTATUS is set (cleared by INTCLEAR)."),
    PIN_END
};

static const RegionDef timer_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(ApbTimer, regs),
      .size = TIMER_SIZE, .ops = &timer_ops,
      .doc = "CTRL 0x0, VALUE 0x4, RELOAD 0x8, INTSTATUS/INTCLEAR 0xc, "
             "PID/CID 0xfd0-0xffc." },
    REGION_END
};

static void timer_init(Object *obj)
{
    ApbTimer *s = (ApbTimer *)obj;
    vtimer_init(&s->timer, timer_expired, s);
}

static bool timer_realize(Object *obj, Error **errp)
{
    ApbTimer *s = (ApbTimer *)obj;
    if (!s->clock) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'clock' to the machine's virtual-clock", path);
        return false;
    }
    return true;
}

static void timer_unrealize(Object *obj)
{
    vtimer_del(&((ApbTimer *)obj)->timer);
}

static void timer_reset(Object *obj)
{
    ApbTimer *s = (ApbTimer *)obj;
    s->ctrl = s->reload = s->intstatus = 0;
    s->cnt = (DownCounter){ .hz = s->pclk, .div = 1, .base_ns = now_ns(s) };
    timer_update(s);
}

const TypeInfo cmsdk_apb_timer_type = {
    .name = "cmsdk-apb-timer",
    .parent = TYPE_DEVICE,
    .doc = "Arm CMSDK APB timer: a 32-bit down counter at PCLK in virtual "
           "time, reloading, with one interrupt output.",
    .instance_size = sizeof(ApbTimer),
    .props = timer_props,
    .pins = timer_pins,
    .regions = timer_regions,
    .init = timer_init,
    .realize = timer_realize,
    .unrealize = timer_unrealize,
    .finalize = timer_unrealize,
    .reset = timer_reset,
};
