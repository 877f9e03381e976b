/* "cmsdk-apb-uart": the Arm CMSDK APB UART (Cortex-M System Design Kit
 * TRM, DDI 0479, "APB UART"), as QEMU's mps2 boards have it: DATA,
 * STATE (TXFULL, RXFULL, TXOVERRUN, RXOVERRUN; the overrun bits write 1
 * to clear), CTRL (TXEN, RXEN, TXINTEN, RXINTEN, TXOVINTEN, RXOVINTEN,
 * HSTM), INTSTATUS/INTCLEAR (write 1 to clear; clearing an overrun
 * interrupt clears the overrun bit in STATE), BAUDDIV, PID/CID.
 *
 * Transmit: a byte written to DATA while TXEN is set goes to the backend
 * at once; the transmitter is then ready again, which (with TXINTEN) sets
 * the TX interrupt, as QEMU models it. With TXEN clear the byte waits in
 * the buffer (TXFULL) until TXEN is set; a second write then is a TX
 * overrun. Receive: a one-byte buffer (RXFULL; the RX interrupt with
 * RXINTEN when a byte arrives); what the backend hands over beyond it
 * waits in a backlog, as flow control would hold it on a real line, so
 * pasted input is not lost (and RX overrun, which needs a sender that
 * ignores flow control, does not happen). Input arriving while RXEN is
 * clear is dropped (the backend is told to hold it meanwhile).
 * Not modelled: baud-rate timing (BAUDDIV is stored; a value below 16 with
 * TXEN is logged as a guest error, like QEMU), the high-speed test mode.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/chardev.h"
#include "core/log.h"
#include "hw/core/device.h"

enum {
    UART_DATA = 0x00,
    UART_STATE = 0x04,
    UART_CTRL = 0x08,
    UART_INTSTATUS = 0x0c,     /* write: INTCLEAR */
    UART_BAUDDIV = 0x10,
    UART_PID4 = 0xfd0,
    UART_CID3 = 0xffc,
    UART_SIZE = 0x1000,
};

enum {
    STATE_TXFULL = 1 << 0, STATE_RXFULL = 1 << 1,
    STATE_TXOVERRUN = 1 << 2, STATE_RXOVERRUN = 1 << 3,
    CTRL_TXEN = 1 << 0, CTRL_RXEN = 1 << 1,
    CTRL_TXINTEN = 1 << 2, CTRL_RXINTEN = 1 << 3,
    CTRL_TXOVINTEN = 1 << 4, CTRL_RXOVINTEN = 1 << 5,
    CTRL_HSTM = 1 << 6,
    INT_TX = 1 << 0, INT_RX = 1 << 1, INT_TXO = 1 << 2, INT_RXO = 1 << 3,
};

