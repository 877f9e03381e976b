/* The object model: types from static tables, objects in one composition
 * tree with one life cycle (created -> attached -> realized -> attached ->
 * detached -> destroyed), typed properties, links and pins.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_OBJECT_H
#define HEMU_CORE_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <jansson.h>

#include "core/error.h"

typedef struct Object Object;
typedef struct TypeImpl TypeImpl;
typedef struct PropDef PropDef;
typedef struct PinDef PinDef;
typedef struct RegionDef RegionDef;
struct MemOps;

/* ---- Properties ------------------------------------------------------- */

typedef enum PropType {
    PROP_T_BOOL,    /* bool */
    PROP_T_INT,     /* int64_t, range [min, max] */
    PROP_T_UINT64,  /* uint64_t, range [umin, umax] */
    PROP_T_SIZE,    /* uint64_t; also accepts "64K", "1G" */
    PROP_T_STR,     /* char * (owned by the object; NULL reads as "") */
    PROP_T_ENUM,    /* int, index into enum_names */
    PROP_T_LIST,    /* PropList of elem */
    PROP_T_LINK,    /* Object *, set by path, type-checked */
} PropType;

enum {
    PROP_F_RUNTIME  = 1 << 0,  /* settable after realize too */
    PROP_F_READONLY = 1 << 1,  /* never settable from outside */
    PROP_F_RANGE    = 1 << 2,  /* min/max (umin/umax) are set */
};

/* Storage of a PROP_T_LIST field: elem PROP_T_INT -> int64_t[],
 * PROP_T_UINT64/PROP_T_SIZE -> uint64_t[], PROP_T_STR -> char *[]. */
typedef struct PropList {
    size_t len;
    void *v;
} PropList;

struct PropDef {
    const char *name;
    PropType type;
    uint16_t flags;
    uint32_t offset;                  /* field in the instance struct */
    union {
        bool b;
        int64_t i;
        uint64_t u;
        const char *s;
    } def;                            /* default (list defaults are empty) */
    int64_t min, max;                 /* PROP_T_INT with PROP_F_RANGE */
    uint64_t umin, umax;              /* PROP_T_UINT64/SIZE with PROP_F_RANGE */
    const char *const *enum_names;    /* PROP_T_ENUM: NULL-terminated */
    const char *enum_type;            /* PROP_T_ENUM: the type's name */
    const char *link_type;            /* PROP_T_LINK: type the target must be */
    PropType elem;                    /* PROP_T_LIST: element type */
    /* Called after a successful set of a PROP_F_RUNTIME property on a
     * realized object, so the device can act on the new value. */
    void (*changed)(Object *obj, const PropDef *p);
    const char *doc;
};

/* Compile-time check that field f of T has type t (used by the macros). */
#define PROP_FIELD(T, f, t) \
    (offsetof(T, f) + _Generic(((T *)0)->f, t: 0))

#define PROP_BOOL(n, T, f, d, doc_) \
    { .name = (n), .type = PROP_T_BOOL, .offset = PROP_FIELD(T, f, bool), \
      .def.b = (d), .doc = (doc_) }
#define PROP_INT(n, T, f, d, lo, hi, doc_) \
    { .name = (n), .type = PROP_T_INT, .offset = PROP_FIELD(T, f, int64_t), \
      .def.i = (d), .flags = PROP_F_RANGE, .min = (lo), .max = (hi), .doc = (doc_) }
#define PROP_UINT64(n, T, f, d, doc_) \
    { .name = (n), .type = PROP_T_UINT64, .offset = PROP_FIELD(T, f, uint64_t), \
      .def.u = (d), .doc = (doc_) }
#define PROP_UINT64_RANGE(n, T, f, d, lo, hi, doc_) \
    { .name = (n), .type = PROP_T_UINT64, .offset = PROP_FIELD(T, f, uint64_t), \
      .def.u = (d), .flags = PROP_F_RANGE, .umin = (lo), .umax = (hi), .doc = (doc_) }
#define PROP_SIZE(n, T, f, d, doc_) \
    { .name = (n), .type = PROP_T_SIZE, .offset = PROP_FIELD(T, f, uint64_t), \
      .def.u = (d), .doc = (doc_) }
#define PROP_SIZE_RANGE(n, T, f, d, lo, hi, doc_) \
    { .name = (n), .type = PROP_T_SIZE, .offset = PROP_FIELD(T, f, uint64_t), \
      .def.u = (d), .flags = PROP_F_RANGE, .umin = (lo), .umax = (hi), .doc = (doc_) }
#define PROP_STR(n, T, f, d, doc_) \
    { .name = (n), .type = PROP_T_STR, .offset = PROP_FIELD(T, f, char *), \
      .def.s = (d), .doc = (doc_) }
