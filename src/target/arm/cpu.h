/* The Cortex-M CPUs "cortex-m3", "cortex-m4" (ARMv7-M, DDI 0403E) and
 * "cortex-m0" (ARMv6-M, DDI 0419): architectural state, the System Control
 * Space (NVIC, SCB, SysTick) the CPU owns, and the interfaces between the
 * files of src/target/arm.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TARGET_ARM_CPU_H
#define HEMU_TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chardev.h"
#include "exec/cpu.h"
#include "exec/vclock.h"

#define TYPE_CORTEX_M0 "cortex-m0"
#define TYPE_CORTEX_M3 "cortex-m3"
#define TYPE_CORTEX_M4 "cortex-m4"

#define ARM_LIKELY(x)   __builtin_expect(!!(x), 1)
#define ARM_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ---- Exceptions (B1.5.2) ---------------------------------------------- */

enum {
    ARM_EXC_RESET = 1, ARM_EXC_NMI = 2, ARM_EXC_HARDFAULT = 3,
    ARM_EXC_MEMMANAGE = 4, ARM_EXC_BUSFAULT = 5, ARM_EXC_USAGEFAULT = 6,
    ARM_EXC_SVCALL = 11, ARM_EXC_DEBUGMON = 12, ARM_EXC_PENDSV = 14,
    ARM_EXC_SYSTICK = 15, ARM_EXC_IRQ0 = 16,
};

#define ARM_MAX_IRQ 480
#define ARM_MAX_EXC (ARM_EXC_IRQ0 + ARM_MAX_IRQ)

/* CFSR (B3.2.15) */
#define ARM_CFSR_IACCVIOL    (1u << 0)
#define ARM_CFSR_DACCVIOL    (1u << 1)
#define ARM_CFSR_MSTKERR     (1u << 4)
#define ARM_CFSR_MMARVALID   (1u << 7)
#define ARM_CFSR_IBUSERR     (1u << 8)
#define ARM_CFSR_PRECISERR   (1u << 9)
#define ARM_CFSR_UNSTKERR    (1u << 11)
#define ARM_CFSR_STKERR      (1u << 12)
#define ARM_CFSR_BFARVALID   (1u << 15)
#define ARM_CFSR_UNDEFINSTR  (1u << 16)
#define ARM_CFSR_INVSTATE    (1u << 17)
#define ARM_CFSR_INVPC       (1u << 18)
#define ARM_CFSR_NOCP        (1u << 19)
#define ARM_CFSR_UNALIGNED   (1u << 24)
#define ARM_CFSR_DIVBYZERO   (1u << 25)

/* HFSR */
#define ARM_HFSR_VECTTBL     (1u << 1)
#define ARM_HFSR_FORCED      (1u << 30)
#define ARM_HFSR_DEBUGEVT    (1u << 31)

/* CCR */
#define ARM_CCR_NONBASETHRDENA (1u << 0)
#define ARM_CCR_USERSETMPEND   (1u << 1)
#define ARM_CCR_UNALIGN_TRP    (1u << 3)
#define ARM_CCR_DIV_0_TRP      (1u << 4)
#define ARM_CCR_BFHFNMIGN      (1u << 8)
#define ARM_CCR_STKALIGN       (1u << 9)

/* SCR */
#define ARM_SCR_SEVONPEND      (1u << 4)

/* ---- Decoded instructions (insns.def) --------------------------------- */

typedef enum ArmOp {
#define INSN(name, flags) ARM_OP_##name,
#include "target/arm/insns.def"
#undef INSN
    ARM_OP_end,      /* not an instruction: the block falls through */
    ARM_OP__COUNT
} ArmOp;

/* ArmInsn.flags */
enum {
    ARM_F_P = 1,          /* loads/stores: offset applies before the access */
    ARM_F_W = 2,          /* write the address back to rn */
    ARM_F_DB = 4,         /* LDM/STM: decrement before */
    ARM_F_CSET = 8,       /* _i: the immediate sets C (to ARM_F_CVAL) */
    ARM_F_CVAL = 16,
};

