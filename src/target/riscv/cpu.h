/* The RISC-V hart "rv64"/"rv32": architectural state, the CSR numbers and
 * bits of the Privileged Architecture 20211203, and the interfaces between
 * the parts of src/target/riscv (decode, exec, csr, mmu, block cache).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TARGET_RISCV_CPU_H
#define HEMU_TARGET_RISCV_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu.h"

#define TYPE_RV64 "rv64"
#define TYPE_RV32 "rv32"

#define RV_LIKELY(x)   __builtin_expect(!!(x), 1)
#define RV_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ---- Privilege levels, causes (Privileged §3.1.6, §3.1.15) ----------- */

enum { RV_PRIV_U = 0, RV_PRIV_S = 1, RV_PRIV_M = 3 };

enum {
    RV_EXC_INSN_MISALIGNED = 0,
    RV_EXC_INSN_ACCESS = 1,
    RV_EXC_ILLEGAL = 2,
    RV_EXC_BREAKPOINT = 3,
    RV_EXC_LOAD_MISALIGNED = 4,
    RV_EXC_LOAD_ACCESS = 5,
    RV_EXC_STORE_MISALIGNED = 6,
    RV_EXC_STORE_ACCESS = 7,
    RV_EXC_ECALL_U = 8,
    RV_EXC_ECALL_S = 9,
    RV_EXC_ECALL_M = 11,
    RV_EXC_INSN_PAGE = 12,
    RV_EXC_LOAD_PAGE = 13,
    RV_EXC_STORE_PAGE = 15,
};

/* Interrupt numbers = bit positions in mip/mie. */
enum {
    RV_IRQ_SSI = 1, RV_IRQ_MSI = 3, RV_IRQ_STI = 5, RV_IRQ_MTI = 7,
    RV_IRQ_SEI = 9, RV_IRQ_MEI = 11,
};
#define RV_MIP_SSIP (1u << RV_IRQ_SSI)
#define RV_MIP_MSIP (1u << RV_IRQ_MSI)
#define RV_MIP_STIP (1u << RV_IRQ_STI)
#define RV_MIP_MTIP (1u << RV_IRQ_MTI)
#define RV_MIP_SEIP (1u << RV_IRQ_SEI)
#define RV_MIP_MEIP (1u << RV_IRQ_MEI)
#define RV_S_INTS   (RV_MIP_SSIP | RV_MIP_STIP | RV_MIP_SEIP)
#define RV_ALL_INTS (RV_S_INTS | RV_MIP_MSIP | RV_MIP_MTIP | RV_MIP_MEIP)

/* mstatus bits (§3.1.6) */
#define RV_MS_SIE   (1ull << 1)
#define RV_MS_MIE   (1ull << 3)
#define RV_MS_SPIE  (1ull << 5)
#define RV_MS_UBE   (1ull << 6)
#define RV_MS_MPIE  (1ull << 7)
#define RV_MS_SPP   (1ull << 8)
#define RV_MS_MPP_SHIFT 11
#define RV_MS_MPP   (3ull << RV_MS_MPP_SHIFT)
#define RV_MS_FS    (3ull << 13)     /* Off, Initial, Clean, Dirty */
#define RV_MS_MPRV  (1ull << 17)
#define RV_MS_SUM   (1ull << 18)
#define RV_MS_MXR   (1ull << 19)
#define RV_MS_TVM   (1ull << 20)
#define RV_MS_TW    (1ull << 21)
#define RV_MS_TSR   (1ull << 22)
#define RV_MS_UXL   (3ull << 32)
#define RV_MS_SXL   (3ull << 34)

