/* Object-model internals shared by object.c, prop.c and pin.c.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_OBJECT_IMPL_H
#define HEMU_CORE_OBJECT_IMPL_H

#include "core/object.h"

enum { OBJREF_LINK, OBJREF_PIN };

/* A reference into an object (the dst whose refs list holds it): a link
 * field of src pointing at dst, or an output line of src driving an input
 * line of dst. Cleared or removed when either end is destroyed. */
struct ObjRef {
    ObjRef *next;
    Object *src;
    void *slot;              /* LINK: Object ** in src; PIN: Pin * in src */
    const void *sdef;        /* LINK: PropDef; PIN: the output PinDef */
    const PinDef *ddef;      /* PIN: the input PinDef of dst */
    uint32_t n, m;           /* PIN: output line, input line */
    uint8_t kind;
};

void objref_add(Object *dst, const ObjRef *tmpl);
void objref_remove(Object *dst, Object *src, void *slot, bool any_line,
                   uint32_t n, uint32_t m);
void prop_list_clear(PropList *l, PropType elem);

#endif