/* shift types (ArmInsn.shift) */
enum { ARM_SH_LSL, ARM_SH_LSR, ARM_SH_ASR, ARM_SH_ROR, ARM_SH_RRX };

/* register numbers beyond r0-r15 */
#define ARM_REG_SINK 16       /* writes of TST/CMP/... land here */

/* One decoded instruction: 32 bytes. r[15] is not the pc: instructions
 * that read the PC are preceded by setpc, which puts the value there. h is
 * the dispatcher's handler for op (threaded code), filled when the block
 * first runs. */
typedef struct ArmInsn {
    const void *h;
    uint16_t op;
    uint8_t rd, rn, rm, ra;   /* ra: accumulator, second Rt, RdHi */
    uint8_t len;              /* 2 or 4 (0: made by decode) */
    uint8_t idx;              /* instructions before this one in the block */
    uint8_t it;               /* ITSTATE at this instruction */
    uint8_t s;                /* sets the flags */
    uint8_t shift, amt;       /* shift type and amount; cond; rotation */
    uint8_t flags;            /* ARM_F_* */
    uint32_t pc;
    uint32_t imm;             /* immediate, branch target, register list */
} ArmInsn;

/* Features of a model (decode) */
enum { ARM_FEAT_V7 = 1, ARM_FEAT_DSP = 2 };

/* Decode the instruction at pc whose first halfword is hw1 (hw2 the next,
 * used when hw1 starts a 32-bit encoding) with ITSTATE it. Fills d (op,
 * fields, len); *pcread gets the value the instruction reads as the PC (0:
 * it does not read it); *newit the ITSTATE an IT instruction sets (else
 * untouched). Returns the length. */
unsigned arm_decode(uint32_t pc, uint16_t hw1, uint16_t hw2, unsigned it,
                    unsigned feat, ArmInsn *d, uint32_t *pcread,
                    unsigned *newit);