/* CSR numbers (§2.2) */
enum {
    RV_CSR_FFLAGS = 0x001, RV_CSR_FRM = 0x002, RV_CSR_FCSR = 0x003,
    RV_CSR_SSTATUS = 0x100, RV_CSR_SIE = 0x104, RV_CSR_STVEC = 0x105,
    RV_CSR_SCOUNTEREN = 0x106, RV_CSR_SENVCFG = 0x10a,
    RV_CSR_SSCRATCH = 0x140, RV_CSR_SEPC = 0x141, RV_CSR_SCAUSE = 0x142,
    RV_CSR_STVAL = 0x143, RV_CSR_SIP = 0x144, RV_CSR_SATP = 0x180,
    RV_CSR_MSTATUS = 0x300, RV_CSR_MISA = 0x301, RV_CSR_MEDELEG = 0x302,
    RV_CSR_MIDELEG = 0x303, RV_CSR_MIE = 0x304, RV_CSR_MTVEC = 0x305,
    RV_CSR_MCOUNTEREN = 0x306, RV_CSR_MENVCFG = 0x30a,
    RV_CSR_MSTATUSH = 0x310, RV_CSR_MENVCFGH = 0x31a,
    RV_CSR_MCOUNTINHIBIT = 0x320, RV_CSR_MHPMEVENT3 = 0x323,
    RV_CSR_MHPMEVENT31 = 0x33f,
    RV_CSR_MSCRATCH = 0x340, RV_CSR_MEPC = 0x341, RV_CSR_MCAUSE = 0x342,
    RV_CSR_MTVAL = 0x343, RV_CSR_MIP = 0x344,
    RV_CSR_PMPCFG0 = 0x3a0, RV_CSR_PMPCFG15 = 0x3af,
    RV_CSR_PMPADDR0 = 0x3b0, RV_CSR_PMPADDR63 = 0x3ef,
    RV_CSR_MCYCLE = 0xb00, RV_CSR_MINSTRET = 0xb02,
    RV_CSR_MHPMCOUNTER3 = 0xb03, RV_CSR_MHPMCOUNTER31 = 0xb1f,
    RV_CSR_MCYCLEH = 0xb80, RV_CSR_MINSTRETH = 0xb82,
    RV_CSR_MHPMCOUNTER3H = 0xb83, RV_CSR_MHPMCOUNTER31H = 0xb9f,
    RV_CSR_CYCLE = 0xc00, RV_CSR_TIME = 0xc01, RV_CSR_INSTRET = 0xc02,
    RV_CSR_HPMCOUNTER31 = 0xc1f,
    RV_CSR_CYCLEH = 0xc80, RV_CSR_TIMEH = 0xc81, RV_CSR_INSTRETH = 0xc82,
    RV_CSR_HPMCOUNTER31H = 0xc9f,
    RV_CSR_MVENDORID = 0xf11, RV_CSR_MARCHID = 0xf12, RV_CSR_MIMPID = 0xf13,
    RV_CSR_MHARTID = 0xf14, RV_CSR_MCONFIGPTR = 0xf15,
};

/* ---- Decoded instructions (insns.def) --------------------------------- */

typedef enum RvOp {
#define INSN(name, match, mask, fmt, flags) RV_OP_##name,
#include "target/riscv/insns.def"
#undef INSN
    RV_OP_illegal,   /* raw holds the bits (mtval) */
    RV_OP_end,       /* not an instruction: the block falls through */
    RV_OP__COUNT
} RvOp;

/* One decoded instruction: 24 bytes. rd 0 is stored as 32 (a sink
 * register), so semantics write x[rd] without testing for x0. h is the
 * dispatcher's handler for op (threaded code), filled by the dispatcher
 * when the block first runs (RvBlock.threaded); decode leaves it NULL. */
typedef struct RvInsn {
    const void *h;
    uint16_t op;
    uint8_t rd, rs1, rs2;
    uint8_t len;         /* 2 or 4 */
    uint16_t off;        /* byte offset from the block's first instruction */
    int32_t imm;         /* immediate; CSR number for Zicsr */
    uint32_t raw;        /* the instruction bits (16 or 32) */
} RvInsn;

#define RV_X0_SINK 32

/* Decode the instruction whose low 16 bits are lo (and, when lo is a 32-bit
 * encoding, whose high half is hi). Compressed instructions expand into
 * their base equivalents (Unprivileged §16.8). Returns the length. */
unsigned rv_decode(uint32_t lo, uint32_t hi, unsigned xlen, RvInsn *d);
/* Whether op ends a block: 1 a jump or branch (the next block may be
 * chained), 2 a system instruction (back to the dispatcher loop). */
int rv_op_ends_block(unsigned op);
const char *rv_op_name(unsigned op);

/* ---- Software TLB (virtual page -> host pointer or physical page) ----- */

