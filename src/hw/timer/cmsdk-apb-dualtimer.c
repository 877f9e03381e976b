/* "cmsdk-apb-dualtimer": the Arm CMSDK APB dual-input timer (Cortex-M
 * System Design Kit TRM, DDI 0479, "APB dual-input timers"; an SP804),
 * as QEMU's mps2 boards have it: two down counters at 'pclk-frq' in
 * virtual time, each with LOAD, VALUE, CONTROL (ONESHOT, SIZE 16/32-bit,
 * PRESCALE 1/16/256, INTEN, MODE free-running/periodic, ENABLE), INTCLR,
 * RIS, MIS, BGLOAD; TIMERITCR/TIMERITOP (integration test: the outputs
 * follow TIMERITOP), PID/CID as QEMU's model has them.
 *
 * A counter steps once per prescaled tick; the step from 1 to 0 sets its
 * raw interrupt (RIS); it holds 0 for a tick, then reloads: from LOAD in
 * periodic mode, from the top of its size (0xffff or 0xffffffff) when
 * free-running; one-shot stops at 0. Writing LOAD sets the count too;
 * BGLOAD only the reload value. In 16-bit mode VALUE's top half reads as
 * the top half of the value last loaded, as in QEMU. MIS is RIS and INTEN;
 * "timerint1"/"timerint2" are the MIS, "timerintc" their OR.
 * Not modelled: separate TIMCLK enables (both run at PCLK), PRESCALE 3
 * (undefined: logged, treated as 256).
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "exec/vclock.h"
#include "hw/core/device.h"
#include "hw/timer/down-counter.h"

enum {
    DT_LOAD = 0x00,            /* offsets within a timer's 0x20 bytes */
    DT_VALUE = 0x04,
    DT_CONTROL = 0x08,
    DT_INTCLR = 0x0c,
    DT_RIS = 0x10,
    DT_MIS = 0x14,
    DT_BGLOAD = 0x18,
    DT_TIMER_STRIDE = 0x20,
    DT_ITCR = 0xf00,
    DT_ITOP = 0xf04,
    DT_PID4 = 0xfd0,
    DT_CID3 = 0xffc,
    DT_SIZE = 0x1000,
};

enum {
    CTL_ONESHOT = 1 << 0,
    CTL_SIZE32 = 1 << 1,
    CTL_PRESCALE_SHIFT = 2,
    CTL_PRESCALE = 3 << 2,
    CTL_INTEN = 1 << 5,
    CTL_PERIODIC = 1 << 6,
    CTL_ENABLE = 1 << 7,
    CTL_VALID = 0xef,
};