/* 1: ends a block, may chain (JMP); 2: back to the dispatcher (SYS) */
int arm_op_ends_block(unsigned op);
const char *arm_op_name(unsigned op);
static inline bool arm_is32(uint16_t hw1)
{
    return (hw1 >> 11) >= 0x1d;
}
/* ITSTATE after an instruction (A7.3.2 ITAdvance) */
static inline unsigned arm_it_advance(unsigned it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

/* ---- Memory fast path ------------------------------------------------- */

#define ARM_TLB_SIZE 256
#define ARM_TLB_INVALID 1u          /* never a page number */
#define ARM_PAGE_MASK 0xfffff000u

typedef struct ArmTlb {
    uint32_t tag;                   /* page, or ARM_TLB_INVALID */
    uintptr_t addend;               /* host = addend + address */
} ArmTlb;

/* ---- Decoded blocks (block.c) ----------------------------------------- */

typedef struct ArmBlock ArmBlock;
struct ArmBlock {
    uint64_t key;              /* pc | ITSTATE << 32 */
    ArmBlock *hnext;
    ArmBlock *succ[2];         /* chained successors (entered with IT 0) */
    uint32_t succ_pc[2];       /* their pcs; ARM_NO_SUCC when unset */
    uint32_t n;                /* instructions; insns[] also holds pseudos */
    bool threaded;
    ArmInsn *insns;            /* ends with ARM_OP_end */
};
#define ARM_NO_SUCC 1u

typedef struct ArmBlockCache ArmBlockCache;

/* ---- The CPU ---------------------------------------------------------- */

typedef struct ArmCpu {
    Cpu base;
    uint32_t r[17];            /* r13 is the current SP; see ArmInsn */
    uint32_t pc;
    /* APSR: N = nf bit 31, Z = (zf == 0), C = cf (0/1), V = vf bit 31 */
    uint32_t nf, zf, cf, vf;
    uint32_t qf;               /* Q, 0/1 */
    uint32_t ge;               /* GE[3:0] */
    uint8_t itstate;           /* EPSR.IT */
    bool thumb;                /* EPSR.T */
    bool handler;              /* Handler mode */
    uint16_t ipsr;             /* the active exception number, 0 in Thread */
    bool irq_pending;          /* a pending exception can preempt now */
    bool flush_pending;        /* drop the decoded blocks at the loop top */
    unsigned feat;             /* ARM_FEAT_* of the model */
    bool v6m;

    /* special registers (B1.4) */
    uint32_t sp_other;         /* the SP bank not in r[13] */
    bool spsel, npriv;         /* CONTROL */
    bool primask, faultmask;
    uint8_t basepri;
    bool event;                /* the event register (WFE, SEV) */
    bool wfe_wait;             /* halted by WFE (events wake it), not WFI */
    bool excl_valid;           /* the local exclusive monitor */
    uint32_t excl_addr;
    bool lockup;
    bool stopped;              /* lockup or semihosting exit: never wakes */

    /* configuration (properties) */
    uint64_t num_irq;
    uint64_t init_vtor;
    uint64_t prio_bits_prop;
    bool semihosting;
    Object *clock;             /* "clock": SysTick counts its time */
    union {
        Chardev *semi_chr;
        Object *semi_chr_link;
    };
    uint32_t cpuid;

    /* System Control Space: NVIC and SCB (B3.2, B3.4) */
    MemRegion scs;
    unsigned prio_bits;
    uint8_t prio[ARM_MAX_EXC];
    uint8_t pending[ARM_MAX_EXC];
    uint8_t active[ARM_MAX_EXC];
    uint8_t enabled[ARM_MAX_EXC];   /* IRQs; faults: SHCSR enables */
    uint8_t level[ARM_MAX_EXC];     /* input line levels of IRQs */
    uint32_t vtor, prigroup, scr, ccr, cfsr, hfsr, dfsr, mmfar, bfar;
    uint32_t cpacr;

    /* SysTick (B3.3) */
    uint32_t syst_csr, syst_rvr, syst_cvr;
    uint64_t syst_next;         /* tick at which the counter next reaches 0 */
    bool syst_running;          /* enabled and counting toward syst_next */
    VTimer syst_timer;
    uint64_t idle_ns;           /* without a clock: time skipped in WFI */

    Pin sysresetreq;            /* AIRCR.SYSRESETREQ */
    Pin exit_pin;               /* semihosting SYS_EXIT */

    /* memory fast path */
    ArmTlb rtlb[ARM_TLB_SIZE];
    ArmTlb wtlb[ARM_TLB_SIZE];
    uint64_t map_gen;
    /* a fault found by a slow path, taken by the dispatcher */
    unsigned fault_exc;
    uint32_t fault_cfsr, fault_addr;

    ArmBlockCache *bc;
} ArmCpu;

/* ---- exec.c ----------------------------------------------------------- */

uint64_t arm_exec(Cpu *cpu, uint64_t budget);

/* Results of helpers that end a block (TERM). */
enum { ARM_EXC = 0, ARM_NEXT = 1, ARM_JUMPED = 2 };

/* ---- mem.c: slow paths ------------------------------------------------ */

/* acc: ARM_ACC_* bits. STRICT: the access must be aligned (LDM, LDRD,
 * LDREX...); UNPRIV: it is unprivileged whatever the mode (LDRT, STRT...).
 * A load that faults returns false, a store ARM_MEM_FAULT, the fault
 * recorded in fault_* (take it with arm_take_fault). */
enum { ARM_ACC_STRICT = 1, ARM_ACC_UNPRIV = 2 };
bool arm_load_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t *val,
                   unsigned acc);
/* ARM_MEM_OK, ARM_MEM_FAULT (recorded), ARM_MEM_EXIT (done; decoded code,
 * the map or pending exceptions changed: leave the block). */
