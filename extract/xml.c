/* xml.c — the plan tree as XML (libxml2 xmlTextWriter), and RELAX NG
 * validation against schema/plan.rng, which is compiled into the library
 * (tools/embed.sh) so a lone binary validates the same way as the tests. */
#include "extract/extract.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char vb_schema_rng[];
extern const size_t vb_schema_rng_len;

/* Copies s[0..n) into b with characters XML 1.0 forbids replaced by U+FFFD
 * (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, invalid UTF-8).
 * libxml2's writer escapes markup but passes these through, which would
 * make the output not well-formed. */
static int xml_clean(vb_buf *b, const char *s, size_t n)
{
    static const char rep[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
    while (p < end) {
        unsigned c = *p;
        if (c >= 0x20 && c < 0x80) { /* the common case, appended in runs */
            p++;
            continue;
        }
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        int ok = k > 0 && (size_t)(end - p) >= k;
        for (size_t j = 1; ok && j < k; j++)
            ok = (p[j] & 0xC0) == 0x80;
        if (ok && k == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            ok = 0;
        if (ok && k == 2 && c < 0xC2)
            ok = 0;
        if (ok && k == 3 && c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            ok = 0;
        if (ok && k == 3 && c == 0xED && p[1] >= 0xA0) /* surrogates */
            ok = 0;
        if (ok && k == 3 && c == 0xE0 && p[1] < 0xA0) /* overlong */
            ok = 0;
        if (ok && k == 4 && (c > 0xF4 || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)))
            ok = 0;
        if (!ok && (vb_buf_cat(b, (const char *)run, (size_t)(p - run)) || vb_buf_cat(b, rep, 3)))
            return -1;
        p += ok ? k : 1;
        if (!ok)
            run = p;
    }
    return vb_buf_cat(b, (const char *)run, (size_t)(p - run));
}

static int write_str(xmlTextWriterPtr w, vb_buf *tmp, const char *s, size_t n)
{
    tmp->len = 0;
    if (xml_clean(tmp, s, n) || vb_buf_cat(tmp, "", 0))
        return -1;
    return xmlTextWriterWriteString(w, (const xmlChar *)tmp->s) < 0 ? -1 : 0;
}

static int write_attr(xmlTextWriterPtr w, vb_buf *tmp, const char *name, const char *v)
{
    tmp->len = 0;
    if (xml_clean(tmp, v, strlen(v)) || vb_buf_cat(tmp, "", 0))
        return -1;
    return xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)tmp->s) < 0 ? -1
                                                                                              : 0;
}

/* A correction or a piece of a word box: bytes [off, end) of the text. */
typedef struct span {
    size_t off, end;
    const vb_corr *c;  /* a correction, or */
    const vb_word *w;  /* a word (or the part of one a correction cut off) */
} span;

typedef struct spans {
    span *v;
    size_t n;
} spans;

/* Whether [off, off+len) lies in t after at, from character to character
 * (an element boundary inside a UTF-8 sequence would garble the text). */
static int fits(const vb_text *t, size_t at, size_t off, size_t len)
{
    return off >= at && off <= t->len && len <= t->len - off &&
           ((unsigned char)t->s[off] & 0xC0) != 0x80 &&
           ((unsigned char)t->s[off + len] & 0xC0) != 0x80;
}

/* Corrections that fit the text in order; a stale or overlapping one keeps
 * its text and loses its mark. */
static size_t valid_corr(const vb_text *t, span *out)
{
    size_t n = 0, at = 0;
    for (size_t i = 0; i < t->ncorr; i++) {
        const vb_corr *c = &t->corr[i];
        if (!fits(t, at, c->off, c->len))
            continue;
        out[n++] = (span){c->off, c->off + c->len, c, NULL};
        at = c->off + c->len;
    }
    return n;
}

/* Word pieces: each word, cut where a correction starts or ends inside it
 * without lying inside it, so that corrections and pieces nest or stay
 * apart (a corr is never split: its orig belongs to the whole). */