#define PROP_ENUM(n, T, f, d, etype, names, doc_) \
    { .name = (n), .type = PROP_T_ENUM, .offset = PROP_FIELD(T, f, int), \
      .def.i = (d), .enum_type = (etype), .enum_names = (names), .doc = (doc_) }
#define PROP_LIST(n, T, f, el, doc_) \
    { .name = (n), .type = PROP_T_LIST, .offset = PROP_FIELD(T, f, PropList), \
      .elem = (el), .doc = (doc_) }
#define PROP_LINK(n, T, f, ltype, doc_) \
    { .name = (n), .type = PROP_T_LINK, .offset = PROP_FIELD(T, f, Object *), \
      .link_type = (ltype), .doc = (doc_) }
#define PROP_END { .name = NULL }

/* ---- Pins ------------------------------------------------------------- */

/* Level kinds (irq, gpio, reset) connect to each other; clocks to clocks. */
typedef enum PinKind {
    PIN_IRQ,
    PIN_GPIO,
    PIN_CLOCK,   /* value is a frequency in Hz */
    PIN_RESET,   /* level: 1 holds the input in reset */
} PinKind;

typedef enum PinDir { PIN_IN, PIN_OUT } PinDir;

/* An input line's handler: line n of the pin now carries value. */
typedef void (*PinInFn)(Object *obj, unsigned n, uint64_t value);

typedef struct PinSink {
    Object *obj;
    const PinDef *def;
    uint32_t n;
} PinSink;

/* An output line: lives in the device's state, driven with pin_set(). */
typedef struct Pin {
    uint64_t value;
    uint32_t nsinks;
    PinSink *sinks;
} Pin;

struct PinDef {
    const char *name;
    PinKind kind;
    PinDir dir;
    uint32_t count;          /* lines name[0..count-1]; 1 = a single line */
    const char *count_prop;  /* optional uint64/int property: lines exposed (<= count) */
    uint32_t offset;         /* PIN_OUT: Pin[count] in the instance */
    PinInFn handler;         /* PIN_IN */
    const char *doc;
};

/* PIN_OUT1 takes a Pin field, PIN_OUT_N a Pin array field of cnt lines. */
#define PIN_OUT1(n, k, T, f, doc_) \
    { .name = (n), .kind = (k), .dir = PIN_OUT, .count = 1, \
      .offset = PROP_FIELD(T, f, Pin), .doc = (doc_) }
#define PIN_OUT_N(n, k, T, f, cnt, doc_) \
    { .name = (n), .kind = (k), .dir = PIN_OUT, .count = (cnt), \
      .offset = offsetof(T, f) + _Generic(((T *)0)->f[0], Pin: 0), \
      .doc = (doc_) }
#define PIN_IN_N(n, k, fn, cnt, doc_) \
    { .name = (n), .kind = (k), .dir = PIN_IN, .count = (cnt), \
      .handler = (fn), .doc = (doc_) }
#define PIN_IN1(n, k, fn, doc_) PIN_IN_N(n, k, fn, 1, doc_)
#define PIN_END { .name = NULL }

/* ---- Memory regions a type declares (implemented by "device") -------- */

typedef enum RegionKind {
    REGION_RAM,
    REGION_ROM,
    REGION_MMIO,
    REGION_CONTAINER,
    REGION_ALIAS,
} RegionKind;

struct RegionDef {
    const char *name;
    RegionKind kind;
    uint32_t offset;             /* struct MemRegion in the instance */
    uint64_t size;               /* fixed size, or 0 with size_prop */
    const char *size_prop;       /* size/uint64 property giving the size */
    const struct MemOps *ops;    /* REGION_MMIO */
    const char *doc;
};

#define REGION_END { .name = NULL }

/* ---- Types ------------------------------------------------------------ */

typedef struct TypeInfo {
    const char *name;             /* kebab-case, unique */
    const char *parent;           /* NULL only for "object" */
    const char *doc;
    bool abstract;
    bool hotpluggable;            /* may be device_add'ed after prelaunch */
    size_t instance_size;         /* 0: same as the parent's */
    /* Hooks; each level of the type chain runs its own: init, expand,
     * realize and reset base first; unrealize and finalize derived first. */
    void (*init)(Object *obj);                     /* defaults are set; cannot fail */
    bool (*expand)(Object *obj, Error **errp);     /* create children from properties */
    bool (*realize)(Object *obj, Error **errp);    /* validate, start */
    void (*reset)(Object *obj);                    /* architectural reset values */
    void (*unrealize)(Object *obj);
    void (*finalize)(Object *obj);
    const PropDef *props;         /* PROP_END-terminated, or NULL */
    const PinDef *pins;           /* PIN_END-terminated, or NULL */
    const RegionDef *regions;     /* REGION_END-terminated, or NULL */
    const char *const *interfaces;/* NULL-terminated interface type names */
    const char *target;           /* CPU types: the architecture ("riscv") */
    const void *class_ops;        /* a kind's operations table (CPUs: CpuOps);
                                   * inherited when NULL */
    const struct FdtDef *fdt;     /* its device-tree node (core/fdt.h), or NULL */
} TypeInfo;

