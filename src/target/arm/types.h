/* The type list of src/target/arm (the Cortex-M CPUs).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TARGET_ARM_TYPES_H
#define HEMU_TARGET_ARM_TYPES_H

#include "core/object.h"

extern const TypeInfo *const arm_types[];

#endif
