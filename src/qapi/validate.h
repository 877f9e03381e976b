/* Checking JSON values against schema types with QEMU's error texts
 * (qobject-input-visitor.c, qapi-visit-core.c, QEMU 7.2), and the same
 * walk in keyval mode, converting strings to typed JSON.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_VALIDATE_H
#define HEMU_QAPI_VALIDATE_H

#include <jansson.h>

#include "qapi/schema.h"

/* Check @value against @type; members and enum values whose condition
 * is false in @ctx do not exist. Errors are GenericError. */
bool qapi_validate(const QapiEntity *type, json_t *value,
                   const QapiCondContext *ctx, Error **errp);

/* Check the "arguments" of command @cmd; NULL @args means {}. Without
 * 'data' no argument is accepted; 'boxed' commands check against their
 * (struct or union) type. */
bool qapi_validate_command_args(const QapiEntity *cmd, json_t *args,
                                const QapiCondContext *ctx, Error **errp);

/* The walk behind both: returns a new reference to @value (validated),
 * or in @keyval mode a converted copy where string leaves became the
 * numbers, booleans and sizes the type wants (paths print as "a.0.b").
 * @type NULL means an object without members. NULL on error. */
json_t *qapi_validate_convert(const QapiEntity *type, json_t *value,
                              bool keyval, const QapiCondContext *ctx,
                              Error **errp);

#endif
