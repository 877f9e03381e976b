/* "ns16550a": the 16550A UART with 16-byte FIFOs, as QEMU's virt board
 * and most RISC-V firmware use it (National Semiconductor PC16550D data
 * sheet). Output goes to a character backend at once, so the transmitter
 * is always empty; input fills the receive FIFO (what the backend hands
 * over beyond it waits in a backlog, as flow control would hold it on a
 * real line, so pasted input is not lost). Not modelled: baud-rate
 * timing, the receive timeout timer (data below the trigger level is
 * reported as a timeout interrupt at once), modem lines beyond loopback.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/chardev.h"
#include "core/log.h"
#include <libfdt.h>

#include "core/fdt.h"
#include "hw/core/device.h"

enum {
    UART_RBR = 0, UART_THR = 0, UART_DLL = 0,
    UART_IER = 1, UART_DLM = 1,
    UART_IIR = 2, UART_FCR = 2,
    UART_LCR = 3, UART_MCR = 4, UART_LSR = 5, UART_MSR = 6, UART_SCR = 7,
};

enum {
    IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08,
    IIR_NO_INT = 0x01, IIR_MSI = 0x00, IIR_THRI = 0x02, IIR_RDI = 0x04,
    IIR_RLSI = 0x06, IIR_CTI = 0x0c, IIR_FIFO = 0xc0,
    FCR_ENABLE = 0x01, FCR_CLEAR_RX = 0x02,
    LCR_DLAB = 0x80,
    MCR_LOOP = 0x10,
    LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40,
    FIFO_SIZE = 16,
};

typedef struct Uart {
    Device dev;
    union {                    /* configuration */
        Chardev *chr;
        Object *chr_link;      /* the same, as the link property holds it */
    };
    int64_t reg_shift;
    uint64_t clock;
    uint8_t ier, lcr, mcr, lsr, msr, scr, fcr;   /* registers */
    uint16_t div;
    bool thr_pending;          /* the "transmitter empty" interrupt */
    uint8_t rx[FIFO_SIZE];
    unsigned rx_head, rx_count;
    GByteArray *backlog;       /* input the FIFO had no room for */
    Pin irq;
    MemRegion regs;
} Uart;

static unsigned rx_trigger(const Uart *s)
{
    static const unsigned levels[] = { 1, 4, 8, 14 };
    return s->fcr & FCR_ENABLE ? levels[s->fcr >> 6] : 1;
}

/* The pending interrupt of highest priority, as IIR reports it. */
static uint8_t uart_iir(const Uart *s)
{
    if ((s->ier & IER_RLSI) && (s->lsr & LSR_OE)) {
        return IIR_RLSI;
    }
    if ((s->ier & IER_RDI) && s->rx_count) {
        return s->rx_count >= rx_trigger(s) ? IIR_RDI : IIR_CTI;
    }
    if ((s->ier & IER_THRI) && s->thr_pending) {
        return IIR_THRI;
    }
    return IIR_NO_INT;
}

static void uart_update(Uart *s)
{
    pin_set(&s->irq, uart_iir(s) != IIR_NO_INT);
}

static void rx_push(Uart *s, uint8_t b)
{
    if (s->rx_count == FIFO_SIZE) {
        s->lsr |= LSR_OE;
        return;
    }
    s->rx[(s->rx_head + s->rx_count++) % FIFO_SIZE] = b;
    s->lsr |= LSR_DR;
}

static uint8_t rx_pop(Uart *s)
{
    if (!s->rx_count) {
        return 0;
    }
    uint8_t b = s->rx[s->rx_head];
    s->rx_head = (s->rx_head + 1) % FIFO_SIZE;
    if (!--s->rx_count) {
        s->lsr &= ~LSR_DR;
    }
    return b;
}

static uint64_t uart_read(void *opaque, uint64_t offset, unsigned size)
{
    Uart *s = opaque;
    uint8_t v = 0;
    switch (offset >> s->reg_shift) {
    case UART_RBR:
        if (s->lcr & LCR_DLAB) {
            return s->div & 0xff;
        }
        v = rx_pop(s);
        if (s->backlog->len) {
            rx_push(s, s->backlog->data[0]);
            g_byte_array_remove_index(s->backlog, 0);
        }
        if (s->chr && !s->backlog->len && s->rx_count < FIFO_SIZE) {
            chardev_accept_input(s->chr);
        }
        break;
    case UART_IER:
        return s->lcr & LCR_DLAB ? s->div >> 8 : s->ier;
    case UART_IIR:
        v = uart_iir(s);
        if (v == IIR_THRI) {
            s->thr_pending = false;     /* reading IIR clears it */
        }
        v |= s->fcr & FCR_ENABLE ? IIR_FIFO : 0;
        break;
    case UART_LCR: return s->lcr;
    case UART_MCR: return s->mcr;
    case UART_LSR:
        v = s->lsr;
        s->lsr &= ~LSR_OE;
        break;
    case UART_MSR:
        /* loopback wires RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD */
        v = s->mcr & MCR_LOOP ? (uint8_t)((s->mcr & 0x0f) << 4) : s->msr;
        break;
    case UART_SCR: return s->scr;
    default:
        break;
    }
    uart_update(s);
    return v;
}

