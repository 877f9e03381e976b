/* The little runtime of the RISC-V guest tests on the virt board (hemu's
 * riscv-virt, QEMU's virt): stdout on the ns16550a UART at 0x10000000,
 * exit() through the SiFive test finisher at 0x100000. With -bios none
 * nothing enables the FPU, but picolibc's crt0 of the F/D multilibs does
 * (mstatus.FS = Initial, fcsr = 0) before main, so float.c needs nothing.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

#define UART ((volatile uint8_t *)0x10000000)
#define UART_LSR_THRE 0x20
#define FINISHER ((volatile uint32_t *)0x100000)

void guest_putc(char c)
{
    while (!(UART[5] & UART_LSR_THRE)) {
    }
    UART[0] = (uint8_t)c;
}

static int uart_put(char c, FILE *f)
{
    (void)f;
    guest_putc(c);
    return (unsigned char)c;
}

static FILE uart_stdio = FDEV_SETUP_STREAM(uart_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &uart_stdio;
FILE *const stdout = &uart_stdio;
FILE *const stderr = &uart_stdio;

void _exit(int status)
{
    *FINISHER = status ? (uint32_t)status << 16 | 0x3333 : 0x5555;
    for (;;) {
    }
}