#define RV_TLB_SIZE 256
#define RV_TLB_INVALID UINT64_MAX
#define RV_TLB_MMIO (1ull << 11)   /* no host pointer: go through the bus */
#define RV_TLB_CODE (1ull << 10)   /* writes: the page holds decoded code */
#define RV_TLB_PMP (1ull << 9)     /* a PMP boundary in the page: check each access */
#define RV_PAGE_MASK (~(uint64_t)0xfff)

/* 32 bytes, so the fast path indexes with a shift and a mask */
typedef struct RvTlbEntry {
    uint64_t tag;        /* page | flags, or RV_TLB_INVALID */
    uintptr_t addend;    /* host = addend + vaddr (RAM/ROM pages) */
    uint64_t paddr;      /* physical page */
    uint64_t spare;
} RvTlbEntry;

/* ---- Decoded block cache (block.c) ------------------------------------ */

typedef struct RvBlock RvBlock;
struct RvBlock {
    uint64_t paddr;          /* physical address of the first instruction */
    RvBlock *hnext;          /* hash chain */
    RvBlock *succ[2];        /* chained successors on the same page */
    uint64_t succ_pc[2];     /* their pcs; RV_NO_SUCC (odd) when unset */
    uint32_t n;              /* instructions; insns[n] is RV_OP_end or unused */
    bool cached;             /* false for the one-off straddling block */
    bool threaded;           /* insns[0..n].h are filled in */
    RvInsn *insns;
};

#define RV_NO_SUCC 1            /* never a pc: pcs are even */

/* The jump cache: virtual pc -> block, direct-mapped, for jumps a block
 * does not chain (returns, jumps to other pages). An entry is good while
 * the fetch TLB still maps pc's page to ppage; the cache empties with the
 * block cache. */
#define RV_JC_SIZE 4096
typedef struct RvJump {
    uint64_t pc;             /* RV_NO_SUCC when empty */
    uint64_t ppage;          /* physical page of pc when filled */
    RvBlock *b;
} RvJump;

/* Chain to, a cached block at pc, to from, a cached block that jumps
 * there from the same page (its translation was checked when from was
 * looked up). The second slot takes the latest. */
static inline void rv_block_link(RvBlock *from, RvBlock *to, uint64_t pc)
{
    unsigned s = from->succ[0] ? 1 : 0;
    from->succ[s] = to;
    from->succ_pc[s] = pc;
}

static inline unsigned rv_jc_index(uint64_t pc)
{
    return (unsigned)(pc >> 1) & (RV_JC_SIZE - 1);
}

typedef struct RvBlockCache RvBlockCache;

/* ---- The hart --------------------------------------------------------- */

typedef struct RiscvCpu {
    Cpu base;
    uint64_t x[33];            /* x[32]: writes to x0 land here */
    uint64_t pc;
    uint8_t priv;
    bool irq_pending;          /* an interrupt is pending, enabled, takeable */
    unsigned xlen;             /* 32 or 64, fixed by the type */

    /* configuration */
    uint64_t hartid;
    /* the source of the time CSR; a board sets it (default: retired) */
    uint64_t (*time_read)(void *opaque);
    void *time_opaque;
    Object *clock;                /* "clock": the time CSR counts its time */
    Object *time_src;             /* "time-source": or reads this (mtime) */
    uint64_t timebase;            /* "timebase-frequency" */

    /* CSRs */
    uint64_t mstatus, misa, medeleg, mideleg, mie, mip;
    bool seip_sw, seip_pin;    /* mip.SEIP = software bit | external line */
    uint64_t mtvec, stvec, mepc, sepc, mcause, scause, mtval, stval;
    uint64_t mscratch, sscratch, satp;
    uint32_t mcounteren, scounteren;
    uint64_t cycle_off, instret_off;   /* counter = retired + off */
    uint8_t pmpcfg[64];
    uint64_t pmpaddr[64];

    /* LR/SC reservation (Unprivileged §8.2) */
    bool res_valid;
    uint64_t res_addr, res_val;

    /* F and D (Unprivileged ch. 11-13): a single is NaN-boxed (§12.2) */
    uint64_t f[32];
    uint8_t frm, fflags;       /* fcsr = frm << 5 | fflags */

    /* MMU fast path */
    RvTlbEntry dtlb[RV_TLB_SIZE];   /* loads and stores (tag for reads) */
    RvTlbEntry wtlb[RV_TLB_SIZE];   /* stores */
    RvTlbEntry itlb[RV_TLB_SIZE];   /* fetches */
    uint64_t map_gen;               /* memory_map_gen() the blocks match */
    uint64_t tlb_gen;               /* memory_map_gen() the TLBs match */

    RvBlockCache *bc;
} RiscvCpu;

