/* RISC-V address translation (Sv32, Sv39, Sv48; Privileged §4.3-4.5) with
 * MPRV/SUM/MXR, hardware A/D update, physical memory protection (PMP,
 * §3.7), the software TLBs and the slow paths of loads, stores, LR/SC and
 * AMOs (Unprivileged ch. 8).
 *
 * PMP is checked when a TLB entry is filled, for the whole page: where one
 * entry decides for all of it, the TLB keeps the answer; where a region
 * boundary falls inside the page, the entry is marked RV_TLB_PMP and every
 * load, store and AMO to it is checked exactly in the slow path. Fetches
 * are checked at the first instruction fetched from such a page (a block
 * running on into a denied part of the same page is not stopped).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "target/riscv/cpu.h"

enum { ACC_R, ACC_W, ACC_X };

static const uint8_t page_fault[] = { RV_EXC_LOAD_PAGE, RV_EXC_STORE_PAGE,
                                      RV_EXC_INSN_PAGE };
static const uint8_t access_fault[] = { RV_EXC_LOAD_ACCESS, RV_EXC_STORE_ACCESS,
                                        RV_EXC_INSN_ACCESS };

#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_U (1u << 4)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)

static void tlb_clear(RvTlbEntry *t)
{
    for (unsigned i = 0; i < RV_TLB_SIZE; i++) {
        t[i].tag = RV_TLB_INVALID;
    }
}

void rv_tlb_flush(RiscvCpu *cpu)
{
    cpu->tlb_gen = memory_map_gen();
    tlb_clear(cpu->dtlb);
    tlb_clear(cpu->wtlb);
    tlb_clear(cpu->itlb);
}

void rv_tlb_flush_writes(RiscvCpu *cpu)
{
    tlb_clear(cpu->wtlb);
}

void rv_flush_all(RiscvCpu *cpu)
{
    rv_bc_flush(cpu);
    rv_tlb_flush(cpu);
    cpu->map_gen = memory_map_gen();
}

/* The privilege loads and stores use: MPRV makes M-mode use MPP (§3.1.6.3). */
static unsigned data_priv(const RiscvCpu *cpu)
{
    if (cpu->priv == RV_PRIV_M && (cpu->mstatus & RV_MS_MPRV)) {
        return (cpu->mstatus & RV_MS_MPP) >> RV_MS_MPP_SHIFT;
    }
    return cpu->priv;
}

/* ---- PMP (Privileged §3.7) ------------------------------------------- */

enum { PMP_ALLOW, PMP_DENY, PMP_PARTIAL };
enum { PMP_R = 1, PMP_W = 2, PMP_X = 4, PMP_A_SHIFT = 3, PMP_L = 0x80 };
enum { PMP_OFF, PMP_TOR, PMP_NA4, PMP_NAPOT };

/* The bytes entry i covers, [*lo, *hi] (inclusive); false when none. */
static bool pmp_range(const RiscvCpu *cpu, unsigned i, uint64_t *lo, uint64_t *hi)
{
    uint64_t a = cpu->pmpaddr[i];
    switch ((cpu->pmpcfg[i] >> PMP_A_SHIFT) & 3) {
    case PMP_TOR: {
        uint64_t base = i ? cpu->pmpaddr[i - 1] << 2 : 0;
        if ((a << 2) <= base) {
            return false;
        }
        *lo = base;
        *hi = (a << 2) - 1;
        return true;
    }
    case PMP_NA4:
        *lo = a << 2;
        *hi = *lo + 3;
        return true;
    case PMP_NAPOT: {
        unsigned ones = (unsigned)__builtin_ctzll(~a);   /* a has < 64 ones */
        uint64_t mask = ones >= 61 ? UINT64_MAX : (8ull << ones) - 1;
        *lo = (a << 2) & ~mask;
        *hi = *lo | mask;
        return true;
    }
    }
    return false;
}

/* Whether an access of kind acc at privilege priv to the len bytes at pa
 * is allowed by the highest-priority entry that matches; PMP_PARTIAL when
 * that entry covers only part of them (an access that straddles fails). */
