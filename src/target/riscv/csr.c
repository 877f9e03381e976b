/* RISC-V privileged state: CSRs with their access rules and WARL masks,
 * traps and delegation, interrupts in priority order, xRET, WFI and
 * SFENCE.VMA (Privileged Architecture 20211203 ch. 2, 3, 4; Zicsr); the
 * floating-point CSRs and mstatus.FS/SD (Unprivileged §11.2, Privileged
 * §3.1.6.6).
 * SPDX-License-Identifier: MIT */
#include "target/riscv/cpu.h"

#define MSTATUS_W (RV_MS_SIE | RV_MS_MIE | RV_MS_SPIE | RV_MS_MPIE | \
                   RV_MS_SPP | RV_MS_MPP | RV_MS_MPRV | RV_MS_SUM | \
                   RV_MS_MXR | RV_MS_TVM | RV_MS_TW | RV_MS_TSR | RV_MS_FS)
#define SSTATUS_MASK (RV_MS_SIE | RV_MS_SPIE | RV_MS_SPP | RV_MS_SUM | \
                      RV_MS_MXR | RV_MS_UXL | RV_MS_FS)
/* exceptions that may be delegated: all but ecall from M (§3.1.8) */
#define MEDELEG_W 0xb3ffull
#define MIP_W (RV_MIP_SSIP | RV_MIP_STIP | RV_MIP_SEIP)
#define MIE_W RV_ALL_INTS

static uint64_t retired(RiscvCpu *cpu)
{
    return cpu->base.retired;
}

static uint64_t time_now(RiscvCpu *cpu)
{
    return cpu->time_read ? cpu->time_read(cpu->time_opaque) : retired(cpu);
}

/* mstatus as read: SD summarizes FS == Dirty (there is no XS or VS). */
static uint64_t mstatus_read(const RiscvCpu *cpu)
{
    uint64_t sd = (uint64_t)1 << (cpu->xlen - 1);
    return cpu->mstatus | ((cpu->mstatus & RV_MS_FS) == RV_MS_FS ? sd : 0);
}

static void set_priv(RiscvCpu *cpu, unsigned priv)
{
    if (cpu->priv != priv) {
        cpu->priv = priv;
        rv_tlb_flush(cpu);
    }
}

/* ---- Interrupts (§3.1.9) ---------------------------------------------- */

static uint64_t takeable(const RiscvCpu *cpu)
{
    uint64_t pend = cpu->mip & cpu->mie;
    if (!pend) {
        return 0;
    }
    uint64_t m = pend & ~cpu->mideleg, s = pend & cpu->mideleg;
    bool m_on = cpu->priv < RV_PRIV_M || (cpu->mstatus & RV_MS_MIE);
    bool s_on = cpu->priv < RV_PRIV_S ||
                (cpu->priv == RV_PRIV_S && (cpu->mstatus & RV_MS_SIE));
    if (m && m_on) {
        return m;
    }
    return s_on ? s : 0;
}

void rv_update_irq(RiscvCpu *cpu)
{
    cpu->mip = (cpu->mip & ~(uint64_t)RV_MIP_SEIP) |
               ((cpu->seip_sw || cpu->seip_pin) ? RV_MIP_SEIP : 0);
    cpu->irq_pending = takeable(cpu) != 0;
    if (cpu->mip & cpu->mie) {
        cpu->base.halted = false;     /* wfi wakes whatever the enables */
    }
}

/* Enter the trap handler; async: cause is an interrupt number. */
static void trap(RiscvCpu *cpu, uint64_t cause, bool async, uint64_t tval,
                 uint64_t pc)
{
    uint64_t deleg = async ? cpu->mideleg : cpu->medeleg;
    uint64_t xcause = cause | (async ? (uint64_t)1 << (cpu->xlen - 1) : 0);
    uint64_t ms = cpu->mstatus;
    if (cpu->priv <= RV_PRIV_S && ((deleg >> cause) & 1)) {
        cpu->scause = xcause;
        cpu->sepc = pc;
        cpu->stval = tval;
        ms = (ms & ~RV_MS_SPIE) | ((ms & RV_MS_SIE) ? RV_MS_SPIE : 0);
        ms = (ms & ~(RV_MS_SPP | RV_MS_SIE)) |
             (cpu->priv == RV_PRIV_S ? RV_MS_SPP : 0);
        cpu->pc = cpu->stvec & ~(uint64_t)3;
        if (async && (cpu->stvec & 3) == 1) {
            cpu->pc += 4 * cause;
        }
        cpu->mstatus = ms;
        set_priv(cpu, RV_PRIV_S);
    } else {
        cpu->mcause = xcause;
        cpu->mepc = pc;
        cpu->mtval = tval;
        ms = (ms & ~RV_MS_MPIE) | ((ms & RV_MS_MIE) ? RV_MS_MPIE : 0);
        ms = (ms & ~(RV_MS_MPP | RV_MS_MIE)) |
             ((uint64_t)cpu->priv << RV_MS_MPP_SHIFT);
        cpu->pc = cpu->mtvec & ~(uint64_t)3;
        if (async && (cpu->mtvec & 3) == 1) {
            cpu->pc += 4 * cause;
        }
        cpu->mstatus = ms;
        set_priv(cpu, RV_PRIV_M);
    }
    cpu->pc &= rv_xmask(cpu);
    rv_update_irq(cpu);
}

