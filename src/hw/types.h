/* The types of src/hw, in one explicit list that the registry reads.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_HW_TYPES_H
#define HEMU_HW_TYPES_H

#include "core/object.h"

extern const TypeInfo *const hw_types[];

#endif
