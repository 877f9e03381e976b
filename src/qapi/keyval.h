/* QEMU's KEY=VALUE,... syntax (util/keyval.c, QEMU 7.2): parsing into a
 * JSON object of strings, and converting that into typed JSON through a
 * schema type, with QEMU's error texts.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_KEYVAL_H
#define HEMU_QAPI_KEYVAL_H

#include <jansson.h>

#include "qapi/schema.h"

/* Parse "a=1,b.c=x,list.0=y" into {"a": "1", "b": {"c": "x"},
 * "list": ["y"]}. ",," is a literal comma. With @implied_key, a first
 * item without '=' means implied_key=item ("-device TYPE,..."). "help"
 * or "?" as an item sets *@help (an error when @help is NULL). */
json_t *keyval_parse(const char *params, const char *implied_key,
                     bool *help, Error **errp);

/* Convert a keyval_parse() result through @type (NULL: no members):
 * numbers, booleans (on/off, yes/no, true/false), sizes, enums, lists,
 * nested structs, unions and alternates; 'any' keeps strings. */
json_t *keyval_convert(const QapiEntity *type, json_t *kv,
                       const QapiCondContext *ctx, Error **errp);

/* keyval_parse() then keyval_convert(); *help set means no conversion
 * was done and NULL is returned without error. */
json_t *keyval_parse_typed(const QapiEntity *type, const char *params,
                           const char *implied_key, bool *help,
                           const QapiCondContext *ctx, Error **errp);

/* Scalar conversions, true on success. Integers take a sign and 0x/0
 * prefixes (base 0); sizes take a fraction and a suffix B K M G T P E
 * (powers of 1024, any case) like QEMU's qemu_strtosz. */
bool keyval_parse_int(const char *str, int64_t *out);
bool keyval_parse_uint(const char *str, uint64_t *out);
bool keyval_parse_size(const char *str, uint64_t *out);
bool keyval_parse_number(const char *str, double *out);
bool keyval_parse_bool(const char *str, bool *out);

#endif