static void uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Uart *s = opaque;
    uint8_t v = (uint8_t)value;
    switch (offset >> s->reg_shift) {
    case UART_THR:
        if (s->lcr & LCR_DLAB) {
            s->div = (s->div & 0xff00) | v;
            break;
        }
        if (s->mcr & MCR_LOOP) {
            rx_push(s, v);
        } else if (s->chr) {
            chardev_write(s->chr, &v, 1);
        }
        s->thr_pending = true;          /* sent at once: empty again */
        break;
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            s->div = (uint16_t)((s->div & 0xff) | v << 8);
            break;
        }
        if ((v & IER_THRI) && !(s->ier & IER_THRI)) {
            s->thr_pending = true;      /* enabling it reports empty */
        }
        s->ier = v & 0x0f;
        break;
    case UART_FCR:
        if (v & FCR_CLEAR_RX) {
            s->rx_count = 0;
            s->lsr &= ~LSR_DR;
        }
        s->fcr = v & 0xc9;
        break;
    case UART_LCR: s->lcr = v; break;
    case UART_MCR: s->mcr = v & 0x1f; break;
    case UART_SCR: s->scr = v; break;
    default:
        log_guest_error(&s->dev.obj, "write 0x%02x to read-only register "
                        "at offset 0x%" G_GINT64_MODIFIER "x", v, offset);
        break;
    }
    uart_update(s);
}

static const MemOps uart_ops = {
    .read = uart_read, .write = uart_write, .min_size = 1, .max_size = 4,
};

static bool uart_can_receive(void *opaque)
{
    const Uart *s = opaque;
    return s->rx_count < FIFO_SIZE && !s->backlog->len && !(s->mcr & MCR_LOOP);
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t len)
{
    Uart *s = opaque;
    size_t i = 0;
    for (; i < len && s->rx_count < FIFO_SIZE; i++) {
        rx_push(s, buf[i]);
    }
    g_byte_array_append(s->backlog, buf + i, (guint)(len - i));
    uart_update(s);
}

static const ChardevFrontendOps uart_fe = {
    .receive = uart_receive, .can_receive = uart_can_receive,
};

static const PropDef uart_props[] = {
    PROP_LINK("chardev", Uart, chr_link, TYPE_CHARDEV,
              "The character backend the UART talks to (none: output is "
              "dropped, no input)."),
    PROP_INT("reg-shift", Uart, reg_shift, 0, 0, 2,
             "Registers are 1 << reg-shift bytes apart."),
    PROP_UINT64("clock-frequency", Uart, clock, 3686400,
                "Input clock in Hz, for the divisor (and the device tree)."),
    PROP_END
};

static const PinDef uart_pins[] = {
    PIN_OUT1("irq", PIN_IRQ, Uart, irq, "Interrupt: high while IIR reports one."),
    PIN_END
};

static const RegionDef uart_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(Uart, regs),
      .size = 0x100, .ops = &uart_ops, .doc = "The eight registers (at "
      "offsets << reg-shift)." },
    REGION_END
};

static void uart_init(Object *obj)
{
    ((Uart *)obj)->backlog = g_byte_array_new();
}

static void uart_finalize(Object *obj)
{
    g_byte_array_free(((Uart *)obj)->backlog, true);
}

static bool uart_realize(Object *obj, Error **errp)
{
    Uart *s = (Uart *)obj;
    return chardev_attach_object(s->chr, obj, &uart_fe, s, errp);
}

static void uart_unrealize(Object *obj)
{
    Uart *s = (Uart *)obj;
    chardev_detach_from(s->chr, s);
}

static void uart_reset(Object *obj)
{
    Uart *s = (Uart *)obj;
    s->ier = s->lcr = s->mcr = s->scr = s->fcr = 0;
    s->lsr = LSR_THRE | LSR_TEMT;
    s->msr = 0xb0;                       /* DCD, DSR, CTS asserted */
    s->div = 12;
    s->thr_pending = false;
    s->rx_head = s->rx_count = 0;
    uart_update(s);
}

static void uart_fdt(Object *obj, void *fdt)
{
    fdt_property_u32(fdt, "clock-frequency", (uint32_t)((Uart *)obj)->clock);
    if (((Uart *)obj)->reg_shift) {
        fdt_property_u32(fdt, "reg-shift", (uint32_t)((Uart *)obj)->reg_shift);
    }
}

static const FdtDef uart_fdt_def = {
    .node = "serial", .compatible = (const char *const[]){ "ns16550a", NULL },
    .irq = "irq", .props = uart_fdt,
};

const TypeInfo ns16550a_type = {
    .name = "ns16550a",
    .parent = TYPE_DEVICE,
    .doc = "16550A UART with FIFOs on a character backend; one interrupt "
           "output.",
    .fdt = &uart_fdt_def,
    .instance_size = sizeof(Uart),
    .props = uart_props,
    .pins = uart_pins,
    .regions = uart_regions,
    .init = uart_init,
    .realize = uart_realize,
    .unrealize = uart_unrealize,
    .finalize = uart_finalize,
    .reset = uart_reset,
};
