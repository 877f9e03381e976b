/* Numbers and sizes as users write them: "4096", "0x1000", "64K", "1.5G".
 * Suffixes are binary multiples (K = 1024), as in QEMU's size parser.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_SIZE_H
#define HEMU_CORE_SIZE_H

#include <stdint.h>
#include "core/error.h"

/* Parse an unsigned number: decimal, 0x hex, 0b binary. */
bool size_parse_uint(const char *s, uint64_t *out, Error **errp);
/* Parse a signed number (decimal or 0x hex, optional leading '-'). */
bool size_parse_int(const char *s, int64_t *out, Error **errp);
/* Parse a size: a number with an optional suffix B, K, M, G, T, P, E. */
bool size_parse(const char *s, uint64_t *out, Error **errp);
/* Format a size compactly ("64K", "1G", "1536"); returns a new string. */
char *size_format(uint64_t v);

#endif
