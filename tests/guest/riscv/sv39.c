/* Sv39 paging (Privileged 20211203 §4.3-4.4): page tables built in RAM,
 * S-mode with satp; a virtually remapped page, hardware A/D updates, page
 * faults with stval/mtval, read-only and execute-only pages with MXR, a
 * U page with and without SUM, a non-canonical address.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

#define PTE_V (1ul << 0)
#define PTE_R (1ul << 1)
#define PTE_W (1ul << 2)
#define PTE_X (1ul << 3)
#define PTE_U (1ul << 4)
#define PTE_A (1ul << 6)
#define PTE_D (1ul << 7)

#define VA_PAGE   0x40000000ul     /* -> page_a, RW, A and D clear */
#define VA_HOLE   0x40001000ul     /* invalid PTE */
#define VA_USER   0x40002000ul     /* -> page_u, U RW */
#define VA_RO     0x40003000ul     /* -> page_a, R only */
#define VA_XONLY  0x40004000ul     /* -> page_a, X only */

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_u[512] __attribute__((aligned(4096)));

static uint64_t pte(const volatile void *pa, unsigned long flags)
{
    return (uint64_t)(uintptr_t)pa >> 12 << 10 | flags | PTE_V;
}

static const char *flags(uint64_t p)
{
    static char s[9];
    const char *names = "VRWXUGAD";
    for (int i = 0; i < 8; i++) {
        s[i] = (p >> i) & 1 ? names[i] : '-';
    }
    return s;
}

/* The M-mode handler: every page fault of S comes here (no medeleg). */
static volatile unsigned long fault_cause, fault_tval;

void mtrap(TrapFrame *f)
{
    unsigned long cause = csr_read(mcause);
    if (cause == 9 && f->x[REG_A7] == ECALL_TO_M) {
        return_to_m();
    }
    fault_cause = cause;
    fault_tval = csr_read(mtval);
    if (cause == 12) {
        f->x[REG_EPC] = f->x[1];        /* a fetch fault: back to the caller */
    } else {
        f->x[REG_EPC] += insn_len(f->x[REG_EPC]);
    }
}

static uint64_t load(unsigned long va)
{
    uint64_t v = 0xdeadull;
    fault_cause = 0;
    __asm__ volatile("ld %0, 0(%1)" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void store(unsigned long va, uint64_t v)
{
    fault_cause = 0;
    __asm__ volatile("sd %0, 0(%1)" :: "r"(v), "r"(va) : "memory");
}

static void show(const char *what, uint64_t v)
{
    if (fault_cause) {
        printf("%-36s fault: mcause=%lu mtval=%#lx\n", what, fault_cause,
               fault_tval);
    } else {
        printf("%-36s %#llx\n", what, (unsigned long long)v);
    }
}

static void supervisor_main(void)
{
    uint64_t v;
    printf("-- S-mode, satp = Sv39\n");
    v = load(VA_PAGE);
    show("ld 0x40000000", v);
    printf("  PTE after the load: %s\n", flags(l0[0]));
    store(VA_PAGE + 8, 0x600dcafe);
    show("sd 0x40000008", 0);
    printf("  PTE after the store: %s; page_a[1] = %#llx\n", flags(l0[0]),
           (unsigned long long)page_a[1]);

    v = load(VA_HOLE + 0x10);
    show("ld 0x40001010 (invalid PTE)", v);
    store(VA_RO, 1);
    show("sd 0x40003000 (read-only page)", 0);
    v = load(VA_RO + 8);
    show("ld 0x40003008 (read-only page)", v);
    v = load(VA_XONLY);
    show("ld 0x40004000 (execute-only), MXR=0", v);
    csr_set(sstatus, MSTATUS_MXR);
    v = load(VA_XONLY);
    show("ld 0x40004000 (execute-only), MXR=1", v);
    csr_clear(sstatus, MSTATUS_MXR);

    v = load(VA_USER);
    show("ld 0x40002000 (U page), SUM=0", v);
    fault_cause = 0;
    ((void (*)(void))VA_USER)();
    show("call 0x40002000 (U page, X)", 0);
    /* Not here: the same call after a load with SUM=1. QEMU 7.2 then runs
     * the U page in S-mode (its TLB entry from the load allows fetches);
     * the spec forbids it whatever SUM says (§4.3.1). */
    csr_set(sstatus, MSTATUS_SUM);
    v = load(VA_USER);
    show("ld 0x40002000 (U page), SUM=1", v);
    csr_clear(sstatus, MSTATUS_SUM);
    v = load(VA_USER);
    show("ld 0x40002000 (U page), SUM=0 again", v);

    fault_cause = 0;
    ((void (*)(void))VA_PAGE)();
    show("call 0x40000000 (no X)", 0);
    v = load(0x8000000000ul);
    show("ld 0x8000000000 (not canonical)", v);
    v = load(0xffffffc000000000ul);
    show("ld 0xffffffc000000000 (no PTE)", v);

    printf("-- remap 0x40000000 to page_u, sfence.vma\n");
    l0[0] = pte(page_u, PTE_R | PTE_W | PTE_A | PTE_D);
    __asm__ volatile("sfence.vma" ::: "memory");
    v = load(VA_PAGE);
    show("ld 0x40000000", v);
    ecall_to_m();
}

int main(void)
{
    csr_write(mtvec, mtrap_entry);
    pmp_allow_all();
    page_a[0] = 0x1122334455667788ull;
    page_u[0] = 0x0123456789abcdefull;

    /* gigapages: devices at 0 and RAM at 0x80000000 mapped as they are */
    root[0] = pte(0, PTE_R | PTE_W | PTE_A | PTE_D);
    root[2] = pte((void *)0x80000000ul, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    root[1] = pte(l1, 0);
    l1[0] = pte(l0, 0);
    l0[0] = pte(page_a, PTE_R | PTE_W);
    l0[2] = pte(page_u, PTE_U | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    l0[3] = pte(page_a, PTE_R | PTE_A);
    l0[4] = pte(page_a, PTE_X | PTE_A);
    printf("page_a[0] = %#llx, page_u[0] = %#llx\n",
           (unsigned long long)page_a[0], (unsigned long long)page_u[0]);
    printf("PTE of 0x40000000 before: %s\n", flags(l0[0]));

    csr_write(satp, 8ul << 60 | (uintptr_t)root >> 12);
    printf("satp mode = %lu\n", csr_read(satp) >> 60);
    run_lower(PRIV_S, supervisor_main);
    printf("-- back in M-mode (satp is not used in M)\n");
    printf("page_a[1] read in M-mode: %#llx\n",
           (unsigned long long)page_a[1]);
    return 0;
}