/* PID4..PID7, PID0..PID3, CID0..CID3 */
static const uint8_t dualtimer_id[] = {
    0x04, 0x00, 0x00, 0x00, 0x23, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct DualTimer DualTimer;

typedef struct DtModule {
    DualTimer *parent;
    uint32_t control, load, intstatus;
    uint32_t value_hi;         /* VALUE[31:16] in 16-bit mode */
    DownCounter cnt;
    VTimer timer;
} DtModule;

struct DualTimer {
    Device dev;
    union { VClock *clock; Object *clock_link; };   /* configuration */
    uint64_t pclk;
    uint32_t itcr, itop;                            /* registers */
    DtModule mod[2];
    Pin timerint[2];
    Pin timerintc;
    MemRegion regs;
};

static uint64_t now_ns(const DualTimer *s)
{
    return s->clock ? vclock_now(s->clock) : 0;
}

static bool mod_masked(const DtModule *m)
{
    return m->intstatus && (m->control & CTL_INTEN);
}

static void mod_sync(DtModule *m)
{
    if (dcount_sync(&m->cnt, now_ns(m->parent))) {
        m->intstatus = 1;
    }
}

/* Pins from state; each counter waits for its next event only while its
 * raw interrupt is clear (the event cannot change anything else). */
static void dualtimer_update(DualTimer *s)
{
    bool i1 = s->itcr ? s->itop & 1 : mod_masked(&s->mod[0]);
    bool i2 = s->itcr ? s->itop >> 1 & 1 : mod_masked(&s->mod[1]);
    pin_set(&s->timerint[0], i1);
    pin_set(&s->timerint[1], i2);
    pin_set(&s->timerintc, i1 || i2);
    for (int i = 0; i < 2; i++) {
        DtModule *m = &s->mod[i];
        dcount_arm(&m->cnt, &m->timer, s->clock, !m->intstatus);
    }
}

static void mod_expired(void *opaque)
{
    DtModule *m = opaque;
    mod_sync(m);
    dualtimer_update(m->parent);
}

static uint32_t mod_mask(uint32_t control)
{
    return control & CTL_SIZE32 ? 0xffffffffu : 0xffffu;
}

/* The counter's reload value, prescaler, mode from CONTROL and LOAD. */
static void mod_configure(DtModule *m)
{
    static const uint64_t div[] = { 1, 16, 256, 256 };
    uint32_t mask = mod_mask(m->control);
    m->cnt.div = div[(m->control & CTL_PRESCALE) >> CTL_PRESCALE_SHIFT];
    m->cnt.oneshot = m->control & CTL_ONESHOT;
    m->cnt.reload = m->control & CTL_PERIODIC ? m->load & mask : mask;
}

static void mod_write_control(DtModule *m, uint32_t v, uint64_t now)
{
    v &= CTL_VALID;
    if ((v & CTL_PRESCALE) == CTL_PRESCALE) {
        log_guest_error(&m->parent->dev.obj, "CONTROL.PRESCALE 3 is "
                        "undefined (taken as 256)");
    }
    dcount_rebase(&m->cnt, now);
    if ((v ^ m->control) & CTL_SIZE32) {
        if (v & CTL_SIZE32) {
            m->cnt.count |= (uint64_t)m->value_hi << 16;
        } else {
            m->value_hi = (uint32_t)(m->cnt.count >> 16);
            m->cnt.count &= 0xffff;
        }
    }
    m->control = v;
    mod_configure(m);
    m->cnt.running = v & CTL_ENABLE;
}

static uint64_t dualtimer_read(void *opaque, uint64_t offset, unsigned size)
{
    DualTimer *s = opaque;
    if (offset < 2 * DT_TIMER_STRIDE) {
        DtModule *m = &s->mod[offset / DT_TIMER_STRIDE];
        switch (offset % DT_TIMER_STRIDE) {
        case DT_LOAD:
        case DT_BGLOAD:
            return m->load;
        case DT_VALUE: {
            uint32_t v = (uint32_t)dcount_value(&m->cnt, now_ns(s));
            return m->control & CTL_SIZE32 ? v : m->value_hi << 16 | v;
        }
        case DT_CONTROL:
            return m->control;
        case DT_RIS:
        case DT_MIS:
            mod_sync(m);
            dualtimer_update(s);
            return offset % DT_TIMER_STRIDE == DT_RIS ? m->intstatus
                                                      : mod_masked(m);
        default:
            break;
        }
    } else if (offset == DT_ITCR) {
        return s->itcr;
    } else if (offset >= DT_PID4 && offset <= DT_CID3 && !(offset & 3)) {
        return dualtimer_id[(offset - DT_PID4) / 4];
    }
    log_guest_error(&s->dev.obj, "read of %u bytes at bad offset 0x%"
                    G_GINT64_MODIFIER "x", size, offset);
    return 0;
}

static void dualtimer_write(void *opaque, uint64_t offset, uint64_t value,
                            unsigned size)
{
    DualTimer *s = opaque;
    uint32_t v = (uint32_t)value;
    uint64_t now = now_ns(s);
    if (offset < 2 * DT_TIMER_STRIDE) {
        DtModule *m = &s->mod[offset / DT_TIMER_STRIDE];
        mod_sync(m);
        switch (offset % DT_TIMER_STRIDE) {
        case DT_LOAD:
            m->load = v;
            m->value_hi = v >> 16;
            mod_configure(m);
            dcount_set(&m->cnt, now, v & mod_mask(m->control));
            break;
        case DT_BGLOAD:
            m->load = v;
            dcount_rebase(&m->cnt, now);
            mod_configure(m);
            break;
        case DT_CONTROL:
            mod_write_control(m, v, now);
            break;
        case DT_INTCLR:
            m->intstatus = 0;
            break;
        default:
            goto bad;
        }
    } else if (offset == DT_ITCR) {
        s->itcr = v & 1;
    } else if (offset == DT_ITOP) {
        s->itop = v & 3;
    } else {
        goto bad;
    }
    dualtimer_update(s);
    return;
bad:
    log_guest_error(&s->dev.obj, "write of %u bytes to bad or read-only "
                    "offset 0x%" G_GINT64_MODIFIER "x", size, offset);
}

static const MemOps dualtimer_ops = {
    .read = dualtimer_read, .write = dualtimer_write,
    .min_size = 1, .max_size = 4,
};

static const PropDef dualtimer_props[] = {
    PROP_LINK("clock", DualTimer, clock_link, TYPE_VIRTUAL_CLOCK,
              "The machine's virtual clock: the counters run in its time "
              "(required)."),
    PROP_UINT64_RANGE("pclk-frq", DualTimer, pclk, 25000000, 1,
                      DCOUNT_NS_PER_S, "PCLK (TIMCLK) in Hz, before the "
                      "prescaler (mps2: 25 MHz)."),
    PROP_END
};

static const PinDef dualtimer_pins[] = {
    PIN_OUT1("timerintc", PIN_IRQ, DualTimer, timerintc,
             "Combined interrupt: timerint1 or timerint2 (mps2 wires this)."),
    PIN_OUT1("timerint1", PIN_IRQ, DualTimer, timerint[0],
             "Timer 1 interrupt: its MIS (or TIMERITOP bit 0 in test mode)."),
    PIN_OUT1("timerint2", PIN_IRQ, DualTimer, timerint[1],
             "Timer 2 interrupt: its MIS (or TIMERITOP bit 1 in test mode)."),
    PIN_END
};

static const RegionDef dualtimer_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(DualTimer, regs),
      .size = DT_SIZE, .ops = &dualtimer_ops,
      .doc = "Timer 1 at 0x00, timer 2 at 0x20 (LOAD, VALUE, CONTROL, INTCLR, "
             "RIS, MIS, BGLOAD), TIMERITCR 0xf00, TIMERITOP 0xf04, PID/CID "
             "0xfd0-0xffc." },
    REGION_END
};

