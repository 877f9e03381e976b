/* Pins: named output and input lines (irq, gpio, clock, reset) connected
 * output -> input with fan-out. An output delivers a new value to every
 * connected input handler when the value changes.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/object.h"
#include "core/object-impl.h"
#include "core/type-impl.h"

static const char *const kind_names[] = {
    [PIN_IRQ] = "irq", [PIN_GPIO] = "gpio", [PIN_CLOCK] = "clock",
    [PIN_RESET] = "reset",
};

const char *pin_kind_name(PinKind k)
{
    return kind_names[k];
}

void pin_set(Pin *pin, uint64_t value)
{
    if (pin->value == value) {
        return;
    }
    pin->value = value;
    for (uint32_t i = 0; i < pin->nsinks; i++) {
        const PinSink *s = &pin->sinks[i];
        s->def->handler(s->obj, s->n, value);
    }
}

uint32_t pin_count(Object *obj, const PinDef *def)
{
    if (!def->count_prop) {
        return def->count;
    }
    const PropDef *p = type_prop_find(obj->type, def->count_prop);
    uint64_t n = p->type == PROP_T_INT
                 ? (uint64_t)MAX(*OBJ_FIELD(obj, p->offset, int64_t), 0)
                 : *OBJ_FIELD(obj, p->offset, uint64_t);
    return (uint32_t)MIN(n, (uint64_t)def->count);
}

bool pin_ref_parse(const char *ref, char **name, uint32_t *index, Error **errp)
{
    const char *br = strchr(ref, '[');
    if (!br) {
        *name = g_strdup(ref);
        *index = 0;
        return *ref != '\0';
    }
    char *end;
    unsigned long long v = g_ascii_strtoull(br + 1, &end, 10);
    if (br == ref || end == br + 1 || strcmp(end, "]") || v > UINT32_MAX) {
        error_setg(errp, "'%s' is not a pin reference (NAME or NAME[INDEX])", ref);
        return false;
    }
    *name = g_strndup(ref, br - ref);
    *index = (uint32_t)v;
    return true;
}

static const PinDef *find_pin(Object *obj, const char *name, PinDir dir,
                              uint32_t n, Error **errp)
{
    const PinDef *d = type_pin_find(obj->type, name);
    g_autofree char *path = object_path(obj);

    if (!d || d->dir != dir) {
        size_t np;
        const PinDef *const *pins = type_pins(obj->type, &np);
        g_autofree const char **names = g_new(const char *, np + 1);
        size_t k = 0;
        for (size_t i = 0; i < np; i++) {
            if (pins[i]->dir == dir) {
                names[k++] = pins[i]->name;
            }
        }
        g_autofree char *hint = suggest_hint(suggest_name(name, names, k));
        error_setg(errp, "'%s' (%s) has no %s pin '%s'%s", path,
                   type_name(obj->type), dir == PIN_IN ? "input" : "output",
                   name, hint);
        return NULL;
    }
    uint32_t count = pin_count(obj, d);
    if (n >= count) {
        error_setg(errp, "'%s': pin '%s' has %u line%s, no line %u", path,
                   name, count, count == 1 ? "" : "s", n);
        return NULL;
    }
    return d;
}

static bool kinds_compatible(PinKind a, PinKind b)
{
    return (a == PIN_CLOCK) == (b == PIN_CLOCK);
}

bool pin_connect(Object *src, const char *out, uint32_t n,
                 Object *dst, const char *in, uint32_t m, Error **errp)
{
    const PinDef *od = find_pin(src, out, PIN_OUT, n, errp);
    const PinDef *id = od ? find_pin(dst, in, PIN_IN, m, errp) : NULL;
    if (!id) {
        return false;
    }
    if (!kinds_compatible(od->kind, id->kind)) {
        error_setg(errp, "cannot connect %s output '%s' to %s input '%s'",
                   kind_names[od->kind], out, kind_names[id->kind], in);
        return false;
    }
    Pin *pin = OBJ_FIELD(src, od->offset, Pin) + n;
    for (uint32_t i = 0; i < pin->nsinks; i++) {
        if (pin->sinks[i].obj == dst && pin->sinks[i].def == id &&
            pin->sinks[i].n == m) {
            g_autofree char *sp = object_path(src);
            g_autofree char *dp = object_path(dst);
            error_setg(errp, "'%s:%s[%u]' is already connected to '%s:%s[%u]'",
                       sp, out, n, dp, in, m);
            return false;
        }
    }
    pin->sinks = g_renew(PinSink, pin->sinks, pin->nsinks + 1);
    pin->sinks[pin->nsinks++] = (PinSink){ dst, id, m };
    objref_add(dst, &(ObjRef){ .src = src, .slot = pin, .sdef = od,
                               .ddef = id, .n = n, .m = m,
                               .kind = OBJREF_PIN });
    if (pin->value) {
        id->handler(dst, m, pin->value);
    }
    return true;
}

bool pin_disconnect(Object *src, const char *out, uint32_t n,
                    Object *dst, const char *in, uint32_t m, Error **errp)
{
    const PinDef *od = find_pin(src, out, PIN_OUT, n, errp);
    const PinDef *id = od ? find_pin(dst, in, PIN_IN, m, errp) : NULL;
    if (!id) {
        return false;
    }
    Pin *pin = OBJ_FIELD(src, od->offset, Pin) + n;
    for (uint32_t i = 0; i < pin->nsinks; i++) {
        if (pin->sinks[i].obj == dst && pin->sinks[i].def == id &&
            pin->sinks[i].n == m) {
            pin->sinks[i] = pin->sinks[--pin->nsinks];
            objref_remove(dst, src, pin, false, n, m);
            return true;
        }
    }
    error_setg(errp, "'%s[%u]' is not connected to '%s[%u]'", out, n, in, m);
    return false;
}

/* "PATH:PIN[N]" -> object, pin name, line. */
static Object *pin_end(Object *base, const char *ref, char **pin,
                       uint32_t *n, Error **errp)
{
    const char *colon = strrchr(ref, ':');
    if (!colon || colon == ref) {
        error_setg(errp, "'%s' is not a pin end (PATH:PIN or PATH:PIN[N])", ref);
        return NULL;
    }
    g_autofree char *path = g_strndup(ref, colon - ref);
    Object *obj = object_resolve(base, path);
    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found",
                  path);
        return NULL;
    }
    return pin_ref_parse(colon + 1, pin, n, errp) ? obj : NULL;
}

