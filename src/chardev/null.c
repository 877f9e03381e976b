/* chardev-null: a backend that drops all output and gives no input.
 * SPDX-License-Identifier: MIT */
#include "chardev/chardev.h"

static size_t null_write(Chardev *c, const uint8_t *buf, size_t len)
{
    return len;
}

static const ChardevOps null_ops = { .write = null_write };

static void null_init(Object *obj)
{
    ((Chardev *)obj)->ops = &null_ops;
    ((Chardev *)obj)->open = true;
}

const TypeInfo chardev_null_type = {
    .name = "chardev-null",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(Chardev),
    .init = null_init,
    .doc = "A character backend that drops all output and gives no input.",
};