static size_t word_pieces(const vb_text *t, const span *cs, size_t nc, span *out)
{
    size_t n = 0, at = 0, k = 0;
    for (size_t i = 0; i < t->nwords; i++) {
        const vb_word *w = &t->words[i];
        if (w->len == 0 || !fits(t, at, w->off, w->len) || w->box.x0 < 0)
            continue;
        size_t a = w->off, e = w->off + w->len;
        at = e;
        while (k < nc && cs[k].end <= a)
            k++;
        for (size_t j = k; j < nc && cs[j].off < e; j++) {
            if (cs[j].off >= w->off && cs[j].end <= e)
                continue; /* inside the word: nests */
            if (cs[j].off > a && cs[j].off < e) {
                out[n++] = (span){a, cs[j].off, NULL, w};
                a = cs[j].off;
            }
            if (cs[j].end > a && cs[j].end < e) {
                out[n++] = (span){a, cs[j].end, NULL, w};
                a = cs[j].end;
            }
        }
        out[n++] = (span){a, e, NULL, w};
    }
    return n;
}

static int write_corr_start(xmlTextWriterPtr w, vb_buf *tmp, const vb_corr *c)
{
    char conf[16];
    snprintf(conf, sizeof conf, "%.2f", c->conf < 0 ? 0.0 : c->conf > 1 ? 1.0 : c->conf);
    return xmlTextWriterStartElement(w, BAD_CAST "corr") < 0 ||
                   write_attr(w, tmp, "orig", c->orig) || write_attr(w, tmp, "conf", conf)
               ? -1
               : 0;
}

/* <w bbox conf? page?>: page only where it is not the page in force. */
static int write_word_start(xmlTextWriterPtr w, vb_buf *tmp, const vb_word *x, int page)
{
    char v[64];
    snprintf(v, sizeof v, "%d %d %d %d", x->box.x0, x->box.y0,
             x->box.x1 > x->box.x0 ? x->box.x1 : x->box.x0,
             x->box.y1 > x->box.y0 ? x->box.y1 : x->box.y0);
    if (xmlTextWriterStartElement(w, BAD_CAST "w") < 0 || write_attr(w, tmp, "bbox", v))
        return -1;
    snprintf(v, sizeof v, "%.2f", x->conf > 1 ? 1.0 : x->conf);
    if (x->conf >= 0 && write_attr(w, tmp, "conf", v))
        return -1;
    snprintf(v, sizeof v, "%d", x->page);
    return x->page > 0 && x->page != page ? write_attr(w, tmp, "page", v) : 0;
}

static int write_start(xmlTextWriterPtr w, vb_buf *tmp, const span *s, int page)
{
    return s->c ? write_corr_start(w, tmp, s->c) : write_word_start(w, tmp, s->w, page);
}

/* Text [from, to) with the spans of one kind in it (*k onwards, wholly
 * inside) as elements. */
static int write_inner(xmlTextWriterPtr w, vb_buf *tmp, const vb_text *t, size_t from, size_t to,
                       const spans *in, size_t *k, int page)
{
    for (; *k < in->n && in->v[*k].off >= from && in->v[*k].end <= to; ++*k) {
        const span *s = &in->v[*k];
        if (write_str(w, tmp, t->s + from, s->off - from) || write_start(w, tmp, s, page) ||
            write_str(w, tmp, t->s + s->off, s->end - s->off) || xmlTextWriterEndElement(w) < 0)
            return -1;
        from = s->end;
    }
    return write_str(w, tmp, t->s + from, to - from);
}

/* A node's own text, with every correction as <corr orig conf> and every
 * word box as <w bbox conf>, nested so that the string value is the text.
 * page: the page in force (the nearest @page, else 1). */
