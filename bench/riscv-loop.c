/* Speed of the RISC-V interpreter on simple loops: a tight add/branch
 * loop, a load/store loop and a call/return loop (one function called from
 * three places, so its return has more targets than a block chains), run on an rv64 hart in a tiny machine; prints
 * millions of guest instructions per second (MIPS). Never a pass/fail.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib.h>

#include "core/object.h"
#include "exec/cpu.h"
#include "exec/types.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "target/riscv/cpu.h"
#include "target/riscv/types.h"

static double run_loop(const uint32_t *prog, size_t n, uint64_t iters,
                       unsigned per_iter, const char *what)
{
    Object *root = object_new_root();
    AddressSpace *as = (AddressSpace *)object_new_child(root, "address-space",
                                                        "as", NULL);
    Object *ram = object_new_child(root, "ram", "ram", NULL);
    object_prop_set_str(ram, "size", "16M", NULL);
    Object *cpu = object_new_child(root, "rv64", "cpu", NULL);
    object_prop_set_str(cpu, "address-space", "/as", NULL);
    object_prop_set_str(cpu, "reset-vector", "0x80000000", NULL);
    Error *err = NULL;
    if (!object_realize(root, &err)) {
        fprintf(stderr, "%s\n", err->msg);
        return 0;
    }
    memory_map(&as->root, 0x80000000, memory_region_of(ram, "mem", NULL), 0, NULL);
    object_reset(root);
    addrspace_load(as, 0x80000000, prog, n * 4, NULL);
    RiscvCpu *rv = (RiscvCpu *)cpu;
    rv->x[5] = iters;                       /* t0: the loop count */
    struct timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    gint64 t0 = g_get_monotonic_time();
    uint64_t done = 0;
    uint64_t limit = iters * per_iter + 100;
    while (!rv->base.halted && done < limit) {
        done += cpu_ops(&rv->base)->exec(&rv->base, 10000000);
    }
    if (!rv->base.halted) {
        fprintf(stderr, "%s: did not finish (pc %#" G_GINT64_MODIFIER "x)\n",
                what, rv->pc);
    }
    double secs = (g_get_monotonic_time() - t0) / 1e6;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    double used = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
    /* CPU time: the machine may be shared; wall time shown too */
    double mips = done / used / 1e6;
    printf("%-18s %11" G_GUINT64_FORMAT " insns  cpu %6.3f s  wall %6.3f s"
           "  %7.1f MIPS\n", what, done, used, secs, mips);
    object_destroy(root);
    return mips;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000000;
    if (!type_registry_init((const TypeInfo *const *const[]){
            core_types, memory_types, exec_types, hw_types, riscv_types,
            NULL }, NULL)) {
        return 1;
    }
    /* t0 counts down; t1 accumulates */
    static const uint32_t add_loop[] = {
        0x00530333,   /* 1: add t1, t1, t0 */
        0xfff28293,   /*    addi t0, t0, -1 */
        0xfe029ce3,   /*    bnez t0, 1b */
        0x10500073,   /*    wfi */
    };
    /* a0 = 0x80100000; load, add, store each iteration */
    static const uint32_t mem_loop[] = {
        0x00100517,   /*    auipc a0, 0x100 (0x80100000) */
        0x00053583,   /* 1: ld a1, 0(a0) */
        0x00558593,   /*    addi a1, a1, 5 */
        0x00b53023,   /*    sd a1, 0(a0) */
        0xfff28293,   /*    addi t0, t0, -1 */
        0xfe0298e3,   /*    bnez t0, 1b */
        0x10500073,   /*    wfi */
    };
    /* t1 += 3 through three calls of f */
    static const uint32_t call_loop[] = {
        0x020000ef,   /* 1: jal f */
        0x01c000ef,   /*    jal f */
        0x018000ef,   /*    jal f */
        0xfff28293,   /*    addi t0, t0, -1 */
        0xfe0298e3,   /*    bnez t0, 1b */
        0x10500073,   /*    wfi */
        0x00000013,   /*    nop */
        0x00000013,   /*    nop */
        0x00130313,   /* f: addi t1, t1, 1 */
        0x00008067,   /*    ret */
    };
    run_loop(add_loop, G_N_ELEMENTS(add_loop), iters, 3, "add/branch loop");
    run_loop(mem_loop, G_N_ELEMENTS(mem_loop), iters / 2, 5, "load/store loop");
    run_loop(call_loop, G_N_ELEMENTS(call_loop), iters / 4, 11,
             "call/return loop");
    return 0;
}
