/* extract.c — stage 3 entry: a normalized layout becomes the plan tree.
 * The outline (title, sections, tail, appendix by line) is found first;
 * then each part is built in document order: source, quality, header,
 * title and school year, preamble, sections, closing, recipients,
 * signature, appendices; last, warnings for what a plan lacks. */
#include "extract/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ocr_name(const vb_layout *L)
{
    if (L->ocr_pages == 0)
        return "none";
    return (size_t)L->ocr_pages >= L->npages ? "full" : "partial";
}

vb_node *vb_para_node(vb_ctx *c, vb_node *parent, const char *name, const vb_para *p)
{
    vb_node *n = vb_node_add_text(parent, name, &p->text);
    if (n && c->with_pages)
        n->page = p->page;
    return n;
}

int vb_warn(vb_ctx *c, const char *code, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    vb_node *w = vb_node_add(c->quality, "warning", msg);
    return w && vb_node_set_attr(w, "code", code) == 0 ? 0 : -1;
}

vb_status vb_doc_tables(vb_ctx *c, size_t from, size_t to, vb_table **t, size_t *n)
{
    *t = NULL;
    *n = 0;
    if (from >= to)
        return VB_OK;
    return vb_tables_parse(c->L, from, to, c->used, t, n, c->err);
}

/* ---- outline -------------------------------------------------------------- */

static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Without a title, the header ends at the first paragraph-like line. */
static size_t header_end_untitled(const vb_layout *L, size_t limit)
{
    for (size_t i = 0; i < limit; i++) {
        const vb_text *t = &L->lines[i].text;
        vb_folded f;
        if (cp_count(t->s, t->len) > 120 || vb_fold_make(&f, t->s, t->len))
            return i;
        size_t k = 0;
        while (k < f.n && f.s[k] == ' ')
            k++;
        int basis = vb_fold_at(&f, k, "can cu");
        vb_fold_free(&f);
        if (basis)
            return i;
    }
    return limit;
}

/* First body line after the title, found by building it on a scratch tree. */
static size_t title_end(const vb_layout *L, size_t title, size_t limit)
{
    vb_error err = {0};
    vb_ctx c = {.L = L, .plan = vb_node_new("plan"), .err = &err};
    if (!c.plan)
        return title + 1;
    size_t body = vb_title_build(&c, title, limit);
    vb_node_free(c.plan);
    return body;
}

/* The tail: the first closing or "Nơi nhận" line, or an earlier signature
 * title unless a table of the last section holds it (a cell "HIỆU TRƯỞNG").
 * Tables are only looked for when that title line is table-like (a tab). */
static size_t tail_outside_tables(const vb_layout *L, size_t from, size_t to)
{
    size_t strong = vb_tail_find_kind(L, from, to, VB_TAIL_STRONG);
    size_t t = vb_tail_find_kind(L, from, strong, VB_TAIL_WEAK);
    if (t >= strong || !strchr(L->lines[t].text.s, '\t'))
        return t < strong ? t : strong;
    unsigned char *used = calloc(L->nlines + 1, 1);
    vb_table *tb = NULL;
    size_t n = 0;
    vb_error err = {0};
    if (used && vb_tables_parse(L, from, strong, used, &tb, &n, &err) == VB_OK)
        while (t < strong && used[t])
            t = vb_tail_find_kind(L, t + 1, strong, VB_TAIL_WEAK);
    vb_tables_free(tb, n);
    free(used);
    return t < strong ? t : strong;
}

int vb_outline_make(const vb_layout *L, vb_outline *o)
{
    memset(o, 0, sizeof *o);
    size_t n = L->nlines, first = n;
    char label[16];
    size_t rest;
    /* Roman sections; lettered ones only in a document that has no Roman */
    for (int letters = 0; letters < 2 && first == n; letters++)
        for (size_t i = 0; i < n && first == n; i++)
            if (vb_section_heading(L, i, label, &rest, letters))
                first = i, o->letters = letters;
    o->title = vb_title_find(L, first);
    if (o->title != (size_t)-1) {
        o->header_end = o->title;
        o->body = title_end(L, o->title, first);
    } else {
        o->header_end = first < n ? header_end_untitled(L, first) : 0;
        o->body = o->header_end;
    }
    o->app = vb_appendix_find(L, o->body, n);
    o->heads = malloc((n + 1) * sizeof *o->heads);
    if (!o->heads)
        return -1;
    for (size_t i = o->body; i < o->app; i++)
        if (vb_section_heading(L, i, label, &rest, o->letters))
            o->heads[o->nheads++] = i;
    o->tail = tail_outside_tables(L, o->nheads ? o->heads[o->nheads - 1] + 1 : o->body, o->app);
    return 0;
}

