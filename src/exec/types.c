/* Every type of src/exec, in one greppable list (DESIGN.md §4).
 * SPDX-License-Identifier: MIT */
#include "exec/cpu.h"
#include "exec/types.h"

const TypeInfo *const exec_types[] = {
    &cpu_type,
    NULL,
};
