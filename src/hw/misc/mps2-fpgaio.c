/* "mps2-fpgaio": the FPGA system control and I/O block of the MPS2 FPGA
 * images (AN505 "FPGAIO"; QEMU's mps2-an385 maps it at 0x40028000 with
 * a 25 MHz prescale clock), as far as startup code and simple drivers
 * read it:
 *   LED0     0x00  RW, the user LEDs (bits below 'num-leds', "led" outputs)
 *   BUTTON   0x08  RO, the push buttons: read as 0 (not pressed)
 *   CLK1HZ   0x10  RW, counts up at 1 Hz in virtual time
 *   CLK100HZ 0x14  RW, counts up at 100 Hz
 *   COUNTER  0x18  RW, counts up each time PSCNTR reloads
 *   PRESCALE 0x1c  RW, PSCNTR's reload value
 *   PSCNTR   0x20  RW, counts down at 'prescale-clk'; after 0 it reloads
 *                  from PRESCALE (with PRESCALE 0 it stays at 0 and COUNTER
 *                  counts every tick), and COUNTER steps as it reloads
 *   SWITCH   0x28  RO with 'has-switches' (not AN385): read as 0
 *   MISC     0x4c  RW, stored only (its SPI/CLCD selects are logged as
 *                  unimplemented)
 * Not modelled: DBGCTRL (later images), what MISC selects. A write to
 * PRESCALE, PSCNTR or COUNTER starts a new tick period.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "exec/vclock.h"
#include "hw/core/device.h"

enum {
    FPGAIO_LED0 = 0x00, FPGAIO_BUTTON = 0x08, FPGAIO_CLK1HZ = 0x10,
    FPGAIO_CLK100HZ = 0x14, FPGAIO_COUNTER = 0x18, FPGAIO_PRESCALE = 0x1c,
    FPGAIO_PSCNTR = 0x20, FPGAIO_SWITCH = 0x28, FPGAIO_MISC = 0x4c,
    FPGAIO_SIZE = 0x1000,
    FPGAIO_MAX_LEDS = 32,
};

#define NS_PER_S 1000000000ULL

typedef struct FpgaIo {
    Device dev;
    union { VClock *clock; Object *clock_link; };   /* configuration */
    uint64_t prescale_clk;
    int64_t num_leds;
    bool has_switches;
    uint32_t led0, misc, prescale;                  /* registers */
    int64_t clk1hz_base, clk100hz_base;    /* ns at which each read 0 */
    uint64_t ps_base;                      /* ns of the last PSCNTR write */
    uint32_t pscntr0, counter0;            /* PSCNTR, COUNTER then */
    Pin led[FPGAIO_MAX_LEDS];
    MemRegion regs;
} FpgaIo;

static uint64_t now_ns(const FpgaIo *s)
{
    return s->clock ? vclock_now(s->clock) : 0;
}

/* Whole ticks at hz from 'from' (may be before time 0) to 'to'. */
static uint64_t ticks(int64_t from, uint64_t to, uint64_t hz)
{
    __int128 d = (__int128)to - from;
    return d <= 0 ? 0 : (uint64_t)(d * hz / NS_PER_S);
}

/* The ns at which an up counter at hz read 0, given it reads v now. */
static int64_t up_base(uint64_t now, uint32_t v, uint64_t hz)
{
    return (int64_t)now - (int64_t)((uint64_t)v * NS_PER_S / hz);
}

/* PSCNTR and COUNTER now. */
static void prescaler(const FpgaIo *s, uint32_t *pscntr, uint32_t *counter)
{
    uint64_t t = ticks((int64_t)s->ps_base, now_ns(s), s->prescale_clk);
    if (t < s->pscntr0) {
        *pscntr = s->pscntr0 - (uint32_t)t;
        *counter = s->counter0;
        return;
    }
    /* from the tick PSCNTR reaches 0: one reload each PRESCALE + 1 ticks */
    uint64_t y = t - s->pscntr0 + s->prescale, period = (uint64_t)s->prescale + 1;
    *pscntr = s->prescale - (uint32_t)(y % period);
    *counter = s->counter0 + (uint32_t)(y / period);
}

static void fpgaio_update(FpgaIo *s)
{
    for (int64_t i = 0; i < s->num_leds; i++) {
        pin_set(&s->led[i], s->led0 >> i & 1);
    }
}

