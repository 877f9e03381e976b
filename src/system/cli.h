/* The command line, run left to right (see cli.c and docs/cli.md).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_SYSTEM_CLI_H
#define HEMU_SYSTEM_CLI_H

#include "system/system.h"

typedef struct CliShorthand {
    const char *opt, *prop, *arg;
    int pos;
} CliShorthand;

typedef struct Cli {
    bool exit_now;       /* -version, -help, -M help: done, exit 0 */
    bool preconfig;      /* wait for QMP after the command line */
    bool start_paused;   /* -S */
    bool nodefaults;
    bool print_commands; /* --print-commands: print the machine's plan */
    GString *machine_args; /* ",prop=value" of -m, -smp, ...: given to the
                            * machine, wherever they stand */
    GArray *shorthands;    /* CliShorthand: where each came from */
    const char *dumpdtb;   /* -dumpdtb FILE: write the device tree, exit */
    const char *target;    /* argv[0] or -target: picks the default machine */

} Cli;

/* Run argv[1..] in order. On error, the message names the option, its
 * argument and its position. */
bool cli_run(System *sys, Cli *cli, int argc, char **argv, Error **errp);
/* Without -M or -machine-file: create the default machine ("none"). */
bool cli_default_machine(System *sys, Cli *cli, Error **errp);
void cli_free(Cli *cli);
/* At prelaunch: -dumpdtb writes the machine's device tree and asks to
 * exit. */
bool cli_after_prelaunch(System *sys, Cli *cli, Error **errp);

#endif
