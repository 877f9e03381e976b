/* libFuzzer target: arbitrary bytes as a QMP session against hemu's real
 * dispatcher and commands (a fresh -preconfig System per input): machine
 * building, devices, properties, state changes. Checks: no crash, no leak.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "system/system.h"
#include "fuzz-scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    System *sys = system_new(NULL);
    if (!sys) {
        __builtin_trap();
    }
    QmpSession *s = qmp_session_new(sys->qmp, NULL, NULL, 0);
    size_t off = 0, step = size ? data[0] % 61 + 1 : 1;

    while (off < size && !sys->quit) {
        size_t n = MIN(step, size - off);
        size_t len;
        if (!qmp_session_feed(s, data + off, n)) {
            break;
        }
        off += n;
        qmp_session_output(s, &len);
        qmp_session_consume(s, len);
    }
    qmp_session_free(s);
    system_free(sys);
    return 0;
}