static int write_text(xmlTextWriterPtr w, vb_buf *tmp, const vb_text *t, int page)
{
    span *buf = malloc((t->ncorr + t->nwords + 2 * t->ncorr + 1) * sizeof *buf);
    if (!buf)
        return -1;
    spans cs = {buf, valid_corr(t, buf)};
    spans ws = {buf + cs.n, word_pieces(t, cs.v, cs.n, buf + cs.n)};
    size_t at = 0, ci = 0, wi = 0;
    int rc = 0;
    while (rc == 0 && (ci < cs.n || wi < ws.n)) {
        /* the outer one first; a word holds a correction of the same start it covers */
        int word = ci == cs.n || (wi < ws.n && (ws.v[wi].off < cs.v[ci].off ||
                                                (ws.v[wi].off == cs.v[ci].off &&
                                                 ws.v[wi].end >= cs.v[ci].end)));
        const span *s = word ? &ws.v[wi++] : &cs.v[ci++];
        rc = write_str(w, tmp, t->s + at, s->off - at) || write_start(w, tmp, s, page) ||
             write_inner(w, tmp, t, s->off, s->end, word ? &cs : &ws, word ? &ci : &wi, page) ||
             xmlTextWriterEndElement(w) < 0;
        at = s->end;
    }
    free(buf);
    return rc || write_str(w, tmp, t->s + at, t->len - at) ? -1 : 0;
}

/* The page in force at n: its own or its nearest ancestor's, else 1. */
static int page_in_force(const vb_node *n)
{
    for (; n; n = n->parent)
        if (n->page > 0)
            return n->page;
    return 1;
}

/* Start tag, attributes and the node's own text; indentation goes off
 * after the start tag when the node is the outermost mixed one. */
static int write_open(xmlTextWriterPtr w, vb_buf *tmp, const vb_node *n, int start_mixed)
{
    if (xmlTextWriterStartElement(w, (const xmlChar *)n->name) < 0)
        return -1;
    for (size_t i = 0; i < n->nattrs; i++)
        if (write_attr(w, tmp, n->attrs[i].name, n->attrs[i].value))
            return -1;
    if (n->page > 0 && !vb_node_attr(n, "page")) {
        char pg[16];
        snprintf(pg, sizeof pg, "%d", n->page);
        if (write_attr(w, tmp, "page", pg))
            return -1;
    }
    if (start_mixed)
        xmlTextWriterSetIndent(w, 0);
    return n->text.len ? write_text(w, tmp, &n->text, page_in_force(n)) : 0;
}

/* After a mixed element: the line break (and, before the parent's end tag,
 * the indentation) the writer leaves out once it has seen text. */
static int write_break(xmlTextWriterPtr w, const vb_node *n, const vb_node *root)
{
    char pad[2 * 64 + 2] = "\n";
    size_t depth = 0;
    for (const vb_node *p = n; p != root && p->parent && depth < 64; p = p->parent)
        depth++;
    if (!n->next)
        for (size_t i = 0; i + 1 < depth; i++)
            strcat(pad, "  ");
    return xmlTextWriterWriteRaw(w, BAD_CAST pad) < 0 ? -1 : 0;
}

/* Pre-order walk without recursion: open on the way down, close on the way up.
 * Inside mixed content (text and child elements) indentation is switched
 * off: the writer's indent would add white space to the element's text. */