static int pmp_check(const RiscvCpu *cpu, uint64_t pa, uint64_t len, int acc,
                     unsigned priv)
{
    uint64_t last = pa + len - 1;
    for (unsigned i = 0; i < 64; i++) {
        uint8_t cfg = cpu->pmpcfg[i];
        uint64_t lo, hi;
        if (!((cfg >> PMP_A_SHIFT) & 3) || !pmp_range(cpu, i, &lo, &hi) ||
            hi < pa || lo > last) {
            continue;
        }
        if (lo > pa || hi < last) {
            return PMP_PARTIAL;
        }
        if (priv == RV_PRIV_M && !(cfg & PMP_L)) {
            return PMP_ALLOW;                  /* unlocked: M is not checked */
        }
        static const uint8_t need[] = { PMP_R, PMP_W, PMP_X };
        return cfg & need[acc] ? PMP_ALLOW : PMP_DENY;
    }
    /* no entry matches: M-mode succeeds, S and U fail (entries exist) */
    return priv == RV_PRIV_M ? PMP_ALLOW : PMP_DENY;
}

static bool pmp_allows(const RiscvCpu *cpu, uint64_t pa, uint64_t len, int acc,
                       unsigned priv)
{
    return pmp_check(cpu, pa, len, acc, priv) == PMP_ALLOW;
}

/* Walk the page table (§4.3.2). 0 and *pa on success, else the cause. */
static int translate(RiscvCpu *cpu, uint64_t va, int acc, unsigned priv,
                     uint64_t *pa)
{
    unsigned mode = cpu->xlen == 32 ? (unsigned)(cpu->satp >> 31)
                                    : (unsigned)(cpu->satp >> 60);
    if (priv == RV_PRIV_M || mode == 0) {
        *pa = va;
        return 0;
    }
    unsigned levels, vpn_bits = 9, pte_size = 8;
    uint64_t ppn_root;
    if (cpu->xlen == 32) {
        levels = 2;
        vpn_bits = 10;
        pte_size = 4;
        ppn_root = cpu->satp & 0x3fffff;
    } else {
        levels = mode == 8 ? 3 : 4;
        ppn_root = cpu->satp & ((1ull << 44) - 1);
        /* the upper bits must copy the top bit of the virtual address */
        unsigned va_bits = 12 + 9 * levels;
        int64_t top = (int64_t)va >> (va_bits - 1);
        if (top != 0 && top != -1) {
            return page_fault[acc];
        }
    }
    uint64_t a = ppn_root << 12;
    for (int i = levels - 1; i >= 0; i--) {
        uint64_t vpn = (va >> (12 + vpn_bits * i)) & ((1u << vpn_bits) - 1);
        uint64_t pte_addr = a + vpn * pte_size, pte;
        /* the walk's own accesses are checked as S-mode ones (§3.7.1) */
        if (!pmp_allows(cpu, pte_addr, pte_size, ACC_R, RV_PRIV_S) ||
            !addrspace_ld(cpu->base.as, pte_addr, pte_size, &pte)) {
            return access_fault[acc];
        }
        if (!(pte & PTE_V) || ((pte & (PTE_R | PTE_W)) == PTE_W)) {
            return page_fault[acc];
        }
        if (pte_size == 8 && (pte >> 54)) {
            return page_fault[acc];   /* reserved, Svpbmt, Svnapot bits */
        }
        uint64_t ppn = pte >> 10;
        if (pte_size == 8) {
            ppn &= (1ull << 44) - 1;
        }
        if (!(pte & (PTE_R | PTE_X))) {
            a = ppn << 12;            /* pointer to the next level */
            continue;
        }
        /* a leaf: permissions (§4.3.1) */
        if (priv == RV_PRIV_U && !(pte & PTE_U)) {
            return page_fault[acc];
        }
        if (priv == RV_PRIV_S && (pte & PTE_U) &&
            (acc == ACC_X || !(cpu->mstatus & RV_MS_SUM))) {
            return page_fault[acc];
        }
        bool ok = acc == ACC_X ? (pte & PTE_X) :
                  acc == ACC_W ? (pte & PTE_W) :
                  (pte & PTE_R) || ((cpu->mstatus & RV_MS_MXR) && (pte & PTE_X));
        if (!ok) {
            return page_fault[acc];
        }
        uint64_t low = ((uint64_t)1 << (vpn_bits * i)) - 1;
        if (ppn & low) {
            return page_fault[acc];   /* misaligned superpage */
        }
        /* A/D: updated by the walker, as QEMU does (§4.3.1 option 2) */
        uint64_t want = PTE_A | (acc == ACC_W ? PTE_D : 0);
        if ((pte & want) != want) {
            pte |= want;
            if (!pmp_allows(cpu, pte_addr, pte_size, ACC_W, RV_PRIV_S) ||
                !addrspace_st(cpu->base.as, pte_addr, pte_size, pte)) {
                return access_fault[acc];
            }
        }
        ppn |= (va >> 12) & low;
        *pa = (ppn << 12) | (va & 0xfff);
        return 0;
    }
    return page_fault[acc];
}

