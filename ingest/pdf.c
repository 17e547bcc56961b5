/* pdf.c — PDFs through MuPDF. Each page's text layer (structured text with
 * positions) is used when it reads as Vietnamese; a page without one, with a
 * garbage layer, or with a poor invisible OCR layer over a scan is rendered
 * at opt.dpi and OCR'd. MuPDF runs on the calling thread only; the page
 * workers (pages.c) do the OCR and layout. */
#include "ingest/backends.h"

#include "core/engine.h"
#include "ingest/fzpix.h"
#include "ingest/pages.h"

#include <leptonica/allheaders.h>
#include <mupdf/fitz.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this share of valid syllables a text layer is not Vietnamese. */
#define MIN_TEXT_QUALITY 0.55
/* An OCR layer hidden behind a page-sized scan must read better than this. */
#define MIN_OCR_LAYER_QUALITY 0.80
/* Resolution of the render used to find table rules on text-layer pages. */
#define RULES_DPI 150

typedef struct pdf_src {
    fz_context *ctx;
    fz_document *doc;
    vb_engine *e;
} pdf_src;

/* Renders page at dpi (gray); NULL with err set on failure. */
static PIX *render(pdf_src *s, fz_page *page, int dpi, vb_error *err)
{
    fz_context *ctx = s->ctx;
    fz_pixmap *volatile pm = NULL;
    PIX *pix = NULL;
    fz_try(ctx)
    {
        float z = (float)dpi / 72.0f;
        pm = fz_new_pixmap_from_page(ctx, page, fz_scale(z, z), fz_device_gray(ctx), 0);
    }
    fz_catch(ctx)
    {
        vb_error_set(err, VB_ERR_FORMAT, "damaged PDF: cannot render a page: %s",
                     fz_caught_message(ctx));
        return NULL;
    }
    pix = vb_pix_from_pixmap(ctx, pm, dpi);
    fz_drop_pixmap(ctx, pm);
    if (!pix)
        vb_error_set(err, VB_ERR_NOMEM, "out of memory rendering a page");
    return pix;
}

typedef struct word_acc {
    char buf[512];
    size_t len;
    fz_rect r;
} word_acc;

static int flush_word(word_acc *w, vb_gpage *p, fz_rect pb, float z, int line)
{
    if (w->len == 0)
        return 0;
    vb_box b = {(int)((w->r.x0 - pb.x0) * z), (int)((w->r.y0 - pb.y0) * z),
                (int)((w->r.x1 - pb.x0) * z + 0.999f), (int)((w->r.y1 - pb.y0) * z + 0.999f)};
    int rc = vb_gpage_add_word(p, w->buf, w->len, b, -1.0f, line);
    w->len = 0;
    return rc;
}

/* Words of one structured-text line (split at spaces) into p; the text also
 * goes to all for the quality check. */
static int read_line(fz_stext_line *ln, vb_gpage *p, fz_rect pb, float z, int id, vb_buf *all)
{
    word_acc w = {.len = 0};
    for (fz_stext_char *ch = ln->first_char; ch; ch = ch->next) {
        int c = ch->c;
        if (c == ' ' || c == '\t' || c == 0xA0 || c < 0x20) {
            if (flush_word(&w, p, pb, z, id) || vb_buf_cat(all, " ", 1))
                return -1;
            continue;
        }
        char u[8];
        int n = fz_runetochar(u, c);
        if (w.len + (size_t)n >= sizeof w.buf && flush_word(&w, p, pb, z, id))
            return -1;
        fz_rect r = fz_rect_from_quad(ch->quad);
        w.r = w.len ? fz_union_rect(w.r, r) : r;
        memcpy(w.buf + w.len, u, (size_t)n);
        w.len += (size_t)n;
        if (vb_buf_cat(all, u, (size_t)n))
            return -1;
    }
    if (vb_buf_cat(all, " ", 1))
        return -1;
    return flush_word(&w, p, pb, z, id);
}

/* The text layer into p's words; *img gets the page share covered by images. */
static int read_layer(fz_stext_page *st, vb_gpage *p, fz_rect pb, float z, vb_buf *all,
                      double *img)
{
    int id = 0;
    double parea = (double)(pb.x1 - pb.x0) * (pb.y1 - pb.y0);
    *img = 0;
    for (fz_stext_block *b = st->first_block; b; b = b->next) {
        if (b->type == FZ_STEXT_BLOCK_IMAGE) {
            fz_rect r = fz_intersect_rect(b->bbox, pb);
            if (!fz_is_empty_rect(r) && parea > 0)
                *img += (double)(r.x1 - r.x0) * (r.y1 - r.y0) / parea;
            continue;
        }
        if (b->type != FZ_STEXT_BLOCK_TEXT)
            continue;
        for (fz_stext_line *ln = b->u.t.first_line; ln; ln = ln->next)
            if (read_line(ln, p, pb, z, ++id, all))
                return -1;
    }
    return 0;
}

