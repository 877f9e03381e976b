/* chardev-socket: a UNIX or TCP stream socket, as QEMU's -chardev socket:
 * a listening server serves one client at a time (the next is accepted
 * when the first goes); a client (server=off) connects once at realize.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib-unix.h>

#include "chardev/chardev.h"

typedef struct ChardevSocket {
    ChardevFd fd;
    char *path;         /* config: UNIX */
    char *host, *port;  /* config: TCP */
    bool server, wait;
    int listen_fd;      /* run time */
    GSource *listen_src;
    char *address;
    bool unlink_path;
} ChardevSocket;

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


static void socket_hangup(ChardevFd *f)
{
    if (f->in_fd >= 0) {
        close(f->in_fd);
    }
}

static gboolean on_accept(int fd_, GIOCondition cond, gpointer opaque)
{
    ChardevSocket *s = opaque;
    int fd;

    if (s->fd.chr.open) {
        return G_SOURCE_CONTINUE;
    }
    fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        chardev_fd_connect(&s->fd, fd, fd);
    }
    return G_SOURCE_CONTINUE;
}

/* Listen for the next client only while none is connected. */
static void socket_update(ChardevFd *f)
{
    ChardevSocket *s = (ChardevSocket *)f;
    bool want = s->listen_fd >= 0 && !f->chr.open;

    if (want && !s->listen_src) {
        s->listen_src = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
        g_source_set_callback(s->listen_src,
                              (GSourceFunc)(void (*)(void))on_accept, s, NULL);
        g_source_attach(s->listen_src, NULL);
    } else if (!want && s->listen_src) {
        g_source_destroy(s->listen_src);
        g_clear_pointer(&s->listen_src, g_source_unref);
    }
}

static char *socket_filename(Chardev *c)
{
    ChardevSocket *s = (ChardevSocket *)c;
    return g_strdup_printf("%s%s%s", c->open || !s->server ? "" : "disconnected:",
                           s->address, s->server ? ",server=on" : "");
}

static const ChardevOps socket_ops = { CHARDEV_FD_OPS,
                                       .filename = socket_filename };

const char *chardev_socket_address(Chardev *c)
{
    return ((ChardevSocket *)c)->address;
}

static void socket_init(Object *obj)
{
    ChardevSocket *s = (ChardevSocket *)obj;
    chardev_fd_init(&s->fd, &socket_ops);
    s->fd.is_socket = true;
    s->fd.hangup = socket_hangup;
    s->fd.update = socket_update;
    s->listen_fd = -1;
}

static bool socket_realize(Object *obj, Error **errp)
{
    ChardevSocket *s = (ChardevSocket *)obj;
    bool is_unix = s->path && *s->path;
    int fd;

    if (is_unix == (s->port && *s->port)) {
        error_setg(errp, "chardev-socket: give either 'path' (UNIX) or "
                   "'host' and 'port' (TCP)");
        return false;
    }
    fd = is_unix ? open_unix(s->path, s->server, errp)
                 : open_tcp(s->host, s->port, s->server, errp);
    if (fd < 0) {
        return false;
    }
    if (is_unix) {
        s->address = g_strdup_printf("unix:%s", s->path);
    } else {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        char host[NI_MAXHOST], serv[NI_MAXSERV];

        if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0
            && getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
                           sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
            s->address = g_strdup_printf(ss.ss_family == AF_INET6
                                         ? "tcp:[%s]:%s" : "tcp:%s:%s", host, serv);
        } else {
            s->address = g_strdup_printf("tcp:%s:%s", s->host ? s->host : "",
                                         s->port);
        }
    }
    chardev_fd_start(&s->fd);
    chardev_fd_set_nonblock(fd, NULL);
    if (!s->server) {
        chardev_fd_connect(&s->fd, fd, fd);
        return true;
    }
    s->listen_fd = fd;
    s->unlink_path = is_unix;
    if (s->wait) {
        /* QEMU's default: block until the first client connects */
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int cfd;

        g_printerr("hemu: info: waiting for connection on: disconnected:%s,"
                   "server=on\n", s->address);
        while (poll(&pfd, 1, -1) < 0 && errno == EINTR) {
            continue;
        }
        cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (cfd >= 0) {
            chardev_fd_connect(&s->fd, cfd, cfd);
        }
    }
    socket_update(&s->fd);
    return true;
}

static void socket_unrealize(Object *obj)
{
    ChardevSocket *s = (ChardevSocket *)obj;

    chardev_fd_stop(&s->fd);
    if (s->listen_src) {
        g_source_destroy(s->listen_src);
        g_clear_pointer(&s->listen_src, g_source_unref);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        s->listen_fd = -1;
    }
    if (s->unlink_path) {
        unlink(s->path);
        s->unlink_path = false;
    }
    g_clear_pointer(&s->address, g_free);
}

static const PropDef socket_props[] = {
    PROP_STR("path", ChardevSocket, path, NULL,
             "a UNIX socket's file (instead of host and port)"),
    PROP_STR("host", ChardevSocket, host, NULL,
             "TCP host (default 127.0.0.1; QEMU listens on all interfaces)"),
    PROP_STR("port", ChardevSocket, port, NULL,
             "TCP port; 0 picks a free one (see query-chardev)"),
    PROP_BOOL("server", ChardevSocket, server, false,
              "listen and serve one client at a time (else connect once)"),
    PROP_BOOL("wait", ChardevSocket, wait, true,
              "server: block at creation until the first client connects"),
    PROP_END
};

const TypeInfo chardev_socket_type = {
    .name = "chardev-socket",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevSocket),
    .init = socket_init,
    .realize = socket_realize,
    .unrealize = socket_unrealize,
    .props = socket_props,
    .doc = "A character backend on a UNIX or TCP stream socket, as a "
           "server (one client at a time) or a client.",
};
