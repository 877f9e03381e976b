/* QMP transports (see transport.h): option parsing, sockets and stdio with
 * non-blocking reads and writes driven by GSources on the owner's context;
 * one client per monitor at a time, as QEMU's socket chardev.
 * SPDX-License-Identifier: MIT */
#include "monitor/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib-unix.h>

#define READ_CHUNK 65536

struct QmpMonitor {
    QmpServer *srv;
    GMainContext *ctx;
    QmpChardevKind kind;
    bool listening;
    char *address;
    char *unlink_path;      /* UNIX socket file we created */
    int listen_fd;
    int in_fd, out_fd;      /* the connection; -1 when none */
    bool in_eof;            /* stdio: input closed, output still open */
    bool out_dead;          /* the output end failed */
    int saved_in_flags, saved_out_flags;
    GSource *listen_src, *in_src, *out_src, *idle_src;
    QmpSession *session;
    unsigned suspend;
    bool drop_conn;         /* drop the connection at the next idle */
    bool freeing;
    unsigned busy;
    QmpMonitorClosedFn *closed_fn;
    void *closed_opaque;
    char *rbuf;
};

/* ---- options ---- */

void qmp_chardev_opts_clear(QmpChardevOpts *o)
{
    g_free(o->id);
    g_free(o->path);
    g_free(o->host);
    g_free(o->port);
    memset(o, 0, sizeof(*o));
    o->in_fd = o->out_fd = -1;
}