/* Decides between the text layer and OCR; fills info.reason. 1 = use layer. */
static int layer_usable(vb_gpage *p, const vb_buf *all, double img)
{
    size_t letters = 0;
    for (size_t i = 0; i < all->len; i++)
        letters += all->s[i] != ' ';
    double q = vb_page_text_quality(all->s ? all->s : "", all->len, 5);
    p->info.text_quality = (float)q;
    const char *why = NULL;
    if (letters < 16)
        why = img > 0.3 ? "no text layer (scanned page)" : "no text layer";
    else if (q >= 0 && q < MIN_TEXT_QUALITY)
        why = "text layer is not Vietnamese";
    else if (img > 0.5 && q < MIN_OCR_LAYER_QUALITY)
        why = "poor OCR layer over a scan";
    snprintf(p->info.reason, sizeof p->info.reason, "%s", why ? why : "good text layer");
    return why == NULL;
}

/* Resolution for page bounds pb at want dpi, lowered to fit max_side. */
static int fit_dpi(fz_rect pb, int want, uint64_t max_side)
{
    double side = pb.x1 - pb.x0 > pb.y1 - pb.y0 ? pb.x1 - pb.x0 : pb.y1 - pb.y0;
    int dpi = want > 0 ? want : 300;
    if (side > 0 && side * dpi / 72.0 > (double)max_side)
        dpi = (int)((double)max_side * 72.0 / side);
    return dpi < 1 ? 1 : dpi;
}

static fz_stext_page *stext(fz_context *ctx, fz_page *pg, int number, vb_error *err)
{
    fz_stext_page *volatile st = NULL;
    fz_stext_options opts = {.flags = FZ_STEXT_PRESERVE_IMAGES};
    fz_try(ctx) st = fz_new_stext_page_from_page(ctx, pg, &opts);
    fz_catch(ctx)
    {
        vb_error_set(err, VB_ERR_FORMAT, "damaged PDF: page %d: %s", number,
                     fz_caught_message(ctx));
        return NULL;
    }
    return st;
}

/* Text layer of page pg into p (words) and the decision; 1 = use it. */
static vb_status page_layer(pdf_src *s, fz_page *pg, fz_rect pb, int dpi, vb_gpage *p, int *use,
                            vb_error *err)
{
    fz_context *ctx = s->ctx;
    fz_stext_page *st = stext(ctx, pg, p->info.number, err);
    if (!st)
        return err && err->status ? err->status : VB_ERR_FORMAT;
    vb_buf all;
    vb_buf_init(&all);
    double img = 0;
    int rc = read_layer(st, p, pb, (float)dpi / 72.0f, &all, &img);
    fz_drop_stext_page(ctx, st);
    if (rc == 0)
        *use = layer_usable(p, &all, img);
    vb_buf_free(&all);
    if (rc)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a text layer");
    return VB_OK;
}

/* The page's bounds into *pb; fz_bound_page throws on a broken page tree
 * (an uncaught MuPDF error ends the process). */
static vb_status bound(fz_context *ctx, fz_page *pg, int number, fz_rect *pb, vb_error *err)
{
    fz_try(ctx) *pb = fz_bound_page(ctx, pg);
    fz_catch(ctx)
    {
        return vb_error_set(err, VB_ERR_FORMAT, "damaged PDF: page %d has no size: %s", number,
                            fz_caught_message(ctx));
    }
    return VB_OK;
}

