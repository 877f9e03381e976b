/* Every type of src/target/riscv, in one greppable list (DESIGN.md §4).
 * SPDX-License-Identifier: MIT */
#include "target/riscv/cpu.h"
#include "target/riscv/types.h"

const TypeInfo *const riscv_types[] = {
    &rv64_type,
    &rv32_type,
    NULL,
};
