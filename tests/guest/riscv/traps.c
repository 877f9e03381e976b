/* Synchronous traps (Privileged 20211203 §3.1.15-16, §3.3.1): illegal
 * instructions, ecall, ebreak, misaligned and faulting accesses taken in
 * M-mode; then medeleg sends ecall-from-U and illegal instructions to S,
 * and S and U show which mode handles which trap.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

static const char *const mode_name[] = { "U", "S", "?", "M" };

/* What the last trap saw, for the code that caused it. */
static volatile struct {
    char mode;                  /* 'M' or 'S': whose handler ran */
    unsigned long cause, tval, epc;
} last;

/* Run one instruction (asm, operands as in an asm statement) at a label;
 * the trap handler steps over it. Evaluates to the label's address. */
#define AT(insn, ...) ({ \
        unsigned long at_; \
        last.mode = 0; \
        __asm__ volatile("la %0, 1f\n1: " insn : "=&r"(at_) __VA_ARGS__); \
        at_; \
    })

static void report(const char *what, unsigned long at)
{
    if (!last.mode) {
        printf("%-28s no trap\n", what);
        return;
    }
    char x = last.mode == 'M' ? 'm' : 's';
    printf("%-28s %c-mode handler: %ccause=%lu %ctval=%#lx %cepc=%s\n", what,
           last.mode, x, last.cause, x, last.tval, x,
           last.epc == at ? "the instruction" : "elsewhere");
}

void mtrap(TrapFrame *f)
{
    unsigned long cause = csr_read(mcause);
    unsigned prev = (csr_read(mstatus) & MSTATUS_MPP) >> 11;
    if ((cause == 8 || cause == 9) && f->x[REG_A7] == ECALL_TO_M) {
        return_to_m();
    }
    last.mode = 'M';
    last.cause = cause;
    last.tval = csr_read(mtval);
    last.epc = f->x[REG_EPC];
    if (prev != PRIV_M) {
        printf("  [M-mode handler: mcause=%lu from %s-mode (mstatus.MPP)]\n",
               cause, mode_name[prev]);
    }
    if (cause == 1) {
        f->x[REG_EPC] = f->x[1];        /* a fetch fault: back to the caller */
    } else {
        f->x[REG_EPC] += insn_len(f->x[REG_EPC]);
    }
}

void strap(TrapFrame *f)
{
    unsigned long cause = csr_read(scause);
    unsigned prev = csr_read(sstatus) & MSTATUS_SPP ? PRIV_S : PRIV_U;
    if (cause == 8 && f->x[REG_A7] == ECALL_TO_M) {
        ecall_to_m();                   /* U asks to end: S asks M */
    }
    last.mode = 'S';
    last.cause = cause;
    last.tval = csr_read(stval);
    last.epc = f->x[REG_EPC];
    printf("  [S-mode handler: scause=%lu from %s-mode (sstatus.SPP)]\n",
           cause, mode_name[prev]);
    f->x[REG_EPC] += insn_len(f->x[REG_EPC]);
}

static uint64_t words[4] = {
    0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull,
    0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull,
};

static void machine_traps(void)
{
    unsigned long at, v = 0;
    char *p = (char *)words;

    printf("-- M-mode, mtvec = mtrap_entry\n");
    at = AT(".4byte 0x0000000b", :: "memory");
    report("custom-0 opcode", at);
    at = AT("csrw cycle, zero", :: "memory");
    report("write to read-only cycle", at);
    at = AT(".2byte 0x0000", :: "memory");
    report("c.unimp (all zeros)", at);
    at = AT("ecall", :: "memory");
    report("ecall", at);
    at = AT("ebreak", :: "memory");
    report("ebreak", at);
    at = AT("c.ebreak", :: "memory");
    report("c.ebreak", at);

    at = AT("lw %1, 0(%2)", , "=&r"(v) : "r"(p + 1) : "memory");
    report("lw at +1", at);
    printf("  loaded %#lx\n", v);
    at = AT("ld %1, 0(%2)", , "=&r"(v) : "r"(p + 13) : "memory");
    report("ld at +13", at);
    printf("  loaded %#lx\n", v);
    at = AT("sd %1, 0(%2)", : "r"(0x1122334455667788ul), "r"(p + 3)
            : "memory");
    report("sd at +3", at);
    printf("  memory now %#llx %#llx\n", (unsigned long long)words[0],
           (unsigned long long)words[1]);
    /* Not here: a misaligned AMO (QEMU 7.2 says cause 4 with one vCPU,
     * 6 with several) and a misaligned SC without a reservation (QEMU
     * fails it without a trap); the spec wants cause 6 for both. */
    at = AT("lr.w %1, (%2)", , "=&r"(v) : "r"(p + 4 + 2) : "memory");
    report("lr.w at +6", at);

    at = AT("lw %1, 0(%2)", , "=&r"(v) : "r"(0ul) : "memory");
    report("lw from 0 (nothing there)", at);
    at = AT("sw %1, 0(%2)", : "r"(0ul), "r"(0ul) : "memory");
    report("sw to 0 (nothing there)", at);
    last.mode = 0;
    ((void (*)(void))0)();
    report("call 0 (nothing there)", 0);
}

static void user_main(void)
{
    register unsigned long a7 __asm__("a7") = 1;
    unsigned long at;
    printf("-- U-mode\n");
    at = AT("ecall", : "r"(a7) : "memory");
    report("ecall (delegated)", at);
    at = AT(".4byte 0x0000000b", :: "memory");
    report("custom-0 (delegated)", at);
    at = AT("csrr t0, sstatus", :: "t0", "memory");
    report("csrr sstatus", at);
    at = AT("sret", :: "memory");
    report("sret", at);
    at = AT("wfi", :: "memory");
    report("wfi", at);
    at = AT("ebreak", :: "memory");
    report("ebreak (not delegated)", at);
    ecall_to_m();
}

static void supervisor_main(void)
{
    register unsigned long a7 __asm__("a7") = 1;
    unsigned long at;
    printf("-- S-mode\n");
    at = AT(".4byte 0x0000000b", :: "memory");
    report("custom-0 (delegated)", at);
    at = AT("csrr t0, mstatus", :: "t0", "memory");
    report("csrr mstatus", at);
    at = AT("mret", :: "memory");
    report("mret", at);
    at = AT("ecall", : "r"(a7) : "memory");
    report("ecall (not delegated)", at);
    at = AT("ebreak", :: "memory");
    report("ebreak (not delegated)", at);
    printf("sstatus.SPP=0, sepc=user_main, sret\n");
    csr_clear(sstatus, MSTATUS_SPP);
    csr_write(sepc, user_main);
    __asm__ volatile("sret" ::: "memory");
}

int main(void)
{
    csr_write(mtvec, mtrap_entry);
    machine_traps();

    printf("-- delegation\n");
    pmp_allow_all();
    csr_write(medeleg, 1ul << 8 | 1ul << 2);
    csr_write(stvec, strap_entry);
    printf("medeleg=%#lx (ecall from U, illegal instruction)\n",
           csr_read(medeleg));
    printf("mstatus.MPP=S, mepc=supervisor_main, mret\n");
    run_lower(PRIV_S, supervisor_main);
    printf("-- back in M-mode: mcause=%lu\n", csr_read(mcause));
    return 0;
}