/* The registry is built once from static lists of TypeInfo pointers and is
 * immutable afterwards. lists is a NULL-terminated array of NULL-terminated
 * lists (one per source folder: core_types, memory_types, hw_types, ...).
 * Returns false when a list is inconsistent (unknown parent, duplicate name,
 * missing doc). A second call does nothing and succeeds. */
bool type_registry_init(const TypeInfo *const *const *lists, Error **errp);
/* Add a type defined by data at run time (a machine type from a machine
 * description), or replace the one of that name defined by data before;
 * built-in types cannot be replaced. The registry keeps info and calls
 * free_info on it when the type is replaced. A replaced type must have no
 * instances left (the caller knows: machine types have one, /machine). */
bool type_register_data(const TypeInfo *info, void (*free_info)(const TypeInfo *),
                        Error **errp);
const TypeImpl *type_lookup(const char *name);
const char *type_name(const TypeImpl *t);
const char *type_doc(const TypeImpl *t);
const TypeImpl *type_parent(const TypeImpl *t);
const TypeInfo *type_info(const TypeImpl *t);
/* The nearest class_ops up t's parent chain, or NULL. */
const void *type_class_ops(const TypeImpl *t);
/* The nearest target up t's parent chain, or NULL. */
const char *type_target(const TypeImpl *t);
bool type_is_abstract(const TypeImpl *t);
/* t is name, derives from it, or implements the interface name. */
bool type_is_a(const TypeImpl *t, const char *name);
/* All types, sorted by name; n receives the count. */
const TypeImpl *const *type_all(size_t *n);
/* The property table of t with inherited entries (base first). */
const PropDef *const *type_props(const TypeImpl *t, size_t *n);
const PropDef *type_prop_find(const TypeImpl *t, const char *name);
const PinDef *const *type_pins(const TypeImpl *t, size_t *n);
const PinDef *type_pin_find(const TypeImpl *t, const char *name);
const RegionDef *const *type_regions(const TypeImpl *t, size_t *n);
const RegionDef *type_region_find(const TypeImpl *t, const char *name);
/* The nearest registered type name to a misspelt one, or NULL. */
const char *type_suggest(const char *name);
/* The candidate nearest to name (edit distance), or NULL if none is close. */
const char *suggest_name(const char *name, const char *const *cands, size_t n);
/* " (did you mean 'NEAR'?)" for error messages, or "" when near is NULL;
 * a new string. */
char *suggest_hint(const char *near);

/* Types of this folder: "object" (the abstract root type), "interface"
 * (abstract root of interfaces) and "container". */
extern const TypeInfo *const core_types[];

/* ---- Objects ---------------------------------------------------------- */

typedef enum ObjState {
    OBJ_CREATED,
    OBJ_ATTACHED,    /* has a parent and a name; configurable */
    OBJ_REALIZED,
    OBJ_DETACHED,
} ObjState;

typedef struct ObjRef ObjRef;

struct Object {
    const TypeImpl *type;
    Object *parent;
    char *name;
    Object *first_child, *last_child;
    Object *next, *prev;          /* siblings, in creation order */
    void *child_index;            /* GHashTable name -> child, when many */
    uint32_t nchildren;
    uint8_t state;                /* ObjState */
    bool in_reset;                /* held by a reset input */
    bool expanded;                /* the expand hooks have run */
    bool by_expand;               /* created by the parent's expand hooks */
    ObjRef *refs;                 /* incoming links and pin connections */
};

/* The root of a composition tree ("/"). Destroy with object_destroy(). */
Object *object_new_root(void);
/* Create an object of type tname as child name of parent. This is the one
 * way to make an object: it is created (defaults set, init hooks run) and
 * attached in one step, or nothing happens and an error is returned. */
Object *object_new_child(Object *parent, const char *tname, const char *name,
                         Error **errp);
/* Realize obj and its subtree as one step (expand, children in order, then
 * obj); on failure everything realized in the step is undone and the error
 * names the failing object's path. Realizing a realized object succeeds. */
bool object_realize(Object *obj, Error **errp);
/* Unrealize obj and its subtree (obj first, then children in reverse). */
void object_unrealize(Object *obj);
/* Unrealize, detach and destroy obj and its subtree (children in reverse).
 * Links to destroyed objects are cleared and their pin connections removed. */
void object_destroy(Object *obj);
/* Run the reset hooks of the realized objects of the subtree. */
void object_reset(Object *obj);
/* The handler of a "reset" input pin (PinInFn): a rising line resets obj
 * and its subtree, which stays held (obj->in_reset) while it is high. */
