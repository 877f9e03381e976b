/* Instruction-level tests of the RISC-V CPU: a tiny machine (address
 * space, 4 MiB of RAM at 0x80000000, an rv64 or rv32 hart) runs the
 * programs of tests/unit/riscv (assembled at build time with the Debian
 * cross compiler; skipped without it) and the checks they report.
 * SPDX-License-Identifier: MIT */
#include <fenv.h>
#include <math.h>
#include <string.h>
#include <glib.h>

#include "core/log.h"
#include "exec/cpu.h"
#include "exec/types.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "target/riscv/cpu.h"
#include "target/riscv/types.h"

#define RAM_BASE 0x80000000u

/* drives the interrupt pins */
typedef struct TSrc {
    Object obj;
    Pin line[4];
} TSrc;

static const PinDef tsrc_pins[] = {
    PIN_OUT_N("line", PIN_IRQ, TSrc, line, 4, "msip, mtip, meip, seip"),
    PIN_END
};

static const TypeInfo tsrc_type = {
    .name = "test-irq-src", .parent = "object", .doc = "drives test lines",
    .instance_size = sizeof(TSrc), .pins = tsrc_pins,
};
static const TypeInfo *const test_types[] = { &tsrc_type, NULL };

enum { L_MSIP, L_MTIP, L_MEIP, L_SEIP };

typedef struct Machine {
    Object *root;
    AddressSpace *as;
    RiscvCpu *cpu;
    TSrc *src;
} Machine;

static Machine *machine_new(const char *type)
{
    Machine *m = g_new0(Machine, 1);
    Error *err = NULL;
    m->root = object_new_root();
    m->as = (AddressSpace *)object_new_child(m->root, "address-space", "as", &err);
    g_assert_no_error((GError *)NULL);
    g_assert_nonnull(m->as);
    Object *ram = object_new_child(m->root, "ram", "ram", NULL);
    g_assert_true(object_prop_set_str(ram, "size", "4M", NULL));
    m->cpu = (RiscvCpu *)object_new_child(m->root, type, "cpu", NULL);
    g_assert_nonnull(m->cpu);
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "address-space", "/as", NULL));
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "reset-vector", "0x80000000", NULL));
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "hartid", "5", NULL));
    m->src = (TSrc *)object_new_child(m->root, "test-irq-src", "src", NULL);
    if (!object_realize(m->root, &err)) {
        g_error("%s", err->msg);
    }
    MemRegion *mr = memory_region_of(ram, "mem", NULL);
    g_assert_true(memory_map(&m->as->root, RAM_BASE, mr, 0, NULL));
    static const char *const pins[] = { "msip", "mtip", "meip", "seip" };
    for (unsigned i = 0; i < 4; i++) {
        g_assert_true(pin_connect(&m->src->obj, "line", i, &m->cpu->base.obj,
                                  pins[i], 0, NULL));
    }
    object_reset(m->root);
    return m;
}

static void machine_free(Machine *m)
{
    object_destroy(m->root);
    g_free(m);
}

static uint64_t run(Machine *m, uint64_t budget)
{
    return cpu_ops(&m->cpu->base)->exec(&m->cpu->base, budget);
}

static uint64_t reg(Machine *m, unsigned r)
{
    return m->cpu->x[r] & rv_xmask(m->cpu);
}

static void load_words(Machine *m, const uint32_t *w, size_t n)
{
    g_assert_true(addrspace_load(m->as, RAM_BASE, w, n * 4, NULL));
}

#ifdef RISCV_BIN_DIR
static bool load_program(Machine *m, const char *name)
{
    g_autofree char *path = g_build_filename(RISCV_BIN_DIR, name, NULL);
    g_autofree char *buf = NULL;
    gsize len;
    if (!g_file_get_contents(path, &buf, &len, NULL)) {
        return false;
    }
    g_assert_true(addrspace_load(m->as, RAM_BASE, buf, len, NULL));
    return true;
}

