/* The registry of every type this binary has, from each folder's list.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_SYSTEM_TYPES_H
#define HEMU_SYSTEM_TYPES_H

#include "core/object.h"

/* Build the type registry from all folders' lists; idempotent. */
bool hemu_types_init(Error **errp);

#endif
