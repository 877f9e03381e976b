/* chardev-ringbuf: output kept in a ring buffer in memory (the newest
 * bytes win), read and written over QMP with ringbuf-read/ringbuf-write,
 * as QEMU's ringbuf backend.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "chardev/chardev.h"

typedef struct ChardevRingbuf {
    Chardev chr;
    uint64_t size;      /* config: a power of two */
    uint8_t *buf;       /* run time */
    uint64_t prod, cons;
} ChardevRingbuf;

static size_t ringbuf_write(Chardev *c, const uint8_t *buf, size_t len)
{
    ChardevRingbuf *s = (ChardevRingbuf *)c;
    for (size_t i = 0; i < len; i++) {
        s->buf[s->prod++ & (s->size - 1)] = buf[i];
        if (s->prod - s->cons > s->size) {
            s->cons = s->prod - s->size;    /* overwrite the oldest */
        }
    }
    return len;
}

static char *ringbuf_filename(Chardev *c)
{
    return g_strdup("ringbuf");
}

static const ChardevOps ringbuf_ops = { .write = ringbuf_write,
                                        .filename = ringbuf_filename };

size_t chardev_ringbuf_read(Chardev *c, uint8_t *out, size_t max)
{
    ChardevRingbuf *s = (ChardevRingbuf *)c;
    size_t n = 0;
    while (n < max && s->cons < s->prod) {
        out[n++] = s->buf[s->cons++ & (s->size - 1)];
    }
    return n;
}

static void ringbuf_init(Object *obj)
{
    ((Chardev *)obj)->ops = &ringbuf_ops;
    ((Chardev *)obj)->open = true;
}

static bool ringbuf_realize(Object *obj, Error **errp)
{
    ChardevRingbuf *s = (ChardevRingbuf *)obj;
    if (s->size == 0 || (s->size & (s->size - 1))) {
        error_setg(errp, "size of ringbuf chardev must be power of two");
        return false;
    }
    s->buf = g_malloc0(s->size);
    s->prod = s->cons = 0;
    return true;
}

static void ringbuf_unrealize(Object *obj)
{
    ChardevRingbuf *s = (ChardevRingbuf *)obj;
    g_clear_pointer(&s->buf, g_free);
}

static const PropDef ringbuf_props[] = {
    PROP_SIZE_RANGE("size", ChardevRingbuf, size, 65536, 1, 1ull << 30,
                    "capacity in bytes, a power of two; older output is overwritten"),
    PROP_END
};

const TypeInfo chardev_ringbuf_type = {
    .name = "chardev-ringbuf",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevRingbuf),
    .init = ringbuf_init,
    .realize = ringbuf_realize,
    .unrealize = ringbuf_unrealize,
    .props = ringbuf_props,
    .doc = "A character backend keeping its output in a ring buffer in "
           "memory, read with ringbuf-read.",
};
