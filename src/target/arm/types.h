/* The type list of src/target/arm (the Cortex-M CPUs).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TARGET_ARM_TYPES_H
#define HEMU_TARGET_ARM_TYPES_H

#include "core/object.h"
#include "exec/cpu.h"

extern const TypeInfo *const arm_types[];
/* Its QMP commands (qmp.c). */
extern const CpuQmpCommand arm_qmp_commands[];

#endif
