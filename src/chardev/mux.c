/* chardev-mux: one backend shared by several frontends (a serial line and
 * a monitor on one terminal, as QEMU's mux=on). The mux expands into
 * ports port[0..N-1], each a chardev with one frontend; output from any
 * port goes to the backend, input goes to the port in focus. Escapes
 * (QEMU's): Ctrl-A c moves the focus to the next port, Ctrl-A h prints
 * help, Ctrl-A Ctrl-A sends one Ctrl-A. Not modelled: Ctrl-A x/s/b/t.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "chardev/chardev.h"

#define MUX_ESCAPE 0x01    /* Ctrl-A */
#define MUX_MAX_PORTS 4

typedef struct ChardevMux {
    Chardev chr;
    Object *backend;        /* config: link<chardev> */
    int64_t ports;
    int focus;              /* run time */
    bool escape;
} ChardevMux;

static ChardevMux *port_mux(Chardev *port)
{
    return (ChardevMux *)port->obj.parent;
}

static Chardev *mux_port(ChardevMux *m, int i)
{
    g_autofree char *name = g_strdup_printf("port[%d]", i);
    return (Chardev *)object_child(&m->chr.obj, name);
}

/* ---- the ports: chardevs whose backend is the mux's backend ---------- */

static size_t port_write(Chardev *c, const uint8_t *buf, size_t len)
{
    ChardevMux *m = port_mux(c);
    return m->backend ? chardev_write((Chardev *)m->backend, buf, len) : 0;
}

static void port_accept_input(Chardev *c)
{
    ChardevMux *m = port_mux(c);
    if (m->backend) {
        chardev_accept_input((Chardev *)m->backend);
    }
}

static size_t port_pending(Chardev *c)
{
    ChardevMux *m = port_mux(c);
    return m->backend ? chardev_pending((Chardev *)m->backend) : 0;
}

static char *port_filename(Chardev *c)
{
    g_autofree char *path = object_path(&port_mux(c)->chr.obj);
    return g_strdup_printf("mux:%s/%s", path, c->obj.name);
}

static const ChardevOps port_ops = {
    .write = port_write, .accept_input = port_accept_input,
    .pending = port_pending, .filename = port_filename,
};

static void port_init(Object *obj)
{
    ((Chardev *)obj)->ops = &port_ops;
}

const TypeInfo chardev_mux_port_type = {
    .name = "chardev-mux-port",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(Chardev),
    .init = port_init,
    .doc = "One frontend's share of a chardev-mux (made by the mux).",
};

/* ---- the mux: the backend's frontend --------------------------------- */

static void mux_print(ChardevMux *m, const char *text)
{
    chardev_write((Chardev *)m->backend, text, strlen(text));
}

static void mux_receive(void *opaque, const uint8_t *buf, size_t len)
{
    ChardevMux *m = opaque;
    size_t start = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t ch = buf[i];
        if (!m->escape && ch != MUX_ESCAPE) {
            continue;
        }
        /* hand over what came before the escape byte */
        chardev_deliver(mux_port(m, m->focus), buf + start, i - start);
        start = i + 1;
        if (!m->escape) {
            m->escape = true;
            continue;
        }
        m->escape = false;
        if (ch == 'c') {
            m->focus = (m->focus + 1) % (int)m->ports;
        } else if (ch == 'h') {
            mux_print(m, "\r\nC-a h    print this help\r\n"
                         "C-a c    switch between the frontends\r\n"
                         "C-a C-a  sends C-a\r\n");
        } else if (ch == MUX_ESCAPE) {
            start = i;      /* a literal Ctrl-A goes through */
        }
    }
    if (!m->escape) {
        chardev_deliver(mux_port(m, m->focus), buf + start, len - start);
    }
}

static bool mux_can_receive(void *opaque)
{
    ChardevMux *m = opaque;
    return chardev_can_deliver(mux_port(m, m->focus));
}

static void mux_event(void *opaque, ChardevEvent ev)
{
    ChardevMux *m = opaque;
    for (int i = 0; i < m->ports; i++) {
        chardev_event(mux_port(m, i), ev);
    }
}

static const ChardevFrontendOps mux_fe_ops = {
    .receive = mux_receive, .can_receive = mux_can_receive, .event = mux_event,
};

static bool mux_expand(Object *obj, Error **errp)
{
    ChardevMux *m = (ChardevMux *)obj;
    for (int64_t i = 0; i < m->ports; i++) {
        g_autofree char *name = g_strdup_printf("port[%" G_GINT64_FORMAT "]", i);
        if (!object_new_child(obj, "chardev-mux-port", name, errp)) {
            return false;
        }
    }
    return true;
}

static size_t mux_write(Chardev *c, const uint8_t *buf, size_t len)
{
    ChardevMux *m = (ChardevMux *)c;
    return m->backend ? chardev_write((Chardev *)m->backend, buf, len) : 0;
}

static char *mux_filename(Chardev *c)
{
    ChardevMux *m = (ChardevMux *)c;
    return g_strdup_printf("mux:%s", m->backend ? m->backend->name : "");
}

static bool mux_in_use(Chardev *c)
{
    ChardevMux *m = (ChardevMux *)c;
    for (int i = 0; i < m->ports; i++) {
        Chardev *p = mux_port(m, i);
        if (p && chardev_in_use(p)) {
            return true;
        }
    }
    return false;
}

static const ChardevOps mux_ops = { .write = mux_write,
                                    .filename = mux_filename,
                                    .in_use = mux_in_use };

static void mux_init(Object *obj)
{
    ((Chardev *)obj)->ops = &mux_ops;
}

static bool mux_realize(Object *obj, Error **errp)
{
    ChardevMux *m = (ChardevMux *)obj;
    if (!m->backend) {
        error_setg(errp, "property 'chardev' (the backend to share) is not set");
        return false;
    }
    m->focus = 0;
    m->escape = false;
    return chardev_attach_object((Chardev *)m->backend, obj, &mux_fe_ops, m, errp);
}

static void mux_unrealize(Object *obj)
{
    ChardevMux *m = (ChardevMux *)obj;
    chardev_detach_from((Chardev *)m->backend, m);
}

Chardev *chardev_mux_free_port(Chardev *c, GHashTable *taken, Error **errp)
{
    if (!object_is_a(&c->obj, "chardev-mux")) {
        return c;
    }
    ChardevMux *m = (ChardevMux *)c;
    for (int i = 0; i < m->ports; i++) {
        Chardev *p = mux_port(m, i);
        if (p && !chardev_in_use(p) && !(taken && g_hash_table_contains(taken, p))) {
            if (taken) {
                g_hash_table_add(taken, p);
            }
            return p;
        }
    }
    g_autofree char *path = object_path(&c->obj);
    error_setg(errp, "chardev '%s': all %d of its ports are in use "
               "(property 'ports')", path, (int)m->ports);
    return NULL;
}

static const PropDef mux_props[] = {
    PROP_LINK("chardev", ChardevMux, backend, TYPE_CHARDEV,
              "the backend the frontends share (a path, or an id under /chardevs)"),
    PROP_INT("ports", ChardevMux, ports, 2, 1, MUX_MAX_PORTS,
             "how many frontends can share it"),
    PROP_END
};

const TypeInfo chardev_mux_type = {
    .name = "chardev-mux",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevMux),
    .init = mux_init,
    .expand = mux_expand,
    .realize = mux_realize,
    .unrealize = mux_unrealize,
    .props = mux_props,
    .doc = "Shares one character backend among several frontends (ports "
           "port[0..N-1]); Ctrl-A c switches which one gets the input.",
};
