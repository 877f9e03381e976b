/* "riscv-reset-rom": the boot ROM of QEMU's RISC-V virt board (its "mrom"
 * at 0x1000): a few instructions that pass a0 = mhartid, a1 = the device
 * tree's address and a2 = an OpenSBI fw_dynamic_info, then jump to the
 * firmware. Filled at every reset (after the device tree is placed), so
 * the same images boot as on QEMU.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "hw/core/device.h"

enum {
    ROM_SIZE = 0xf000,
    FW_DYN_MAGIC = 0x4942534f,     /* "OSBI" (OpenSBI fw_dynamic.h) */
    FW_DYN_VERSION = 2,
    FW_DYN_NEXT_MODE_S = 1,
};

typedef struct ResetRom {
    Device dev;
    uint64_t start;            /* configuration */
    uint64_t kernel;
    int64_t xlen;
    Object *fdt;
    Object *firmware, *kernel_loader;
    MemRegion mem;
} ResetRom;

static void put(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static void reset_rom_reset(Object *obj)
{
    ResetRom *s = (ResetRom *)obj;
    uint64_t fdt = 0;
    if (s->fdt) {
        json_t *v = object_prop_get(s->fdt, "load-addr", NULL);
        fdt = (uint64_t)json_integer_value(v);
        json_decref(v);
    }
    uint64_t start = s->start, kernel = s->kernel;
    if (s->firmware) {
        json_t *v = object_prop_get(s->firmware, "entry", NULL);
        start = (uint64_t)json_integer_value(v);
        json_decref(v);
    }
    if (s->kernel_loader) {
        json_t *v = object_prop_get(s->kernel_loader, "entry", NULL);
        kernel = (uint64_t)json_integer_value(v);
        json_decref(v);
    }
    bool rv32 = s->xlen == 32;
    /* QEMU hw/riscv/boot.c riscv_setup_rom_reset_vec */
    const uint32_t code[6] = {
        0x00000297,                      /* 1: auipc t0, 0 */
        0x02828613,                      /*    addi  a2, t0, 40 (fw_dyn) */
        0xf1402573,                      /*    csrr  a0, mhartid */
        rv32 ? 0x0202a583 : 0x0202b583,  /*    lw/ld a1, 32(t0) (fdt) */
        rv32 ? 0x0182a283 : 0x0182b283,  /*    lw/ld t0, 24(t0) (start) */
        0x00028067,                      /*    jr    t0 */
    };
    uint8_t *p = s->mem.host;
    if (!p) {
        return;
    }
    memset(p, 0, ROM_SIZE);
    for (int i = 0; i < 6; i++) {
        put(p + 4 * i, code[i], 4);
    }
    put(p + 24, start, 8);
    put(p + 32, fdt, 8);
    /* struct fw_dynamic_info: magic, version, next_addr, next_mode,
     * options, boot_hart; each xlen wide */
    unsigned w = rv32 ? 4 : 8;
    const uint64_t info[6] = { FW_DYN_MAGIC, FW_DYN_VERSION, kernel,
                               FW_DYN_NEXT_MODE_S, 0, 0 };
    for (int i = 0; i < 6; i++) {
        put(p + 40 + w * i, info[i], w);
    }
}

static bool reset_rom_realize(Object *obj, Error **errp)
{
    if (((ResetRom *)obj)->xlen != 32 && ((ResetRom *)obj)->xlen != 64) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: 'xlen' is 32 or 64", path);
        return false;
    }
    return true;
}

static const PropDef reset_rom_props[] = {
    PROP_UINT64("start-addr", ResetRom, start, 0x80000000,
                "Where the ROM jumps: the firmware's entry."),
    PROP_UINT64("kernel-addr", ResetRom, kernel, 0x80200000,
                "The next stage for OpenSBI's fw_dynamic (next_addr)."),
    PROP_INT("xlen", ResetRom, xlen, 64, 32, 64, "32 or 64: the harts' XLEN."),
    PROP_LINK("firmware", ResetRom, firmware, "loader",
              "A loader whose entry point replaces start-addr."),
    PROP_LINK("kernel", ResetRom, kernel_loader, "loader",
              "A loader whose entry point replaces kernel-addr."),
    PROP_LINK("device-tree", ResetRom, fdt, "device-tree",
              "The device tree whose address goes to a1 (it must come "
              "before the ROM, so it is placed first at reset)."),
    PROP_END
};

static const RegionDef reset_rom_regions[] = {
    { .name = "mem", .kind = REGION_ROM, .offset = offsetof(ResetRom, mem),
      .size = ROM_SIZE, .doc = "The code and its data (QEMU virt: at 0x1000)." },
    REGION_END
};

const TypeInfo riscv_reset_rom_type = {
    .name = "riscv-reset-rom",
    .parent = TYPE_DEVICE,
    .doc = "RISC-V boot ROM as QEMU's virt: hands hartid, device tree and "
           "fw_dynamic_info to the firmware at start-addr.",
    .instance_size = sizeof(ResetRom),
    .props = reset_rom_props,
    .regions = reset_rom_regions,
    .realize = reset_rom_realize,
    .reset = reset_rom_reset,
};
