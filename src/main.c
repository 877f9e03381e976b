/* The hemu binary: builds the System, runs the command line left to right,
 * finishes start-up, runs the main loop until quit, and turns the outcome
 * into an exit status. The only file that may call exit().
 * SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <glib-unix.h>

#include "system/cli.h"
#include "system/system.h"

static gboolean on_signal(gpointer opaque)
{
    System *sys = opaque;
    /* as QEMU: a terminating signal is a host-requested shutdown */
    sys->shutdown_reason = "host-signal";
    system_request_quit(sys, 0);
    return G_SOURCE_CONTINUE;
}

/* After the command line: without -preconfig the machine advances to
 * prelaunch and runs (or stays in prelaunch with -S); with -preconfig it
 * waits where the command line left it. */
static bool startup_finish(System *sys, Cli *cli, Error **errp)
{
    sys->autostart = !cli->start_paused;
    if (cli->preconfig) {
        return true;
    }
    if (!sys->machine && !cli_default_machine(sys, cli, errp)) {
        return false;
    }
    if (cli->exit_now) {
        return true;    /* --print-commands */
    }
    if (!system_advance(sys, RUN_STATE_PRELAUNCH, errp) ||
        !cli_after_prelaunch(sys, cli, errp)) {
        return false;
    }
    if (cli->exit_now) {
        return true;    /* -dumpdtb */
    }
    if (sys->autostart) {
        system_run(sys);
    }
    return true;
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    Cli cli = { 0 };

    signal(SIGPIPE, SIG_IGN);
    System *sys = system_new(&err);
    if (!sys) {
        fprintf(stderr, "hemu: %s\n", error_get_pretty(err));
        return EXIT_FAILURE;
    }
    if (!cli_run(sys, &cli, argc, argv, &err) ||
        (!cli.exit_now && !startup_finish(sys, &cli, &err))) {
        fprintf(stderr, "hemu: %s\n", error_get_pretty(err));
        error_free(err);
        cli_free(&cli);
        system_free(sys);
        return EXIT_FAILURE;
    }
    cli_free(&cli);
    if (cli.exit_now) {
        system_free(sys);
        return EXIT_SUCCESS;
    }
    g_unix_signal_add(SIGINT, on_signal, sys);
    g_unix_signal_add(SIGTERM, on_signal, sys);
    g_unix_signal_add(SIGHUP, on_signal, sys);
    system_monitors_resume(sys);
    while (!sys->quit) {
        g_main_context_iteration(NULL, TRUE);
    }
    system_shutdown(sys);
    int status = sys->exit_status;
    system_free(sys);
    exit(status);
}
