/* What a type contributes to a flattened device tree (the board's device
 * tree is generated from the machine graph by "device-tree",
 * src/hw/core/device-tree.c). Data only, so any layer may declare it.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_FDT_H
#define HEMU_CORE_FDT_H

#include <stdbool.h>
#include <stdint.h>

struct Object;

/* A CPU input pin and the interrupt number (cell) that names it in the
 * CPU's interrupt-controller node, e.g. { "mtip", 7 }. */
typedef struct FdtIrq {
    const char *pin;
    uint32_t cell;
} FdtIrq;

typedef enum FdtPlace {
    FDT_SOC,            /* /soc/NAME@ADDR (the default) */
    FDT_ROOT,           /* /NAME@ADDR (memory) */
    FDT_CPUS,           /* /cpus/cpu@HARTID with an interrupt-controller child */
} FdtPlace;

typedef struct FdtDef {
    const char *node;                /* node name before '@' */
    const char *const *compatible;   /* NULL-terminated, or NULL */
    const char *device_type;         /* "memory", "cpu", or NULL */
    FdtPlace place;
    /* "reg": the mapping of this region in the described address space
     * (NULL: the type's first region); CPUs: the "hartid" property */
    const char *region;
    /* An output pin: where it is wired to an interrupt controller's
     * input N gives "interrupts" = <N> and "interrupt-parent". */
    const char *irq;
    /* Nonzero: an interrupt controller with this #interrupt-cells. */
    uint32_t interrupt_cells;
    /* Its output pins wired to CPU inputs give "interrupts-extended"
     * (PLIC contexts, CLINT timer and software interrupts). */
    bool interrupts_extended;
    /* CPUs: the input pins with their interrupt numbers, and the
     * compatible of the interrupt-controller child. */
    const FdtIrq *cpu_irqs;
    const char *intc_compatible;
    /* More properties, written with libfdt's sequential-write calls into
     * fdt (a void * to keep libfdt out of this header). */
    void (*props)(struct Object *obj, void *fdt);
} FdtDef;

#endif