static inline uint64_t rv_xmask(const RiscvCpu *cpu)
{
    return cpu->xlen == 32 ? UINT32_MAX : UINT64_MAX;
}

/* ---- exec.c ----------------------------------------------------------- */

uint64_t rv_exec(Cpu *cpu, uint64_t budget);

/* Results of helpers that end a block. */
enum { RV_EXC = 0, RV_NEXT = 1, RV_JUMPED = 2 };

/* ---- csr.c: CSRs, traps, interrupts, xRET ----------------------------- */

/* Take a synchronous exception at pc (Privileged §3.1.7, §3.3.1): cause,
 * tval; delegation to S by medeleg. cpu->pc becomes the handler. */
void rv_raise(RiscvCpu *cpu, unsigned cause, uint64_t tval, uint64_t pc);
/* Recompute irq_pending after mip, mie, mideleg, mstatus or priv changed. */
void rv_update_irq(RiscvCpu *cpu);
/* Take the highest-priority pending interrupt, if any, at cpu->pc. */
void rv_take_interrupt(RiscvCpu *cpu);
/* Zicsr: kind 0 write, 1 set, 2 clear; src the rs1 value or uimm; write
 * false for the forms that only read. RV_NEXT or RV_EXC. */
int rv_csr_insn(RiscvCpu *cpu, const RvInsn *d, int kind, uint64_t src,
                bool write);
/* mret, sret, wfi, sfence.vma, fence.i, ecall, ebreak. */
int rv_system(RiscvCpu *cpu, const RvInsn *d);
/* Architectural reset state (not the pc). */
void rv_csr_reset(RiscvCpu *cpu);
/* Direct CSR access for tests and debuggers (no privilege checks);
 * false for a CSR that does not exist. */
bool rv_csr_read(RiscvCpu *cpu, unsigned csr, uint64_t *val);
bool rv_csr_write(RiscvCpu *cpu, unsigned csr, uint64_t val);

/* ---- fpu.c: F and D arithmetic (Unprivileged ch. 11-13) ------------- */

/* Rounding modes (§11.2); 5 and 6 are reserved, 7 is frm (dynamic). */
enum { RV_RM_RNE, RV_RM_RTZ, RV_RM_RDN, RV_RM_RUP, RV_RM_RMM, RV_RM_DYN = 7 };
/* fflags bits */
enum { RV_FF_NX = 1, RV_FF_UF = 2, RV_FF_OF = 4, RV_FF_DZ = 8, RV_FF_NV = 16 };
/* Formats: values are passed as their bits (a single in the low 32). */
enum { RV_FP_S, RV_FP_D };

/* One instruction's rounding mode (0-4) and the flags it raises. */
typedef struct RvFp {
    unsigned rm;
    unsigned flags;
} RvFp;

#define RV_BOX_S(v) (0xffffffff00000000ull | (uint32_t)(v))
/* A single read from an f register: not NaN-boxed reads as the canonical
 * NaN (§12.2). */
static inline uint64_t rv_unbox_s(uint64_t v)
{
    return (v >> 32) == 0xffffffffu ? (uint32_t)v : 0x7fc00000u;
}

