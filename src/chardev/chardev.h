/* The character backend types of this folder (null, file, ringbuf, and
 * the fd-based socket, stdio and pty), and the stream machinery the
 * fd-based ones share (fd.c).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CHARDEV_CHARDEV_H
#define HEMU_CHARDEV_CHARDEV_H

#include <glib.h>

#include "core/chardev.h"

/* Take up to max bytes of a chardev-ringbuf's output, oldest first. */
size_t chardev_ringbuf_read(Chardev *c, uint8_t *out, size_t max);

/* Where a realized chardev-socket listens or connects: "unix:PATH" or
 * "tcp:HOST:PORT" (the real port when port 0 was asked for). */
const char *chardev_socket_address(Chardev *c);

/* An fd-based backend: its state struct starts with a ChardevFd. */
#define CHARDEV_FD_OUT_MAX ((size_t)64 << 10)   /* buffered output bound */

typedef struct ChardevFd ChardevFd;
struct ChardevFd {
    Chardev chr;
    int in_fd, out_fd;      /* the connection; -1 when none */
    bool is_socket;         /* EOF drops the connection; send() */
    bool in_eof;            /* stdio: input ended, output still open */
    bool drop;              /* drop the connection at the next idle */
    bool stopping;
    size_t out_max;
    GByteArray *out;        /* output not yet written */
    uint8_t *rbuf;
    GSource *in_src, *out_src, *idle_src;
    void (*hangup)(ChardevFd *s);   /* close the connection's fds */
    void (*update)(ChardevFd *s);   /* after every state change */
};

/* The ChardevOps members of an fd-based backend (add .filename). */
size_t chardev_fd_write(Chardev *c, const uint8_t *buf, size_t len);
void chardev_fd_accept_input(Chardev *c);
void chardev_fd_disconnect(Chardev *c);
size_t chardev_fd_pending(Chardev *c);
#define CHARDEV_FD_OPS .write = chardev_fd_write, \
    .accept_input = chardev_fd_accept_input, \
    .disconnect = chardev_fd_disconnect, .pending = chardev_fd_pending

/* In the type's init. */
void chardev_fd_init(ChardevFd *s, const ChardevOps *ops);
/* At realize: buffers and sources; at unrealize: all dropped (a connected
 * peer is dropped and the frontend hears CHARDEV_CLOSED). */
void chardev_fd_start(ChardevFd *s);
void chardev_fd_stop(ChardevFd *s);
/* A peer is connected on these fds (non-blocking): CHARDEV_OPENED. */
void chardev_fd_connect(ChardevFd *s, int in_fd, int out_fd);
bool chardev_fd_set_nonblock(int fd, int *saved_flags);

extern const TypeInfo chardev_null_type, chardev_file_type,
    chardev_ringbuf_type, chardev_socket_type, chardev_stdio_type,
    chardev_pty_type;
/* For a chardev-mux, its first port without a frontend and not in taken
 * (a set of ports already promised to frontends not attached yet, or
 * NULL), which is added to taken; NULL and an error when all are taken.
 * Any other chardev is returned as it is. Frontends that name a mux by id
 * (-mon chardev=ID, -serial chardev:ID) attach to this. */
Chardev *chardev_mux_free_port(Chardev *c, GHashTable *taken, Error **errp);

extern const TypeInfo chardev_mux_type, chardev_mux_port_type;
extern const TypeInfo *const chardev_types[];

#endif