void object_reset_input(Object *obj, unsigned n, uint64_t level);
/* Whether obj is held in reset: by its own reset input or an ancestor's. */
bool object_held_in_reset(const Object *obj);

bool object_is_a(const Object *obj, const char *tname);
bool object_is_realized(const Object *obj);
const char *object_state_name(const Object *obj);
Object *object_root(Object *obj);
Object *object_child(const Object *obj, const char *name);
/* "/machine/soc/uart0"; the root is "/". Returns a new string. */
char *object_path(const Object *obj);
/* Resolve an absolute path ("/a/b") from the root of base, or a relative
 * one ("b/c", "..") from base. NULL when nothing is there. */
Object *object_resolve(Object *base, const char *path);
/* Resolve a path as QMP does: absolute, or partial (the trailing part of
 * a unique path anywhere in the tree, "uart0" or "soc/uart0"). On failure
 * *ambiguous tells whether several objects matched. */
Object *object_resolve_partial(Object *root, const char *path, bool *ambiguous);
/* Names of objects are [A-Za-z0-9_.-] and [] for indices, 1..64 chars. */
bool object_name_valid(const char *name);
/* Call fn on each child in creation order. */
#define OBJECT_FOREACH_CHILD(obj, c) \
    for (Object *c = (obj)->first_child; c; c = c->next)

/* ---- Property access -------------------------------------------------- */

/* Properties of an object: its type's table, plus "type" (read-only),
 * "realized" (bool; setting it realizes/unrealizes), a child<T> property
 * per child (value: the child's path) and link<T> table entries. */
const PropDef *object_prop_find(const Object *obj, const char *name);
/* Value as JSON (new reference), or NULL with an error naming the path. */
json_t *object_prop_get(Object *obj, const char *name, Error **errp);
/* Set from JSON. With from_str, scalar values may be given as strings in
 * command-line spelling ("on", "64K", "0x10"), as keyval options are. */
bool object_prop_set(Object *obj, const char *name, json_t *value,
                     bool from_str, Error **errp);
bool object_prop_set_str(Object *obj, const char *name, const char *value,
                         Error **errp);
/* Set a property as its object's creator does: read-only properties too
 * (e.g. a machine's parameters, fixed once the machine is built). */
bool object_prop_init(Object *obj, const char *name, json_t *value,
                      bool from_str, Error **errp);
/* The QOM type name of a property as qom-list shows it ("bool", "int",
 * "uint64", "size", "str", an enum's name, "link<T>", "child<T>"). */
char *prop_type_name(const PropDef *p);
/* The default value as JSON, or NULL when there is none (links, lists). */
json_t *prop_default_json(const PropDef *p);
/* Direct field access for the object's own code. */
#define OBJ_FIELD(obj, off, T) ((T *)((char *)(obj) + (off)))

/* qom-list: [{name, type, description?, default-value?}] of an object. */
json_t *object_list_props(Object *obj);
/* The same for a type's static table, without creating an object. */
json_t *type_list_props(const TypeImpl *t);

/* ---- Pins ------------------------------------------------------------- */

const char *pin_kind_name(PinKind k);
/* Drive an output line; input handlers run when the value changes. */
void pin_set(Pin *pin, uint64_t value);
static inline void pin_raise(Pin *pin) { pin_set(pin, 1); }
static inline void pin_lower(Pin *pin) { pin_set(pin, 0); }
/* Number of lines obj exposes for a pin (count, or count_prop's value). */
uint32_t pin_count(Object *obj, const PinDef *def);
/* Connect output line src.out[n] to input line dst.in[m]. Fan-out allowed;
 * the same connection twice is an error. The current value is delivered. */
bool pin_connect(Object *src, const char *out, uint32_t n,
                 Object *dst, const char *in, uint32_t m, Error **errp);
bool pin_disconnect(Object *src, const char *out, uint32_t n,
                    Object *dst, const char *in, uint32_t m, Error **errp);
/* The same with both ends named by path: "PATH:PIN" or "PATH:PIN[N]"
 * ("/machine/uart0:irq", "plic:in[10]"); paths resolve from base as
 * object_resolve() does. */
bool pin_connect_path(Object *base, const char *out, const char *in,
                      Error **errp);
bool pin_disconnect_path(Object *base, const char *out, const char *in,
                         Error **errp);
/* Parse "name" or "name[N]" into name and index. */
bool pin_ref_parse(const char *ref, char **name, uint32_t *index, Error **errp);
/* [{from, to, kind}] for connections from or to obj, as "path:pin[n]". */
json_t *pin_list_connections(Object *obj);
/* The current value of output line n of pin name (for tests and query). */
bool pin_get(Object *obj, const char *name, uint32_t n, uint64_t *value,
             Error **errp);

#endif
