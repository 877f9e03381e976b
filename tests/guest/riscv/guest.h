/* Shared by the RISC-V guest tests (see lib.c).
 * SPDX-License-Identifier: MIT */
#ifndef GUEST_H
#define GUEST_H

void guest_putc(char c);

static inline unsigned long csr_read_mhartid(void)
{
    unsigned long v;
    __asm__ volatile("csrr %0, mhartid" : "=r"(v));
    return v;
}

#endif
