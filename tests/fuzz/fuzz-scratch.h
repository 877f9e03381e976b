/* For fuzz targets that run commands: libFuzzer's initializer moves the
 * process into a scratch directory, so files and sockets that fuzzed
 * commands create with relative paths do not land in the source tree.
 * Include once, in the target's .c file.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TESTS_FUZZ_SCRATCH_H
#define HEMU_TESTS_FUZZ_SCRATCH_H

#include <unistd.h>
#include <glib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Commands may create files and sockets (chardev-add file/socket with a
 * relative path): let them land in a scratch directory, not the tree. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char *dir = g_dir_make_tmp("hemu-fuzz-XXXXXX", NULL);
    if (!dir || chdir(dir) != 0) {
        __builtin_trap();
    }
    g_free(dir);
    return 0;
}

#endif
