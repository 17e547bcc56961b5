/* extract.h — stage 3: document structure, and the XML it becomes.
 *
 * vb_extract reads a normalized layout and builds the plan tree: a tree of
 * vb_node, one node per XML element of PLAN-XML.md (schema/plan.rng), each
 * with attributes, its own text (a vb_text, so corrections survive) and
 * children. The tree is walked iteratively (no recursion on input depth).
 * vb_plan_write_xml serialises it with libxml2's xmlTextWriter and validates
 * the result against the RELAX NG schema before handing it out.
 */
#ifndef VB_EXTRACT_H
#define VB_EXTRACT_H

#include "core/text.h"
#include "core/vanban.h"
#include "ingest/ingest.h"

typedef struct vb_attr {
    char *name;            /* "when", "ids", "xml:lang"; owned */
    char *value;           /* owned */
} vb_attr;

/* One element of the plan. Mixed content: the node's own text comes first,
 * then its children, in order. */
typedef struct vb_node {
    char *name;            /* element local name, owned ("criterion") */
    vb_attr *attrs;
    size_t nattrs, attrcap;
    vb_text text;
    int page;              /* source page (emitted as @page where allowed), 0 none */
    struct vb_node *parent, *first, *last, *prev, *next;
} vb_node;

/* Node construction. Functions returning a node return NULL on OOM;
 * functions returning int return 0 or -1 on OOM. */
vb_node *vb_node_new(const char *name);
void vb_node_free(vb_node *n);       /* frees n and its subtree, iteratively; NULL ok */
void vb_node_append(vb_node *parent, vb_node *child);
void vb_node_insert_before(vb_node *sibling, vb_node *child);
void vb_node_unlink(vb_node *n);
/* Creates a child named name appended to parent, with text s (may be NULL). */
vb_node *vb_node_add(vb_node *parent, const char *name, const char *s);
/* Same, with a copy of a vb_text (corrections kept). */
vb_node *vb_node_add_text(vb_node *parent, const char *name, const vb_text *t);
int vb_node_set_attr(vb_node *n, const char *name, const char *value);
int vb_node_set_attrf(vb_node *n, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
const char *vb_node_attr(const vb_node *n, const char *name);   /* or NULL */
/* First child with that name, or NULL. */
vb_node *vb_node_child(const vb_node *n, const char *name);
/* Depth-first pre-order successor of n within root (iterative walks). */
vb_node *vb_node_next_in(const vb_node *n, const vb_node *root);

/* Builds the plan tree of a normalized layout. display_path and the
 * layout's sha256/format/encoding/pages fill <source>; the layout's repairs
 * fill <quality>. A text that is not a plan still yields a valid tree, with
 * a quality/warning code="not-a-plan". */
vb_status vb_extract(const vb_layout *L, const char *display_path, vb_node **plan,
                     vb_error *err);

/* The clean text of a layout: paragraphs re-joined, markup gone, tables as
 * tab-separated rows. Returns a malloc'd NUL-terminated string or NULL. */
char *vb_extract_text(const vb_layout *L, size_t *len, vb_error *err);

/* Serialises the plan (xmlTextWriter), validates it against the schema,
 * and returns the document (malloc'd). Validation failure → VB_ERR_INVALID
 * with libxml2's first message. */
vb_status vb_plan_write_xml(const vb_node *plan, char **xml, size_t *len, vb_error *err);

/* Validates an XML document (bytes) against schema/plan.rng. */
vb_status vb_xml_validate(const char *xml, size_t len, const char *name, vb_error *err);

/* Where the schema is: VB_SCHEMA env, then the build's install dir, then
 * ./schema/plan.rng. */
const char *vb_schema_path(void);

#endif
