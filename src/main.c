/* The hemu binary: parses argv, runs startup, turns the outcome into an
 * exit status. The only file that may call exit().
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "core/version.h"

static void usage(void)
{
    printf("usage: hemu [options]\n"
           "hemu is a machine emulator whose machines are data.\n\n"
           "  -version, --version   print the version and exit\n"
           "  -help, --help         print this help and exit\n");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--version") || !strcmp(a, "-version")) {
            printf("hemu version %s\n", HEMU_VERSION);
            return EXIT_SUCCESS;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-help") || !strcmp(a, "-h")) {
            usage();
            return EXIT_SUCCESS;
        }
    }
    usage();
    return EXIT_SUCCESS;
}