void vb_outline_free(vb_outline *o)
{
    if (o)
        free(o->heads);
}

/* ---- building ------------------------------------------------------------- */

static int add_repairs(vb_ctx *c)
{
    const vb_layout *L = c->L;
    for (size_t i = 0; i < L->nrepairs; i++) {
        const vb_repair *r = &L->repairs[i];
        vb_node *n = vb_node_add(c->quality, "repair", r->note[0] ? r->note : NULL);
        if (!n || vb_node_set_attr(n, "kind", r->kind) ||
            (r->from[0] && vb_node_set_attr(n, "from", r->from)) ||
            (r->changed >= 0 && vb_node_set_attrf(n, "changed", "%ld", r->changed)) ||
            (r->tokens >= 0 && vb_node_set_attrf(n, "tokens", "%ld", r->tokens)) ||
            (r->confidence >= 0 && vb_node_set_attrf(n, "confidence", "%.2f", r->confidence)))
            return -1;
    }
    return 0;
}

/* <page> under <source> for a page of a PDF or image (not VB_PAGE_TEXT): the
 * pixel grid its word boxes are in and how its text was read. */
static int add_page(vb_node *src, const vb_page *pg)
{
    vb_node *n = vb_node_add(src, "page", NULL);
    return !n || vb_node_set_attrf(n, "number", "%d", pg->number) ||
           vb_node_set_attr(n, "path", pg->path == VB_PAGE_OCR ? "ocr" : "text-layer") ||
           (pg->reason[0] && vb_node_set_attr(n, "reason", pg->reason)) ||
           vb_node_set_attrf(n, "width", "%d", pg->width) ||
           vb_node_set_attrf(n, "height", "%d", pg->height) ||
           vb_node_set_attrf(n, "dpi", "%d", pg->dpi) ||
           (pg->text_quality >= 0 &&
            vb_node_set_attrf(n, "quality", "%.2f", pg->text_quality > 1 ? 1.0 : pg->text_quality)) ||
           (pg->scale > 0 && pg->scale != 1.0 && vb_node_set_attrf(n, "scale", "%.3f", pg->scale)) ||
           (pg->skew != 0 && vb_node_set_attrf(n, "skew", "%.2f", pg->skew)) ||
           (pg->rotate != 0 && vb_node_set_attrf(n, "rotate", "%d", pg->rotate));
}

static vb_node *plan_new(const vb_layout *L, const char *path)
{
    vb_node *plan = vb_node_new("plan");
    vb_node *src = plan ? vb_node_add(plan, "source", NULL) : NULL;
    int bad = !src || vb_node_set_attr(plan, "xmlns", "urn:vanban:plan:1") ||
              vb_node_set_attr(plan, "version", "1") || vb_node_set_attr(plan, "xml:lang", "vi") ||
              vb_node_set_attr(src, "path", path) || vb_node_set_attr(src, "sha256", L->sha256) ||
              vb_node_set_attr(src, "format", vb_format_name(L->format)) ||
              (L->encoding[0] && vb_node_set_attr(src, "encoding", L->encoding)) ||
              vb_node_set_attr(src, "ocr", ocr_name(L)) ||
              vb_node_set_attrf(src, "pages", "%zu", L->npages);
    for (size_t i = 0; !bad && i < L->npages; i++)
        bad = L->pages[i].path != VB_PAGE_TEXT && add_page(src, &L->pages[i]);
    if (bad) {
        vb_node_free(plan);
        return NULL;
    }
    return plan;
}

static vb_status preamble_build(vb_ctx *c, size_t from, size_t to)
{
    vb_node *p = vb_node_new("preamble");
    if (!p)
        return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
    vb_node_append(c->plan, p);
    vb_status st = vb_body_build(c, p, from, to, 0);
    if (st == VB_OK && !p->first)
        vb_node_free(p);
    return st;
}