/* tp = 0x600d at the end; else gp is the number of the failed check */
static void check_result(Machine *m, const char *name)
{
    uint64_t tp = reg(m, 4);
    if (tp != 0x600d) {
        g_test_message("%s: tp=%#" G_GINT64_MODIFIER "x check gp=%" G_GINT64_MODIFIER
                       "u pc=%#" G_GINT64_MODIFIER "x a0=%#" G_GINT64_MODIFIER
                       "x a1=%#" G_GINT64_MODIFIER "x a2=%#" G_GINT64_MODIFIER
                       "x t6=%#" G_GINT64_MODIFIER "x s2=%#" G_GINT64_MODIFIER "x",
                       name, tp, reg(m, 3), m->cpu->pc, reg(m, 10), reg(m, 11),
                       reg(m, 12), reg(m, 31), reg(m, 18));
    }
    g_assert_cmphex(tp, ==, 0x600d);
}

static void run_program(gconstpointer data)
{
    const char *name = data;
    const char *type = g_str_has_prefix(name, "rv32") ? TYPE_RV32 : TYPE_RV64;
    Machine *m = machine_new(type);
    g_assert_true(load_program(m, name));
    run(m, 10000000);
    g_assert_true(m->cpu->base.halted);
    check_result(m, name);
    machine_free(m);
}

/* the interrupt program: the harness drives the lines at its two wfis */
static void run_irq(gconstpointer data)
{
    const char *name = data;
    const char *type = g_str_has_prefix(name, "rv32") ? TYPE_RV32 : TYPE_RV64;
    Machine *m = machine_new(type);
    g_assert_true(load_program(m, name));
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);          /* in wfi, nothing pending */
    g_assert_cmphex(reg(m, 4), ==, 0);
    g_assert_cmpuint(run(m, 1000), ==, 0);       /* stays halted */
    pin_raise(&m->src->line[L_MTIP]);
    g_assert_false(m->cpu->base.halted);         /* woken by the line */
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);          /* second wfi */
    g_assert_cmphex(reg(m, 4), ==, 0);
    pin_raise(&m->src->line[L_MSIP]);
    pin_raise(&m->src->line[L_MEIP]);
    pin_raise(&m->src->line[L_SEIP]);
    g_assert_false(m->cpu->base.halted);
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);
    check_result(m, name);
    machine_free(m);
}
#endif

/* Without the cross compiler: hand-encoded programs still check the core. */
static void test_encoded_loop(void)
{
    Machine *m = machine_new(TYPE_RV64);
    const uint32_t prog[] = {
        0x00a00293,   /* li t0, 10 */
        0x00000313,   /* li t1, 0 */
        0x00530333,   /* add t1, t1, t0 */
        0xfff28293,   /* addi t0, t0, -1 */
        0xfe029ce3,   /* bnez t0, -8 */
        0x10500073,   /* wfi */
    };
    load_words(m, prog, G_N_ELEMENTS(prog));
    run(m, 1000);
    g_assert_true(m->cpu->base.halted);
    g_assert_cmpuint(reg(m, 6), ==, 55);
    g_assert_cmphex(m->cpu->pc, ==, RAM_BASE + 6 * 4);
    machine_free(m);
}

/* A device access that raises an interrupt (here: the msip line) ends
 * the block at its next jump, even when the loop it is in is chained to
 * itself: the dispatcher checks after every call that may reach a device. */
static void irq_line_up(void *opaque)
{
    Machine *m = opaque;
    pin_raise(&m->src->line[L_MSIP]);
}

static uint64_t irq_dev_read(void *opaque, uint64_t off, unsigned size)
{
    (void)off;
    (void)size;
    irq_line_up(opaque);
    return 0;
}

static void irq_dev_write(void *opaque, uint64_t off, uint64_t val,
                          unsigned size)
{
    (void)off;
    (void)val;
    (void)size;
    irq_line_up(opaque);
}

