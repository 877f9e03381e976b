/* libFuzzer target: arbitrary bytes as a machine description file, run by
 * machine-set {"file"} on a fresh System; when it builds, x-machine-init and
 * machine-export in every format. Checks: no crash, leak or hang.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <glib.h>

#include "system/system.h"
#include "fuzz-scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run one command; its result and error are dropped. */
static bool run(System *sys, const char *name, json_t *args)
{
    Error *err = NULL;
    json_t *ret = system_dispatch(sys, name, args, &err);
    json_decref(ret);
    json_decref(args);
    error_free(err);
    return ret != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the JSON spelling starts with an object or a comment; anything else
     * is read as YAML (which takes JSON-like flow style too) */
    bool json = size && (data[0] == '{' || data[0] == '/');
    const char *path = json ? "fuzz-machine.json" : "fuzz-machine.yaml";
    FILE *f = fopen(path, "wb");     /* in the scratch directory */
    if (!f) {
        __builtin_trap();
    }
    if (fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        __builtin_trap();
    }

    /* a fresh System per input, as fuzz-qmp-dispatch: nothing of one
     * input's machine survives into the next */
    System *sys = system_new(NULL);
    if (!sys) {
        __builtin_trap();
    }
    if (run(sys, "machine-set", json_pack("{s:s}", "file", path))) {
        run(sys, "x-machine-init", NULL);
        static const char *const formats[] = { "json", "yaml", "dot" };
        for (int i = 0; i < 3; i++) {
            run(sys, "machine-export", json_pack("{s:s}", "format", formats[i]));
        }
    }
    system_free(sys);
    /* so that no input can include what an earlier one left */
    unlink(path);
    return 0;
}