static int write_tree(xmlTextWriterPtr w, vb_buf *tmp, const vb_node *root)
{
    const vb_node *n = root, *mixed = NULL;
    while (n) {
        int start_mixed =
            !mixed && n->text.len && (n->first || n->text.ncorr || n->text.nwords);
        if (write_open(w, tmp, n, start_mixed))
            return -1;
        if (start_mixed)
            mixed = n;
        if (n->first) {
            n = n->first;
            continue;
        }
        for (;;) {
            if (xmlTextWriterEndElement(w) < 0)
                return -1;
            if (n == mixed) {
                mixed = NULL;
                xmlTextWriterSetIndent(w, 1);
                if (n != root && write_break(w, n, root))
                    return -1;
            }
            if (n == root)
                return 0;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    return 0;
}

vb_status vb_plan_write_xml(const vb_node *plan, char **xml, size_t *len, vb_error *err)
{
    *xml = NULL;
    *len = 0;
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    vb_buf tmp;
    vb_buf_init(&tmp);
    vb_status st = VB_OK;
    if (!w) {
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory creating the XML writer");
        goto done;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 || write_tree(w, &tmp, plan) ||
        xmlTextWriterEndDocument(w) < 0) {
        st = vb_error_set(err, VB_ERR_XML, "cannot write the plan XML");
        goto done;
    }
    xmlFreeTextWriter(w);
    w = NULL;
    st = vb_xml_validate((const char *)buf->content, buf->use, "plan", err);
    if (st == VB_OK) {
        *xml = malloc(buf->use + 1);
        if (!*xml) {
            st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
            goto done;
        }
        memcpy(*xml, buf->content, buf->use);
        (*xml)[buf->use] = '\0';
        *len = buf->use;
    }
done:
    if (w)
        xmlFreeTextWriter(w);
    if (buf)
        xmlBufferFree(buf);
    vb_buf_free(&tmp);
    return st;
}

/* ---- validation ---------------------------------------------------------- */

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlRelaxNGPtr schema;

/* Keeps the first structured error libxml2 reports. */
static void first_error(void *ctx, xmlErrorPtr e)
{
    char *msg = ctx;
    if (msg[0] || !e || !e->message)
        return;
    snprintf(msg, 400, "line %d: %s", e->line, e->message);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
}

static void ignore_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx, (void)e;
}

/* The compiled-in schema, parsed once (caller holds schema_lock). */
static xmlRelaxNGPtr load_schema(char *msg)
{
    if (schema)
        return schema;
    const char *path = getenv("VB_SCHEMA");
    xmlRelaxNGParserCtxtPtr pc =
        path && *path
            ? xmlRelaxNGNewParserCtxt(path)
            : xmlRelaxNGNewMemParserCtxt((const char *)vb_schema_rng, (int)vb_schema_rng_len);
    if (!pc)
        return NULL;
    xmlRelaxNGSetParserStructuredErrors(pc, first_error, msg);
    schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    return schema;
}

const char *vb_schema_path(void)
{
    const char *p = getenv("VB_SCHEMA");
    return p && *p ? p : "(built in: schema/plan.rng)";
}

vb_status vb_xml_validate(const char *xml, size_t len, const char *name, vb_error *err)
{
    char msg[400] = "";
    if (len > INT32_MAX)
        return vb_error_set(err, VB_ERR_LIMIT, "%s: XML too large to validate", name);
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL, XML_PARSE_NONET);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return vb_error_set(err, VB_ERR_XML, "%s: not well-formed XML: line %d: %s", name,
                            e ? e->line : 0, e && e->message ? e->message : "parse error");
    }
    pthread_mutex_lock(&schema_lock);
    vb_status st = VB_OK;
    xmlRelaxNGPtr rng = load_schema(msg);
    if (!rng) {
        st = vb_error_set(err, VB_ERR_XML, "cannot load the schema: %s", msg);
    } else {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
        if (!vc) {
            st = vb_error_set(err, VB_ERR_NOMEM, "out of memory validating");
        } else {
            xmlRelaxNGSetValidStructuredErrors(vc, first_error, msg);
            if (xmlRelaxNGValidateDoc(vc, doc) != 0)
                st = vb_error_set(err, VB_ERR_INVALID, "%s: does not match the schema: %s", name,
                                  msg[0] ? msg : "invalid");
            xmlRelaxNGSetValidStructuredErrors(vc, ignore_error, NULL);
            xmlRelaxNGFreeValidCtxt(vc);
        }
    }
    pthread_mutex_unlock(&schema_lock);
    xmlFreeDoc(doc);
    return st;
}