bool pin_connect_path(Object *base, const char *out, const char *in,
                      Error **errp)
{
    g_autofree char *opin = NULL, *ipin = NULL;
    uint32_t n, m;
    Object *src = pin_end(base, out, &opin, &n, errp);
    Object *dst = src ? pin_end(base, in, &ipin, &m, errp) : NULL;
    return dst && pin_connect(src, opin, n, dst, ipin, m, errp);
}

bool pin_disconnect_path(Object *base, const char *out, const char *in,
                         Error **errp)
{
    g_autofree char *opin = NULL, *ipin = NULL;
    uint32_t n, m;
    Object *src = pin_end(base, out, &opin, &n, errp);
    Object *dst = src ? pin_end(base, in, &ipin, &m, errp) : NULL;
    return dst && pin_disconnect(src, opin, n, dst, ipin, m, errp);
}

bool pin_get(Object *obj, const char *name, uint32_t n, uint64_t *value,
             Error **errp)
{
    const PinDef *d = find_pin(obj, name, PIN_OUT, n, errp);
    if (!d) {
        return false;
    }
    *value = OBJ_FIELD(obj, d->offset, Pin)[n].value;
    return true;
}

static char *line_name(Object *obj, const PinDef *d, uint32_t n)
{
    g_autofree char *path = object_path(obj);
    return d->count > 1 || d->count_prop
           ? g_strdup_printf("%s:%s[%u]", path, d->name, n)
           : g_strdup_printf("%s:%s", path, d->name);
}

static json_t *conn_json(Object *src, const PinDef *od, uint32_t n,
                         Object *dst, const PinDef *id, uint32_t m)
{
    g_autofree char *from = line_name(src, od, n);
    g_autofree char *to = line_name(dst, id, m);
    return json_pack("{s:s, s:s, s:s}", "from", from, "to", to,
                     "kind", kind_names[od->kind]);
}

json_t *pin_list_connections(Object *obj)
{
    json_t *a = json_array();
    size_t np;
    const PinDef *const *pins = type_pins(obj->type, &np);

    for (size_t i = 0; i < np; i++) {
        const PinDef *d = pins[i];
        if (d->dir != PIN_OUT) {
            continue;
        }
        Pin *p = OBJ_FIELD(obj, d->offset, Pin);
        for (uint32_t n = 0; n < d->count; n++) {
            for (uint32_t k = 0; k < p[n].nsinks; k++) {
                PinSink *s = &p[n].sinks[k];
                json_array_append_new(a, conn_json(obj, d, n, s->obj, s->def, s->n));
            }
        }
    }
    /* incoming, oldest first */
    GPtrArray *in = g_ptr_array_new();
    for (ObjRef *r = obj->refs; r; r = r->next) {
        if (r->kind == OBJREF_PIN) {
            g_ptr_array_add(in, r);
        }
    }
    for (guint i = in->len; i-- > 0;) {
        ObjRef *r = in->pdata[i];
        json_array_append_new(a, conn_json(r->src, r->sdef, r->n, obj, r->ddef, r->m));
    }
    g_ptr_array_free(in, true);
    return a;
}
