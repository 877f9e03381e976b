/* The stream machinery shared by the fd-based backends (socket, stdio,
 * pty): non-blocking reads while the frontend takes input, output written
 * at once or kept in a bounded buffer, the connection dropped on error;
 * GSources on the default main context.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib-unix.h>

#include "chardev/chardev.h"

#define READ_CHUNK 65536

static void fd_update(ChardevFd *s);

static void drop_source(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static void add_fd_source(ChardevFd *s, GSource **slot, int fd,
                          GIOCondition cond, GUnixFDSourceFunc fn)
{
    *slot = g_unix_fd_source_new(fd, cond);
    g_source_set_callback(*slot, (GSourceFunc)(void (*)(void))fn, s, NULL);
    g_source_attach(*slot, NULL);
}

static bool connected(const ChardevFd *s)
{
    return s->out_fd >= 0;
}

/* The connection is gone (or must go): forget it and tell the frontend. */
static void hangup(ChardevFd *s)
{
    drop_source(&s->in_src);
    drop_source(&s->out_src);
    g_byte_array_set_size(s->out, 0);
    s->drop = false;
    if (s->hangup) {
        s->hangup(s);           /* the backend closes its fds */
    }
    s->in_fd = s->out_fd = -1;
    chardev_event(&s->chr, CHARDEV_CLOSED);
    fd_update(s);
}

static gboolean on_idle(gpointer opaque)
{
    ChardevFd *s = opaque;

    drop_source(&s->idle_src);
    if (s->drop && connected(s)) {
        hangup(s);
    }
    return G_SOURCE_REMOVE;
}

static void schedule_drop(ChardevFd *s)
{
    s->drop = true;
    if (!s->idle_src) {
        s->idle_src = g_idle_source_new();
        g_source_set_callback(s->idle_src, on_idle, s, NULL);
        g_source_attach(s->idle_src, NULL);
    }
}

static ssize_t do_write(ChardevFd *s, const uint8_t *p, size_t len)
{
    if (s->is_socket) {
        return send(s->out_fd, p, len, MSG_NOSIGNAL);
    }
    return write(s->out_fd, p, len);
}

/* Write from p; returns how much went out, -1 when the peer is gone. */
static ssize_t write_some(ChardevFd *s, const uint8_t *p, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = do_write(s, p + done, len - done);
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return -1;
        }
    }
    return done;
}

size_t chardev_fd_write(Chardev *c, const uint8_t *buf, size_t len)
{
    ChardevFd *s = (ChardevFd *)c;
    size_t done = 0, room;

    if (!connected(s) || s->drop) {
        return len;             /* nobody to tell: dropped, as QEMU */
    }
    if (s->out->len == 0) {
        ssize_t n = write_some(s, buf, len);
        if (n < 0) {
            schedule_drop(s);
            return len;
        }
        done = n;
    }
    room = s->out_max > s->out->len ? s->out_max - s->out->len : 0;
    room = MIN(room, len - done);
    g_byte_array_append(s->out, buf + done, room);
    fd_update(s);
    return done + room;
}

static gboolean on_writable(int fd_, GIOCondition cond, gpointer opaque)
{
    ChardevFd *s = opaque;
    ssize_t n = write_some(s, s->out->data, s->out->len);

    if (n < 0) {
        g_byte_array_set_size(s->out, 0);
        schedule_drop(s);
    } else {
        g_byte_array_remove_range(s->out, 0, n);
    }
    if (s->out->len == 0) {
        drop_source(&s->out_src);
        if (!s->drop) {
            chardev_event(&s->chr, CHARDEV_DRAINED);
        }
        fd_update(s);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static gboolean on_readable(int fd_, GIOCondition cond, gpointer opaque)
{
    ChardevFd *s = opaque;
    ssize_t n = read(s->in_fd, s->rbuf, READ_CHUNK);

    if (n > 0) {
        chardev_deliver(&s->chr, s->rbuf, n);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR
                          && errno != EWOULDBLOCK)) {
        if (s->is_socket) {
            hangup(s);
            return G_SOURCE_CONTINUE;   /* hangup dropped this source */
        }
        /* stdio: QEMU keeps running and writing to stdout */
        s->in_eof = true;
    }
    fd_update(s);
    return G_SOURCE_CONTINUE;
}

static void fd_update(ChardevFd *s)
{
    if (s->stopping) {
        return;
    }
    bool want_in = connected(s) && s->in_fd >= 0 && !s->in_eof && !s->drop
        && chardev_can_deliver(&s->chr);
    bool want_out = connected(s) && s->out->len && !s->drop;

    if (want_in && !s->in_src) {
        add_fd_source(s, &s->in_src, s->in_fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                      on_readable);
    } else if (!want_in) {
        drop_source(&s->in_src);
    }
    if (want_out && !s->out_src) {
        add_fd_source(s, &s->out_src, s->out_fd, G_IO_OUT | G_IO_ERR,
                      on_writable);
    } else if (!want_out) {
        drop_source(&s->out_src);
    }
    if (s->update) {
        s->update(s);
    }
}

void chardev_fd_accept_input(Chardev *c)
{
    fd_update((ChardevFd *)c);
}

void chardev_fd_disconnect(Chardev *c)
{
    ChardevFd *s = (ChardevFd *)c;

    if (connected(s)) {
        schedule_drop(s);
    }
}

size_t chardev_fd_pending(Chardev *c)
{
    return ((ChardevFd *)c)->out->len;
}

void chardev_fd_init(ChardevFd *s, const ChardevOps *ops)
{
    s->chr.ops = ops;
    s->in_fd = s->out_fd = -1;
    s->out_max = CHARDEV_FD_OUT_MAX;
}

void chardev_fd_start(ChardevFd *s)
{
    s->stopping = false;
    if (!s->out) {
        s->out = g_byte_array_new();
        s->rbuf = g_malloc(READ_CHUNK);
    }
    fd_update(s);
}

void chardev_fd_connect(ChardevFd *s, int in_fd, int out_fd)
{
    s->in_fd = in_fd;
    s->out_fd = out_fd;
    s->in_eof = false;
    s->drop = false;
    chardev_event(&s->chr, CHARDEV_OPENED);
    fd_update(s);
}

bool chardev_fd_set_nonblock(int fd, int *saved)
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

void chardev_fd_stop(ChardevFd *s)
{
    drop_source(&s->in_src);
    drop_source(&s->out_src);
    drop_source(&s->idle_src);
    s->stopping = true;
    if (connected(s)) {
        hangup(s);  /* what could not be written is lost; CLOSED is sent */
    }
    if (s->out) {
        g_byte_array_free(s->out, TRUE);
        s->out = NULL;
    }
    g_clear_pointer(&s->rbuf, g_free);
}
