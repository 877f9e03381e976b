/* "mps2-scc": the serial communication controller (system configuration
 * block) of the MPS2 FPGA images (MPS2 TRM; AN385 section "SCC"), as far
 * as QEMU's mps2-an385 has it and startup code reads it:
 *   CFG0 0x000  RW, bit 0 drives the "remap" output (reset 'scc-cfg0')
 *   CFG1 0x004  RW, the user LEDs (bits 0-7 on the "led" outputs)
 *   CFG3 0x00c  RO, the board switches: read as 0
 *   CFG4 0x010  RO, 'scc-cfg4' (board revision: 2 on QEMU's AN385)
 *   CFGDATA_RTN 0x0a0, CFGDATA_OUT 0x0a4, CFGCTRL 0x0a8, CFGSTAT 0x0ac:
 *               the SYS_CFG channel; START with function 1 (OSCCLK) reads
 *               or writes 'oscclk'[device] at once (DONE), anything else
 *               sets ERROR as well
 *   DLL  0x100  bits 31:24 writable; the DLLs are always locked
 *   AID  0xff8, ID 0xffc: 'scc-aid', 'scc-id' (AN385: 0x41043850)
 * Not modelled: CFG2 and CFG5-7 of the later images (bad offsets here),
 * any effect of the remap bit but the output line.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "hw/core/device.h"

enum {
    SCC_CFG0 = 0x000, SCC_CFG1 = 0x004, SCC_CFG3 = 0x00c, SCC_CFG4 = 0x010,
    SCC_CFGDATA_RTN = 0x0a0, SCC_CFGDATA_OUT = 0x0a4,
    SCC_CFGCTRL = 0x0a8, SCC_CFGSTAT = 0x0ac,
    SCC_DLL = 0x100, SCC_AID = 0xff8, SCC_ID = 0xffc,
    SCC_SIZE = 0x1000,
    SCC_LEDS = 8,
};

enum {
    CFGCTRL_DEVICE = 0xfff,
    CFGCTRL_FUNCTION_SHIFT = 20, CFGCTRL_FUNCTION = 0x3f << 20,
    CFGCTRL_RES = 0xff << 12 | 0xf << 26,
    CFGCTRL_WRITE = 1u << 30, CFGCTRL_START = 1u << 31,
    CFGSTAT_DONE = 1 << 0, CFGSTAT_ERROR = 1 << 1,
    FUNC_OSCCLK = 1,
};

typedef struct Scc {
    Device dev;
    uint64_t cfg0_reset, cfg4, aid, id;            /* configuration */
    PropList oscclk_reset;                         /* uint64_t[] */
    uint32_t cfg0, cfg1, cfgdata_rtn, cfgdata_out; /* registers */
    uint32_t cfgctrl, cfgstat, dll;
    uint64_t *oscclk;                              /* oscclk_reset.len */
    Pin remap;
    Pin led[SCC_LEDS];
    MemRegion regs;
} Scc;

static void scc_update(Scc *s)
{
    pin_set(&s->remap, s->cfg0 & 1);
    for (int i = 0; i < SCC_LEDS; i++) {
        pin_set(&s->led[i], s->cfg1 >> i & 1);
    }
}

/* A SYS_CFG transfer, done at once: false if nothing answers. */
static bool scc_cfg(Scc *s)
{
    unsigned dev = s->cfgctrl & CFGCTRL_DEVICE;
    unsigned fn = (s->cfgctrl & CFGCTRL_FUNCTION) >> CFGCTRL_FUNCTION_SHIFT;
    if (fn != FUNC_OSCCLK || dev >= s->oscclk_reset.len) {
        log_guest_error(&s->dev.obj, "SYS_CFG %s of function %u device %u: "
                        "none", s->cfgctrl & CFGCTRL_WRITE ? "write" : "read",
                        fn, dev);
        return false;
    }
    if (s->cfgctrl & CFGCTRL_WRITE) {
        s->oscclk[dev] = s->cfgdata_out;
    } else {
        s->cfgdata_rtn = (uint32_t)s->oscclk[dev];
    }
    return true;
}

static uint64_t scc_read(void *opaque, uint64_t offset, unsigned size)
{
    Scc *s = opaque;
    switch (offset) {
    case SCC_CFG0: return s->cfg0;
    case SCC_CFG1: return s->cfg1;
    case SCC_CFG3: return 0;
    case SCC_CFG4: return (uint32_t)s->cfg4;
    case SCC_CFGDATA_RTN: return s->cfgdata_rtn;
    case SCC_CFGDATA_OUT: return s->cfgdata_out;
    case SCC_CFGCTRL: return s->cfgctrl;
    case SCC_CFGSTAT: return s->cfgstat;
    case SCC_DLL: return s->dll;
    case SCC_AID: return (uint32_t)s->aid;
    case SCC_ID: return (uint32_t)s->id;
    default:
        log_guest_error(&s->dev.obj, "read of %u bytes at bad offset 0x%"
                        G_GINT64_MODIFIER "x", size, offset);
        return 0;
    }
}