/* Fill the TLB entry for va and access acc; NULL after raising a trap. */
static RvTlbEntry *fill(RiscvCpu *cpu, uint64_t va, int acc, uint64_t pc)
{
    /* host pointers are stale after a map change; decoded blocks are
     * dropped at the next block boundary (never under a running block) */
    if (cpu->tlb_gen != memory_map_gen()) {
        rv_tlb_flush(cpu);
    }
    unsigned priv = acc == ACC_X ? cpu->priv : data_priv(cpu);
    uint64_t pa = 0;
    int cause = translate(cpu, va, acc, priv, &pa);
    if (cause) {
        rv_raise(cpu, cause, va, pc);
        return NULL;
    }
    uint64_t pmp_flag = 0;
    int pmp = pmp_check(cpu, pa & RV_PAGE_MASK, 4096, acc, priv);
    if (pmp == PMP_PARTIAL) {
        /* a region boundary inside the page: loads and stores are checked
         * one by one (RV_TLB_PMP); a fetch here and now */
        pmp = acc == ACC_X ? pmp_check(cpu, pa, 2, acc, priv) : PMP_ALLOW;
        pmp_flag = RV_TLB_PMP;
    }
    if (pmp != PMP_ALLOW) {
        rv_raise(cpu, access_fault[acc], va, pc);
        return NULL;
    }
    RvTlbEntry *t = acc == ACC_X ? cpu->itlb : acc == ACC_W ? cpu->wtlb
                                                          : cpu->dtlb;
    RvTlbEntry *e = &t[(va >> 12) & (RV_TLB_SIZE - 1)];
    uint64_t page = va & RV_PAGE_MASK, ppage = pa & RV_PAGE_MASK, avail = 0;
    uint8_t *host = addrspace_host_ptr(cpu->base.as, ppage, acc == ACC_W,
                                       &avail);
    uint64_t flags = pmp_flag;
    if (!host || avail < 4096) {
        flags |= RV_TLB_MMIO;
        e->addend = 0;
    } else {
        e->addend = (uintptr_t)host - (uintptr_t)page;
    }
    if (acc == ACC_W && rv_bc_page_has_code(cpu, ppage)) {
        flags |= RV_TLB_CODE;
    }
    e->tag = page | flags;
    e->paddr = ppage;
    return e;
}

/* The exact PMP check of an access through an entry marked RV_TLB_PMP;
 * false after raising the access fault. */
static bool pmp_exact(RiscvCpu *cpu, const RvTlbEntry *e, uint64_t va,
                      unsigned size, int acc, uint64_t pc)
{
    if (!(e->tag & RV_TLB_PMP) ||
        pmp_allows(cpu, e->paddr | (va & 0xfff), size, acc,
                   acc == ACC_X ? cpu->priv : data_priv(cpu))) {
        return true;
    }
    rv_raise(cpu, access_fault[acc], va, pc);
    return false;
}

static RvTlbEntry *entry(RiscvCpu *cpu, uint64_t va, int acc, uint64_t pc)
{
    RvTlbEntry *t = acc == ACC_X ? cpu->itlb : acc == ACC_W ? cpu->wtlb
                                                          : cpu->dtlb;
    RvTlbEntry *e = &t[(va >> 12) & (RV_TLB_SIZE - 1)];
    if (e->tag != RV_TLB_INVALID && (e->tag & RV_PAGE_MASK) == (va & RV_PAGE_MASK)) {
        return e;
    }
    return fill(cpu, va, acc, pc);
}

const RvTlbEntry *rv_fetch_entry(RiscvCpu *cpu, uint64_t pc)
{
    return entry(cpu, pc, ACC_X, pc);
}

static uint64_t host_ld(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, p, size);          /* little-endian host (checked in exec.c) */
    return v;
}

static void host_st(uint8_t *p, unsigned size, uint64_t v)
{
    memcpy(p, &v, size);
}