uint64_t rv_fp_add(RvFp *f, unsigned fmt, uint64_t a, uint64_t b);
uint64_t rv_fp_sub(RvFp *f, unsigned fmt, uint64_t a, uint64_t b);
uint64_t rv_fp_mul(RvFp *f, unsigned fmt, uint64_t a, uint64_t b);
uint64_t rv_fp_div(RvFp *f, unsigned fmt, uint64_t a, uint64_t b);
uint64_t rv_fp_sqrt(RvFp *f, unsigned fmt, uint64_t a);
/* a * b + c, rounded once */
uint64_t rv_fp_fma(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, uint64_t c);
/* minimumNumber / maximumNumber of IEEE 754-2019, -0 < +0 */
uint64_t rv_fp_minmax(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, bool max);
/* kind 0: feq (quiet), 1: flt, 2: fle (signaling); 1 or 0 */
uint64_t rv_fp_cmp(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, int kind);
uint64_t rv_fp_class(unsigned fmt, uint64_t a);
/* To a bits-wide (32 or 64) integer, saturating (table 11.4); a 32-bit
 * result is sign-extended to 64 bits, unsigned ones too (§11.7). */
uint64_t rv_fp_to_int(RvFp *f, unsigned fmt, uint64_t a, unsigned bits,
                      bool is_signed);
/* From the low bits (32 or 64) of v, signed or not. */
uint64_t rv_fp_from_int(RvFp *f, unsigned fmt, uint64_t v, unsigned bits,
                        bool is_signed);
/* Between formats (fcvt.s.d, fcvt.d.s). */
uint64_t rv_fp_cvt(RvFp *f, unsigned to, unsigned from, uint64_t a);

/* ---- mmu.c: translation, TLB, slow paths ------------------------------ */

/* Slow paths of loads and stores at virtual va (any alignment); pc is the
 * instruction's, for the trap. Loads return false after raising a trap.
 * Stores return RV_MEM_OK, RV_MEM_EXC (trap raised) or RV_MEM_EXIT (done,
 * but decoded code or the memory map changed: leave the block). */
enum { RV_MEM_OK, RV_MEM_EXC, RV_MEM_EXIT };
bool rv_load_slow(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t *val,
                  uint64_t pc);
int rv_store_slow(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t val,
                  uint64_t pc);
/* A: lr/sc/AMO. amo_op is the instruction (RV_OP_amo*). The result for rd
 * goes to *rd_val. false after a trap. */
bool rv_lr(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t *rd_val,
           uint64_t pc);
int rv_sc(RiscvCpu *cpu, uint64_t va, unsigned size, uint64_t val,
          uint64_t *rd_val, uint64_t pc);
int rv_amo(RiscvCpu *cpu, unsigned op, uint64_t va, unsigned size,
           uint64_t src, uint64_t *rd_val, uint64_t pc);
/* Translate pc for a fetch; NULL after raising a trap. */
const RvTlbEntry *rv_fetch_entry(RiscvCpu *cpu, uint64_t pc);
void rv_tlb_flush(RiscvCpu *cpu);
/* Flush write entries only (a page now holds code). */
void rv_tlb_flush_writes(RiscvCpu *cpu);

/* ---- block.c ---------------------------------------------------------- */

RvBlockCache *rv_bc_new(void);
void rv_bc_free(RvBlockCache *bc);
/* The block at pc (translating it, decoding it if needed), or NULL after a
 * fetch fault was raised. */
RvBlock *rv_block_lookup(RiscvCpu *cpu, uint64_t pc);
/* The same for a jump from block from (whose first instruction is at
 * from_pc) to pc; the result is chained to from (RvBlock.succ) when both
 * are cached, on the same page, and the cache was not flushed meanwhile. */
RvBlock *rv_block_chain(RiscvCpu *cpu, RvBlock *from, uint64_t from_pc,
                        uint64_t pc);
/* The hart's jump cache (RV_JC_SIZE entries, filled by the lookups). */
RvJump *rv_bc_jumps(RiscvCpu *cpu);
/* Drop every decoded block (fence.i, code written, map changed). */
void rv_bc_flush(RiscvCpu *cpu);
/* How many times the cache was flushed (chains compare it). */
uint64_t rv_bc_flushes(const RiscvCpu *cpu);
/* Whether [paddr, paddr+len) overlaps decoded code. */
bool rv_bc_is_code(const RiscvCpu *cpu, uint64_t paddr, unsigned len);
bool rv_bc_page_has_code(const RiscvCpu *cpu, uint64_t ppage);

/* A full flush of decoded code and TLBs, and resync to the memory map. */
void rv_flush_all(RiscvCpu *cpu);

extern const TypeInfo rv64_type, rv32_type;

#endif
