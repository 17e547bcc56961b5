/* textout.c — the clean text of `vanban text`: one paragraph per line
 * (hard-wrapped lines re-joined, markup already gone), tables as rows of
 * tab-separated cells with a blank line around each table. Tables are the
 * ones the XML path finds (the same outline and table parser). */
#include "extract/doc.h"

#include <stdlib.h>
#include <string.h>

typedef struct tables {
    vb_table *v;
    size_t n;
} tables;

/* Appends s with U+2029 and tabs turned into spaces. */
static int put_clean(vb_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return 0; /* an empty cell may have no buffer at all (s == NULL) */
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        int sep = s[i] == '\t' || s[i] == '\n' ||
                  (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xA9);
        if (!sep)
            continue;
        if (vb_buf_cat(b, s + a, i - a) || vb_buf_cat(b, " ", 1))
            return -1;
        i += s[i] == '\t' || s[i] == '\n' ? 0 : 2;
        a = i + 1;
    }
    return vb_buf_cat(b, s + a, n - a);
}

static int put_table(vb_buf *b, const vb_table *t)
{
    if (b->len && vb_buf_cat(b, "\n", 1))
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t k = 0; k < t->rows[r].ncells; k++) {
            const vb_text *cell = &t->rows[r].cells[k];
            if ((k && vb_buf_cat(b, "\t", 1)) || put_clean(b, cell->s, cell->len))
                return -1;
        }
        if (vb_buf_cat(b, "\n", 1))
            return -1;
    }
    return vb_buf_cat(b, "\n", 1);
}

static vb_status add_tables(vb_ctx *c, tables *all, size_t from, size_t to)
{
    vb_table *t;
    size_t n;
    vb_status st = vb_doc_tables(c, from, to, &t, &n);
    if (st != VB_OK || n == 0)
        return st;
    vb_table *v = realloc(all->v, (all->n + n) * sizeof *v);
    if (!v) {
        vb_tables_free(t, n);
        return vb_error_set(c->err, VB_ERR_NOMEM, "out of memory");
    }
    memcpy(v + all->n, t, n * sizeof *t);
    free(t); /* the rows moved into all */
    all->v = v;
    all->n += n;
    return VB_OK;
}

/* Tables of every body the XML path reads tables in. */
static vb_status find_tables(vb_ctx *c, const vb_outline *o, tables *all)
{
    size_t first = o->nheads ? o->heads[0] : o->tail;
    vb_status st = add_tables(c, all, o->body, first);
    for (size_t k = 0; st == VB_OK && k < o->nheads; k++) {
        size_t end = k + 1 < o->nheads ? o->heads[k + 1] : o->tail;
        char label[16];
        size_t rest;
        vb_section_heading(c->L, o->heads[k], label, &rest, 1);
        const vb_text *h = &c->L->lines[o->heads[k]].text;
        if (strcmp(vb_section_role(h->s + rest, h->len - rest), "organization") != 0)
            st = add_tables(c, all, o->heads[k] + 1, end);
    }
    for (size_t a = o->app; st == VB_OK && a < c->L->nlines;) {
        size_t next = vb_appendix_find(c->L, a + 1, c->L->nlines);
        st = add_tables(c, all, a + 1, next);
        a = next;
    }
    return st;
}

static int emit(vb_buf *b, const vb_paras *ps, const tables *all)
{
    size_t k = 0;
    for (size_t i = 0; i <= ps->n; i++) {
        size_t at = i < ps->n ? ps->v[i].first : (size_t)-1;
        while (k < all->n && all->v[k].first_line < at)
            if (put_table(b, &all->v[k++]))
                return -1;
        if (i < ps->n &&
            (put_clean(b, ps->v[i].text.s, ps->v[i].text.len) || vb_buf_cat(b, "\n", 1)))
            return -1;
    }
    return 0;
}

char *vb_extract_text(const vb_layout *L, size_t *len, vb_error *err)
{
    vb_ctx c = {.L = L, .err = err, .wrapped = vb_layout_wrapped(L)};
    vb_outline o;
    tables all = {0};
    vb_paras ps = {0};
    vb_buf b;
    vb_buf_init(&b);
    c.used = calloc(L->nlines + 1, 1);
    if (!c.used || vb_outline_make(L, &o)) {
        free(c.used);
        vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        return NULL;
    }
    vb_status st = find_tables(&c, &o, &all);
    if (st == VB_OK)
        st = vb_paras_build(L, 0, L->nlines, c.used, c.wrapped, &ps, err);
    if (st == VB_OK && (emit(&b, &ps, &all) || vb_buf_cat(&b, "", 0)))
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_paras_free(&ps);
    vb_tables_free(all.v, all.n);
    vb_outline_free(&o);
    free(c.used);
    if (st != VB_OK) {
        vb_buf_free(&b);
        return NULL;
    }
    return vb_buf_take(&b, len);
}
