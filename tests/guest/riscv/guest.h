/* Shared by the RISC-V guest tests (see lib.c): CSR access, the registers
 * of the virt board's devices, and the trap frame of trap.S.
 * SPDX-License-Identifier: MIT */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

void guest_putc(char c);

#define csr_read(csr) ({ unsigned long v_; \
        __asm__ volatile("csrr %0, " #csr : "=r"(v_) :: "memory"); v_; })
#define csr_write(csr, v) \
    __asm__ volatile("csrw " #csr ", %0" :: "r"((unsigned long)(v)) : "memory")
#define csr_set(csr, v) \
    __asm__ volatile("csrs " #csr ", %0" :: "r"((unsigned long)(v)) : "memory")
#define csr_clear(csr, v) \
    __asm__ volatile("csrc " #csr ", %0" :: "r"((unsigned long)(v)) : "memory")

static inline unsigned long csr_read_mhartid(void)
{
    return csr_read(mhartid);
}

/* mstatus, mip/mie bits (Privileged 20211203 §3.1.6, §3.1.9) */
#define MSTATUS_SIE  (1ul << 1)
#define MSTATUS_MIE  (1ul << 3)
#define MSTATUS_SPIE (1ul << 5)
#define MSTATUS_MPIE (1ul << 7)
#define MSTATUS_SPP  (1ul << 8)
#define MSTATUS_MPP  (3ul << 11)
#define MSTATUS_MPRV (1ul << 17)
#define MSTATUS_SUM  (1ul << 18)
#define MSTATUS_MXR  (1ul << 19)
#define MIP_SSIP (1ul << 1)
#define MIP_MSIP (1ul << 3)
#define MIP_STIP (1ul << 5)
#define MIP_MTIP (1ul << 7)
#define MIP_SEIP (1ul << 9)
#define MIP_MEIP (1ul << 11)
#define CAUSE_IRQ (1ul << 63)

enum { PRIV_U = 0, PRIV_S = 1, PRIV_M = 3 };

/* The virt board (QEMU hw/riscv/virt.c) */
#define CLINT_MSIP(h)     ((volatile uint32_t *)(0x2000000ul + 4 * (h)))
#define CLINT_MTIMECMP(h) ((volatile uint64_t *)(0x2004000ul + 8 * (h)))
#define CLINT_MTIME       ((volatile uint64_t *)0x200bff8ul)
#define PLIC_PRIORITY(s)  ((volatile uint32_t *)(0xc000000ul + 4 * (s)))
#define PLIC_PENDING(w)   ((volatile uint32_t *)(0xc001000ul + 4 * (w)))
#define PLIC_ENABLE(c, w) ((volatile uint32_t *)(0xc002000ul + 0x80 * (c) + 4 * (w)))
#define PLIC_THRESHOLD(c) ((volatile uint32_t *)(0xc200000ul + 0x1000 * (c)))
#define PLIC_CLAIM(c)     ((volatile uint32_t *)(0xc200004ul + 0x1000 * (c)))
#define UART_REG(r)       ((volatile uint8_t *)(0x10000000ul + (r)))
#define UART_IRQ 10

/* trap.S: mtrap_entry (mret) and strap_entry (sret) save every register
 * in a TrapFrame on the current stack and call the program's
 * mtrap(TrapFrame *) / strap(TrapFrame *); what the handler leaves in
 * the frame is restored. x[0] holds the epc (written back to mepc/sepc). */
typedef struct TrapFrame {
    unsigned long x[32];
} TrapFrame;
enum { REG_EPC = 0, REG_SP = 2, REG_A0 = 10, REG_A7 = 17 };

void mtrap_entry(void);
void strap_entry(void);
void mtrap(TrapFrame *f);
void strap(TrapFrame *f);

/* run_lower(mode, fn) (trap.S): enter fn in mode PRIV_S or PRIV_U with
 * mret, on this stack; it returns when the M-mode handler calls
 * return_to_m(), which lower modes ask for with ecall_to_m(). */
void run_lower(unsigned mode, void (*fn)(void));
void return_to_m(void) __attribute__((noreturn));
#define ECALL_TO_M 0x4d
static inline void ecall_to_m(void)
{
    register unsigned long a7 __asm__("a7") = ECALL_TO_M;
    __asm__ volatile("ecall" :: "r"(a7) : "memory");
}

/* Length of the instruction at pc (2 if compressed), to step over it. */
static inline unsigned long insn_len(unsigned long pc)
{
    return (*(volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

/* PMP entry 0 over all memory, RWX: without a PMP entry, S and U may
 * access nothing (Privileged §3.7.1); QEMU enforces it. */
static inline void pmp_allow_all(void)
{
    csr_write(pmpaddr0, ~0ul >> 10);
    csr_write(pmpcfg0, 0x1f);       /* NAPOT, R W X */
}

#endif
