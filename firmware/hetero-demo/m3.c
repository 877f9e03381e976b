/* hetero-demo's Cortex-M3 firmware: the management core. It boots from
 * its flash, fills the shared SRAM with work, releases the RISC-V cluster
 * from reset, then hands it ROUNDS pieces of work through the mailbox and
 * checks each answer against its own computation; at the end it says bye
 * and powers the machine off (status 0, or 1 if an answer was wrong).
 * Its view of memory (machines/hetero-demo.yaml):
 *   0x00000000 flash, 0x20000000 SRAM, 0x20100000 shared SRAM,
 *   0x40000000 UART (CMSDK), 0x40001000 mailbox side a,
 *   0x40002000 reset controller, 0x40003000 power (sifive-test).
 * SPDX-License-Identifier: MIT */
#include "common.h"

#define UART 0x40000000u
#define MBOX 0x40001000u
#define RSTC 0x40002000u
#define POWER 0x40003000u
#define SHARED 0x20100000u
#define NVIC_ISER0 0xe000e100u

enum { RSTC_CLEAR = 0x08, RV_CLUSTER = 1 << 0 };
enum { UART_DATA = 0x0, UART_STATE = 0x4, UART_CTRL = 0x8, UART_BAUDDIV = 0x10 };

void putch(char c)
{
    while (REG32(UART + UART_STATE) & 1) {     /* TXFULL */
    }
    REG32(UART + UART_DATA) = (uint8_t)c;
}

static volatile uint32_t got;                  /* set by the mailbox handler */
static volatile uint32_t rx[4];

void mbox_irq(void)
{
    for (int i = 0; i < 4; i++) {
        rx[i] = REG32(MBOX + MBOX_RX + 4 * i);
    }
    REG32(MBOX + MBOX_CLEAR) = 1;
    got = 1;
}

/* Sleep until the mailbox handler ran; PRIMASK closes the window between
 * the check and WFI (WFI still wakes for a pending interrupt). */
static void wait_message(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    while (!got) {
        __asm__ volatile("wfi\n\tcpsie i\n\tisb\n\tcpsid i" ::: "memory");
    }
    got = 0;
    __asm__ volatile("cpsie i" ::: "memory");
}

static void send(uint32_t kind, uint32_t a, uint32_t b, uint32_t c)
{
    REG32(MBOX + MBOX_TX + 0) = kind;
    REG32(MBOX + MBOX_TX + 4) = a;
    REG32(MBOX + MBOX_TX + 8) = b;
    REG32(MBOX + MBOX_TX + 12) = c;
    REG32(MBOX + MBOX_SET) = 1;
}

static uint32_t lcg = 12345;

static void fill(volatile uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        lcg = lcg * 1103515245u + 12345u;
        p[i] = (uint8_t)(lcg >> 16);
    }
}

int main(void)
{
    REG32(UART + UART_BAUDDIV) = 16;
    REG32(UART + UART_CTRL) = 1;               /* TX enable */
    print("[m3] Cortex-M3 management core: booting\n");
    print("[m3] shared SRAM at ");
    print_hex(SHARED);
    print(" in this cluster's view\n");

    REG32(MBOX + MBOX_ENABLE) = 1;
    REG32(NVIC_ISER0) = 1;                     /* IRQ 0: mailbox */
    print("[m3] releasing the RISC-V cluster from reset\n");
    REG32(RSTC + RSTC_CLEAR) = RV_CLUSTER;

    wait_message();
    if (rx[0] != MSG_HELLO) {
        print("[m3] unexpected message\n");
        REG32(POWER) = 0x3333 | 1 << 16;
    }
    print("[m3] HELLO from the RISC-V cluster: ");
    print_dec(rx[1]);
    print(" harts\n");

    uint32_t bad = 0;
    for (uint32_t round = 1; round <= ROUNDS; round++) {
        volatile uint8_t *data = (volatile uint8_t *)(SHARED + SHARED_DATA);
        fill(data, WORK_LEN);
        uint32_t c0 = crc32(data, WORK_LEN / 2);
        uint32_t c1 = crc32(data + WORK_LEN / 2, WORK_LEN / 2);
        print("[m3] round ");
        print_dec(round);
        print(": ");
        print_dec(WORK_LEN);
        print(" bytes at ");
        print_hex(SHARED + SHARED_DATA);
        print(" -> RISC-V\n");
        send(MSG_WORK, round, SHARED_DATA, WORK_LEN);
        wait_message();
        int ok = rx[0] == MSG_RESULT && rx[1] == round && rx[2] == c0 && rx[3] == c1;
        bad += !ok;
        print("[m3] round ");
        print_dec(round);
        print(": ");
        print_hex(rx[2]);
        print(" ");
        print_hex(rx[3]);
        print(ok ? " match\n" : " MISMATCH\n");
    }

    print("[m3] BYE -> RISC-V\n");
    send(MSG_BYE, 0, 0, 0);
    wait_message();
    print("[m3] done: ");
    print_dec(ROUNDS - bad);
    print(" of ");
    print_dec(ROUNDS);
    print(" rounds checked, powering off\n");
    REG32(POWER) = bad ? 0x3333 | 1 << 16 : 0x5555;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* ---- start-up: the vector table and the reset handler ---------------- */

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[], __stack_top[];

void reset_handler(void)
{
    uint32_t *src = __data_load;
    for (uint32_t *p = __data_start; p < __data_end; p++) {
        *p = *src++;
    }
    for (uint32_t *p = __bss_start; p < __bss_end; p++) {
        *p = 0;
    }
    main();
}

static void fault(void)
{
    print("[m3] fault\n");
    REG32(POWER) = 0x3333 | 2 << 16;
    for (;;) {
    }
}

__attribute__((section(".vectors"), used))
static void (*const vectors[17])(void) = {
    (void (*)(void))__stack_top,   /* initial MSP */
    reset_handler,
    fault, fault, fault, fault,    /* NMI, HardFault, MemManage, BusFault */
    fault, 0, 0, 0, 0,             /* UsageFault, reserved */
    fault, fault, 0, fault, fault, /* SVCall, DebugMon, -, PendSV, SysTick */
    mbox_irq,                      /* IRQ 0: mailbox */
};