/* The value of heading k's label; 0 past the last heading. */
static int head_value(const vb_ctx *c, const vb_outline *o, size_t k)
{
    char label[16];
    size_t rest;
    if (k >= o->nheads || !vb_section_heading(c->L, o->heads[k], label, &rest, 1))
        return 0;
    return vb_label_value(label);
}

/* OCR loses or adds a stroke of a Roman numeral ("III." read "II.", "IV"
 * read "V"), which no reading of the heading's words can tell. On an OCR'd
 * heading whose label breaks the sequence, the label one "I" away from it
 * (one inserted or deleted) that the sequence expects (prev + 1) — with the
 * next heading, if any, following that — is the one printed: into fixed,
 * returns 1. A label further off, or on a text layer, stays as read. */
static int ocr_label_fix(const vb_line *ln, const char *label, int prev, int next,
                         char fixed[16])
{
    size_t n = strlen(label);
    if (ln->conf < 0 || !vb_roman_value(label) || (next && next != prev + 2) || n + 2 > 16)
        return 0;
    for (size_t i = 0; i <= n; i++) {
        char cand[2][16];
        snprintf(cand[0], sizeof cand[0], "%.*sI%s", (int)i, label, label + i);
        snprintf(cand[1], sizeof cand[1], "%.*s%s", (int)i, label, i < n ? label + i + 1 : "");
        for (int d = 0; d < 2; d++)
            if ((d == 0 || label[i] == 'I') && vb_roman_value(cand[d]) == prev + 1) {
                memcpy(fixed, cand[d], sizeof cand[d]);
                return 1;
            }
    }
    return 0;
}

/* Sections, with a warning when a label does not follow the one before
 * (after a misread Roman numeral of an OCR'd heading is put right). */
static vb_status sections_build(vb_ctx *c, const vb_outline *o)
{
    int prev = 0;
    char prev_label[16] = "";
    for (size_t k = 0; k < o->nheads; k++) {
        size_t end = k + 1 < o->nheads ? o->heads[k + 1] : o->tail;
        vb_node *s = NULL;
        vb_status st = vb_section_build(c, o->heads[k], end, (int)k + 1, &s);
        if (st != VB_OK)
            return st;
        const char *label = vb_node_attr(s, "label");
        int v = vb_label_value(label);
        char fixed[16];
        if (k > 0 && v != prev + 1 &&
            ocr_label_fix(&c->L->lines[o->heads[k]], label, prev, head_value(c, o, k + 1), fixed)) {
            if (vb_warn(c, "section-label-ocr", "Mục %s: nhãn đọc (OCR) là %s", fixed, label) ||
                vb_node_set_attr(s, "label", fixed))
                return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
            label = vb_node_attr(s, "label");
            v = prev + 1;
        }
        if (k > 0 && v != prev + 1 &&
            vb_warn(c, "section-out-of-order", "Mục %s đứng sau mục %s", label, prev_label))
            return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
        prev = v;
        snprintf(prev_label, sizeof prev_label, "%s", label);
    }
    return VB_OK;
}

static vb_status build(vb_ctx *c, const vb_outline *o)
{
    size_t first = o->nheads ? o->heads[0] : o->tail;
    vb_status st = vb_header_build(c, 0, o->header_end, o->body, first);
    if (st == VB_OK && o->title != (size_t)-1)
        vb_title_build(c, o->title, first);
    if (st == VB_OK && c->err->status)
        st = c->err->status;
    if (st == VB_OK)
        st = preamble_build(c, o->body, first);
    if (st == VB_OK)
        st = sections_build(c, o);
    if (st == VB_OK)
        st = vb_tail_build(c, o->tail, o->app);
    if (st == VB_OK)
        st = vb_appendix_build(c, o->app, c->L->nlines);
    return st;
}

/* Another kind of document named in capitals before the first section
 * ("BÁO CÁO", "BIÊN BẢN", …): returns the line, or (size_t)-1. */
static size_t other_kind(const vb_layout *L, size_t limit)
{
    static const char *const kinds[] = {"bao cao",    "bien ban",  "quyet dinh",
                                        "to trinh",   "thong bao", "giay moi",
                                        "nghi quyet", "huong dan", NULL};
    for (size_t i = 0; i < limit && i < L->nlines && i < 40; i++) {
        const vb_text *t = &L->lines[i].text;
        vb_folded f;
        if (t->len == 0 || t->len > 200 || vb_upper_share(t->s, t->len) < 0.8 ||
            vb_fold_make(&f, t->s, t->len))
            continue;
        size_t k = 0, hit = 0;
        while (k < f.n && f.s[k] == ' ')
            k++;
        for (size_t j = 0; kinds[j] && !hit; j++)
            hit = vb_fold_at(&f, k, kinds[j]);
        vb_fold_free(&f);
        if (hit)
            return i;
    }
    return (size_t)-1;
}

