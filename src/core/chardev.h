/* Character backends as objects: a Chardev carries bytes between a host
 * endpoint (the backend: a file, a ring buffer, ...) and at most one
 * frontend (a UART, a monitor). No I/O here; backends live in src/chardev.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_CHARDEV_H
#define HEMU_CORE_CHARDEV_H

#include <stddef.h>
#include <stdint.h>

#include "core/object.h"

#define TYPE_CHARDEV "chardev"

typedef struct Chardev Chardev;

/* What a backend type does with bytes from the frontend: returns how many
 * it took (the rest is dropped, as a full line drops characters). */
typedef struct ChardevOps {
    size_t (*write)(Chardev *c, const uint8_t *buf, size_t len);
    /* a filename for query-chardev ("file:/tmp/x", "ringbuf") */
    char *(*filename)(Chardev *c);
} ChardevOps;

/* Bytes from the backend for the frontend. */
typedef void ChardevReceiveFn(void *opaque, const uint8_t *buf, size_t len);

struct Chardev {
    Object obj;
    const ChardevOps *ops;         /* set by the backend type's init */
    Object *frontend;              /* the one user, or NULL */
    ChardevReceiveFn *receive;
    void *opaque;
};

/* Frontend side: write bytes to the backend (only while realized). */
size_t chardev_write(Chardev *c, const void *buf, size_t len);
/* Attach the one frontend; an error names the chardev and its user. */
bool chardev_attach(Chardev *c, Object *frontend, ChardevReceiveFn *fn,
                    void *opaque, Error **errp);
void chardev_detach(Chardev *c);
/* Backend side: hand input to the frontend (dropped without one). */
void chardev_deliver(Chardev *c, const void *buf, size_t len);

extern const TypeInfo chardev_type;

#endif