static const MemOps irq_dev_ops = {
    .read = irq_dev_read, .write = irq_dev_write,
};

static void test_device_irq(gconstpointer data)
{
    const uint32_t access = GPOINTER_TO_UINT(data);
    Machine *m = machine_new(TYPE_RV64);
    MemRegion *dev = g_new0(MemRegion, 1);
    memory_region_init(dev, NULL, "irq-dev", REGION_MMIO, 0x1000);
    dev->ops = &irq_dev_ops;
    dev->opaque = m;
    g_assert_true(memory_map(&m->as->root, 0x10000000, dev, 0, NULL));
    uint32_t prog[18] = {
        0x10000537,   /*    lui a0, 0x10000 */
        access,       /*    sw a1, 0(a0) or lw a1, 0(a0) */
        0x00128293,   /* 1: addi t0, t0, 1 */
        0xffdff06f,   /*    j 1b */
    };
    prog[16] = 0x30401073;                        /* handler: csrw mie, 0 */
    prog[17] = 0x10500073;                        /*          wfi */
    load_words(m, prog, G_N_ELEMENTS(prog));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MTVEC, RAM_BASE + 16 * 4));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MIE, RV_MIP_MSIP));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MSTATUS, RV_MS_MIE));
    g_assert_cmpuint(run(m, 100000), ==, 6);    /* to the handler's wfi */
    g_assert_true(m->cpu->base.halted);
    g_assert_cmpuint(reg(m, 5), ==, 1);
    uint64_t v;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | RV_IRQ_MSI);
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MEPC, &v));
    g_assert_cmphex(v, ==, RAM_BASE + 2 * 4);     /* the jump's target */
    memory_region_finalize(dev);
    g_free(dev);
    machine_free(m);
}

/* Reset state: M-mode, misa, mhartid; the pc from reset-vector. */
static void test_reset(void)
{
    Machine *m = machine_new(TYPE_RV32);
    uint64_t v;
    g_assert_cmpuint(m->cpu->priv, ==, RV_PRIV_M);
    g_assert_cmphex(m->cpu->pc, ==, RAM_BASE);
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MISA, &v));
    g_assert_cmphex(v, ==, 0x4014112d);      /* IMAFDCSU */
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MHARTID, &v));
    g_assert_cmpuint(v, ==, 5);
    g_assert_cmpuint(reg(m, 10), ==, 0);
    machine_free(m);
}

/* A hart without an address space does not realize, and says why. */
static void test_no_address_space(void)
{
    Object *root = object_new_root();
    Object *cpu = object_new_child(root, TYPE_RV64, "cpu", NULL);
    Error *err = NULL;
    g_assert_false(object_realize(cpu, &err));
    g_assert_nonnull(strstr(err->msg, "/cpu"));
    g_assert_nonnull(strstr(err->msg, "address-space"));
    error_free(err);
    g_assert_cmpuint(cpu_ops((Cpu *)cpu)->exec((Cpu *)cpu, 100), ==, 0);
    object_destroy(root);
}

/* The time CSR reads the board's source when one is set. */
static uint64_t fixed_time(void *opaque)
{
    return *(uint64_t *)opaque;
}

static void test_time_source(void)
{
    Machine *m = machine_new(TYPE_RV64);
    uint64_t t = 123456, v;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_TIME, &v));
    g_assert_cmpuint(v, ==, m->cpu->base.retired);
    m->cpu->time_read = fixed_time;
    m->cpu->time_opaque = &t;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_TIME, &v));
    g_assert_cmpuint(v, ==, 123456);
    g_assert_false(rv_csr_read(m->cpu, RV_CSR_MSTATUSH, &v));  /* RV32 only */
    machine_free(m);
}

/* Vectored mtvec/stvec: interrupts go to base + 4 * cause; exceptions to
 * base. A delegated interrupt goes to S (Privileged §3.1.7, §3.1.8). */