static bool parse_bool(const char *key, const char *value, bool *out,
                       Error **errp)
{
    if (!value || !strcmp(value, "on") || !strcmp(value, "yes")
        || !strcmp(value, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(value, "off") || !strcmp(value, "no")
        || !strcmp(value, "false")) {
        *out = false;
        return true;
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
    return false;
}

bool qmp_chardev_set_option(QmpChardevOpts *o, const char *key,
                            const char *value, Error **errp)
{
    char **slot = NULL;

    if (!strcmp(key, "server")) {
        return parse_bool(key, value, &o->server, errp);
    }
    if (!strcmp(key, "wait")) {
        return parse_bool(key, value, &o->wait, errp);
    }
    if (!strcmp(key, "nowait") && !value) {
        o->wait = false;
        return true;
    }
    if (!strcmp(key, "id")) {
        slot = &o->id;
    } else if (!strcmp(key, "path")) {
        slot = &o->path;
        o->kind = QMP_CHARDEV_UNIX;
    } else if (!strcmp(key, "host")) {
        slot = &o->host;
        o->kind = QMP_CHARDEV_TCP;
    } else if (!strcmp(key, "port")) {
        slot = &o->port;
        o->kind = QMP_CHARDEV_TCP;
    }
    if (!slot) {
        error_setg(errp, "Invalid parameter '%s'", key);
        return false;
    }
    if (!value) {
        error_setg(errp, "Parameter '%s' expects a value", key);
        return false;
    }
    g_free(*slot);
    *slot = g_strdup(value);
    return true;
}

/* key[=value],... from s into o */
static bool parse_options(QmpChardevOpts *o, const char *s, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(s, ",", -1);

    for (int i = 0; parts[i]; i++) {
        char *eq;

        if (!parts[i][0]) {
            continue;
        }
        eq = strchr(parts[i], '=');
        if (eq) {
            *eq = 0;
        }
        if (!qmp_chardev_set_option(o, parts[i], eq ? eq + 1 : NULL, errp)) {
            return false;
        }
    }
    return true;
}

static void opts_init(QmpChardevOpts *o)
{
    memset(o, 0, sizeof(*o));
    o->in_fd = o->out_fd = -1;
    o->wait = true;
}

bool qmp_chardev_parse(const char *spec, QmpChardevOpts *o, Error **errp)
{
    const char *comma;

    opts_init(o);
    if (!strcmp(spec, "stdio")) {
        o->kind = QMP_CHARDEV_STDIO;
        return true;
    }
    comma = strchr(spec, ',');
    if (g_str_has_prefix(spec, "unix:")) {
        const char *p = spec + 5;

        o->kind = QMP_CHARDEV_UNIX;
        o->path = comma ? g_strndup(p, comma - p) : g_strdup(p);
    } else if (g_str_has_prefix(spec, "tcp:")) {
        const char *p = spec + 4;
        g_autofree char *hp = comma ? g_strndup(p, comma - p) : g_strdup(p);
        char *colon = strrchr(hp, ':');

        o->kind = QMP_CHARDEV_TCP;
        if (!colon) {
            error_setg(errp, "chardev: tcp: expects HOST:PORT, not '%s'", hp);
            goto fail;
        }
        *colon = 0;
        o->port = g_strdup(colon + 1);
        if (hp[0] == '[' && colon > hp && colon[-1] == ']') {
            colon[-1] = 0;
            o->host = g_strdup(hp + 1);
        } else {
            o->host = g_strdup(hp);
        }
    } else {
        error_setg(errp, "QMP monitor '%s': hemu supports stdio, unix:PATH "
                   "and tcp:HOST:PORT", spec);
        goto fail;
    }
    if (comma && !parse_options(o, comma + 1, errp)) {
        goto fail;
    }
    return true;

fail:
    qmp_chardev_opts_clear(o);
    return false;
}

bool qmp_chardev_parse_chardev(const char *spec, QmpChardevOpts *o,
                               Error **errp)
{
    const char *comma = strchr(spec, ',');
    g_autofree char *backend = comma ? g_strndup(spec, comma - spec)
                                     : g_strdup(spec);

    opts_init(o);
    if (!strcmp(backend, "stdio")) {
        o->kind = QMP_CHARDEV_STDIO;
    } else if (!strcmp(backend, "socket")) {
        o->kind = QMP_CHARDEV_TCP;  /* path= makes it UNIX */
    } else {
        error_setg(errp, "chardev backend '%s' is not supported for QMP "
                   "(use socket or stdio)", backend);
        return false;
    }
    if (comma && !parse_options(o, comma + 1, errp)) {
        qmp_chardev_opts_clear(o);
        return false;
    }
    if (o->kind == QMP_CHARDEV_STDIO && (o->path || o->port)) {
        error_setg(errp, "chardev stdio takes no path or port");
        qmp_chardev_opts_clear(o);
        return false;
    }
    return true;
}

/* ---- connection I/O ---- */

static void update_sources(QmpMonitor *mon);
static void schedule_idle(QmpMonitor *mon);

static void drop_source(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static void add_fd_source(QmpMonitor *mon, GSource **slot, int fd,
                          GIOCondition cond, GUnixFDSourceFunc fn)
{
    *slot = g_unix_fd_source_new(fd, cond);
    g_source_set_callback(*slot, (GSourceFunc)(void (*)(void))fn, mon, NULL);
    g_source_attach(*slot, mon->ctx);
}

static ssize_t do_write(QmpMonitor *mon, const char *p, size_t len)
{
    if (mon->kind == QMP_CHARDEV_UNIX || mon->kind == QMP_CHARDEV_TCP) {
        return send(mon->out_fd, p, len, MSG_NOSIGNAL);
    }
    return write(mon->out_fd, p, len);
}

/* Write what we can; true when everything was written. */
static bool flush_output(QmpMonitor *mon)
{
    QmpSession *s = mon->session;
    const char *p;
    size_t len;
    ssize_t n;

    while (s && (p = qmp_session_output(s, &len), len)) {
        if (mon->out_dead || mon->out_fd < 0) {
            qmp_session_consume(s, len);    /* nobody to tell */
            break;
        }
        n = do_write(mon, p, len);
        if (n > 0) {
            qmp_session_consume(s, n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return false;
        }
        /* the peer is gone */
        mon->out_dead = true;
        if (mon->listening || mon->kind == QMP_CHARDEV_UNIX
            || mon->kind == QMP_CHARDEV_TCP) {
            mon->drop_conn = true;
            schedule_idle(mon);
        }
    }
    return true;
}

static void sess_output(void *io)
{
    QmpMonitor *mon = io;

    if (!mon->out_src) {
        if (!flush_output(mon)) {
            update_sources(mon);
        }
    }
}

static void sess_wakeup(void *io)
{
    schedule_idle(io);
}

static void sess_overflow(void *io)
{
    QmpMonitor *mon = io;

    mon->drop_conn = true;
    schedule_idle(mon);
}

static const QmpSessionOps session_ops = {
    .output = sess_output,
    .wakeup = sess_wakeup,
    .overflow = sess_overflow,
};

static bool is_socket_conn(const QmpMonitor *mon)
{
    return mon->kind == QMP_CHARDEV_UNIX || mon->kind == QMP_CHARDEV_TCP;
}

/* The client is gone (or must go): forget it. */
static void drop_connection(QmpMonitor *mon)
{
    bool final = !mon->listening;

    drop_source(&mon->in_src);
    drop_source(&mon->out_src);
    qmp_session_free(mon->session);
    mon->session = NULL;
    if (mon->in_fd >= 0) {
        close(mon->in_fd);
    }
    mon->in_fd = mon->out_fd = -1;
    mon->drop_conn = false;
    mon->out_dead = false;
    update_sources(mon);
    if (mon->closed_fn) {
        mon->closed_fn(mon->closed_opaque, mon, final);
    }
}

/* stdio input reached end of file: QEMU keeps running and keeps writing
 * events to stdout; only the partial request is dropped. */
static void input_eof(QmpMonitor *mon)
{
    if (is_socket_conn(mon)) {
        drop_connection(mon);
        return;
    }
    mon->in_eof = true;
    drop_source(&mon->in_src);
    if (mon->closed_fn) {
        mon->closed_fn(mon->closed_opaque, mon, true);
    }
}

static void mon_destroy(QmpMonitor *mon);

/* Called at the end of every callback: true when mon was destroyed. */
static bool leave(QmpMonitor *mon)
{
    mon->busy--;
    if (mon->freeing && !mon->busy) {
        mon_destroy(mon);
        return true;
    }
    return false;
}

static gboolean on_readable(int fd_, GIOCondition cond, gpointer opaque)
{
    QmpMonitor *mon = opaque;
    ssize_t n;

    mon->busy++;
    n = read(mon->in_fd, mon->rbuf, READ_CHUNK);
    if (n > 0) {
        if (!qmp_session_feed(mon->session, mon->rbuf, n)) {
            mon->drop_conn = true;
            schedule_idle(mon);
        }
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR
                          && errno != EWOULDBLOCK)) {
        input_eof(mon);
    }
    if (leave(mon)) {
        return G_SOURCE_REMOVE;
    }
    update_sources(mon);
    return G_SOURCE_CONTINUE;
}

static gboolean on_writable(int fd_, GIOCondition cond, gpointer opaque)
{
    QmpMonitor *mon = opaque;

    mon->busy++;
    if (flush_output(mon)) {
        drop_source(&mon->out_src);
    }
    if (leave(mon)) {
        return G_SOURCE_REMOVE;
    }
    update_sources(mon);
    return G_SOURCE_CONTINUE;
}

static void start_session(QmpMonitor *mon, int in_fd, int out_fd)
{
    mon->in_fd = in_fd;
    mon->out_fd = out_fd;
    mon->in_eof = false;
    mon->out_dead = false;
    mon->session = qmp_session_new(mon->srv, &session_ops, mon,
                                   mon->suspend);
}

static gboolean on_accept(int fd_, GIOCondition cond, gpointer opaque)
{
    QmpMonitor *mon = opaque;
    int fd;

    if (mon->session) {
        return G_SOURCE_CONTINUE;
    }
    fd = accept4(mon->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    mon->busy++;
    start_session(mon, fd, fd);
    if (leave(mon)) {
        return G_SOURCE_REMOVE;
    }
    update_sources(mon);
    return G_SOURCE_CONTINUE;
}

static gboolean on_idle(gpointer opaque)
{
    QmpMonitor *mon = opaque;

    mon->busy++;
    drop_source(&mon->idle_src);
    if (mon->drop_conn && !mon->freeing) {
        drop_connection(mon);
    } else if (mon->session && !mon->freeing) {
        if (!qmp_session_feed(mon->session, NULL, 0)) {
            drop_connection(mon);
        }
    }
    if (leave(mon)) {
        return G_SOURCE_REMOVE;
    }
    update_sources(mon);
    return G_SOURCE_REMOVE;
}

static void schedule_idle(QmpMonitor *mon)
{
    if (!mon->idle_src) {
        mon->idle_src = g_idle_source_new();
        g_source_set_callback(mon->idle_src, on_idle, mon, NULL);
        g_source_attach(mon->idle_src, mon->ctx);
    }
}

static void update_sources(QmpMonitor *mon)
{
    QmpSession *s = mon->session;
    bool want_in, want_out, want_accept;
    size_t len = 0;

    if (mon->freeing) {
        return;
    }
    if (s) {
        qmp_session_output(s, &len);
    }
    want_in = s && !mon->in_eof && !mon->drop_conn && mon->in_fd >= 0
        && qmp_session_wants_input(s);
    want_out = s && len && !mon->out_dead && mon->out_fd >= 0;
    want_accept = mon->listen_fd >= 0 && !s;

    if (want_in && !mon->in_src) {
        add_fd_source(mon, &mon->in_src, mon->in_fd, G_IO_IN | G_IO_HUP
                      | G_IO_ERR, on_readable);
    } else if (!want_in) {
        drop_source(&mon->in_src);
    }
    if (want_out && !mon->out_src) {
        add_fd_source(mon, &mon->out_src, mon->out_fd, G_IO_OUT | G_IO_ERR,
                      on_writable);
    } else if (!want_out) {
        drop_source(&mon->out_src);
    }
    if (want_accept && !mon->listen_src) {
        add_fd_source(mon, &mon->listen_src, mon->listen_fd, G_IO_IN,
                      on_accept);
    } else if (!want_accept) {
        drop_source(&mon->listen_src);
    }
}

/* ---- opening ---- */

static int open_unix(const char *path, bool server, Error **errp)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sun.sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg(errp, "Failed to create socket: %s", g_strerror(errno));
        return -1;
    }
    if (server) {
        if (unlink(path) < 0 && errno != ENOENT) {
            error_setg(errp, "Failed to unlink socket %s: %s", path,
                       g_strerror(errno));
            goto fail;
        }
        if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
            error_setg(errp, "Failed to bind socket to %s: %s", path,
                       g_strerror(errno));
            goto fail;
        }
        if (listen(fd, 1) < 0) {
            error_setg(errp, "Failed to listen on socket: %s",
                       g_strerror(errno));
            goto fail;
        }
    } else if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        error_setg(errp, "Failed to connect to '%s': %s", path,
                   g_strerror(errno));
        goto fail;
    }
    return fd;

fail:
    close(fd);
    return -1;
}

