/* The little runtime of the Cortex-M guest tests on mps2-an385 (hemu's
 * description, QEMU's board): stdout on CMSDK UART0 at 0x40004000, exit()
 * through semihosting SYS_EXIT (run with semihosting on).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define UART_DATA (*(volatile uint32_t *)0x40004000)
#define UART_STATE (*(volatile uint32_t *)0x40004004)
#define UART_CTRL (*(volatile uint32_t *)0x40004008)
#define UART_BAUDDIV (*(volatile uint32_t *)0x40004010)
#define STATE_TXFULL 1u
#define CTRL_TXEN 1u

static void uart_putc(char c)
{
    if (!(UART_CTRL & CTRL_TXEN)) {
        UART_BAUDDIV = 16;
        UART_CTRL = CTRL_TXEN;
    }
    while (UART_STATE & STATE_TXFULL) {
    }
    UART_DATA = (uint8_t)c;
}

static int uart_put(char c, FILE *f)
{
    (void)f;
    uart_putc(c);
    return (unsigned char)c;
}

static FILE uart_stdio = FDEV_SETUP_STREAM(uart_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &uart_stdio;
FILE *const stdout = &uart_stdio;
FILE *const stderr = &uart_stdio;

/* SYS_EXIT (0x18) with ADP_Stopped_ApplicationExit (0x20026): status 0;
 * anything else ends with status 1, as QEMU does without the extended
 * call. */
void _exit(int status)
{
    register uint32_t r0 __asm__("r0") = 0x18;
    register uint32_t r1 __asm__("r1") = status ? 0x20024 : 0x20026;
    __asm__ volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
    for (;;) {
    }
}