static void test_vectored(void)
{
    Machine *m = machine_new(TYPE_RV64);
    RiscvCpu *c = m->cpu;
    uint64_t v;
    g_assert_true(rv_csr_write(c, RV_CSR_MTVEC, 0x80001001));
    g_assert_true(rv_csr_write(c, RV_CSR_MIE, RV_MIP_MTIP | RV_MIP_SEIP));
    g_assert_true(rv_csr_write(c, RV_CSR_MSTATUS, RV_MS_MIE));
    pin_raise(&m->src->line[L_MTIP]);
    g_assert_true(c->irq_pending);
    rv_take_interrupt(c);
    g_assert_cmphex(c->pc, ==, 0x80001000 + 4 * 7);
    g_assert_true(rv_csr_read(c, RV_CSR_MCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | 7);
    g_assert_true(rv_csr_read(c, RV_CSR_MEPC, &v));
    g_assert_cmphex(v, ==, RAM_BASE);
    g_assert_false(c->irq_pending);          /* MIE is now 0 */
    /* an exception goes to the base */
    rv_raise(c, RV_EXC_ILLEGAL, 0x1234, 0x80000010);
    g_assert_cmphex(c->pc, ==, 0x80001000);
    /* SEI delegated to S, taken from U with stvec vectored */
    g_assert_true(rv_csr_write(c, RV_CSR_MIDELEG, RV_MIP_SEIP));
    g_assert_true(rv_csr_write(c, RV_CSR_STVEC, 0x80002001));
    c->priv = RV_PRIV_U;
    rv_update_irq(c);
    g_assert_true(c->irq_pending);           /* MTI: M-level, priv U */
    pin_lower(&m->src->line[L_MTIP]);
    g_assert_false(c->irq_pending);
    pin_raise(&m->src->line[L_SEIP]);
    g_assert_true(c->irq_pending);           /* U: S interrupts enabled */
    rv_take_interrupt(c);
    g_assert_cmpuint(c->priv, ==, RV_PRIV_S);
    g_assert_cmphex(c->pc, ==, 0x80002000 + 4 * 9);
    g_assert_true(rv_csr_read(c, RV_CSR_SCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | 9);
    /* SEIP reads as line | software bit; clearing the bit leaves the line */
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    g_assert_true(rv_csr_write(c, RV_CSR_MIP, 0));
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    pin_lower(&m->src->line[L_SEIP]);
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_false(v & RV_MIP_SEIP);
    g_assert_true(rv_csr_write(c, RV_CSR_MIP, RV_MIP_SEIP));
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    machine_free(m);
}

#if defined(__x86_64__)
/* fpu.c against the host's SSE arithmetic (IEEE 754, tininess after
 * rounding, as RISC-V) in the four modes both have, on operands built to
 * hit the edges: subnormals, overflow, cancellation, halfway cases. */
static uint64_t rnd_bits(GRand *r, unsigned fmt)
{
    unsigned ebits = fmt == RV_FP_S ? 8 : 11, mbits = fmt == RV_FP_S ? 23 : 52;
    uint64_t emax = (1u << ebits) - 1;
    uint64_t m = ((uint64_t)g_rand_int(r) << 32 | g_rand_int(r)) &
                 ((1ull << mbits) - 1);
    uint64_t e;
    switch (g_rand_int_range(r, 0, 8)) {
    case 0: e = g_rand_int_range(r, 0, 3); break;                /* tiny */
    case 1: e = emax - g_rand_int_range(r, 1, 3); break;         /* huge */
    case 2: e = (emax >> 1) + g_rand_int_range(r, -2, 3); break; /* ~1 */
    case 3: m &= ~((1ull << g_rand_int_range(r, 0, mbits)) - 1); /* short */
        e = g_rand_int_range(r, 0, emax + 1);
        break;
    case 4: e = g_rand_int_range(r, 0, 2) ? emax : 0; break;     /* inf/NaN/0 */
    default: e = g_rand_int_range(r, 0, emax + 1); break;
    }
    return (uint64_t)g_rand_int_range(r, 0, 2) << (ebits + mbits) |
           e << mbits | m;
}

static unsigned host_flags(int ex)
{
    return (ex & FE_INEXACT ? RV_FF_NX : 0) | (ex & FE_UNDERFLOW ? RV_FF_UF : 0) |
           (ex & FE_OVERFLOW ? RV_FF_OF : 0) | (ex & FE_DIVBYZERO ? RV_FF_DZ : 0) |
           (ex & FE_INVALID ? RV_FF_NV : 0);
}

static uint64_t host_op(unsigned fmt, int op, uint64_t a, uint64_t b,
                        uint64_t c, int mode, unsigned *flags)
{
    fenv_t env;
    uint64_t out = 0;
    fegetenv(&env);
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    if (fmt == RV_FP_S) {
        uint32_t wa = a, wb = b, wc = c, wr;
        volatile float x, y, z, r;
        float t;
        memcpy(&t, &wa, 4); x = t;
        memcpy(&t, &wb, 4); y = t;
        memcpy(&t, &wc, 4); z = t;
        switch (op) {
        case 0: r = x + y; break;
        case 1: r = x - y; break;
        case 2: r = x * y; break;
        case 3: r = x / y; break;
        case 4: r = sqrtf(x); break;
        default: r = fmaf(x, y, z); break;
        }
        t = r;
        memcpy(&wr, &t, 4);
        out = isnan(t) ? 0x7fc00000u : wr;
    } else {
        volatile double x, y, z, r;
        double t;
        memcpy(&t, &a, 8); x = t;
        memcpy(&t, &b, 8); y = t;
        memcpy(&t, &c, 8); z = t;
        switch (op) {
        case 0: r = x + y; break;
        case 1: r = x - y; break;
        case 2: r = x * y; break;
        case 3: r = x / y; break;
        case 4: r = sqrt(x); break;
        default: r = fma(x, y, z); break;
        }
        t = r;
        memcpy(&out, &t, 8);
        if (isnan(t)) {
            out = 0x7ff8000000000000ull;
        }
    }
    *flags = host_flags(fetestexcept(FE_ALL_EXCEPT));
    fesetenv(&env);
    return out;
}

static void test_fpu_host(void)
{
    static const int modes[4][2] = {
        { RV_RM_RNE, FE_TONEAREST }, { RV_RM_RTZ, FE_TOWARDZERO },
        { RV_RM_RDN, FE_DOWNWARD }, { RV_RM_RUP, FE_UPWARD },
    };
    GRand *r = g_rand_new_with_seed(20191213);
    unsigned fails = 0;
    for (unsigned i = 0; i < 60000 && fails < 10; i++) {
        unsigned fmt = i & 1;
        int op = (i >> 1) % 6;
        uint64_t a = rnd_bits(r, fmt), b = rnd_bits(r, fmt), c = rnd_bits(r, fmt);
        if (op == 2 && g_rand_int_range(r, 0, 2)) {
            /* products near the subnormal boundary */
            unsigned mb = fmt == RV_FP_S ? 23 : 52;
            uint64_t bias = fmt == RV_FP_S ? 127 : 1023;
            a = (a & ~(((bias << 1) | 1) << mb)) | ((bias / 2 + 1) << mb);
            b = (b & ~(((bias << 1) | 1) << mb)) | ((bias / 2 - 1) << mb);
        }
        if (op == 3 && g_rand_int_range(r, 0, 2)) {
            /* quotients next to the smallest normal: a = b * 2^emin */
            uint64_t tiny = fmt == RV_FP_S ? 0x00800000u : 1ull << 52;
            b = (b & ~(fmt == RV_FP_S ? 0xff800000u : 0xfff0000000000000ull)) |
                (fmt == RV_FP_S ? 0x3f800000u : 0x3ff0000000000000ull);
            a = host_op(fmt, 2, b, tiny, 0, FE_TONEAREST, &(unsigned){ 0 }) +
                g_rand_int_range(r, -2, 3);
        }
        if (op == 5 && g_rand_int_range(r, 0, 2)) {
            c = host_op(fmt, 2, a, b, 0, FE_TONEAREST, &(unsigned){ 0 }) ^
                (fmt == RV_FP_S ? 0x80000000u : 1ull << 63);  /* cancel */
        }
        for (unsigned m = 0; m < 4; m++) {
            RvFp f = { modes[m][0], 0 };
            unsigned hf;
            uint64_t want = host_op(fmt, op, a, b, c, modes[m][1], &hf), got;
            switch (op) {
            case 0: got = rv_fp_add(&f, fmt, a, b); break;
            case 1: got = rv_fp_sub(&f, fmt, a, b); break;
            case 2: got = rv_fp_mul(&f, fmt, a, b); break;
            case 3: got = rv_fp_div(&f, fmt, a, b); break;
            case 4: got = rv_fp_sqrt(&f, fmt, a); break;
            default: got = rv_fp_fma(&f, fmt, a, b, c); break;
            }
            if (op == 5 && hf & RV_FF_NV) {
                hf = RV_FF_NV;     /* RISC-V: inf * 0 + qNaN is invalid too */
            }
            if (got != want || f.flags != hf) {
                fails++;
                g_test_message("fmt %u op %d rm %u: %#" G_GINT64_MODIFIER "x %#"
                               G_GINT64_MODIFIER "x %#" G_GINT64_MODIFIER "x: got %#"
                               G_GINT64_MODIFIER "x/%#x, host %#" G_GINT64_MODIFIER
                               "x/%#x", fmt, op, modes[m][0], a, b, c, got,
                               f.flags, want, hf);
            }
        }
    }
    g_rand_free(r);
    g_assert_cmpuint(fails, ==, 0);
}
#endif

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, hw_types, riscv_types,
        test_types, NULL }, NULL));
    g_test_add_func("/riscv/encoded-loop", test_encoded_loop);
    g_test_add_data_func("/riscv/device-irq/store", GUINT_TO_POINTER(0x00b52023),
                         test_device_irq);
    g_test_add_data_func("/riscv/device-irq/load", GUINT_TO_POINTER(0x00052583),
                         test_device_irq);
    g_test_add_func("/riscv/reset", test_reset);
    g_test_add_func("/riscv/no-address-space", test_no_address_space);
    g_test_add_func("/riscv/time-source", test_time_source);
    g_test_add_func("/riscv/vectored", test_vectored);
#if defined(__x86_64__)
    g_test_add_func("/riscv/fpu-host", test_fpu_host);
#endif
#ifdef RISCV_BIN_DIR
    static const char *const progs[] = {
        "rv64-i.bin", "rv32-i.bin", "rv64-m.bin", "rv32-m.bin",
        "rv64-a.bin", "rv32-a.bin", "rv64-c.bin", "rv32-c.bin",
        "rv64-priv.bin", "rv32-priv.bin", "rv64-mmu.bin", "rv32-mmu.bin",
        "rv64-smc.bin", "rv32-smc.bin", "rv64-f.bin", "rv32-f.bin",
        "rv64-pmp.bin", "rv32-pmp.bin",
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(progs); i++) {
        g_autofree char *path = g_strdup_printf("/riscv/prog/%s", progs[i]);
        g_test_add_data_func(path, progs[i], run_program);
    }
    g_test_add_data_func("/riscv/prog/rv64-irq.bin", "rv64-irq.bin", run_irq);
    g_test_add_data_func("/riscv/prog/rv32-irq.bin", "rv32-irq.bin", run_irq);
#else
    g_test_message("riscv64-unknown-elf-gcc not found: guest programs skipped");
#endif
    return g_test_run();
}