bool rv_load_slow(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t *val,
                  uint64_t pc)
{
    uint64_t m = rv_xmask(cpu);
    va &= m;
    if ((va & 0xfff) + size > 4096) {
        /* misaligned across a page: done byte by byte (allowed, §2.6) */
        uint64_t v = 0, b;
        for (unsigned i = 0; i < size; i++) {
            if (!rv_load_slow(cpu, (va + i) & m, 1, &b, pc)) {
                return false;
            }
            v |= b << (8 * i);
        }
        *val = v;
        return true;
    }
    RvTlbEntry *e = entry(cpu, va, ACC_R, pc);
    if (!e || !pmp_exact(cpu, e, va, size, ACC_R, pc)) {
        return false;
    }
    if (!(e->tag & RV_TLB_MMIO)) {
        *val = host_ld((uint8_t *)(e->addend + (uintptr_t)va), size);
        return true;
    }
    if (!addrspace_ld(cpu->base.as, e->paddr | (va & 0xfff), size, val)) {
        rv_raise(cpu, RV_EXC_LOAD_ACCESS, va, pc);
        return false;
    }
    return true;
}

int rv_store_slow(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t val,
                  uint64_t pc)
{
    uint64_t m = rv_xmask(cpu);
    va &= m;
    if ((va & 0xfff) + size > 4096) {
        int res = RV_MEM_OK;
        /* translate both pages first, so a fault leaves memory unchanged */
        if (!entry(cpu, va, ACC_W, pc) ||
            !entry(cpu, (va + size - 1) & m, ACC_W, pc)) {
            return RV_MEM_EXC;
        }
        for (unsigned i = 0; i < size; i++) {
            int r = rv_store_slow(cpu, (va + i) & m, 1, val >> (8 * i), pc);
            if (r == RV_MEM_EXC) {
                return r;
            }
            if (r == RV_MEM_EXIT) {
                res = r;
            }
        }
        return res;
    }
    RvTlbEntry *e = entry(cpu, va, ACC_W, pc);
    if (!e || !pmp_exact(cpu, e, va, size, ACC_W, pc)) {
        return RV_MEM_EXC;
    }
    uint64_t pa = e->paddr | (va & 0xfff);
    if (!(e->tag & RV_TLB_MMIO)) {
        host_st((uint8_t *)(e->addend + (uintptr_t)va), size, val);
        if ((e->tag & RV_TLB_CODE) && rv_bc_is_code(cpu, pa, size)) {
            /* self-modifying code: drop the decoded blocks */
            rv_flush_all(cpu);
            return RV_MEM_EXIT;
        }
        return RV_MEM_OK;
    }
    if (!addrspace_st(cpu->base.as, pa, size, val)) {
        rv_raise(cpu, RV_EXC_STORE_ACCESS, va, pc);
        return RV_MEM_EXC;
    }
    if (cpu->map_gen != memory_map_gen()) {
        rv_flush_all(cpu);          /* the store remapped memory */
        return RV_MEM_EXIT;
    }
    return RV_MEM_OK;
}

/* ---- A extension ------------------------------------------------------ */

/* The physical target of an AMO/SC: host pointer or bus address. */
typedef struct AmoRef {
    uint8_t *host;
    uint64_t pa;
} AmoRef;

static bool amo_ref(RiscvCpu *cpu, uint64_t va, unsigned size, int acc,
                    AmoRef *r, uint64_t pc)
{
    if (va & (size - 1)) {
        /* misaligned LR/SC/AMO: address-misaligned (§8.2, §8.4) */
        rv_raise(cpu, acc == ACC_R ? RV_EXC_LOAD_MISALIGNED
                                   : RV_EXC_STORE_MISALIGNED, va, pc);
        return false;
    }
    RvTlbEntry *e = entry(cpu, va, acc, pc);
    if (!e || !pmp_exact(cpu, e, va, size, acc, pc)) {
        return false;
    }
    r->pa = e->paddr | (va & 0xfff);
    r->host = e->tag & RV_TLB_MMIO ? NULL
                                    : (uint8_t *)(e->addend + (uintptr_t)va);
    return true;
}

static bool amo_ld(RiscvCpu *cpu, const AmoRef *r, unsigned size, uint64_t va,
                   uint64_t *v, unsigned cause, uint64_t pc)
{
    if (r->host) {
        *v = host_ld(r->host, size);
        return true;
    }
    if (!addrspace_ld(cpu->base.as, r->pa, size, v)) {
        rv_raise(cpu, cause, va, pc);
        return false;
    }
    return true;
}