static int open_tcp(const char *host, const char *port, bool server,
                    Error **errp)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
    int fd = -1, rc, saved = 0;

    if (!port || !port[0]) {
        error_setg(errp, "chardev: tcp: a port is required");
        return -1;
    }
    if (!host || !host[0]) {
        host = "127.0.0.1";     /* QEMU listens on all interfaces */
    }
    hints.ai_flags = server ? AI_PASSIVE : 0;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc) {
        error_setg(errp, "address resolution failed for %s:%s: %s", host,
                   port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (server) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0
                && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg(errp, "Failed to %s %s:%s: %s",
                   server ? "listen on" : "connect to", host, port,
                   g_strerror(saved));
    }
    return fd;
}

static char *sock_address(int fd, const QmpChardevOpts *o)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    if (o->kind == QMP_CHARDEV_UNIX) {
        return g_strdup_printf("unix:%s", o->path);
    }
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0
        && getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
                       sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        return g_strdup_printf(ss.ss_family == AF_INET6 ? "tcp:[%s]:%s"
                               : "tcp:%s:%s", host, serv);
    }
    return g_strdup_printf("tcp:%s:%s", o->host ? o->host : "", o->port);
}

static bool set_nonblock(int fd, int *saved)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0) {
        return false;
    }
    if (saved) {
        *saved = fl;
    }
    return fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0;
}

