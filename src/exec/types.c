/* Every type of src/exec, in one greppable list (DESIGN.md §4).
 * SPDX-License-Identifier: MIT */
#include "exec/cluster.h"
#include "exec/cpu.h"
#include "exec/types.h"
#include "exec/vclock.h"

const TypeInfo *const exec_types[] = {
    &cpu_type,
    &cpu_cluster_type,
    &vclock_type,
    NULL,
};