static void dualtimer_init(Object *obj)
{
    DualTimer *s = (DualTimer *)obj;
    for (int i = 0; i < 2; i++) {
        s->mod[i].parent = s;
        vtimer_init(&s->mod[i].timer, mod_expired, &s->mod[i]);
    }
}

static bool dualtimer_realize(Object *obj, Error **errp)
{
    DualTimer *s = (DualTimer *)obj;
    if (!s->clock) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'clock' to the machine's virtual-clock", path);
        return false;
    }
    return true;
}

static void dualtimer_unrealize(Object *obj)
{
    DualTimer *s = (DualTimer *)obj;
    for (int i = 0; i < 2; i++) {
        vtimer_del(&s->mod[i].timer);
    }
}

static void dualtimer_reset(Object *obj)
{
    DualTimer *s = (DualTimer *)obj;
    s->itcr = s->itop = 0;
    for (int i = 0; i < 2; i++) {
        DtModule *m = &s->mod[i];
        m->control = CTL_INTEN;        /* free-running, 16-bit, stopped */
        m->load = 0;
        m->intstatus = 0;
        m->value_hi = 0xffff;          /* VALUE resets to 0xffffffff */
        m->cnt = (DownCounter){ .hz = s->pclk, .count = 0xffff,
                                .base_ns = now_ns(s) };
        mod_configure(m);
    }
    dualtimer_update(s);
}

const TypeInfo cmsdk_apb_dualtimer_type = {
    .name = "cmsdk-apb-dualtimer",
    .parent = TYPE_DEVICE,
    .doc = "Arm CMSDK APB dual timer (SP804-like): two down counters at PCLK "
           "in virtual time with one-shot/periodic/free-running modes, "
           "16/32 bits, prescale 1/16/256.",
    .instance_size = sizeof(DualTimer),
    .props = dualtimer_props,
    .pins = dualtimer_pins,
    .regions = dualtimer_regions,
    .init = dualtimer_init,
    .realize = dualtimer_realize,
    .unrealize = dualtimer_unrealize,
    .finalize = dualtimer_unrealize,
    .reset = dualtimer_reset,
};