static void scc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Scc *s = opaque;
    uint32_t v = (uint32_t)value;
    switch (offset) {
    case SCC_CFG0: s->cfg0 = v; break;
    case SCC_CFG1: s->cfg1 = v; break;
    case SCC_CFGDATA_OUT: s->cfgdata_out = v; break;
    case SCC_CFGCTRL:
        s->cfgctrl = v & ~(uint32_t)(CFGCTRL_RES | CFGCTRL_START);
        s->cfgstat = 0;
        if (v & CFGCTRL_START) {
            s->cfgstat = CFGSTAT_DONE | (scc_cfg(s) ? 0 : CFGSTAT_ERROR);
        }
        break;
    case SCC_DLL:
        s->dll = (s->dll & 0x00ffffff) | (v & 0xff000000);
        break;
    default:
        log_guest_error(&s->dev.obj, "write of %u bytes to bad or read-only "
                        "offset 0x%" G_GINT64_MODIFIER "x", size, offset);
        return;
    }
    scc_update(s);
}

static const MemOps scc_ops = {
    .read = scc_read, .write = scc_write, .min_size = 4, .max_size = 4,
};

static const PropDef scc_props[] = {
    PROP_UINT64_RANGE("scc-cfg0", Scc, cfg0_reset, 0, 0, UINT32_MAX,
                      "CFG0 at reset."),
    PROP_UINT64_RANGE("scc-cfg4", Scc, cfg4, 0, 0, UINT32_MAX,
                      "CFG4, read-only (QEMU's mps2 boards: 2, board rev C)."),
    PROP_UINT64_RANGE("scc-aid", Scc, aid, 0, 0, UINT32_MAX,
                      "SCC_AID, read-only (QEMU's mps2: 0x00200008)."),
    PROP_UINT64_RANGE("scc-id", Scc, id, 0, 0, UINT32_MAX,
                      "SCC_ID, read-only: the FPGA image (AN385: 0x41043850)."),
    PROP_LIST("oscclk", Scc, oscclk_reset, PROP_T_UINT64,
              "OSCCLK frequencies in Hz at reset, SYS_CFG function 1 devices "
              "0.. (none: every SYS_CFG access fails, as on QEMU's mps2)."),
    PROP_END
};

static const PinDef scc_pins[] = {
    PIN_OUT1("remap", PIN_GPIO, Scc, remap, "CFG0 bit 0 (the board's "
             "boot-memory remap; wire it or not)."),
    PIN_OUT_N("led", PIN_GPIO, Scc, led, SCC_LEDS, "The user LEDs: CFG1 bits "
              "0-7."),
    PIN_END
};

static const RegionDef scc_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(Scc, regs),
      .size = SCC_SIZE, .ops = &scc_ops,
      .doc = "CFG0-4 0x0-0x10, SYS_CFG 0xa0-0xac, DLL 0x100, AID 0xff8, "
             "ID 0xffc." },
    REGION_END
};

static bool scc_realize(Object *obj, Error **errp)
{
    Scc *s = (Scc *)obj;
    g_free(s->oscclk);
    s->oscclk = g_new0(uint64_t, s->oscclk_reset.len + 1);
    return true;
}

static void scc_unrealize(Object *obj)
{
    Scc *s = (Scc *)obj;
    g_free(s->oscclk);
    s->oscclk = NULL;
}

static void scc_reset(Object *obj)
{
    Scc *s = (Scc *)obj;
    s->cfg0 = (uint32_t)s->cfg0_reset;
    s->cfg1 = s->cfgdata_rtn = s->cfgdata_out = s->cfgstat = 0;
    s->cfgctrl = 0x100000;                 /* function 1 */
    s->dll = 0xffff0001;                   /* all DLLs locked */
    if (s->oscclk) {
        for (size_t i = 0; i < s->oscclk_reset.len; i++) {
            s->oscclk[i] = ((const uint64_t *)s->oscclk_reset.v)[i];
        }
    }
    scc_update(s);
}

const TypeInfo mps2_scc_type = {
    .name = "mps2-scc",
    .parent = TYPE_DEVICE,
    .doc = "MPS2 FPGA system control block (SCC): configuration registers, "
           "LEDs, SYS_CFG oscillator channel, board IDs.",
    .instance_size = sizeof(Scc),
    .props = scc_props,
    .pins = scc_pins,
    .regions = scc_regions,
    .realize = scc_realize,
    .unrealize = scc_unrealize,
    .finalize = scc_unrealize,
    .reset = scc_reset,
};
