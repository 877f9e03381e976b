/* PLIC routing on the virt board (PLIC spec 1.0.0; QEMU's sifive_plic):
 * the UART's transmitter-empty interrupt (IER bit 1) on source 10 reaches
 * context 0 (hart 0 M) or 1 (hart 0 S); priorities and the threshold
 * mask it; claim and complete; then the same taken as a trap.
 * Register values are read into variables first and printed after the
 * UART interrupt is off: printing itself changes the UART's state.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

#define UART_IER 1
#define UART_IIR 2
#define IER_THRI 0x02

static unsigned pending10(void)
{
    return (*PLIC_PENDING(0) >> UART_IRQ) & 1;
}

static unsigned long ext(void)
{
    unsigned long mip = csr_read(mip);
    return (mip & MIP_MEIP ? 1 : 0) | (mip & MIP_SEIP ? 2 : 0);
}

static const char *const ext_name[] = { "none", "MEIP", "SEIP", "MEIP+SEIP" };

static volatile unsigned long trap_cause, trap_claim, trap_iir;

void mtrap(TrapFrame *f)
{
    (void)f;
    trap_cause = csr_read(mcause);
    trap_claim = *PLIC_CLAIM(0);
    trap_iir = *UART_REG(UART_IIR);
    *UART_REG(UART_IER) = 0;
    *PLIC_CLAIM(0) = (uint32_t)trap_claim;     /* complete */
}

int main(void)
{
    unsigned long e1, e2, e3;
    unsigned p1, p2, c1, c2, iir;

    printf("-- registers\n");
    *PLIC_PRIORITY(UART_IRQ) = 0xffffffff;
    p1 = *PLIC_PRIORITY(UART_IRQ);
    *PLIC_PRIORITY(UART_IRQ) = 9;
    p2 = *PLIC_PRIORITY(UART_IRQ);
    printf("priority[10] = 0xffffffff reads %u; = 9 reads %u\n", p1, p2);
    *PLIC_THRESHOLD(0) = 0xffffffff;
    p1 = *PLIC_THRESHOLD(0);
    *PLIC_THRESHOLD(0) = 9;
    p2 = *PLIC_THRESHOLD(0);
    printf("threshold[0] = 0xffffffff reads %u; = 9 reads %u\n", p1, p2);
    *PLIC_THRESHOLD(0) = 0;
    *PLIC_ENABLE(0, 0) = 0xffffffff;
    p1 = *PLIC_ENABLE(0, 0);
    printf("enable[0] word 0 = 0xffffffff reads %#x\n", p1);
    *PLIC_ENABLE(0, 0) = 0;
    printf("nothing pending: claim[0]=%u, mip external: %s\n", *PLIC_CLAIM(0),
           ext_name[ext()]);

    printf("-- source 10, priority 1, enabled for context 0 (hart 0 M)\n");
    *PLIC_PRIORITY(UART_IRQ) = 1;
    *PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
    *UART_REG(UART_IER) = IER_THRI;
    p1 = pending10();
    e1 = ext();
    c1 = *PLIC_CLAIM(0);
    p2 = pending10();
    e2 = ext();
    iir = *UART_REG(UART_IIR);
    *UART_REG(UART_IER) = 0;
    *PLIC_CLAIM(0) = c1;
    e3 = ext();
    c2 = *PLIC_CLAIM(0);
    printf("UART IER=0x02: pending[10]=%u, mip external: %s\n", p1, ext_name[e1]);
    printf("claim[0]=%u; then pending[10]=%u, mip external: %s\n", c1, p2,
           ext_name[e2]);
    printf("UART IIR=%#x (transmitter empty)\n", iir & 0xf);
    printf("IER=0, complete 10: mip external: %s, claim[0]=%u\n", ext_name[e3], c2);

    printf("-- threshold\n");
    *PLIC_THRESHOLD(0) = 1;
    *UART_REG(UART_IER) = IER_THRI;
    p1 = pending10();
    e1 = ext();
    c1 = *PLIC_CLAIM(0);
    *PLIC_THRESHOLD(0) = 0;
    e2 = ext();
    c2 = *PLIC_CLAIM(0);
    *UART_REG(UART_IER) = 0;
    *PLIC_CLAIM(0) = c2;
    e3 = ext();
    printf("threshold 1, priority 1: pending[10]=%u, mip external: %s, "
           "claim[0]=%u\n", p1, ext_name[e1], c1);
    printf("threshold 0: mip external: %s, claim[0]=%u\n", ext_name[e2], c2);
    printf("IER=0, complete: mip external: %s\n", ext_name[e3]);

    printf("-- priority 0 never interrupts\n");
    *PLIC_PRIORITY(UART_IRQ) = 0;
    *UART_REG(UART_IER) = IER_THRI;
    p1 = pending10();
    e1 = ext();
    c1 = *PLIC_CLAIM(0);
    *UART_REG(UART_IER) = 0;
    *PLIC_PRIORITY(UART_IRQ) = 1;
    printf("priority 0: pending[10]=%u, mip external: %s, claim[0]=%u\n", p1,
           ext_name[e1], c1);

    printf("-- context 1 (hart 0 S)\n");
    *PLIC_ENABLE(0, 0) = 0;
    *PLIC_ENABLE(1, 0) = 1u << UART_IRQ;
    *PLIC_THRESHOLD(1) = 0;
    *UART_REG(UART_IER) = IER_THRI;
    e1 = ext();
    c1 = *PLIC_CLAIM(0);
    c2 = *PLIC_CLAIM(1);
    e2 = ext();
    *UART_REG(UART_IER) = 0;
    *PLIC_CLAIM(1) = c2;
    e3 = ext();
    *PLIC_ENABLE(1, 0) = 0;
    printf("enabled for context 1 only: mip external: %s\n", ext_name[e1]);
    printf("claim[0]=%u, claim[1]=%u; then mip external: %s\n", c1, c2,
           ext_name[e2]);
    printf("IER=0, complete on context 1: mip external: %s\n", ext_name[e3]);

    printf("-- as a trap: mie.MEIE, mstatus.MIE\n");
    csr_write(mtvec, mtrap_entry);
    *PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
    csr_set(mie, MIP_MEIP);
    *UART_REG(UART_IER) = IER_THRI;
    csr_set(mstatus, MSTATUS_MIE);      /* taken here */
    csr_clear(mstatus, MSTATUS_MIE);
    printf("trap: mcause=%#lx, claimed %lu, UART IIR=%#lx\n", trap_cause,
           trap_claim, trap_iir & 0xf);
    printf("after complete: mip external: %s\n", ext_name[ext()]);
    return 0;
}
