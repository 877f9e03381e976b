/* The type list of src/exec (the CPU base type).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_EXEC_TYPES_H
#define HEMU_EXEC_TYPES_H

#include "core/object.h"

extern const TypeInfo *const exec_types[];

#endif
