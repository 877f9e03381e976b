/* bench/qmp: QMP round trips per second and p50/p99 latency for qom-get and
 * qom-list, hemu and QEMU 7.2 side by side in one run, with this one client
 * (plain QMP over a unix socket, nothing hemu-specific). Prints ratios.
 * Usage: bench-qmp [--hemu PATH] [--qemu PATH] [--count N]
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

typedef struct Conn {
    int fd;
    char buf[1 << 16];
    size_t len;
} Conn;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Read one line (a QMP message); returns false on EOF. */
static bool read_line(Conn *c, GString *line)
{
    for (;;) {
        char *nl = memchr(c->buf, '\n', c->len);
        if (nl) {
            size_t n = nl - c->buf + 1;
            g_string_truncate(line, 0);
            g_string_append_len(line, c->buf, n);
            memmove(c->buf, c->buf + n, c->len - n);
            c->len -= n;
            return true;
        }
        if (c->len == sizeof(c->buf)) {
            c->len = 0; /* a huge message: drop what we have */
        }
        ssize_t r = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
        if (r <= 0) {
            return false;
        }
        c->len += r;
    }
}

/* Send a command and wait for its reply (skipping events). */
static bool roundtrip(Conn *c, const char *cmd, GString *line)
{
    size_t n = strlen(cmd);
    if (write(c->fd, cmd, n) != (ssize_t)n) {
        return false;
    }
    do {
        if (!read_line(c, line)) {
            return false;
        }
    } while (strstr(line->str, "\"event\""));
    return strstr(line->str, "\"return\"") != NULL;
}

static pid_t spawn(const char *bin, const char *sock)
{
    g_autofree char *qmp = g_strdup_printf("unix:%s,server=on,wait=off", sock);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", 2);
        dup2(devnull, 0);
        dup2(devnull, 1);
        execl(bin, bin, "-M", "none", "-nodefaults", "-display", "none",
              "-qmp", qmp, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int connect_retry(const char *sock)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    g_strlcpy(a.sun_path, sock, sizeof(a.sun_path));
    for (int i = 0; i < 500; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0) {
            return fd;
        }
        close(fd);
        usleep(10000);
    }
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct Result {
    double rps, p50, p99;
} Result;

static bool measure(Conn *c, const char *cmd, int count, Result *r)
{
    g_autoptr(GString) line = g_string_new("");
    g_autofree double *lat = g_new(double, count);
    for (int i = 0; i < count / 10; i++) {  /* warm up */
        if (!roundtrip(c, cmd, line)) {
            fprintf(stderr, "bench-qmp: bad reply to %s: %s", cmd, line->str);
            return false;
        }
    }
    double t0 = now_us();
    for (int i = 0; i < count; i++) {
        double s = now_us();
        if (!roundtrip(c, cmd, line)) {
            fprintf(stderr, "bench-qmp: bad reply to %s: %s", cmd, line->str);
            return false;
        }
        lat[i] = now_us() - s;
    }
    double total = now_us() - t0;
    qsort(lat, count, sizeof(double), cmp_double);
    r->rps = count / (total / 1e6);
    r->p50 = lat[count / 2];
    r->p99 = lat[(int)(count * 0.99)];
    return true;
}

static const char *const cmds[][2] = {
    { "qom-get", "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine\", \"property\": \"type\"}}\n" },
    { "qom-list", "{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/machine\"}}\n" },
};

static bool run_one(const char *bin, int count, Result res[2])
{
    g_autofree char *dir = g_dir_make_tmp("bench-qmp-XXXXXX", NULL);
    g_autofree char *sock = g_build_filename(dir, "qmp.sock", NULL);
    pid_t pid = spawn(bin, sock);
    Conn *c = g_new0(Conn, 1);
    bool ok = false;
    g_autoptr(GString) line = g_string_new("");

    c->fd = connect_retry(sock);
    if (c->fd < 0 || !read_line(c, line) || !strstr(line->str, "\"QMP\"") ||
        !roundtrip(c, "{\"execute\": \"qmp_capabilities\"}\n", line)) {
        fprintf(stderr, "bench-qmp: %s did not serve QMP\n", bin);
        goto out;
    }
    ok = measure(c, cmds[0][1], count, &res[0]) &&
         measure(c, cmds[1][1], count, &res[1]);
    roundtrip(c, "{\"execute\": \"quit\"}\n", line);
out:
    if (c->fd >= 0) {
        close(c->fd);
    }
    g_free(c);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    unlink(sock);
    rmdir(dir);
    return ok;
}

int main(int argc, char **argv)
{
    const char *hemu = "build/hemu", *qemu = "qemu-system-riscv64";
    int count = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--hemu")) {
            hemu = argv[i + 1];
        } else if (!strcmp(argv[i], "--qemu")) {
            qemu = argv[i + 1];
        } else if (!strcmp(argv[i], "--count")) {
            count = atoi(argv[i + 1]);
        }
    }
    signal(SIGPIPE, SIG_IGN);
    Result h[2], q[2];
    bool have_h = run_one(hemu, count, h);
    g_autofree char *qpath = g_find_program_in_path(qemu);
    bool have_q = qpath && run_one(qpath, count, q);

    printf("QMP round trips, %d each, one client on a unix socket\n", count);
    printf("%-10s %-6s %12s %10s %10s\n", "command", "peer", "round trips/s",
           "p50 µs", "p99 µs");
    for (int k = 0; k < 2; k++) {
        if (have_h) {
            printf("%-10s %-6s %12.0f %10.1f %10.1f\n", cmds[k][0], "hemu",
                   h[k].rps, h[k].p50, h[k].p99);
        }
        if (have_q) {
            printf("%-10s %-6s %12.0f %10.1f %10.1f\n", cmds[k][0], "qemu",
                   q[k].rps, q[k].p50, q[k].p99);
        }
        if (have_h && have_q) {
            printf("%-10s ratio  hemu/qemu throughput %.2fx, p50 latency %.2fx\n",
                   cmds[k][0], h[k].rps / q[k].rps, h[k].p50 / q[k].p50);
        }
    }
    if (!have_q) {
        printf("(QEMU not found: install qemu-system-misc for the ratio)\n");
    }
    return have_h ? 0 : 1;
}
