/* The abstract "chardev" type: one backend, at most one frontend, with
 * open/close events, input flow control and non-blocking output.
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

bool chardev_attach(Chardev *c, const char *user, const ChardevFrontendOps *fe,
                    void *opaque, Error **errp)
{
    if (c->user) {
        g_autofree char *cp = object_path(&c->obj);
        error_setg(errp, "chardev '%s' is already in use by '%s'", cp, c->user);
        return false;
    }
    c->user = g_strdup(user);
    c->fe = fe;
    c->opaque = opaque;
    if (c->open && fe && fe->event) {
        fe->event(opaque, CHARDEV_OPENED);
    }
    chardev_accept_input(c);
    return true;
}

void chardev_detach(Chardev *c)
{
    g_clear_pointer(&c->user, g_free);
    c->fe = NULL;
    c->opaque = NULL;
}

bool chardev_attach_object(Chardev *c, Object *owner, const ChardevFrontendOps *fe,
                           void *opaque, Error **errp)
{
    if (!c) {
        return true;
    }
    g_autofree char *path = object_path(owner);
    return chardev_attach(c, path, fe, opaque, errp);
}

void chardev_detach_from(Chardev *c, const void *opaque)
{
    if (c && c->opaque == opaque) {
        chardev_detach(c);
    }
}

bool chardev_in_use(const Chardev *c)
{
    return c->user != NULL ||
           (c->ops && c->ops->in_use && c->ops->in_use((Chardev *)c));
}

void chardev_accept_input(Chardev *c)
{
    if (object_is_realized(&c->obj) && c->ops && c->ops->accept_input) {
        c->ops->accept_input(c);
    }
}

void chardev_disconnect(Chardev *c)
{
    if (object_is_realized(&c->obj) && c->ops && c->ops->disconnect) {
        c->ops->disconnect(c);
    }
}

size_t chardev_pending(Chardev *c)
{
    if (object_is_realized(&c->obj) && c->ops && c->ops->pending) {
        return c->ops->pending(c);
    }
    return 0;
}

void chardev_deliver(Chardev *c, const void *buf, size_t len)
{
    if (c->fe && c->fe->receive && len) {
        c->fe->receive(c->opaque, buf, len);
    }
}

bool chardev_can_deliver(Chardev *c)
{
    return !c->fe || !c->fe->can_receive || c->fe->can_receive(c->opaque);
}

void chardev_event(Chardev *c, ChardevEvent ev)
{
    if (ev == CHARDEV_OPENED) {
        c->open = true;
    } else if (ev == CHARDEV_CLOSED) {
        c->open = false;
    }
    if (c->fe && c->fe->event) {
        c->fe->event(c->opaque, ev);
    }
}

static void chardev_finalize(Object *obj)
{
    chardev_detach((Chardev *)obj);
}

const TypeInfo chardev_type = {
    .name = TYPE_CHARDEV,
    .parent = "object",
    .abstract = true,
    .instance_size = sizeof(Chardev),
    .finalize = chardev_finalize,
    .doc = "The base of character backends: carries bytes between a host "
           "endpoint and at most one frontend (a UART, a monitor).",
};
