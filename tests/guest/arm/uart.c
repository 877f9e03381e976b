/* The CMSDK APB UART (Cortex-M System Design Kit TRM, DDI 0479, "APB
 * UART") of mps2-an385 driven by its registers: UART0 at 0x40004000,
 * TX interrupt NVIC 1, RX interrupt NVIC 0, the overrun interrupts ORed
 * on NVIC 12. Reset values and the ID registers, BAUDDIV's and CTRL's
 * widths, transmit by polling STATE.TXFULL, INTSTATUS/INTCLEAR and the
 * TX interrupt driving a transmit buffer, a TX overrun with the
 * transmitter off (on UART1), then receive (uart.in on stdin) by polling and by the
 * RX interrupt.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "guest.h"

#define UART 0x40004000u
#define DATA REG(UART + 0x00)
#define STATE REG(UART + 0x04)
#define CTRL REG(UART + 0x08)
#define INTSTATUS REG(UART + 0x0c)  /* write: INTCLEAR */
#define BAUDDIV REG(UART + 0x10)
#define ID(i) REG(UART + 0xfd0 + 4 * (i))
#define UART1 0x40005000u
#define DATA1 REG(UART1 + 0x00)
#define STATE1 REG(UART1 + 0x04)
#define CTRL1 REG(UART1 + 0x08)
#define INTSTATUS1 REG(UART1 + 0x0c)

#define TXFULL 1u
#define RXFULL 2u
#define TXOVERRUN 4u
#define RXOVERRUN 8u
#define TXEN 1u
#define RXEN 2u
#define TXINTEN 4u
#define RXINTEN 8u
#define TXOVINTEN 16u
#define RXOVINTEN 32u
#define INT_TX 1u
#define INT_RX 2u
#define INT_TXO 4u

#define IRQ_UART0_RX 0
#define IRQ_UART0_TX 1
#define IRQ_UART_OVF 12

static void put_polled(char c)
{
    while (STATE & TXFULL) {
    }
    DATA = (uint8_t)c;
}

static void puts_polled(const char *s)
{
    while (*s) {
        put_polled(*s++);
    }
}

/* Sleep until (*reg & bits) == 0. An interrupt is taken some instructions
 * after the write that raised it (QEMU ends the translation block first),
 * so the test and the WFI run with PRIMASK set: an interrupt between them
 * would otherwise leave WFI waiting for nothing. WFI wakes on a pending
 * interrupt even with PRIMASK set. */
static void wait_while(volatile uint32_t *reg, uint32_t bits)
{
    __asm__ volatile("cpsid i" ::: "memory");
    while (*reg & bits) {
        __asm__ volatile("wfi\n cpsie i\n isb\n cpsid i" ::: "memory");
    }
    __asm__ volatile("cpsie i" ::: "memory");
}

/* ---- transmit from the TX interrupt ------------------------------------ */

static const char *volatile tx_next;
static volatile unsigned tx_irqs;

static void tx_handler(void)
{
    tx_irqs++;
    INTSTATUS = INT_TX;        /* INTCLEAR */
    if (*tx_next) {
        DATA = (uint8_t)*tx_next++;
    } else {
        CTRL &= ~TXINTEN;      /* done: no more TX interrupts */
    }
}

/* ---- receive by the RX interrupt ---------------------------------------- */

static char rx_line[64];
static volatile unsigned rx_len, rx_irqs;
static volatile uint32_t rx_done = 1;  /* 0 once a newline arrived */

static void rx_handler(void)
{
    /* INTCLEAR before reading DATA: a byte arriving in between raises
     * the interrupt again instead of being missed */
    INTSTATUS = INT_RX;
    if (!(STATE & RXFULL)) {
        return;
    }
    rx_irqs++;
    char c = (char)DATA;       /* reading DATA empties the buffer */
    if (rx_len < sizeof rx_line - 1) {
        rx_line[rx_len++] = c;
    }
    if (c == '\n') {
        rx_done = 0;
        CTRL &= ~RXINTEN;
    }
}

