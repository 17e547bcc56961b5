/* plan_load.h — private to search/: a plan XML document read into the flat
 * records the index stores (plan fields, sections, criteria, recipients,
 * searchable docs). Strings are malloc'd and owned by the vb_pl. */
#ifndef VB_PLAN_LOAD_H
#define VB_PLAN_LOAD_H

#include "core/vanban.h"

#include <stdint.h>

typedef struct vb_pl_section {
    int ordinal;
    char *label, *role, *heading;
} vb_pl_section;

typedef struct vb_pl_crit {
    char *standard, *ids, *level, *t_start, *t_end, *budget, *source;
    char *target, *tasks, *lead, *timeline;
    int64_t amount; /* -1 when none */
} vb_pl_crit;

typedef struct vb_pl_doc {
    char *section; /* role of the enclosing section, "" outside */
    char *field;   /* field name(s): "item", "target tasks lead", … */
    char *text;    /* exact text, parts joined with '\n' */
    int crit;      /* index into crits, -1 when none */
} vb_pl_doc;

typedef struct vb_pl_recipient {
    char *purpose, *text;
} vb_pl_recipient;

typedef struct vb_pl {
    char *school, *authority, *number, *place, *date, *title;
    char *signer_title, *signer, *source_path, *source_sha256, *year_text;
    int year_from, year_to;
    vb_pl_section *sec;
    size_t nsec, capsec;
    vb_pl_crit *crit;
    size_t ncrit, capcrit;
    vb_pl_doc *doc;
    size_t ndoc, capdoc;
    vb_pl_recipient *rec;
    size_t nrec, caprec;
} vb_pl;

/* Parses plan XML (namespace urn:vanban:plan:1). Unknown elements are
 * walked through; missing optional ones stay NULL. VB_ERR_XML when the
 * bytes are not well-formed plan XML. */
vb_status vb_pl_parse(const char *data, size_t len, const char *name, vb_pl **out,
                      vb_error *err);
void vb_pl_free(vb_pl *p); /* NULL is a no-op */

#endif
