/* "hemu-mailbox": a two-sided mailbox between two clusters (hemu's own
 * device; docs/hetero-demo.md has the register map). Each side has a
 * register block (regions "a" and "b", each mapped into one cluster's
 * address space) and an interrupt line ("irq-a", "irq-b"):
 *
 *   0x00 STATUS  r   doorbell bits the other side rang for this side
 *   0x04 SET     w   ring: set these bits in the other side's STATUS
 *   0x08 CLEAR   w   acknowledge: clear these bits in this side's STATUS
 *   0x0c ENABLE  rw  which STATUS bits drive this side's interrupt
 *   0x10 PEER    r   the other side's STATUS (has it taken my doorbell?)
 *   0x40 TX[16]  rw  message words this side sends
 *   0x80 RX[16]  r   the other side's TX words
 *
 * A side's interrupt is high while STATUS & ENABLE is not zero (a level).
 * 32-bit accesses only; everything is zero after reset.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/log.h"
#include "hw/core/device.h"

enum {
    MBOX_STATUS = 0x00,
    MBOX_SET = 0x04,
    MBOX_CLEAR = 0x08,
    MBOX_ENABLE = 0x0c,
    MBOX_PEER = 0x10,
    MBOX_TX = 0x40,
    MBOX_RX = 0x80,
    MBOX_WORDS = 16,
    MBOX_END = MBOX_RX + 4 * MBOX_WORDS,
};

typedef struct MboxSide {
    uint32_t status, enable;
    uint32_t tx[MBOX_WORDS];
} MboxSide;

typedef struct HemuMailbox {
    Device dev;
    MboxSide side[2];
    Pin irq[2];
    MemRegion regs[2];
} HemuMailbox;

static void mbox_update(HemuMailbox *s, int n)
{
    pin_set(&s->irq[n], (s->side[n].status & s->side[n].enable) != 0);
}

static uint64_t mbox_read(HemuMailbox *s, int n, uint64_t offset)
{
    const MboxSide *me = &s->side[n], *peer = &s->side[!n];
    if (offset >= MBOX_RX && offset < MBOX_END) {
        return peer->tx[(offset - MBOX_RX) / 4];
    }
    if (offset >= MBOX_TX && offset < MBOX_RX) {
        return me->tx[(offset - MBOX_TX) / 4];
    }
    switch (offset) {
    case MBOX_STATUS:
        return me->status;
    case MBOX_ENABLE:
        return me->enable;
    case MBOX_PEER:
        return peer->status;
    case MBOX_SET:
    case MBOX_CLEAR:
        return 0;
    }
    log_guest_error(&s->dev.obj, "side %c: read at offset 0x%" G_GINT64_MODIFIER
                    "x", 'a' + n, offset);
    return 0;
}

static void mbox_write(HemuMailbox *s, int n, uint64_t offset, uint32_t v)
{
    MboxSide *me = &s->side[n];
    if (offset >= MBOX_TX && offset < MBOX_RX) {
        me->tx[(offset - MBOX_TX) / 4] = v;
        return;
    }
    switch (offset) {
    case MBOX_SET:
        s->side[!n].status |= v;
        mbox_update(s, !n);
        return;
    case MBOX_CLEAR:
        me->status &= ~v;
        mbox_update(s, n);
        return;
    case MBOX_ENABLE:
        me->enable = v;
        mbox_update(s, n);
        return;
    }
    log_guest_error(&s->dev.obj, "side %c: write at offset 0x%" G_GINT64_MODIFIER
                    "x", 'a' + n, offset);
}

static uint64_t mbox_read_a(void *opaque, uint64_t offset, unsigned size)
{
    return mbox_read(opaque, 0, offset);
}

static uint64_t mbox_read_b(void *opaque, uint64_t offset, unsigned size)
{
    return mbox_read(opaque, 1, offset);
}

static void mbox_write_a(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    mbox_write(opaque, 0, offset, (uint32_t)value);
}

static void mbox_write_b(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    mbox_write(opaque, 1, offset, (uint32_t)value);
}

static const MemOps mbox_ops_a = {
    .read = mbox_read_a, .write = mbox_write_a, .min_size = 4, .max_size = 4,
};
static const MemOps mbox_ops_b = {
    .read = mbox_read_b, .write = mbox_write_b, .min_size = 4, .max_size = 4,
};

static void mbox_reset(Object *obj)
{
    HemuMailbox *s = (HemuMailbox *)obj;
    memset(s->side, 0, sizeof(s->side));
    mbox_update(s, 0);
    mbox_update(s, 1);
}

static const PinDef mbox_pins[] = {
    PIN_OUT1("irq-a", PIN_IRQ, HemuMailbox, irq[0],
             "Side a's interrupt: high while its STATUS & ENABLE is not 0."),
    PIN_OUT1("irq-b", PIN_IRQ, HemuMailbox, irq[1],
             "Side b's interrupt: high while its STATUS & ENABLE is not 0."),
    PIN_END
};

static const RegionDef mbox_regions[] = {
    { .name = "a", .kind = REGION_MMIO, .offset = offsetof(HemuMailbox, regs[0]),
      .size = 0x100, .ops = &mbox_ops_a, .doc = "Side a's registers." },
    { .name = "b", .kind = REGION_MMIO, .offset = offsetof(HemuMailbox, regs[1]),
      .size = 0x100, .ops = &mbox_ops_b, .doc = "Side b's registers." },
    REGION_END
};

const TypeInfo hemu_mailbox_type = {
    .name = "hemu-mailbox",
    .parent = TYPE_DEVICE,
    .doc = "Mailbox between two sides (a, b), e.g. two clusters: 32 doorbell "
           "bits and 16 message words each way, one interrupt per side; "
           "each side's registers are a region mapped where that side sees "
           "it.",
    .instance_size = sizeof(HemuMailbox),
    .pins = mbox_pins,
    .regions = mbox_regions,
    .reset = mbox_reset,
};
