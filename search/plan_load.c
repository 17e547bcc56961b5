/* plan_load.c — reads plan XML (urn:vanban:plan:1) with libxml2 into the
 * flat records of plan_load.h. The tree is walked iteratively; elements the
 * contract does not name are walked through, so newer plans still index. */
#include "search/plan_load.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_NS "urn:vanban:plan:1"
#define MAX_ANCESTORS 256

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, PLAN_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

/* The element's string value with whitespace runs collapsed, trimmed. */
static char *text_of(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return strdup("");
    size_t w = 0, len = strlen((char *)c);
    char *s = malloc(len + 1);
    if (s) {
        int space = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char ch = c[i];
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                space = w > 0;
                continue;
            }
            if (space)
                s[w++] = ' ';
            space = 0;
            s[w++] = (char)ch;
        }
        s[w] = '\0';
    }
    xmlFree(c);
    return s;
}

static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
    if (!a)
        return NULL;
    char *s = strdup((char *)a);
    xmlFree(a);
    return s;
}

static int attr_int(const xmlNode *n, const char *name)
{
    char *a = attr(n, name);
    int v = a ? atoi(a) : 0;
    free(a);
    return v;
}

/* Nearest ancestor element called name, or NULL. */
static const xmlNode *ancestor(const xmlNode *n, const char *name)
{
    int guard = MAX_ANCESTORS;
    for (n = n->parent; n && guard--; n = n->parent)
        if (is(n, name))
            return n;
    return NULL;
}

static const char *section_role(vb_pl *p, const xmlNode *n)
{
    const xmlNode *s = ancestor(n, "section");
    size_t i = s ? (size_t)(intptr_t)s->_private : 0;
    return i > 0 && i <= p->nsec && p->sec[i - 1].role ? p->sec[i - 1].role : "";
}


/* Adds a doc; takes ownership of text. Returns 0 on out of memory. */
static int add_doc(vb_pl *p, const char *section, const char *field, char *text, int crit)
{
    if (!text)
        return 0;
    if (!*text) {
        free(text);
        return 1;
    }
    if (p->ndoc == p->capdoc) {
        size_t nc = p->capdoc ? p->capdoc * 2 : 32;
        vb_pl_doc *d = realloc(p->doc, nc * sizeof *d);
        if (!d) {
            free(text);
            return 0;
        }
        p->doc = d;
        p->capdoc = nc;
    }
    vb_pl_doc *d = &p->doc[p->ndoc++];
    d->section = strdup(section);
    d->field = strdup(field);
    d->text = text;
    d->crit = crit;
    return d->section && d->field;
}

static int visit_section(vb_pl *p, xmlNode *n)
{
    if (p->nsec == p->capsec) {
        size_t nc = p->capsec ? p->capsec * 2 : 8;
        vb_pl_section *s = realloc(p->sec, nc * sizeof *s);
        if (!s)
            return -1;
        p->sec = s;
        p->capsec = nc;
    }
    vb_pl_section *s = &p->sec[p->nsec++];
    memset(s, 0, sizeof *s);
    s->ordinal = attr_int(n, "ordinal");
    if (!s->ordinal)
        s->ordinal = (int)p->nsec;
    s->label = attr(n, "label");
    s->role = attr(n, "role");
    if (!s->role)
        s->role = strdup("other");
    n->_private = (void *)(intptr_t)p->nsec;
    return s->role ? 1 : -1;
}

/* Appends one named part to a criterion's doc text and field list. */
static int crit_part(char **text, char **fields, const char *field, const char *part)
{
    size_t tl = *text ? strlen(*text) : 0, fl = *fields ? strlen(*fields) : 0;
    char *t = realloc(*text, tl + strlen(part) + 2);
    if (!t)
        return 0;
    *text = t;
    char *f = realloc(*fields, fl + strlen(field) + 2);
    if (!f)
        return 0;
    *fields = f;
    sprintf(t + tl, "%s%s", tl ? "\n" : "", part);
    sprintf(f + fl, "%s%s", fl ? " " : "", field);
    return 1;
}

