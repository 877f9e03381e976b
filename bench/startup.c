/* bench/startup: time from exec to the QMP greeting, and from exec to exit
 * after quit, hemu and QEMU 7.2 side by side in one run (median of N runs),
 * printed with the ratio. QMP over stdio pipes; nothing hemu-specific.
 * Usage: bench-startup [--hemu PATH] [--qemu PATH] [--runs N]
 * SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One start: returns false if the peer did not greet. */
static bool one(char *const argv[], double *greet_ms, double *exit_ms)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out)) {
        return false;
    }
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    char buf[4096];
    size_t len = 0;
    bool greeted = false;
    while (len < sizeof(buf) - 1) {
        ssize_t r = read(out[0], buf + len, sizeof(buf) - 1 - len);
        if (r <= 0) {
            break;
        }
        len += r;
        buf[len] = 0;
        if (strchr(buf, '\n')) {
            greeted = strstr(buf, "\"QMP\"") != NULL;
            break;
        }
    }
    *greet_ms = now_ms() - t0;
    static const char cmds[] = "{\"execute\": \"qmp_capabilities\"}\n"
                               "{\"execute\": \"quit\"}\n";
    if (write(in[1], cmds, sizeof(cmds) - 1) < 0) {
        greeted = false;
    }
    while (read(out[0], buf, sizeof(buf)) > 0) {
        /* drain until the peer closes its output at exit */
    }
    waitpid(pid, NULL, 0);
    *exit_ms = now_ms() - t0;
    close(in[1]);
    close(out[0]);
    return greeted;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static bool measure(char *const argv[], int runs, double *greet, double *quit)
{
    g_autofree double *g = g_new(double, runs);
    g_autofree double *q = g_new(double, runs);
    for (int i = 0; i < runs; i++) {
        if (!one(argv, &g[i], &q[i])) {
            return false;
        }
    }
    qsort(g, runs, sizeof(double), cmp);
    qsort(q, runs, sizeof(double), cmp);
    *greet = g[runs / 2];
    *quit = q[runs / 2];
    return true;
}

int main(int argc, char **argv)
{
    const char *hemu = "build/hemu", *qemu = "qemu-system-riscv64";
    int runs = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--hemu")) {
            hemu = argv[i + 1];
        } else if (!strcmp(argv[i], "--qemu")) {
            qemu = argv[i + 1];
        } else if (!strcmp(argv[i], "--runs")) {
            runs = MAX(1, atoi(argv[i + 1]));
        }
    }
    signal(SIGPIPE, SIG_IGN);
    g_autofree char *qpath = g_find_program_in_path(qemu);

    /* the empty machine, and a small one: a few devices (hemu) / QEMU's
     * riscv virt board */
    struct {
        const char *name;
        char *hemu[16];
        char *qemu[16];
    } cases[] = {
        { "-M none",
          { (char *)hemu, "-M", "none", "-nodefaults", "-display", "none",
            "-qmp", "stdio", NULL },
          { qpath, "-M", "none", "-nodefaults", "-display", "none",
            "-qmp", "stdio", NULL } },
        { "small machine",
          { (char *)hemu, "-M", "none", "-nodefaults", "-display", "none",
            "-device", "ram,id=ram0,size=128M", "-device", "rom,id=rom0,size=64K",
            "-object", "address-space,id=sysmem", "-qmp", "stdio", NULL },
          { qpath, "-M", "virt", "-nodefaults", "-display", "none",
            "-qmp", "stdio", NULL } },
    };
    printf("start-up, median of %d runs (ms)\n", runs);
    printf("%-14s %-5s %12s %14s\n", "machine", "peer", "to greeting", "to exit (quit)");
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        double hg = 0, hq = 0, qg = 0, qq = 0;
        bool h = measure(cases[c].hemu, runs, &hg, &hq);
        bool q = qpath && measure(cases[c].qemu, runs, &qg, &qq);
        if (h) {
            printf("%-14s %-5s %12.2f %14.2f\n", cases[c].name, "hemu", hg, hq);
        }
        if (q) {
            printf("%-14s %-5s %12.2f %14.2f\n", cases[c].name, "qemu", qg, qq);
        }
        if (h && q) {
            printf("%-14s ratio hemu/qemu: greeting %.3fx, exit %.3fx\n",
                   cases[c].name, hg / qg, hq / qq);
        }
    }
    return 0;
}
