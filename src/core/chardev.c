/* The abstract "chardev" type: one backend, at most one frontend.
 * SPDX-License-Identifier: MIT */
#include "core/chardev.h"

#include <glib.h>

size_t chardev_write(Chardev *c, const void *buf, size_t len)
{
    if (!object_is_realized(&c->obj) || !c->ops || !c->ops->write) {
        return 0;
    }
    return c->ops->write(c, buf, len);
}

bool chardev_attach(Chardev *c, Object *frontend, ChardevReceiveFn *fn,
                    void *opaque, Error **errp)
{
    if (c->frontend && c->frontend != frontend) {
        g_autofree char *cp = object_path(&c->obj);
        g_autofree char *fp = object_path(c->frontend);
        error_setg(errp, "chardev '%s' is already in use by '%s'", cp, fp);
        return false;
    }
    c->frontend = frontend;
    c->receive = fn;
    c->opaque = opaque;
    return true;
}

void chardev_detach(Chardev *c)
{
    c->frontend = NULL;
    c->receive = NULL;
    c->opaque = NULL;
}

void chardev_deliver(Chardev *c, const void *buf, size_t len)
{
    if (c->receive && len) {
        c->receive(c->opaque, buf, len);
    }
}

const TypeInfo chardev_type = {
    .name = TYPE_CHARDEV,
    .parent = "object",
    .abstract = true,
    .instance_size = sizeof(Chardev),
    .doc = "The base of character backends: carries bytes between a host "
           "endpoint and at most one frontend (a UART, a monitor).",
};
