/* Every type list of the binary, in one place: the registry reads these.
 * SPDX-License-Identifier: MIT */
#include "system/types.h"
#include "chardev/chardev.h"
#include "exec/types.h"
#include "hw/types.h"
#include "machine/machine.h"
#include "memory/memory.h"
#include "system/system.h"
#include "target/riscv/types.h"
#include "target/arm/types.h"

static const TypeInfo *const *const all_lists[] = {
    core_types,
    memory_types,
    exec_types,
    riscv_types,
    arm_types,
    chardev_types,
    hw_types,
    machine_types,
    NULL,
};

bool hemu_types_init(Error **errp)
{
    return type_registry_init(all_lists, errp);
}

const CpuQmpCommand *const hemu_target_commands[] = {
    riscv_qmp_commands,
    arm_qmp_commands,
    NULL,
};
