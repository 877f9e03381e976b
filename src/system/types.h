/* The registry of every type this binary has, from each folder's list.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_SYSTEM_TYPES_H
#define HEMU_SYSTEM_TYPES_H

#include "core/object.h"
#include "exec/cpu.h"

/* Build the type registry from all folders' lists; idempotent. */
bool hemu_types_init(Error **errp);

/* The QMP command tables of the binary's targets (src/target/ARCH/qmp.c),
 * NULL-terminated. */
extern const CpuQmpCommand *const hemu_target_commands[];

#endif
