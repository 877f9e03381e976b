/* libFuzzer target: arbitrary bytes as a machine-description string with
 * ${...} expressions, evaluated against a small fixed scope.
 * Checks: no crash, no leak; a value or an error at an offset in the text.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "machine/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *)data, size);
    json_t *scope = json_pack("{s:i, s:i, s:s, s:b}", "i", 3, "cpus", 4,
                              "name", "x", "on", 1);
    Error *err = NULL;
    size_t off = SIZE_MAX;
    json_t *v = expr_eval_string(text, scope, &off, &err);

    if (!v != !!err || (err && off > strlen(text))) {
        __builtin_trap();   /* a value or an error, pointing into the text */
    }
    if (!expr_has_subst(text) && !json_is_string(v) && !err) {
        __builtin_trap();   /* text without ${ comes back as a string */
    }
    json_decref(v);
    error_free(err);
    json_decref(scope);
    return 0;
}
