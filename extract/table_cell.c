/* table_cell.c — building table cells from layout line pieces with vb_text
 * (so corrections survive), and the row arrays the table parsers fill. */
#include "extract/table_int.h"

#include <stdlib.h>
#include <string.h>

/* Where the next paragraph break is in src[from, to): U+2029 or '\n'. */
static size_t next_break(const vb_text *src, size_t from, size_t to, size_t *blen)
{
    for (size_t i = from; i < to; i++) {
        if (src->s[i] == '\n') {
            *blen = 1;
            return i;
        }
        if (i + 2 < to && (unsigned char)src->s[i] == 0xE2 &&
            (unsigned char)src->s[i + 1] == 0x80 && (unsigned char)src->s[i + 2] == 0xA9) {
            *blen = 3;
            return i;
        }
    }
    *blen = 0;
    return to;
}

int tb_range_blank(const vb_text *src, size_t from, size_t to)
{
    if (to > src->len)
        to = src->len;
    return from >= to || tb_blank(src->s + from, to - from);
}

int tb_cell_add(vb_text *cell, const vb_text *src, size_t from, size_t to, const char *sep)
{
    if (to > src->len)
        to = src->len;
    vb_text piece;
    vb_text_init(&piece);
    int first = 1, rc = 0;
    for (int guard = 0; from < to && guard < 100000; guard++) {
        size_t blen, b = next_break(src, from, to, &blen);
        vb_text_clear(&piece);
        if (vb_text_append_range(&piece, src, from, b) || vb_text_collapse_space(&piece)) {
            rc = -1;
            break;
        }
        if (piece.len && vb_text_append(cell, &piece, first ? sep : "\n")) {
            rc = -1;
            break;
        }
        if (piece.len)
            first = 0;
        from = b + blen;
    }
    vb_text_free(&piece);
    return rc;
}

vb_row *tb_rows_push(tb_rows *r, size_t ncells)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        vb_row *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return NULL;
        r->v = v;
        r->cap = cap;
    }
    vb_row *row = &r->v[r->n];
    memset(row, 0, sizeof *row);
    if (ncells) {
        row->cells = calloc(ncells, sizeof *row->cells);
        if (!row->cells)
            return NULL;
    }
    row->ncells = ncells;
    r->n++;
    return row;
}

void tb_row_free(vb_row *r)
{
    for (size_t c = 0; c < r->ncells; c++)
        vb_text_free(&r->cells[c]);
    free(r->cells);
    r->cells = NULL;
    r->ncells = 0;
}

void tb_rows_free(tb_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        tb_row_free(&r->v[i]);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int tb_row_resize(vb_row *r, size_t n)
{
    if (n == 0)
        return 0;
    if (r->ncells > n) {
        for (size_t c = n; c < r->ncells; c++) {
            if (vb_text_append(&r->cells[n - 1], &r->cells[c], " "))
                return -1;
            vb_text_free(&r->cells[c]);
        }
        r->ncells = n;
        vb_text *v = realloc(r->cells, n * sizeof *v);   /* give the rest back */
        if (v)
            r->cells = v;
        return 0;
    }
    if (r->ncells < n) {
        vb_text *v = realloc(r->cells, n * sizeof *v);
        if (!v)
            return -1;
        memset(v + r->ncells, 0, (n - r->ncells) * sizeof *v);
        r->cells = v;
        r->ncells = n;
    }
    return 0;
}