/* PID4..PID7, PID0..PID3, CID0..CID3 */
static const uint8_t uart_id[] = {
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct ApbUart {
    Device dev;
    union {                    /* configuration */
        Chardev *chr;
        Object *chr_link;      /* the same, as the link property holds it */
    };
    uint64_t pclk;
    uint32_t state, ctrl, intstatus, bauddiv;   /* registers */
    uint8_t txbuf, rxbuf;
    GByteArray *backlog;       /* input the buffer had no room for */
    Pin txint, rxint, txovrint, rxovrint, uartint;
    MemRegion regs;
} ApbUart;

/* The overrun interrupts are STATE's overrun bits ANDed with their
 * enables; the others are latched in intstatus. */
static void uart_update(ApbUart *s)
{
    s->intstatus &= ~(uint32_t)(INT_TXO | INT_RXO);
    s->intstatus |= s->state & (s->ctrl >> 2) & (INT_TXO | INT_RXO);
    pin_set(&s->txint, !!(s->intstatus & INT_TX));
    pin_set(&s->rxint, !!(s->intstatus & INT_RX));
    pin_set(&s->txovrint, !!(s->intstatus & INT_TXO));
    pin_set(&s->rxovrint, !!(s->intstatus & INT_RXO));
    pin_set(&s->uartint, s->intstatus != 0);
}

/* Send the buffered byte if the transmitter is on: it is ready again. */
static void uart_transmit(ApbUart *s)
{
    if (!(s->ctrl & CTRL_TXEN) || !(s->state & STATE_TXFULL)) {
        return;
    }
    if (s->chr) {
        chardev_write(s->chr, &s->txbuf, 1);
    }
    s->state &= ~(uint32_t)STATE_TXFULL;
    if (s->ctrl & CTRL_TXINTEN) {
        s->intstatus |= INT_TX;
    }
}

/* A byte arrives in the receive buffer. */
static void uart_rx_byte(ApbUart *s, uint8_t b)
{
    if (s->state & STATE_RXFULL) {
        s->state |= STATE_RXOVERRUN;
    }
    s->rxbuf = b;
    s->state |= STATE_RXFULL;
    if (s->ctrl & CTRL_RXINTEN) {
        s->intstatus |= INT_RX;
    }
}

/* After DATA is read or RXEN set: the next waiting byte, or more input. */
static void uart_rx_refill(ApbUart *s)
{
    if (!(s->ctrl & CTRL_RXEN) || (s->state & STATE_RXFULL)) {
        return;
    }
    if (s->backlog->len) {
        uart_rx_byte(s, s->backlog->data[0]);
        g_byte_array_remove_index(s->backlog, 0);
    }
    if (s->chr && !s->backlog->len && !(s->state & STATE_RXFULL)) {
        chardev_accept_input(s->chr);
    }
}

static bool baud_ok(const ApbUart *s)
{
    return s->bauddiv >= 16 && s->bauddiv <= s->pclk;
}

static uint64_t uart_read(void *opaque, uint64_t offset, unsigned size)
{
    ApbUart *s = opaque;
    uint64_t v;
    switch (offset) {
    case UART_DATA:
        v = s->rxbuf;
        s->state &= ~(uint32_t)STATE_RXFULL;
        uart_rx_refill(s);
        uart_update(s);
        return v;
    case UART_STATE: return s->state;
    case UART_CTRL: return s->ctrl;
    case UART_INTSTATUS: return s->intstatus;
    case UART_BAUDDIV: return s->bauddiv;
    default:
        if (offset >= UART_PID4 && offset <= UART_CID3 && !(offset & 3)) {
            return uart_id[(offset - UART_PID4) / 4];
        }
        log_guest_error(&s->dev.obj, "read of %u bytes at bad offset 0x%"
                        G_GINT64_MODIFIER "x", size, offset);
        return 0;
    }
}

static void uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    ApbUart *s = opaque;
    uint32_t v = (uint32_t)value;
    switch (offset) {
    case UART_DATA:
        if (s->state & STATE_TXFULL) {
            s->state |= STATE_TXOVERRUN;   /* the waiting byte is replaced */
        }
        s->txbuf = (uint8_t)v;
        s->state |= STATE_TXFULL;
        uart_transmit(s);
        break;
    case UART_STATE:
        s->state &= ~(v & (STATE_TXOVERRUN | STATE_RXOVERRUN));
        break;
    case UART_CTRL:
        s->ctrl = v & 0x7f;
        if ((s->ctrl & CTRL_TXEN) && !baud_ok(s)) {
            log_guest_error(&s->dev.obj, "TX enabled with BAUDDIV %u (below "
                            "16 or above pclk-frq)", s->bauddiv);
        }
        uart_transmit(s);
        uart_rx_refill(s);
        break;
    case UART_INTSTATUS:
        s->state &= ~(v & (INT_TXO | INT_RXO));
        s->intstatus &= ~v;
        break;
    case UART_BAUDDIV:
        s->bauddiv = v & 0xfffff;
        break;
    default:
        log_guest_error(&s->dev.obj, "write of %u bytes to %s offset 0x%"
                        G_GINT64_MODIFIER "x", size,
                        offset >= UART_PID4 && offset <= UART_CID3 ?
                        "read-only" : "bad", offset);
        return;
    }
    uart_update(s);
}

static const MemOps uart_ops = {
    .read = uart_read, .write = uart_write, .min_size = 1, .max_size = 4,
};

