/* hetero-demo's RISC-V firmware: two RV64 harts, held in reset until the
 * Cortex-M3 releases their cluster. Hart 0 answers the mailbox: for each
 * piece of work it gives the second half to hart 1 (a software interrupt
 * through the CLINT), computes the CRC-32 of the first half, waits for
 * hart 1's and sends both back. Its view of memory
 * (machines/hetero-demo.yaml):
 *   0x02000000 CLINT, 0x10000000 UART (ns16550a), 0x10001000 mailbox
 *   side b, 0x80000000 RAM (this image), 0x90000000 shared SRAM.
 * The harts wait in WFI with interrupts enabled in mie but not in
 * mstatus: WFI wakes when one is pending and the loop reads mip.
 * SPDX-License-Identifier: MIT */
#include "common.h"

#define CLINT 0x02000000ul
#define UART 0x10000000ul
#define MBOX 0x10001000ul
#define SHARED 0x90000000ul

enum { UART_THR = 0, UART_LSR = 5, LSR_THRE = 0x20 };
enum { MIP_MSIP = 1 << 3, MIP_MEIP = 1 << 11 };

void putch(char c)
{
    volatile uint8_t *u = (volatile uint8_t *)UART;
    while (!(u[UART_LSR] & LSR_THRE)) {
    }
    u[UART_THR] = (uint8_t)c;
}

static uint64_t read_mip(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return v;
}

/* Sleep until an interrupt in mask is pending. */
static void wait_for(uint64_t mask)
{
    __asm__ volatile("csrs mie, %0" :: "r"(mask));
    while (!(read_mip() & mask)) {
        __asm__ volatile("wfi");
    }
}

static void send(uint32_t kind, uint32_t a, uint32_t b, uint32_t c)
{
    REG32(MBOX + MBOX_TX + 0) = kind;
    REG32(MBOX + MBOX_TX + 4) = a;
    REG32(MBOX + MBOX_TX + 8) = b;
    REG32(MBOX + MBOX_TX + 12) = c;
    REG32(MBOX + MBOX_SET) = 1;
}

/* Hart 1: woken by hart 0 through msip for each job. */
static void helper(void)
{
    wait_for(MIP_MSIP);
    REG32(CLINT + 4) = 0;                        /* my msip */
    print("[rv] hart 1: up\n");
    REG32(SHARED + SHARED_DONE) = 1;
    for (;;) {
        wait_for(MIP_MSIP);
        REG32(CLINT + 4) = 0;
        uint32_t off = REG32(SHARED + SHARED_JOB);
        uint32_t len = REG32(SHARED + SHARED_JOB + 4);
        uint32_t crc = crc32((const volatile uint8_t *)(SHARED + off), len);
        REG32(SHARED + SHARED_RESULT) = crc;
        __asm__ volatile("fence rw, rw" ::: "memory");
        REG32(SHARED + SHARED_DONE) = 1;
    }
}

/* Wake hart 1 for a job; wait until it says done. */
static void start_helper(void)
{
    REG32(SHARED + SHARED_DONE) = 0;
    __asm__ volatile("fence rw, rw" ::: "memory");
    REG32(CLINT + 4) = 1;                        /* hart 1's msip */
}

static void wait_helper(void)
{
    while (!REG32(SHARED + SHARED_DONE)) {
    }
}

void main(uint64_t hartid)
{
    if (hartid != 0) {
        helper();
    }
    print("[rv] hart 0: up, shared SRAM at ");
    print_hex((uint32_t)SHARED);
    print(" in this cluster's view\n");
    start_helper();
    wait_helper();
    REG32(MBOX + MBOX_ENABLE) = 1;
    send(MSG_HELLO, 2, 0, 0);
    for (;;) {
        wait_for(MIP_MEIP);
        uint32_t msg[4];
        for (int i = 0; i < 4; i++) {
            msg[i] = REG32(MBOX + MBOX_RX + 4 * i);
        }
        REG32(MBOX + MBOX_CLEAR) = 1;
        if (msg[0] == MSG_BYE) {
            print("[rv] bye\n");
            send(MSG_BYE, 0, 0, 0);
            for (;;) {
                __asm__ volatile("csrw mie, zero\n\twfi");
            }
        }
        uint32_t round = msg[1], off = msg[2], half = msg[3] / 2;
        REG32(SHARED + SHARED_JOB) = off + half;
        REG32(SHARED + SHARED_JOB + 4) = half;
        print("[rv] round ");
        print_dec(round);
        print(": crc32 of ");
        print_dec(msg[3]);
        print(" bytes at ");
        print_hex((uint32_t)(SHARED + off));
        print(", one half per hart\n");
        start_helper();
        uint32_t c0 = crc32((const volatile uint8_t *)(SHARED + off), half);
        wait_helper();
        send(MSG_RESULT, round, c0, REG32(SHARED + SHARED_RESULT));
    }
}
