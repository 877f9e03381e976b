/* The CPU base type "cpu": what the scheduler, loaders and QMP need of a
 * CPU of any architecture (DESIGN.md §2.8, §6). A target (src/target/ARCH)
 * derives its CPU types from it and fills a CpuOps table.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_EXEC_CPU_H
#define HEMU_EXEC_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <jansson.h>

#include "core/object.h"
#include "memory/memory.h"

#define TYPE_CPU "cpu"

typedef struct Cpu Cpu;

/* What a target implements (TypeInfo.class_ops of its CPU types). */
typedef struct CpuOps {
    /* Run from the current state until about budget instructions have
     * retired; it may stop at the end of a block a little after, and stops
     * early when the CPU starts waiting for an interrupt (cpu->halted) or
     * cpu->exit_request is set (left set: the caller clears it). Returns
     * the number of instructions retired (also added to cpu->retired).
     * Guest faults are architectural traps, never host errors. */
    uint64_t (*exec)(Cpu *cpu, uint64_t budget);
    /* The program counter (query-cpus-fast, loaders setting an entry). */
    uint64_t (*get_pc)(Cpu *cpu);
    void (*set_pc)(Cpu *cpu, uint64_t pc);
} CpuOps;

/* The state of every CPU starts with this. Configuration comes from
 * properties: "address-space" (link), "clock-frequency" (Hz), and
 * "reset-vector" (where it starts after reset). */
struct Cpu {
    Object obj;
    union {
        AddressSpace *as;    /* what the CPU sees */
        Object *as_link;     /* the same, as the link property holds it */
    };
    uint64_t freq;           /* instructions per second of virtual time */
    uint64_t reset_pc;       /* the pc after reset */
    uint64_t retired;        /* instructions retired since realize */
    uint64_t ahead;          /* retired beyond its turns' budgets (exec
                              * ends blocks past the budget): the clock
                              * owes it that much time, its next turns
                              * are shorter by as much */
    uint64_t frac;           /* the fraction of an instruction (in units
                              * of 1/1e9) its turns' shares left over */
    bool halted;             /* waiting for an interrupt (wfi); the target
                              * clears it when one becomes pending */
    bool exit_request;       /* leave exec at the next block boundary */
};

static inline const CpuOps *cpu_ops(const Cpu *cpu)
{
    return type_class_ops(cpu->obj.type);
}

/* Whether the scheduler may run cpu now: realized, not held in reset by
 * its own "reset" input or an ancestor's (its cluster's), not waiting for
 * an interrupt. */
bool cpu_runnable(const Cpu *cpu);

extern const TypeInfo cpu_type;

/* A device whose counter a CPU's time register reads: the class_ops of
 * its type (the RISC-V CLINT: mtime, writes included). A RISC-V hart
 * links one as its "time-source". */
typedef struct TimeSourceOps {
    uint64_t (*read)(Object *src);
} TimeSourceOps;

/* The CPUs of the tree under root, in tree order (the scheduler's order
 * and query-cpus-fast's cpu-index). Free with g_ptr_array_unref. */
GPtrArray *cpu_list(Object *root);

/* ---- target-specific QMP commands (docs/qapi.md "Targets") ----------- */

/* A command of one target (qapi/TARGET.json, with 'if': {'target': T}):
 * run on the machine, NULL before one exists. Each target lists its
 * commands in a table; the system registers every table, and the schema's
 * condition shows a command only where its target applies. */
typedef json_t *(*CpuQmpHandler)(Object *machine, json_t *args, Error **errp);
typedef struct CpuQmpCommand {
    const char *name;
    CpuQmpHandler fn;
} CpuQmpCommand;

/* Whether a type's target ("riscv64") belongs to the target a schema
 * condition names ("riscv"): the same name, or it followed by digits
 * (riscv covers riscv32 and riscv64). */
bool target_matches(const char *target, const char *family);

/* The CPUs of machine of target family a target command's "cpu-index"
 * argument selects: all of them when the argument is absent, else the one
 * of that index (an error when there is none or it is of another target;
 * what names the kind in it). index gets each one's cpu-index (int). */
GPtrArray *cpu_select(Object *machine, json_t *args, const char *family,
                      const char *what, GArray *index, Error **errp);

/* A register value as QMP gives it: a hexadecimal string ("0x1f"). */
json_t *cpu_reg_json(uint64_t v);

#endif
