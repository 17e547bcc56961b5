/* layout.c — the layout container that ingest fills and normalize rewrites. */
#include "ingest/ingest.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vb_layout *vb_layout_new(void)
{
    return calloc(1, sizeof(vb_layout));
}

void vb_layout_free(vb_layout *L)
{
    if (!L)
        return;
    for (size_t i = 0; i < L->nlines; i++)
        vb_text_free(&L->lines[i].text);
    free(L->lines);
    free(L->pages);
    free(L->repairs);
    free(L);
}

vb_line *vb_layout_add_line(vb_layout *L, const char *s, size_t n, int page)
{
    if (L->nlines == L->cap) {
        size_t c = L->cap ? L->cap * 2 : 64;
        vb_line *p = realloc(L->lines, c * sizeof *p);
        if (!p)
            return NULL;
        L->lines = p;
        L->cap = c;
    }
    vb_line *ln = &L->lines[L->nlines];
    memset(ln, 0, sizeof *ln);
    ln->page = page;
    ln->box.x0 = ln->box.y0 = ln->box.x1 = ln->box.y1 = -1;
    ln->conf = -1.0f;
    if (vb_text_set(&ln->text, s, n)) {
        vb_text_free(&ln->text);
        return NULL;
    }
    L->nlines++;
    return ln;
}

vb_page *vb_layout_add_page(vb_layout *L, int number)
{
    vb_page *p = realloc(L->pages, (L->npages + 1) * sizeof *p);
    if (!p)
        return NULL;
    L->pages = p;
    vb_page *pg = &L->pages[L->npages++];
    memset(pg, 0, sizeof *pg);
    pg->number = number;
    pg->text_quality = -1.0f;
    return pg;
}

vb_repair *vb_layout_add_repair(vb_layout *L, const char *kind)
{
    vb_repair *p = realloc(L->repairs, (L->nrepairs + 1) * sizeof *p);
    if (!p)
        return NULL;
    L->repairs = p;
    vb_repair *r = &L->repairs[L->nrepairs++];
    memset(r, 0, sizeof *r);
    snprintf(r->kind, sizeof r->kind, "%s", kind);
    r->changed = r->tokens = -1;
    r->confidence = -1.0;
    return r;
}

void vb_sha256_hex(const unsigned char *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof d, d);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}