void rv_raise(RiscvCpu *cpu, unsigned cause, uint64_t tval, uint64_t pc)
{
    trap(cpu, cause, false, tval & rv_xmask(cpu), pc);
}

void rv_take_interrupt(RiscvCpu *cpu)
{
    /* priority: MEI, MSI, MTI, SEI, SSI, STI (§3.1.9) */
    static const uint8_t order[] = {
        RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_SEI, RV_IRQ_SSI, RV_IRQ_STI,
    };
    uint64_t t = takeable(cpu);
    for (unsigned i = 0; i < sizeof(order); i++) {
        if ((t >> order[i]) & 1) {
            cpu->base.halted = false;
            trap(cpu, order[i], true, 0, cpu->pc);
            return;
        }
    }
    cpu->irq_pending = false;
}

/* ---- CSR state -------------------------------------------------------- */

void rv_csr_reset(RiscvCpu *cpu)
{
    cpu->priv = RV_PRIV_M;
    cpu->mstatus = cpu->xlen == 64 ? (2ull << 32) | (2ull << 34) : 0;
    cpu->misa = (cpu->xlen == 64 ? 2ull << 62 : 1ull << 30) |
                (1u << ('I' - 'A')) | (1u << ('M' - 'A')) |
                (1u << ('F' - 'A')) | (1u << ('D' - 'A')) |
                (1u << ('A' - 'A')) | (1u << ('C' - 'A')) |
                (1u << ('S' - 'A')) | (1u << ('U' - 'A'));
    cpu->medeleg = cpu->mideleg = 0;
    cpu->mie = 0;
    cpu->mip &= RV_MIP_MSIP | RV_MIP_MTIP | RV_MIP_MEIP;  /* lines stay */
    cpu->seip_sw = false;
    cpu->mtvec = cpu->stvec = cpu->mepc = cpu->sepc = 0;
    cpu->mcause = cpu->scause = cpu->mtval = cpu->stval = 0;
    cpu->mscratch = cpu->sscratch = cpu->satp = 0;
    cpu->mcounteren = cpu->scounteren = 0;
    cpu->cycle_off = cpu->instret_off = -retired(cpu);
    for (unsigned i = 0; i < 64; i++) {
        cpu->pmpcfg[i] = 0;
        cpu->pmpaddr[i] = 0;
    }
    cpu->res_valid = false;
    /* FS = Off (in mstatus above), as on QEMU: firmware turns it on */
    for (unsigned i = 0; i < 32; i++) {
        cpu->f[i] = 0;
    }
    cpu->frm = cpu->fflags = 0;
    rv_update_irq(cpu);
}

static bool pmp_locked_addr(const RiscvCpu *cpu, unsigned i)
{
    if (cpu->pmpcfg[i] & 0x80) {
        return true;
    }
    /* the next entry's TOR range uses this address (§3.7.1) */
    return i + 1 < 64 && (cpu->pmpcfg[i + 1] & 0x80) &&
           ((cpu->pmpcfg[i + 1] >> 3) & 3) == 1;
}

static uint64_t sxlen_val(const RiscvCpu *cpu, uint64_t v)
{
    return v & rv_xmask(cpu);
}

