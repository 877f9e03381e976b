/* Character backends as objects: a Chardev carries bytes between a host
 * endpoint (the backend: a file, a ring buffer, a socket, ...) and at most
 * one frontend (a UART, a monitor). No I/O here; backends live in src/chardev.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_CHARDEV_H
#define HEMU_CORE_CHARDEV_H

#include <stddef.h>
#include <stdint.h>

#include "core/object.h"

#define TYPE_CHARDEV "chardev"

typedef struct Chardev Chardev;

/* What the backend tells its frontend. */
typedef enum ChardevEvent {
    CHARDEV_OPENED,     /* a peer is connected (sent on attach if already) */
    CHARDEV_CLOSED,     /* the peer went away */
    CHARDEV_DRAINED,    /* buffered output was all written: write more */
} ChardevEvent;

/* What a frontend gives when it attaches.  All may be NULL. */
typedef struct ChardevFrontendOps {
    /* input bytes (only while can_receive says yes) */
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
    /* may the backend read input now?  NULL: always.  After saying no,
     * the frontend calls chardev_accept_input() when it can again. */
    bool (*can_receive)(void *opaque);
    void (*event)(void *opaque, ChardevEvent ev);
} ChardevFrontendOps;

/* What a backend type implements. */
typedef struct ChardevOps {
    /* Take bytes from the frontend without blocking; returns how many were
     * taken (written or buffered).  A short count means the backend's
     * bounded buffer is full (overflow): the rest is the frontend's to
     * keep or drop; CHARDEV_DRAINED tells when to try again. */
    size_t (*write)(Chardev *c, const uint8_t *buf, size_t len);
    /* a filename for query-chardev ("file:/tmp/x", "ringbuf") */
    char *(*filename)(Chardev *c);
    /* the frontend can take input again: resume reading */
    void (*accept_input)(Chardev *c);
    /* drop the connected peer (a listening socket then waits for the
     * next one); never from inside a frontend callback's stack frame
     * the backend must not survive: it defers */
    void (*disconnect)(Chardev *c);
    /* bytes taken by write and not yet handed to the host */
    size_t (*pending)(Chardev *c);
    /* in use besides having a frontend (a mux: one of its ports has) */
    bool (*in_use)(Chardev *c);
} ChardevOps;

struct Chardev {
    Object obj;
    const ChardevOps *ops;         /* set by the backend type's init */
    bool open;                     /* a peer is connected; null, file and
                                    * ringbuf are always open */
    char *user;                    /* who the frontend is, or NULL */
    const ChardevFrontendOps *fe;
    void *opaque;
};

/* Frontend side: write bytes to the backend (only while realized); never
 * blocks, see ChardevOps.write. */
size_t chardev_write(Chardev *c, const void *buf, size_t len);
/* Attach the one frontend (user names it in errors and query-chardev);
 * an open backend sends CHARDEV_OPENED at once.  An error names the
 * chardev and its user. */
bool chardev_attach(Chardev *c, const char *user, const ChardevFrontendOps *fe,
                    void *opaque, Error **errp);
void chardev_detach(Chardev *c);
/* The same for an object whose link property names the backend: c NULL
 * (link unset) attaches nothing and succeeds; the user is owner's path.
 * chardev_detach_from() detaches c only if opaque is its frontend (what
 * an unrealize hook calls, whether or not realize got that far). */
bool chardev_attach_object(Chardev *c, Object *owner, const ChardevFrontendOps *fe,
                           void *opaque, Error **errp);
void chardev_detach_from(Chardev *c, const void *opaque);
bool chardev_in_use(const Chardev *c);
/* The frontend can take input again (after can_receive said no). */
void chardev_accept_input(Chardev *c);
/* Drop the peer (deferred by the backend; CHARDEV_CLOSED follows). */
void chardev_disconnect(Chardev *c);
/* Output taken but not yet written to the host. */
size_t chardev_pending(Chardev *c);

/* Backend side: hand input to the frontend (dropped without one). */
void chardev_deliver(Chardev *c, const void *buf, size_t len);
/* Whether the frontend takes input now (true without a frontend:
 * input is then dropped, as QEMU does). */
bool chardev_can_deliver(Chardev *c);
/* A peer connected / went away / output drained: tell the frontend
 * (OPENED and CLOSED also set c->open). */
void chardev_event(Chardev *c, ChardevEvent ev);

extern const TypeInfo chardev_type;

#endif