QmpMonitor *qmp_monitor_new(QmpServer *srv, GMainContext *ctx,
                            const QmpChardevOpts *o, unsigned suspended,
                            Error **errp)
{
    QmpMonitor *mon;
    int fd = -1;

    if (o->kind == QMP_CHARDEV_UNIX && (!o->path || !o->path[0])) {
        error_setg(errp, "chardev: socket: a path or a port is required");
        return NULL;
    }
    mon = g_new0(QmpMonitor, 1);
    mon->srv = srv;
    mon->ctx = ctx ? g_main_context_ref(ctx) : g_main_context_ref_thread_default();
    mon->kind = o->kind;
    mon->listen_fd = mon->in_fd = mon->out_fd = -1;
    mon->saved_in_flags = mon->saved_out_flags = -1;
    mon->suspend = suspended;
    mon->rbuf = g_malloc(READ_CHUNK);

    switch (o->kind) {
    case QMP_CHARDEV_STDIO:
    case QMP_CHARDEV_FD: {
        int in = o->kind == QMP_CHARDEV_STDIO ? 0 : o->in_fd;
        int out = o->kind == QMP_CHARDEV_STDIO ? 1 : o->out_fd;

        mon->address = g_strdup(o->kind == QMP_CHARDEV_STDIO ? "stdio" : "fd");
        mon->in_fd = in;
        mon->out_fd = out;
        if (!set_nonblock(in, &mon->saved_in_flags)
            || !set_nonblock(out, &mon->saved_out_flags)) {
            error_setg(errp, "QMP %s: %s", mon->address, g_strerror(errno));
            goto fail;
        }
        start_session(mon, in, out);
        break;
    }
    case QMP_CHARDEV_UNIX:
    case QMP_CHARDEV_TCP:
        fd = o->kind == QMP_CHARDEV_UNIX
            ? open_unix(o->path, o->server, errp)
            : open_tcp(o->host, o->port, o->server, errp);
        if (fd < 0) {
            goto fail;
        }
        mon->address = sock_address(fd, o);
        if (!o->server) {
            set_nonblock(fd, NULL);
            start_session(mon, fd, fd);
            break;
        }
        mon->listening = true;
        mon->listen_fd = fd;
        if (o->kind == QMP_CHARDEV_UNIX) {
            mon->unlink_path = g_strdup(o->path);
        }
        if (o->wait) {
            /* QEMU's default: block until the first client connects */
            struct pollfd pfd = { .fd = fd, .events = POLLIN };
            int cfd;

            while (poll(&pfd, 1, -1) < 0 && errno == EINTR) {
                continue;
            }
            cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (cfd >= 0) {
                start_session(mon, cfd, cfd);
            }
        }
        set_nonblock(fd, NULL);
        break;
    }
    update_sources(mon);
    if (mon->session) {
        sess_output(mon);
    }
    return mon;

fail:
    mon_destroy(mon);
    return NULL;
}