static vb_status page_job(pdf_src *s, fz_page *pg, vb_gpage *p, vb_pagejob *job, vb_error *err)
{
    fz_rect pb;
    vb_status bst = bound(s->ctx, pg, p->info.number, &pb, err);
    if (bst != VB_OK)
        return bst;
    const vb_options *o = &s->e->opt;
    int dpi = fit_dpi(pb, o->dpi, o->limits.max_pixels), use = 0;
    p->info.dpi = dpi;
    p->info.width = (int)((pb.x1 - pb.x0) * dpi / 72.0f);
    p->info.height = (int)((pb.y1 - pb.y0) * dpi / 72.0f);
    vb_status st = page_layer(s, pg, pb, dpi, p, &use, err);
    if (st != VB_OK)
        return st;
    if (use) {
        p->info.path = VB_PAGE_TEXT_LAYER;
        int rd = fit_dpi(pb, RULES_DPI, o->limits.max_pixels);
        fz_set_aa_level(s->ctx, 0); /* no anti-aliasing: hairline rules stay solid */
        PIX *g = render(s, pg, rd, err);
        fz_set_aa_level(s->ctx, 8);
        job->rules = g ? pixThresholdToBinary(g, 230) : NULL;
        job->ppi = rd;
        job->rules_scale = (double)dpi / rd;
        pixDestroy(&g);
        return job->rules ? VB_OK : err && err->status ? err->status : VB_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->nwords; i++)
        free(p->words[i].text);
    p->nwords = 0;
    job->ocr = render(s, pg, dpi, err);
    job->ppi = dpi;
    return job->ocr ? VB_OK : err && err->status ? err->status : VB_ERR_NOMEM;
}

/* vb_page_source: loads page i on the calling thread. */
static vb_status pdf_page(void *arg, size_t i, vb_gpage *p, vb_pagejob *job, vb_error *err)
{
    pdf_src *s = arg;
    fz_context *ctx = s->ctx;
    fz_page *volatile pg = NULL;
    p->info.number = (int)i + 1;
    p->info.text_quality = -1;
    fz_try(ctx) pg = fz_load_page(ctx, s->doc, (int)i);
    fz_catch(ctx)
    {
        return vb_error_set(err, VB_ERR_FORMAT, "damaged PDF: cannot load page %zu: %s", i + 1,
                            fz_caught_message(ctx));
    }
    vb_status st = page_job(s, pg, p, job, err);
    fz_drop_page(ctx, pg);
    return st;
}

/* Opens the document; VB_ERR_ENCRYPTED when it needs a password. */
static vb_status open_doc(pdf_src *s, const unsigned char *data, size_t len, int *npages,
                          vb_error *err)
{
    fz_context *ctx = s->ctx;
    fz_stream *volatile stm = NULL;
    fz_document *volatile doc = NULL;
    volatile int locked = 0;
    fz_try(ctx)
    {
        stm = fz_open_memory(ctx, data, len);
        doc = fz_open_document_with_stream(ctx, "application/pdf", stm);
        if (fz_needs_password(ctx, doc) && !fz_authenticate_password(ctx, doc, ""))
            locked = 1;
        else
            *npages = fz_count_pages(ctx, doc);
    }
    fz_always(ctx) fz_drop_stream(ctx, stm);
    fz_catch(ctx)
    {
        fz_drop_document(ctx, doc);
        return vb_error_set(err, VB_ERR_FORMAT, "damaged PDF: %s", fz_caught_message(ctx));
    }
    s->doc = doc;
    if (locked)
        return vb_error_set(err, VB_ERR_ENCRYPTED, "encrypted PDF: needs a password");
    return VB_OK;
}

/* No %%EOF near the end: the file was cut short. */
static int truncated(const unsigned char *data, size_t len)
{
    size_t from = len > 1024 ? len - 1024 : 0;
    for (size_t i = from; i + 5 <= len; i++)
        if (memcmp(data + i, "%%EOF", 5) == 0)
            return 0;
    return 1;
}

vb_status vb_ingest_pdf(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                        vb_error *err)
{
    pdf_src s = {.e = e};
    s.ctx = vb_fz_new();
    if (!s.ctx)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory starting MuPDF");
    int n = 0;
    vb_status st = open_doc(&s, data, len, &n, err);
    if (st == VB_OK && n <= 0)
        st = truncated(data, len)
                 ? vb_error_set(err, VB_ERR_FORMAT,
                                "damaged PDF: truncated, no page could be recovered")
                 : vb_error_set(err, VB_ERR_EMPTY, "PDF has no pages");
    if (st == VB_OK && n > e->opt.limits.max_pages)
        st = vb_error_set(err, VB_ERR_LIMIT, "PDF has %d pages, more than the %d-page limit", n,
                          e->opt.limits.max_pages);
    vb_gpage *pages = st == VB_OK ? calloc((size_t)n, sizeof *pages) : NULL;
    if (st == VB_OK && !pages)
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    if (st == VB_OK)
        st = vb_pages_run(e, (size_t)n, pdf_page, &s, pages, L, err);
    for (int i = 0; pages && i < n; i++)
        vb_gpage_clear(&pages[i]);
    free(pages);
    fz_drop_document(s.ctx, s.doc);
    vb_fz_drop(s.ctx);
    return st;
}
