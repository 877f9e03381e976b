/* The type list of src/target/riscv (the RISC-V CPUs).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TARGET_RISCV_TYPES_H
#define HEMU_TARGET_RISCV_TYPES_H

#include "core/object.h"
#include "exec/cpu.h"

extern const TypeInfo *const riscv_types[];
/* Its QMP commands (qmp.c). */
extern const CpuQmpCommand riscv_qmp_commands[];

#endif