bool rv_csr_read(RiscvCpu *cpu, unsigned csr, uint64_t *val)
{
    bool rv32 = cpu->xlen == 32;
    uint64_t v = 0;
    switch (csr) {
    case RV_CSR_FFLAGS:   v = cpu->fflags; break;
    case RV_CSR_FRM:      v = cpu->frm; break;
    case RV_CSR_FCSR:     v = (unsigned)cpu->frm << 5 | cpu->fflags; break;
    case RV_CSR_SSTATUS:
        v = mstatus_read(cpu) &
            (SSTATUS_MASK | (uint64_t)1 << (cpu->xlen - 1));   /* SD */
        break;
    case RV_CSR_SIE:      v = cpu->mie & cpu->mideleg; break;
    case RV_CSR_STVEC:    v = cpu->stvec; break;
    case RV_CSR_SCOUNTEREN: v = cpu->scounteren; break;
    case RV_CSR_SENVCFG:  v = 0; break;
    case RV_CSR_SSCRATCH: v = cpu->sscratch; break;
    case RV_CSR_SEPC:     v = cpu->sepc; break;
    case RV_CSR_SCAUSE:   v = cpu->scause; break;
    case RV_CSR_STVAL:    v = cpu->stval; break;
    case RV_CSR_SIP:      v = cpu->mip & cpu->mideleg; break;
    case RV_CSR_SATP:     v = cpu->satp; break;
    case RV_CSR_MSTATUS:  v = mstatus_read(cpu); break;
    case RV_CSR_MISA:     v = cpu->misa; break;
    case RV_CSR_MEDELEG:  v = cpu->medeleg; break;
    case RV_CSR_MIDELEG:  v = cpu->mideleg; break;
    case RV_CSR_MIE:      v = cpu->mie; break;
    case RV_CSR_MTVEC:    v = cpu->mtvec; break;
    case RV_CSR_MCOUNTEREN: v = cpu->mcounteren; break;
    case RV_CSR_MENVCFG:  v = 0; break;
    case RV_CSR_MSTATUSH: case RV_CSR_MENVCFGH:
        if (!rv32) {
            return false;
        }
        v = 0;
        break;
    case RV_CSR_MCOUNTINHIBIT: v = 0; break;
    case RV_CSR_MSCRATCH: v = cpu->mscratch; break;
    case RV_CSR_MEPC:     v = cpu->mepc; break;
    case RV_CSR_MCAUSE:   v = cpu->mcause; break;
    case RV_CSR_MTVAL:    v = cpu->mtval; break;
    case RV_CSR_MIP:      v = cpu->mip; break;
    case RV_CSR_MCYCLE: case RV_CSR_CYCLE:
        v = retired(cpu) + cpu->cycle_off;
        break;
    case RV_CSR_MINSTRET: case RV_CSR_INSTRET:
        v = retired(cpu) + cpu->instret_off;
        break;
    case RV_CSR_TIME:     v = time_now(cpu); break;
    case RV_CSR_MCYCLEH: case RV_CSR_CYCLEH:
    case RV_CSR_MINSTRETH: case RV_CSR_INSTRETH: case RV_CSR_TIMEH:
        if (!rv32) {
            return false;
        }
        v = csr == RV_CSR_TIMEH ? time_now(cpu) :
            (csr & 0xf) == 0 ? retired(cpu) + cpu->cycle_off :
            retired(cpu) + cpu->instret_off;
        v >>= 32;
        break;
    case RV_CSR_MVENDORID: case RV_CSR_MARCHID: case RV_CSR_MIMPID:
    case RV_CSR_MCONFIGPTR:
        v = 0;
        break;
    case RV_CSR_MHARTID:  v = cpu->hartid; break;
    default:
        if (csr >= RV_CSR_MHPMEVENT3 && csr <= RV_CSR_MHPMEVENT31) {
            v = 0;
        } else if ((csr >= RV_CSR_MHPMCOUNTER3 && csr <= RV_CSR_MHPMCOUNTER31) ||
                   (csr >= RV_CSR_CYCLE + 3 && csr <= RV_CSR_HPMCOUNTER31)) {
            v = 0;
        } else if ((csr >= RV_CSR_MHPMCOUNTER3H && csr <= RV_CSR_MHPMCOUNTER31H) ||
                   (csr >= RV_CSR_CYCLEH + 3 && csr <= RV_CSR_HPMCOUNTER31H)) {
            if (!rv32) {
                return false;
            }
            v = 0;
        } else if (csr >= RV_CSR_PMPCFG0 && csr <= RV_CSR_PMPCFG15) {
            unsigned n = csr - RV_CSR_PMPCFG0;
            if (!rv32 && (n & 1)) {
                return false;      /* RV64 has only the even ones */
            }
            unsigned per = rv32 ? 4 : 8;
            for (unsigned i = 0; i < per; i++) {
                v |= (uint64_t)cpu->pmpcfg[n * 4 + i] << (8 * i);
            }
        } else if (csr >= RV_CSR_PMPADDR0 && csr <= RV_CSR_PMPADDR63) {
            v = cpu->pmpaddr[csr - RV_CSR_PMPADDR0];
        } else {
            return false;
        }
    }
    *val = sxlen_val(cpu, v);
    return true;
}