static bool uart_can_receive(void *opaque)
{
    const ApbUart *s = opaque;
    return (s->ctrl & CTRL_RXEN) && !(s->state & STATE_RXFULL) &&
           !s->backlog->len;
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t len)
{
    ApbUart *s = opaque;
    if (!(s->ctrl & CTRL_RXEN)) {
        return;                        /* receiver off: the line is ignored */
    }
    size_t i = 0;
    if (!(s->state & STATE_RXFULL) && !s->backlog->len && len) {
        uart_rx_byte(s, buf[i++]);
    }
    g_byte_array_append(s->backlog, buf + i, (guint)(len - i));
    uart_update(s);
}

static const ChardevFrontendOps uart_fe = {
    .receive = uart_receive, .can_receive = uart_can_receive,
};

static const PropDef uart_props[] = {
    PROP_LINK("chardev", ApbUart, chr_link, TYPE_CHARDEV,
              "The character backend the UART talks to (none: output is "
              "dropped, no input)."),
    PROP_UINT64_RANGE("pclk-frq", ApbUart, pclk, 25000000, 1, UINT32_MAX,
                      "PCLK in Hz; the baud rate is pclk-frq / BAUDDIV (mps2: "
                      "25 MHz)."),
    PROP_END
};

static const PinDef uart_pins[] = {
    PIN_OUT1("txint", PIN_IRQ, ApbUart, txint,
             "TX interrupt: INTSTATUS.TX (transmitter ready, with TXINTEN)."),
    PIN_OUT1("rxint", PIN_IRQ, ApbUart, rxint,
             "RX interrupt: INTSTATUS.RX (a byte arrived, with RXINTEN)."),
    PIN_OUT1("txovrint", PIN_IRQ, ApbUart, txovrint,
             "TX overrun interrupt: STATE.TXOVERRUN and TXOVINTEN."),
    PIN_OUT1("rxovrint", PIN_IRQ, ApbUart, rxovrint,
             "RX overrun interrupt: STATE.RXOVERRUN and RXOVINTEN."),
    PIN_OUT1("uartint", PIN_IRQ, ApbUart, uartint,
             "Combined interrupt: any INTSTATUS bit."),
    PIN_END
};

static const RegionDef uart_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(ApbUart, regs),
      .size = UART_SIZE, .ops = &uart_ops,
      .doc = "DATA 0x0, STATE 0x4, CTRL 0x8, INTSTATUS/INTCLEAR 0xc, "
             "BAUDDIV 0x10, PID/CID 0xfd0-0xffc." },
    REGION_END
};

static void uart_init(Object *obj)
{
    ((ApbUart *)obj)->backlog = g_byte_array_new();
}

static void uart_finalize(Object *obj)
{
    g_byte_array_free(((ApbUart *)obj)->backlog, true);
}

static bool uart_realize(Object *obj, Error **errp)
{
    ApbUart *s = (ApbUart *)obj;
    return chardev_attach_object(s->chr, obj, &uart_fe, s, errp);
}

static void uart_unrealize(Object *obj)
{
    ApbUart *s = (ApbUart *)obj;
    chardev_detach_from(s->chr, s);
}

static void uart_reset(Object *obj)
{
    ApbUart *s = (ApbUart *)obj;
    s->state = s->ctrl = s->intstatus = s->bauddiv = 0;
    s->txbuf = s->rxbuf = 0;           /* the backlog stays: the sender holds it */
    uart_update(s);
}

const TypeInfo cmsdk_apb_uart_type = {
    .name = "cmsdk-apb-uart",
    .parent = TYPE_DEVICE,
    .doc = "Arm CMSDK APB UART on a character backend: one-byte buffers, "
           "TX/RX/overrun interrupt outputs and their OR.",
    .instance_size = sizeof(ApbUart),
    .props = uart_props,
    .pins = uart_pins,
    .regions = uart_regions,
    .init = uart_init,
    .realize = uart_realize,
    .unrealize = uart_unrealize,
    .finalize = uart_finalize,
    .reset = uart_reset,
};
