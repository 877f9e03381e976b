/* Every type of src/target/arm, in one greppable list (DESIGN.md §4).
 * SPDX-License-Identifier: MIT */
#include "target/arm/cpu.h"
#include "target/arm/types.h"

const TypeInfo *const arm_types[] = {
    &cortex_m0_type,
    &cortex_m3_type,
    &cortex_m4_type,
    NULL,
};