int main(void)
{
    /* before anything is printed: the reset state */
    uint32_t r_state = STATE, r_ctrl = CTRL, r_int = INTSTATUS,
             r_baud = BAUDDIV, ids[12];
    for (int i = 0; i < 12; i++) {
        ids[i] = ID(i);
    }
    BAUDDIV = 0xffffffffu;
    uint32_t baud_max = BAUDDIV;
    BAUDDIV = 16;
    CTRL = TXEN;
    printf("reset: STATE %#lx CTRL %#lx INTSTATUS %#lx BAUDDIV %#lx\n",
           (unsigned long)r_state, (unsigned long)r_ctrl, (unsigned long)r_int,
           (unsigned long)r_baud);
    printf("PID4-7, PID0-3, CID0-3:");
    for (int i = 0; i < 12; i++) {
        printf(" %02lx", (unsigned long)ids[i]);
    }
    printf("\nBAUDDIV after 0xffffffff: %#lx\n", (unsigned long)baud_max);

    /* polled transmit: the byte leaves at once, TXFULL is clear again */
    puts_polled("polled: ");
    DATA = 'x';
    uint32_t st = STATE;
    puts_polled("\n");
    printf("STATE after a write: %#lx, INTSTATUS %#lx\n", (unsigned long)st,
           (unsigned long)INTSTATUS);

    /* TXINTEN: a sent byte sets INTSTATUS.TX, which pends NVIC 1 (not
     * enabled yet); INTCLEAR clears INTSTATUS, the NVIC keeps it pending */
    vectors_to_ram();
    set_vector(EXC_IRQ(IRQ_UART0_TX), tx_handler);
    set_vector(EXC_IRQ(IRQ_UART0_RX), rx_handler);
    CTRL = TXEN | TXINTEN;
    put_polled('-');
    uint32_t is1 = INTSTATUS, p1 = NVIC_ISPR(0) & 3;
    INTSTATUS = INT_TX;
    uint32_t is2 = INTSTATUS, p2 = NVIC_ISPR(0) & 3;
    NVIC_ICPR(0) = 1u << IRQ_UART0_TX;
    uint32_t p3 = NVIC_ISPR(0) & 3;
    CTRL = TXEN;
    printf("\nTXINTEN: INTSTATUS %#lx ISPR %#lx; INTCLEAR: %#lx ISPR %#lx;"
           " ICPR: ISPR %#lx\n", (unsigned long)is1, (unsigned long)p1,
           (unsigned long)is2, (unsigned long)p2, (unsigned long)p3);

    /* interrupt-driven transmit: the first byte by hand, the rest from
     * the handler, one TX interrupt per byte sent */
    static const char msg[] = "sent by the TX interrupt\n";
    tx_next = msg + 1;
    tx_irqs = 0;
    NVIC_ISER(0) = 1u << IRQ_UART0_TX;
    CTRL = TXEN | TXINTEN;
    DATA = (uint8_t)msg[0];
    wait_while(&CTRL, TXINTEN);
    NVIC_ICER(0) = 1u << IRQ_UART0_TX;
    printf("TX interrupts: %u for %u bytes\n", tx_irqs, (unsigned)strlen(msg));

    /* transmitter off (on UART1, which has no backend on either board):
     * the byte waits (TXFULL); a second one overruns: STATE.TXOVERRUN,
     * INTSTATUS.TXO with TXOVINTEN, and the ORed overrun interrupt, NVIC
     * 12. (Not printed: what the waiting byte does when TXEN is set. QEMU
     * 7.2 sends it only on a later write to DATA, which then is an overrun
     * too, so its TXFULL never clears; hemu sends it when TXEN is set, as
     * the transmitter would. Hence UART1: UART0 would be lost on QEMU.) */
    CTRL1 = TXOVINTEN;
    DATA1 = '!';
    uint32_t s1 = STATE1;
    DATA1 = '?';
    uint32_t s2 = STATE1, i2 = INTSTATUS1, p12 = NVIC_ISPR(0) >> IRQ_UART_OVF & 1;
    STATE1 = TXOVERRUN;        /* write 1 to clear */
    uint32_t s3 = STATE1, i3 = INTSTATUS1, p12b = NVIC_ISPR(0) >> IRQ_UART_OVF & 1;
    NVIC_ICPR(0) = 1u << IRQ_UART_OVF;
    uint32_t p12c = NVIC_ISPR(0) >> IRQ_UART_OVF & 1;
    printf("UART1, TX off: STATE %#lx; a second byte: STATE %#lx INTSTATUS %#lx"
           " NVIC 12 %lu\n", (unsigned long)s1, (unsigned long)s2,
           (unsigned long)i2, (unsigned long)p12);
    printf("cleared: STATE %#lx INTSTATUS %#lx NVIC 12 %lu, after ICPR %lu\n",
           (unsigned long)s3, (unsigned long)i3, (unsigned long)p12b,
           (unsigned long)p12c);
    DATA1 = '?';
    INTSTATUS1 = INT_TXO;      /* clearing INTSTATUS.TXO clears STATE's bit */
    printf("overrun cleared by INTCLEAR: STATE %#lx INTSTATUS %#lx\n",
           (unsigned long)STATE1, (unsigned long)INTSTATUS1);

    /* receive by polling STATE.RXFULL: the first line of uart.in */
    char line[64];
    unsigned n = 0;
    CTRL = TXEN | RXEN;
    for (;;) {
        while (!(STATE & RXFULL)) {
        }
        char c = (char)DATA;
        if (c == '\n') {
            break;
        }
        if (n < sizeof line - 1) {
            line[n++] = c;
        }
    }
    line[n] = 0;
    printf("polled RX: \"%s\"\n", line);

    /* and the second line by the RX interrupt, one per byte. The next byte
     * may be in the buffer already (its arrival raised nothing: RXINTEN was
     * clear), or arrive at any time on QEMU: with PRIMASK set, pend the
     * interrupt by hand for a byte that is there. */
    NVIC_ICPR(0) = 1u << IRQ_UART0_RX;
    NVIC_ISER(0) = 1u << IRQ_UART0_RX;
    __asm__ volatile("cpsid i" ::: "memory");
    CTRL = TXEN | RXEN | RXINTEN;
    if (STATE & RXFULL) {
        NVIC_ISPR(0) = 1u << IRQ_UART0_RX;
    }
    __asm__ volatile("cpsie i" ::: "memory");
    wait_while(&rx_done, 1);   /* (rx_done counts down to 0) */
    CTRL = TXEN;
    rx_line[rx_len - 1] = 0;
    printf("RX interrupts: %u for \"%s\"\n", rx_irqs, rx_line);
    return 0;
}