/* Warnings for what a plan should have and this one lacks. */
static int check(vb_ctx *c, const vb_outline *o)
{
    vb_node *plan = c->plan, *content = NULL;
    size_t first = o->nheads ? o->heads[0] : o->tail;
    size_t other = o->title == (size_t)-1 ? other_kind(c->L, first) : (size_t)-1;
    if (other != (size_t)-1) {
        vb_text k;
        vb_text_init(&k);
        int rc = vb_text_copy(&k, &c->L->lines[other].text) || vb_text_collapse_space(&k) ||
                 vb_warn(c, "not-a-plan", "Văn bản là \"%.120s\", không phải kế hoạch", k.s);
        vb_text_free(&k);
        return rc;
    }
    /* without a title: sections, mostly with the headings a plan has */
    size_t known = 0;
    for (vb_node *s = plan->first; s; s = s->next)
        known += !strcmp(s->name, "section") && strcmp(vb_node_attr(s, "role"), "other") != 0;
    int is_plan = o->title != (size_t)-1 || (o->nheads >= 2 && known * 2 >= o->nheads);
    if (!is_plan)
        return vb_warn(c, "not-a-plan",
                       "Văn bản không có tiêu đề kế hoạch, cũng không có các mục "
                       "của một kế hoạch (mục đích, căn cứ, nội dung, tổ chức "
                       "thực hiện)");
    for (vb_node *s = plan->first; s; s = s->next) {
        if (strcmp(s->name, "section") != 0)
            continue;
        int empty = s->first == s->last; /* only the heading */
        if (empty &&
            vb_warn(c, "empty-section", "Mục %s không có nội dung", vb_node_attr(s, "label")))
            return -1;
        if (!content && strcmp(vb_node_attr(s, "role"), "content") == 0)
            content = s;
    }
    vb_node *h = vb_node_child(plan, "header");
    int rc = 0;
    if (!content)
        rc |= vb_warn(c, "no-content", "Không có mục nội dung kế hoạch");
    else if (!vb_node_child(content, "improvements") && content->first != content->last)
        rc |= vb_warn(c, "no-improvements", "Mục %s không có bảng cải tiến chất lượng",
                      vb_node_attr(content, "label"));
    if (!vb_node_child(plan, "title"))
        rc |= vb_warn(c, "no-title", "Không có tiêu đề \"KẾ HOẠCH\"");
    else if (!vb_node_child(plan, "schoolYear"))
        rc |= vb_warn(c, "no-school-year", "Không ghi năm học");
    if (!h || !vb_node_child(h, "date"))
        rc |= vb_warn(c, "no-date", "Không có ngày ban hành");
    vb_node *sig = vb_node_child(plan, "signature");
    if (!sig || !vb_node_child(sig, "name"))
        rc |= vb_warn(c, "no-signature", "Không có người ký");
    return rc;
}

vb_status vb_extract(const vb_layout *L, const char *display_path, vb_node **out, vb_error *err)
{
    *out = NULL;
    vb_ctx c = {.L = L, .err = err, .with_pages = vb_layout_paged(L)};
    vb_outline o;
    c.plan = plan_new(L, display_path);
    c.quality = c.plan ? vb_node_add(c.plan, "quality", NULL) : NULL;
    c.used = calloc(L->nlines + 1, 1);
    c.wrapped = vb_layout_wrapped(L);
    vb_status st = VB_OK;
    if (!c.quality || !c.used || vb_outline_make(L, &o)) {
        free(c.used);
        vb_node_free(c.plan);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    if (add_repairs(&c))
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (st == VB_OK)
        st = build(&c, &o);
    if (st == VB_OK && check(&c, &o))
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_outline_free(&o);
    free(c.used);
    if (st != VB_OK) {
        vb_node_free(c.plan);
        return st;
    }
    if (!c.quality->first)
        vb_node_free(c.quality);
    *out = c.plan;
    return VB_OK;
}