enum { ARM_MEM_OK, ARM_MEM_FAULT, ARM_MEM_EXIT };
int arm_store_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t val,
                   unsigned acc);
void arm_tlb_flush(ArmCpu *cpu);
/* Read an instruction halfword; false when the fetch faults. */
bool arm_fetch16(ArmCpu *cpu, uint32_t addr, uint16_t *hw);

/* ---- block.c ---------------------------------------------------------- */

ArmBlockCache *arm_bc_new(void);
void arm_bc_free(ArmBlockCache *bc);
/* The block at pc with ITSTATE it, decoding it if needed; NULL when the
 * first fetch faults (recorded in fault_*). */
ArmBlock *arm_block_lookup(ArmCpu *cpu, uint32_t pc, unsigned it);
void arm_bc_flush(ArmCpu *cpu);
bool arm_bc_page_has_code(const ArmCpu *cpu, uint32_t addr);

/* ---- nvic.c: exceptions, the SCS, SysTick ----------------------------- */

/* Recompute irq_pending (and wake a CPU in WFI) after pending, active,
 * enables, priorities or masks changed. */
void arm_nvic_update(ArmCpu *cpu);
/* Take the pending exception that can preempt, at cpu->pc. */
void arm_take_pending(ArmCpu *cpu);
/* Take a synchronous fault (exc, CFSR bits), escalated as B1.5.8 says;
 * cpu->pc and itstate are the return state (the faulting instruction). */
void arm_fault(ArmCpu *cpu, unsigned exc, uint32_t cfsr);
/* The fault a slow path recorded. */
void arm_take_fault(ArmCpu *cpu);
/* BX-style write of the PC from handler-capable instructions: exception
 * return for EXC_RETURN values in Handler mode, else INVSTATE for an even
 * address. cpu->pc/itstate: the instruction's successor. ARM_EXC or
 * ARM_JUMPED. */
int arm_bx_write(ArmCpu *cpu, uint32_t v);
int arm_exc_return(ArmCpu *cpu, uint32_t exc_return);
void arm_pend(ArmCpu *cpu, unsigned exc);
/* SVC, BKPT (and semihosting), WFI, WFE, MRS, MSR, CPS */
int arm_svc(ArmCpu *cpu);
int arm_bkpt(ArmCpu *cpu, const ArmInsn *d);
int arm_wfi(ArmCpu *cpu, bool wfe);
uint32_t arm_mrs(ArmCpu *cpu, unsigned sysm);
int arm_msr(ArmCpu *cpu, unsigned sysm, unsigned mask, uint32_t v);
int arm_cps(ArmCpu *cpu, const ArmInsn *d);
/* Switch r[13] to the SP the mode and CONTROL.SPSEL select. */
void arm_sp_sync(ArmCpu *cpu, bool was_psp);
static inline bool arm_uses_psp(const ArmCpu *cpu)
{
    return !cpu->handler && cpu->spsel;
}
static inline bool arm_privileged(const ArmCpu *cpu)
{
    return cpu->handler || !cpu->npriv;
}
uint32_t arm_xpsr(const ArmCpu *cpu);
void arm_set_apsr(ArmCpu *cpu, uint32_t psr);
/* SysTick: fire what is due (no clock: called at block boundaries), the
 * virtual ns of its next event (UINT64_MAX: none), time now */
void arm_systick_poll(ArmCpu *cpu);
uint64_t arm_systick_deadline(ArmCpu *cpu);
uint64_t arm_now_ns(ArmCpu *cpu);
void arm_systick_timer(void *opaque);
void arm_nvic_reset(ArmCpu *cpu);
extern const struct MemOps arm_scs_ops;

/* ---- semihost.c ------------------------------------------------------- */

/* BKPT 0xAB with semihosting on: r0 the call, r1 its argument. */
int arm_semihost(ArmCpu *cpu);

extern const TypeInfo cortex_m0_type, cortex_m3_type, cortex_m4_type;

#endif