static void crit_field(vb_pl_crit *c, const xmlNode *k, char *txt)
{
    char **slot = is(k, "target")     ? &c->target
                  : is(k, "tasks")    ? &c->tasks
                  : is(k, "lead")     ? &c->lead
                  : is(k, "timeline") ? &c->timeline
                  : is(k, "budget")   ? &c->budget
                                      : NULL;
    if (slot && !*slot)
        *slot = strdup(txt);
    if (is(k, "timeline") && !c->t_start) {
        c->t_start = attr(k, "start");
        c->t_end = attr(k, "end");
    }
    if (is(k, "budget")) {
        char *a = attr(k, "amount");
        if (a)
            c->amount = (c->amount < 0 ? 0 : c->amount) + strtoll(a, NULL, 10);
        free(a);
        if (!c->source)
            c->source = attr(k, "source");
    }
}

static int visit_criterion(vb_pl *p, xmlNode *n)
{
    if (p->ncrit == p->capcrit) {
        size_t nc = p->capcrit ? p->capcrit * 2 : 16;
        vb_pl_crit *c = realloc(p->crit, nc * sizeof *c);
        if (!c)
            return -1;
        p->crit = c;
        p->capcrit = nc;
    }
    vb_pl_crit *c = &p->crit[p->ncrit];
    memset(c, 0, sizeof *c);
    c->amount = -1;
    c->ids = attr(n, "ids");
    c->level = attr(n, "level");
    const xmlNode *std = ancestor(n, "standard");
    c->standard = std ? attr(std, "number") : NULL;
    if (!c->standard && c->ids && strchr(c->ids, '.'))
        c->standard = strndup(c->ids, strcspn(c->ids, "."));
    char *text = NULL, *fields = NULL;
    int ok = 1;
    for (xmlNode *k = n->children; k && ok; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || is(k, "ordinal") || is(k, "criterion"))
            continue;
        char *t = text_of(k);
        ok = t != NULL;
        if (ok && *t) {
            crit_field(c, k, t);
            ok = crit_part(&text, &fields, (const char *)k->name, t);
        }
        free(t);
    }
    int idx = (int)p->ncrit++;
    ok = ok && add_doc(p, section_role(p, n), fields ? fields : "criterion",
                       text ? text : strdup(""), idx);
    free(fields);
    return ok ? 0 : -1;
}

static int visit_recipient(vb_pl *p, xmlNode *n)
{
    if (p->nrec == p->caprec) {
        size_t nc = p->caprec ? p->caprec * 2 : 8;
        vb_pl_recipient *r = realloc(p->rec, nc * sizeof *r);
        if (!r)
            return -1;
        p->rec = r;
        p->caprec = nc;
    }
    vb_pl_recipient *r = &p->rec[p->nrec++];
    r->purpose = attr(n, "purpose");
    r->text = text_of(n);
    return r->text ? 0 : -1;
}

/* Sets *slot (once) to the element's text. */
static int set_text(char **slot, const xmlNode *n)
{
    if (*slot)
        return 0;
    *slot = text_of(n);
    return *slot ? 0 : -1;
}

/* Handles a header child, a signature child or a title. -1 oom, 0 done, 1 not mine. */
static int visit_leaf(vb_pl *p, xmlNode *n)
{
    const xmlNode *par = n->parent;
    if (is(par, "header")) {
        char **slot = is(n, "issuer")      ? &p->school
                      : is(n, "authority") ? &p->authority
                      : is(n, "number")    ? &p->number
                      : is(n, "place")     ? &p->place
                                           : NULL;
        if (is(n, "date") && !p->date)
            p->date = attr(n, "when");
        return slot ? set_text(slot, n) : 0;
    }
    if (is(par, "signature")) {
        if (is(n, "title"))
            return set_text(&p->signer_title, n);
        if (is(n, "name"))
            return set_text(&p->signer, n);
        return 0;
    }
    if (is(n, "title") && is(par, "plan"))
        return set_text(&p->title, n);
    if (is(n, "title") && is(par, "standard"))
        return add_doc(p, section_role(p, n), "standard", text_of(n), -1) ? 0 : -1;
    return 1;
}