static void mon_destroy(QmpMonitor *mon)
{
    drop_source(&mon->listen_src);
    drop_source(&mon->in_src);
    drop_source(&mon->out_src);
    drop_source(&mon->idle_src);
    qmp_session_free(mon->session);
    if (is_socket_conn(mon)) {
        if (mon->in_fd >= 0) {
            close(mon->in_fd);
        }
    } else {
        /* stdio / given fds stay open; undo O_NONBLOCK */
        if (mon->saved_in_flags >= 0) {
            fcntl(mon->in_fd, F_SETFL, mon->saved_in_flags);
        }
        if (mon->saved_out_flags >= 0) {
            fcntl(mon->out_fd, F_SETFL, mon->saved_out_flags);
        }
    }
    if (mon->listen_fd >= 0) {
        close(mon->listen_fd);
    }
    if (mon->unlink_path) {
        unlink(mon->unlink_path);
    }
    g_free(mon->unlink_path);
    g_free(mon->address);
    g_free(mon->rbuf);
    g_main_context_unref(mon->ctx);
    g_free(mon);
}

void qmp_monitor_free(QmpMonitor *mon)
{
    if (!mon) {
        return;
    }
    if (mon->busy) {
        mon->freeing = true;    /* the running callback destroys it */
        if (mon->session) {
            qmp_session_suspend(mon->session);  /* no more requests */
        }
        return;
    }
    mon_destroy(mon);
}

void qmp_monitor_set_closed_handler(QmpMonitor *mon, QmpMonitorClosedFn *fn,
                                    void *opaque)
{
    mon->closed_fn = fn;
    mon->closed_opaque = opaque;
}

void qmp_monitor_suspend(QmpMonitor *mon)
{
    mon->suspend++;
    if (mon->session) {
        qmp_session_suspend(mon->session);
    }
    update_sources(mon);
}

void qmp_monitor_resume(QmpMonitor *mon)
{
    g_assert(mon->suspend > 0);
    mon->suspend--;
    if (mon->session) {
        qmp_session_resume(mon->session);   /* wakes us up via idle */
    }
}

QmpSession *qmp_monitor_session(const QmpMonitor *mon)
{
    return mon->session;
}

const char *qmp_monitor_address(const QmpMonitor *mon)
{
    return mon->address;
}