static void write_counter(RiscvCpu *cpu, uint64_t *off, uint64_t val,
                          int half)
{
    uint64_t cur = retired(cpu) + *off;
    if (half == 1) {            /* low half on RV32 */
        val = (cur & ~(uint64_t)UINT32_MAX) | (val & UINT32_MAX);
    } else if (half == 2) {     /* high half */
        val = (cur & UINT32_MAX) | (val << 32);
    }
    /* the instruction that writes counts before the write (§3.1.11) */
    *off = val - retired(cpu) - 1;
}

bool rv_csr_write(RiscvCpu *cpu, unsigned csr, uint64_t val)
{
    bool rv32 = cpu->xlen == 32;
    val &= rv_xmask(cpu);
    switch (csr) {
    case RV_CSR_FFLAGS: case RV_CSR_FRM: case RV_CSR_FCSR:
        if (csr == RV_CSR_FFLAGS || csr == RV_CSR_FCSR) {
            cpu->fflags = val & 0x1f;
        }
        if (csr == RV_CSR_FRM) {
            cpu->frm = val & 7;
        } else if (csr == RV_CSR_FCSR) {
            cpu->frm = (val >> 5) & 7;
        }
        cpu->mstatus |= RV_MS_FS;          /* Dirty */
        return true;
    case RV_CSR_SSTATUS:
        val = (cpu->mstatus & ~SSTATUS_MASK) | (val & SSTATUS_MASK & MSTATUS_W);
        return rv_csr_write(cpu, RV_CSR_MSTATUS, val);
    case RV_CSR_SIE: {
        uint64_t m = cpu->mideleg & MIE_W;
        cpu->mie = (cpu->mie & ~m) | (val & m);
        break;
    }
    case RV_CSR_STVEC:
        cpu->stvec = (val & 3) >= 2 ? val & ~(uint64_t)3 : val;
        break;
    case RV_CSR_SCOUNTEREN: cpu->scounteren = (uint32_t)val; break;
    case RV_CSR_SENVCFG: break;
    case RV_CSR_SSCRATCH: cpu->sscratch = val; break;
    case RV_CSR_SEPC:     cpu->sepc = val & ~(uint64_t)1; break;
    case RV_CSR_SCAUSE:   cpu->scause = val; break;
    case RV_CSR_STVAL:    cpu->stval = val; break;
    case RV_CSR_SIP:
        if (cpu->mideleg & RV_MIP_SSIP) {
            cpu->mip = (cpu->mip & ~(uint64_t)RV_MIP_SSIP) | (val & RV_MIP_SSIP);
        }
        break;
    case RV_CSR_SATP: {
        /* an unsupported MODE makes the whole write have no effect (§4.1.11) */
        if (rv32) {
            cpu->satp = val & 0xffffffffu & ~(0x1ffu << 22); /* ASIDLEN 0 */
        } else {
            unsigned mode = val >> 60;
            if (mode != 0 && mode != 8 && mode != 9) {
                break;
            }
            cpu->satp = val & ~(0xffffull << 44);  /* ASIDLEN 0 */
        }
        rv_tlb_flush(cpu);
        break;
    }
    case RV_CSR_MSTATUS: {
        uint64_t old = cpu->mstatus;
        uint64_t nv = (old & ~MSTATUS_W) | (val & MSTATUS_W);
        if (((nv & RV_MS_MPP) >> RV_MS_MPP_SHIFT) == 2) {
            nv = (nv & ~RV_MS_MPP) | (old & RV_MS_MPP);  /* WARL: no H */
        }
        cpu->mstatus = nv;
        if ((old ^ nv) & (RV_MS_MPRV | RV_MS_MPP | RV_MS_SUM | RV_MS_MXR)) {
            rv_tlb_flush(cpu);
        }
        break;
    }
    case RV_CSR_MISA: break;           /* WARL: fixed */
    case RV_CSR_MEDELEG:  cpu->medeleg = val & MEDELEG_W; break;
    case RV_CSR_MIDELEG:  cpu->mideleg = val & RV_S_INTS; break;
    case RV_CSR_MIE:      cpu->mie = val & MIE_W; break;
    case RV_CSR_MTVEC:
        cpu->mtvec = (val & 3) >= 2 ? val & ~(uint64_t)3 : val;
        break;
    case RV_CSR_MCOUNTEREN: cpu->mcounteren = (uint32_t)val; break;
    case RV_CSR_MENVCFG: case RV_CSR_MCOUNTINHIBIT: break;
    case RV_CSR_MSTATUSH: case RV_CSR_MENVCFGH:
        if (!rv32) {
            return false;
        }
        break;
    case RV_CSR_MSCRATCH: cpu->mscratch = val; break;
    case RV_CSR_MEPC:     cpu->mepc = val & ~(uint64_t)1; break;
    case RV_CSR_MCAUSE:   cpu->mcause = val; break;
    case RV_CSR_MTVAL:    cpu->mtval = val; break;
    case RV_CSR_MIP:
        cpu->mip = (cpu->mip & ~(uint64_t)MIP_W) | (val & MIP_W);
        cpu->seip_sw = (val & RV_MIP_SEIP) != 0;
        break;
    case RV_CSR_MCYCLE:   write_counter(cpu, &cpu->cycle_off, val, rv32); break;
    case RV_CSR_MINSTRET: write_counter(cpu, &cpu->instret_off, val, rv32); break;
    case RV_CSR_MCYCLEH: case RV_CSR_MINSTRETH:
        if (!rv32) {
            return false;
        }
        write_counter(cpu, csr == RV_CSR_MCYCLEH ? &cpu->cycle_off :
                      &cpu->instret_off, val, 2);
        break;
    default:
        if (csr >= RV_CSR_PMPCFG0 && csr <= RV_CSR_PMPCFG15) {
            unsigned n = csr - RV_CSR_PMPCFG0;
            if (!rv32 && (n & 1)) {
                return false;
            }
            unsigned per = rv32 ? 4 : 8;
            for (unsigned i = 0; i < per; i++) {
                uint8_t *cfg = &cpu->pmpcfg[n * 4 + i];
                uint8_t b = (val >> (8 * i)) & 0x9f;
                if (*cfg & 0x80) {
                    continue;                  /* locked */
                }
                if ((b & 3) == 2) {
                    b &= ~2;                   /* W without R is reserved */
                }
                *cfg = b;
            }
            rv_tlb_flush(cpu);
        } else if (csr >= RV_CSR_PMPADDR0 && csr <= RV_CSR_PMPADDR63) {
            unsigned i = csr - RV_CSR_PMPADDR0;
            if (!pmp_locked_addr(cpu, i)) {
                cpu->pmpaddr[i] = rv32 ? val : val & ((1ull << 54) - 1);
            }
            rv_tlb_flush(cpu);               /* the TLBs hold PMP answers */
        } else {
            uint64_t dummy;
            if (!rv_csr_read(cpu, csr, &dummy)) {
                return false;
            }
            /* read-only zero counters and events: writes are ignored */
        }
    }
    rv_update_irq(cpu);
    return true;
}

