/* The expression language of machine descriptions: "${EXPR}" parts of
 * description strings, evaluated against a scope of named values.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MACHINE_EXPR_H
#define HEMU_MACHINE_EXPR_H

#include <stddef.h>
#include <jansson.h>
#include "core/error.h"

/* Evaluate a description string against scope (a JSON object mapping
 * names to integer, string or boolean values):
 *  - text that is exactly one "${EXPR}" (nothing around it) yields EXPR's
 *    typed value: a JSON integer, string or boolean;
 *  - otherwise each ${EXPR} is replaced by the text of its value (integers
 *    in decimal, booleans as true/false) and the result is a JSON string;
 *  - "$${" stands for a literal "${"; text without "${" is returned as a
 *    string unchanged.
 * Returns a new reference, or NULL with errp set and *err_off (if not
 * NULL) set to the byte offset in text where the problem is (for a
 * file:line:col in the caller). The grammar and limits are in expr.c. */
json_t *expr_eval_string(const char *text, json_t *scope, size_t *err_off,
                         Error **errp);
/* True when text contains a ${...} part (so it needs evaluating); also
 * true for a "$${" escape, which evaluating turns into "${". */
bool expr_has_subst(const char *text);

#endif