static uint64_t fpgaio_read(void *opaque, uint64_t offset, unsigned size)
{
    FpgaIo *s = opaque;
    uint32_t ps, cnt;
    switch (offset) {
    case FPGAIO_LED0: return s->led0;
    case FPGAIO_BUTTON: return 0;
    case FPGAIO_CLK1HZ: return (uint32_t)ticks(s->clk1hz_base, now_ns(s), 1);
    case FPGAIO_CLK100HZ: return (uint32_t)ticks(s->clk100hz_base, now_ns(s), 100);
    case FPGAIO_COUNTER:
        prescaler(s, &ps, &cnt);
        return cnt;
    case FPGAIO_PRESCALE: return s->prescale;
    case FPGAIO_PSCNTR:
        prescaler(s, &ps, &cnt);
        return ps;
    case FPGAIO_SWITCH:
        if (s->has_switches) {
            return 0;
        }
        break;
    case FPGAIO_MISC: return s->misc;
    default:
        break;
    }
    log_guest_error(&s->dev.obj, "read of %u bytes at bad offset 0x%"
                    G_GINT64_MODIFIER "x", size, offset);
    return 0;
}

static void fpgaio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    FpgaIo *s = opaque;
    uint32_t v = (uint32_t)value;
    uint64_t now = now_ns(s);
    uint32_t ps, cnt;
    switch (offset) {
    case FPGAIO_LED0:
        s->led0 = s->num_leds < 32 ? v & ((1u << s->num_leds) - 1) : v;
        fpgaio_update(s);
        return;
    case FPGAIO_CLK1HZ:
        s->clk1hz_base = up_base(now, v, 1);
        return;
    case FPGAIO_CLK100HZ:
        s->clk100hz_base = up_base(now, v, 100);
        return;
    case FPGAIO_COUNTER:
    case FPGAIO_PRESCALE:
    case FPGAIO_PSCNTR:
        prescaler(s, &ps, &cnt);
        s->pscntr0 = offset == FPGAIO_PSCNTR ? v : ps;
        s->counter0 = offset == FPGAIO_COUNTER ? v : cnt;
        if (offset == FPGAIO_PRESCALE) {
            s->prescale = v;
        }
        s->ps_base = now;
        return;
    case FPGAIO_MISC:
        log_unimp(&s->dev.obj, "MISC 0x%x: the selects are not modelled", v);
        s->misc = v;
        return;
    default:
        log_guest_error(&s->dev.obj, "write of %u bytes to bad or read-only "
                        "offset 0x%" G_GINT64_MODIFIER "x", size, offset);
        return;
    }
}

static const MemOps fpgaio_ops = {
    .read = fpgaio_read, .write = fpgaio_write, .min_size = 4, .max_size = 4,
};

static const PropDef fpgaio_props[] = {
    PROP_LINK("clock", FpgaIo, clock_link, TYPE_VIRTUAL_CLOCK,
              "The machine's virtual clock: the counters run in its time "
              "(required)."),
    PROP_UINT64_RANGE("prescale-clk", FpgaIo, prescale_clk, 25000000, 1,
                      NS_PER_S, "PSCNTR's clock in Hz (AN385: 25 MHz)."),
    PROP_INT("num-leds", FpgaIo, num_leds, 2, 0, FPGAIO_MAX_LEDS,
             "User LEDs in LED0 (AN385: 2)."),
    PROP_BOOL("has-switches", FpgaIo, has_switches, false,
              "Whether SWITCH (0x28) exists (not on AN385)."),
    PROP_END
};

static const PinDef fpgaio_pins[] = {
    { .name = "led", .kind = PIN_GPIO, .dir = PIN_OUT, .count = FPGAIO_MAX_LEDS,
      .count_prop = "num-leds", .offset = offsetof(FpgaIo, led),
      .doc = "The user LEDs: LED0 bit n." },
    PIN_END
};

static const RegionDef fpgaio_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(FpgaIo, regs),
      .size = FPGAIO_SIZE, .ops = &fpgaio_ops,
      .doc = "LED0 0x0, BUTTON 0x8, CLK1HZ 0x10, CLK100HZ 0x14, COUNTER "
             "0x18, PRESCALE 0x1c, PSCNTR 0x20, SWITCH 0x28, MISC 0x4c." },
    REGION_END
};

static bool fpgaio_realize(Object *obj, Error **errp)
{
    FpgaIo *s = (FpgaIo *)obj;
    if (!s->clock) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'clock' to the machine's virtual-clock", path);
        return false;
    }
    return true;
}

static void fpgaio_reset(Object *obj)
{
    FpgaIo *s = (FpgaIo *)obj;
    uint64_t now = now_ns(s);
    s->led0 = s->misc = s->prescale = 0;
    s->clk1hz_base = s->clk100hz_base = (int64_t)now;
    s->ps_base = now;
    s->pscntr0 = s->counter0 = 0;
    fpgaio_update(s);
}

const TypeInfo mps2_fpgaio_type = {
    .name = "mps2-fpgaio",
    .parent = TYPE_DEVICE,
    .doc = "MPS2 FPGA I/O block: user LEDs, buttons, 1 Hz/100 Hz and "
           "prescaled counters in virtual time.",
    .instance_size = sizeof(FpgaIo),
    .props = fpgaio_props,
    .pins = fpgaio_pins,
    .regions = fpgaio_regions,
    .realize = fpgaio_realize,
    .reset = fpgaio_reset,
};