/* Whether the current privilege may use counter csr (§3.1.11, §4.1.5). */
static bool counter_allowed(const RiscvCpu *cpu, unsigned csr)
{
    unsigned bit = (csr & 0x1f);
    if (cpu->priv == RV_PRIV_M) {
        return true;
    }
    if (!((cpu->mcounteren >> bit) & 1)) {
        return false;
    }
    return cpu->priv == RV_PRIV_S || ((cpu->scounteren >> bit) & 1);
}

int rv_csr_insn(RiscvCpu *cpu, const RvInsn *d, int kind, uint64_t src,
                bool write)
{
    unsigned csr = (unsigned)d->imm;
    bool illegal = cpu->priv < ((csr >> 8) & 3) ||
                   (write && (csr >> 10) == 3);
    if (!illegal && csr >= RV_CSR_FFLAGS && csr <= RV_CSR_FCSR &&
        !(cpu->mstatus & RV_MS_FS)) {
        illegal = true;                    /* FS Off (§3.1.6.6) */
    }
    if (!illegal && csr == RV_CSR_SATP && cpu->priv == RV_PRIV_S &&
        (cpu->mstatus & RV_MS_TVM)) {
        illegal = true;
    }
    if (!illegal && ((csr >= RV_CSR_CYCLE && csr <= RV_CSR_HPMCOUNTER31) ||
                     (csr >= RV_CSR_CYCLEH && csr <= RV_CSR_HPMCOUNTER31H))) {
        illegal = !counter_allowed(cpu, csr);
    }
    uint64_t old = 0;
    if (!illegal && !rv_csr_read(cpu, csr, &old)) {
        illegal = true;
    }
    if (illegal) {
        rv_raise(cpu, RV_EXC_ILLEGAL, d->raw, cpu->pc);
        return RV_EXC;
    }
    if (write) {
        /* read-modify-write of mip uses the software SEIP bit (§3.1.9) */
        uint64_t base = old;
        if (csr == RV_CSR_MIP && !cpu->seip_sw) {
            base &= ~(uint64_t)RV_MIP_SEIP;
        }
        uint64_t nv = kind == 0 ? src : kind == 1 ? base | src : base & ~src;
        rv_csr_write(cpu, csr, nv);
    }
    cpu->x[d->rd] = old;
    return RV_NEXT;
}