/* One element: returns 1 to walk into its children, 0 to skip them, -1 oom. */
static int visit(vb_pl *p, xmlNode *n)
{
    int r = visit_leaf(p, n);
    if (r != 1)
        return r;
    if (is(n, "source")) {
        p->source_path = attr(n, "path");
        p->source_sha256 = attr(n, "sha256");
        return 0;
    }
    if (is(n, "schoolYear")) {
        p->year_from = attr_int(n, "from");
        p->year_to = attr_int(n, "to");
        return set_text(&p->year_text, n);
    }
    if (is(n, "section"))
        return visit_section(p, n);
    if (is(n, "criterion"))
        return visit_criterion(p, n);
    if (is(n, "recipient"))
        return visit_recipient(p, n);
    if (is(n, "quality") || is(n, "columns"))
        return 0;
    if (is(n, "role")) {
        char *name = attr(n, "name");
        return !name || add_doc(p, section_role(p, n), "role", name, -1) ? 1 : -1;
    }
    if (is(n, "heading") && is(n->parent, "section")) {
        size_t i = (size_t)(intptr_t)n->parent->_private;
        if (i > 0 && i <= p->nsec && !p->sec[i - 1].heading && set_text(&p->sec[i - 1].heading, n))
            return -1;
    }
    static const char *const leaves[] = {"heading", "item", "p",        "duty",
                                         "closing", "appendix", "authority"};
    for (size_t i = 0; i < sizeof leaves / sizeof *leaves; i++)
        if (is(n, leaves[i]))
            return add_doc(p, section_role(p, n), leaves[i], text_of(n), -1) ? 0 : -1;
    return 1;
}

/* Header, signature and recipients as docs of their own. */
static int summary_docs(vb_pl *p)
{
    const char *hdr[] = {p->authority, p->school, p->number, p->place, p->title,
                         p->year_text};
    char buf[4096] = "";
    size_t w = 0;
    for (size_t i = 0; i < 6; i++)
        if (hdr[i] && w < sizeof buf)
            w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%s", w ? "\n" : "", hdr[i]);
    if (w && !add_doc(p, "", "header", strdup(buf), -1))
        return 0;
    w = 0;
    buf[0] = '\0';
    if (p->signer_title || p->signer)
        snprintf(buf, sizeof buf, "%s\n%s", p->signer_title ? p->signer_title : "",
                 p->signer ? p->signer : "");
    if (*buf && !add_doc(p, "", "signature", strdup(buf), -1))
        return 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->nrec && w < sizeof buf; i++)
        w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%s", w ? "\n" : "", p->rec[i].text);
    return !*buf || add_doc(p, "", "recipients", strdup(buf), -1);
}

static int walk(vb_pl *p, xmlNode *root)
{
    xmlNode *n = root->children;
    while (n) {
        int down = 0;
        if (n->type == XML_ELEMENT_NODE) {
            down = visit(p, n);
            if (down < 0)
                return 0;
        }
        if (down && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return summary_docs(p);
}

vb_status vb_pl_parse(const char *data, size_t len, const char *name, vb_pl **out,
                      vb_error *err)
{
    *out = NULL;
    if (len > (size_t)INT32_MAX)
        return vb_error_set(err, VB_ERR_LIMIT, "%s: too large for plan XML", name);
    xmlDoc *doc = xmlReadMemory(data, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !is(root, "plan")) {
        xmlFreeDoc(doc);
        return vb_error_set(err, VB_ERR_XML, "%s: not plan XML (%s)", name,
                            doc ? "root is not {" PLAN_NS "}plan" : "not well-formed");
    }
    vb_pl *p = calloc(1, sizeof *p);
    int ok = p && walk(p, root);
    xmlFreeDoc(doc);
    if (!ok) {
        vb_pl_free(p);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading %s", name);
    }
    *out = p;
    return VB_OK;
}

void vb_pl_free(vb_pl *p)
{
    if (!p)
        return;
    char *s[] = {p->school, p->authority, p->number, p->place, p->date, p->title,
                 p->signer_title, p->signer, p->source_path, p->source_sha256, p->year_text};
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        free(s[i]);
    for (size_t i = 0; i < p->nsec; i++)
        free(p->sec[i].label), free(p->sec[i].role), free(p->sec[i].heading);
    for (size_t i = 0; i < p->ncrit; i++) {
        vb_pl_crit *c = &p->crit[i];
        char *cs[] = {c->standard, c->ids,    c->level, c->t_start, c->t_end, c->budget,
                      c->source,   c->target, c->tasks, c->lead,    c->timeline};
        for (size_t j = 0; j < sizeof cs / sizeof *cs; j++)
            free(cs[j]);
    }
    for (size_t i = 0; i < p->ndoc; i++)
        free(p->doc[i].section), free(p->doc[i].field), free(p->doc[i].text);
    for (size_t i = 0; i < p->nrec; i++)
        free(p->rec[i].purpose), free(p->rec[i].text);
    free(p->sec), free(p->crit), free(p->doc), free(p->rec);
    free(p);
}
