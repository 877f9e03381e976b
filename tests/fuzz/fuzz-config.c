/* libFuzzer target: arbitrary bytes as a config file (-readconfig): YAML
 * or JSON parsed to commands and run against a fresh -preconfig System.
 * Checks: no crash, no leak; errors are values.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <glib.h>

#include "core/yaml.h"
#include "system/system.h"
#include "fuzz-scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the YAML reader on its own */
    Error *err = NULL;
    json_t *v = yaml_to_json((const char *)data, size, "fuzz.yaml", &err);
    json_decref(v);
    error_free(err);
    err = NULL;

    /* the whole -readconfig path, through a file as the option reads it */
    char path[] = "/tmp/hemu-fuzz-config-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return 0;
    }
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    System *sys = system_new(NULL);
    if (!sys) {
        __builtin_trap();
    }
    system_run_config_file(sys, path, &err);
    error_free(err);
    system_free(sys);
    unlink(path);
    return 0;
}