/* ---- System instructions ---------------------------------------------- */

static int illegal(RiscvCpu *cpu, const RvInsn *d)
{
    rv_raise(cpu, RV_EXC_ILLEGAL, d->raw, cpu->pc);
    return RV_EXC;
}

int rv_system(RiscvCpu *cpu, const RvInsn *d)
{
    uint64_t ms = cpu->mstatus;
    switch (d->op) {
    case RV_OP_ecall:
        rv_raise(cpu, RV_EXC_ECALL_U + cpu->priv, 0, cpu->pc);
        return RV_EXC;
    case RV_OP_ebreak:
        /* tval may be the pc or 0 (§3.1.16); 0 as QEMU 7.2 writes it */
        rv_raise(cpu, RV_EXC_BREAKPOINT, 0, cpu->pc);
        return RV_EXC;
    case RV_OP_fence_i:
        rv_bc_flush(cpu);
        return RV_NEXT;
    case RV_OP_mret: {
        if (cpu->priv != RV_PRIV_M) {
            return illegal(cpu, d);
        }
        unsigned mpp = (ms & RV_MS_MPP) >> RV_MS_MPP_SHIFT;
        ms = (ms & ~RV_MS_MIE) | ((ms & RV_MS_MPIE) ? RV_MS_MIE : 0);
        ms |= RV_MS_MPIE;
        ms &= ~RV_MS_MPP;                       /* MPP = U */
        if (mpp != RV_PRIV_M) {
            ms &= ~RV_MS_MPRV;
        }
        cpu->mstatus = ms;
        cpu->pc = cpu->mepc & rv_xmask(cpu);
        rv_tlb_flush(cpu);
        cpu->priv = mpp;
        rv_update_irq(cpu);
        return RV_JUMPED;
    }
    case RV_OP_sret: {
        if (cpu->priv == RV_PRIV_U ||
            (cpu->priv == RV_PRIV_S && (ms & RV_MS_TSR))) {
            return illegal(cpu, d);
        }
        unsigned spp = (ms & RV_MS_SPP) ? RV_PRIV_S : RV_PRIV_U;
        ms = (ms & ~RV_MS_SIE) | ((ms & RV_MS_SPIE) ? RV_MS_SIE : 0);
        ms |= RV_MS_SPIE;
        ms &= ~(RV_MS_SPP | RV_MS_MPRV);
        cpu->mstatus = ms;
        cpu->pc = cpu->sepc & rv_xmask(cpu);
        rv_tlb_flush(cpu);
        cpu->priv = spp;
        rv_update_irq(cpu);
        return RV_JUMPED;
    }
    case RV_OP_wfi:
        /* U-mode WFI traps when S exists; TW traps it below M (§3.1.6.5) */
        if (cpu->priv == RV_PRIV_U ||
            (cpu->priv < RV_PRIV_M && (ms & RV_MS_TW))) {
            return illegal(cpu, d);
        }
        if (!(cpu->mip & cpu->mie)) {
            cpu->base.halted = true;
        }
        return RV_NEXT;
    case RV_OP_sfence_vma:
        if (cpu->priv == RV_PRIV_U ||
            (cpu->priv == RV_PRIV_S && (ms & RV_MS_TVM))) {
            return illegal(cpu, d);
        }
        rv_tlb_flush(cpu);
        return RV_NEXT;
    default:
        return illegal(cpu, d);
    }
}
