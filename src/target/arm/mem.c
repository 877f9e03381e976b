/* Loads, stores and fetches off the fast path: filling the RAM page cache,
 * alignment rules (A3.2: v7-M LDR/STR/LDRH/STRH may be unaligned unless
 * CCR.UNALIGN_TRP; v6-M and LDM/STM/LDRD/STRD/LDREX/STREX never), MMIO
 * through the address space, BusFaults with BFAR on failed accesses and
 * on unprivileged ones (LDRT, STRT... included) to the System Control
 * Space, and stores into decoded code. The SCS is MMIO, never in the page
 * cache, so the fast path needs no privilege check.
 * SPDX-License-Identifier: MIT */
#include "target/arm/cpu.h"

void arm_tlb_flush(ArmCpu *cpu)
{
    for (unsigned i = 0; i < ARM_TLB_SIZE; i++) {
        cpu->rtlb[i].tag = cpu->wtlb[i].tag = ARM_TLB_INVALID;
    }
}

static void tlb_fill(ArmCpu *cpu, uint32_t addr, bool write)
{
    uint32_t page = addr & ARM_PAGE_MASK;
    uint64_t avail = 0;
    uint8_t *p = addrspace_host_ptr(cpu->base.as, page, write, &avail);
    if (!p || avail < 0x1000) {
        return;
    }
    if (write && arm_bc_page_has_code(cpu, page)) {
        return;                      /* stores there must see the code */
    }
    ArmTlb *e = &(write ? cpu->wtlb : cpu->rtlb)[(addr >> 12) & (ARM_TLB_SIZE - 1)];
    e->tag = page;
    e->addend = (uintptr_t)p - page;
}

static bool misaligned(ArmCpu *cpu, uint32_t addr, unsigned size,
                       unsigned acc)
{
    if (!(addr & (size - 1))) {
        return false;
    }
    if ((acc & ARM_ACC_STRICT) || cpu->v6m ||
        (cpu->ccr & ARM_CCR_UNALIGN_TRP)) {
        cpu->fault_exc = ARM_EXC_USAGEFAULT;
        cpu->fault_cfsr = ARM_CFSR_UNALIGNED;
        return true;
    }
    return false;
}

static void bus_fault(ArmCpu *cpu, uint32_t addr)
{
    cpu->fault_exc = ARM_EXC_BUSFAULT;
    cpu->fault_cfsr = ARM_CFSR_PRECISERR | ARM_CFSR_BFARVALID;
    cpu->fault_addr = addr;
}

/* The System Control Space is for privileged code only, but for STIR
 * with CCR.USERSETMPEND (B3.2.2, B3.4.3): other unprivileged accesses,
 * those of unprivileged code and LDRT/STRT... (A7.7: "unprivileged"
 * accesses) of any, BusFault */
static bool scs_denied(ArmCpu *cpu, uint32_t addr, bool write, unsigned acc)
{
    if (addr < 0xe000e000u || addr > 0xe000efffu ||
        (arm_privileged(cpu) && !(acc & ARM_ACC_UNPRIV))) {
        return false;
    }
    if (write && addr >= 0xe000ef00u && addr < 0xe000ef04u &&
        (cpu->ccr & ARM_CCR_USERSETMPEND)) {
        return false;
    }
    bus_fault(cpu, addr);
    return true;
}

bool arm_load_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t *val,
                   unsigned acc)
{
    if (misaligned(cpu, addr, size, acc) || scs_denied(cpu, addr, false, acc)) {
        return false;
    }
    tlb_fill(cpu, addr, false);
    uint64_t v = 0;
    if (addr & (size - 1)) {                     /* byte by byte */
        for (unsigned i = 0; i < size; i++) {
            uint64_t b;
            if (!addrspace_ld(cpu->base.as, (uint32_t)(addr + i), 1, &b)) {
                bus_fault(cpu, addr);
                return false;
            }
            v |= b << (8 * i);
        }
    } else if (!addrspace_ld(cpu->base.as, addr, size, &v)) {
        bus_fault(cpu, addr);
        return false;
    }
    *val = (uint32_t)v;
    return true;
}

int arm_store_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t val,
                   unsigned acc)
{
    if (misaligned(cpu, addr, size, acc) || scs_denied(cpu, addr, true, acc)) {
        return ARM_MEM_FAULT;
    }
    bool code = arm_bc_page_has_code(cpu, addr) ||
                arm_bc_page_has_code(cpu, addr + size - 1);
    if (!code) {
        tlb_fill(cpu, addr, true);
    }
    bool ok = true;
    if (addr & (size - 1)) {
        for (unsigned i = 0; i < size && ok; i++) {
            ok = addrspace_st(cpu->base.as, (uint32_t)(addr + i), 1,
                              (val >> (8 * i)) & 0xff);
        }
    } else {
        ok = addrspace_st(cpu->base.as, addr, size, val);
    }
    if (!ok) {
        bus_fault(cpu, addr);
        return ARM_MEM_FAULT;
    }
    if (code) {
        cpu->flush_pending = true;
        return ARM_MEM_EXIT;
    }
    /* an MMIO store may have changed the pending state, SysTick or the
     * map: the dispatcher looks again after the instruction */
    if (!addrspace_host_ptr(cpu->base.as, addr, true, &(uint64_t){ 0 })) {
        return ARM_MEM_EXIT;
    }
    return ARM_MEM_OK;
}

bool arm_fetch16(ArmCpu *cpu, uint32_t addr, uint16_t *hw)
{
    uint64_t v;
    /* the System region (0xE0000000 up) is never executable (B3.1) */
    if (addr >= 0xe0000000u || !addrspace_ld(cpu->base.as, addr, 2, &v)) {
        cpu->fault_exc = addr >= 0xe0000000u ? ARM_EXC_MEMMANAGE
                                             : ARM_EXC_BUSFAULT;
        cpu->fault_cfsr = addr >= 0xe0000000u ? ARM_CFSR_IACCVIOL
                                              : ARM_CFSR_IBUSERR;
        cpu->fault_addr = addr;
        return false;
    }
    *hw = (uint16_t)v;
    return true;
}