static int amo_st(RiscvCpu *cpu, const AmoRef *r, unsigned size, uint64_t va,
                  uint64_t v, uint64_t pc)
{
    if (r->host) {
        host_st(r->host, size, v);
        if (rv_bc_is_code(cpu, r->pa, size)) {
            rv_flush_all(cpu);
            return RV_MEM_EXIT;
        }
        return RV_MEM_OK;
    }
    if (!addrspace_st(cpu->base.as, r->pa, size, v)) {
        rv_raise(cpu, RV_EXC_STORE_ACCESS, va, pc);
        return RV_MEM_EXC;
    }
    return RV_MEM_OK;
}

static uint64_t sext_size(uint64_t v, unsigned size)
{
    return size == 4 ? (uint64_t)(int64_t)(int32_t)v : v;
}

bool rv_lr(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t *rd_val,
           uint64_t pc)
{
    AmoRef r;
    uint64_t v;
    va &= rv_xmask(cpu);
    if (!amo_ref(cpu, va, size, ACC_R, &r, pc) ||
        !amo_ld(cpu, &r, size, va, &v, RV_EXC_LOAD_ACCESS, pc)) {
        return false;
    }
    /* the reservation remembers the value: an SC succeeds when memory still
     * holds it, so other harts' stores (run in the same thread) break it */
    cpu->res_valid = true;
    cpu->res_addr = va;
    cpu->res_val = v;
    *rd_val = sext_size(v, size);
    return true;
}

int rv_sc(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t val,
          uint64_t *rd_val, uint64_t pc)
{
    AmoRef r;
    va &= rv_xmask(cpu);
    if (!amo_ref(cpu, va, size, ACC_W, &r, pc)) {
        return RV_MEM_EXC;
    }
    bool valid = cpu->res_valid && cpu->res_addr == va;
    cpu->res_valid = false;
    uint64_t cur;
    if (!valid || !amo_ld(cpu, &r, size, va, &cur, RV_EXC_STORE_ACCESS, pc)) {
        if (valid) {
            return RV_MEM_EXC;
        }
        *rd_val = 1;
        return RV_MEM_OK;
    }
    uint64_t mask = size == 4 ? UINT32_MAX : UINT64_MAX;
    if ((cur & mask) != (cpu->res_val & mask)) {
        *rd_val = 1;
        return RV_MEM_OK;
    }
    int res = amo_st(cpu, &r, size, va, val, pc);
    *rd_val = 0;
    return res;
}

int rv_amo(RiscvCpu *cpu, unsigned op, uint64_t va, unsigned size,
           uint64_t src, uint64_t *rd_val, uint64_t pc)
{
    AmoRef r;
    uint64_t old;
    va &= rv_xmask(cpu);
    if (!amo_ref(cpu, va, size, ACC_W, &r, pc) ||
        !amo_ld(cpu, &r, size, va, &old, RV_EXC_STORE_ACCESS, pc)) {
        return RV_MEM_EXC;
    }
    uint64_t a = sext_size(old, size), b = sext_size(src, size), n;
    if (size == 4) {
        a &= UINT32_MAX;        /* unsigned compares use the low 32 bits */
        b &= UINT32_MAX;
    }
    int64_t sa = size == 4 ? (int32_t)a : (int64_t)a;
    int64_t sb = size == 4 ? (int32_t)b : (int64_t)b;
    switch (op) {
    case RV_OP_amoswap_w: case RV_OP_amoswap_d: n = b; break;
    case RV_OP_amoadd_w:  case RV_OP_amoadd_d:  n = a + b; break;
    case RV_OP_amoxor_w:  case RV_OP_amoxor_d:  n = a ^ b; break;
    case RV_OP_amoand_w:  case RV_OP_amoand_d:  n = a & b; break;
    case RV_OP_amoor_w:   case RV_OP_amoor_d:   n = a | b; break;
    case RV_OP_amomin_w:  case RV_OP_amomin_d:  n = sa < sb ? a : b; break;
    case RV_OP_amomax_w:  case RV_OP_amomax_d:  n = sa > sb ? a : b; break;
    case RV_OP_amominu_w: case RV_OP_amominu_d: n = a < b ? a : b; break;
    default:              n = a > b ? a : b; break;   /* amomaxu */
    }
    int res = amo_st(cpu, &r, size, va, n, pc);
    if (res != RV_MEM_EXC) {
        *rd_val = sext_size(old, size);
    }
    return res;
}
