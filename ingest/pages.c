/* pages.c — the page pipeline: a bounded queue between the reader (calling
 * thread) and OCR workers (pthreads, one Tesseract each from the engine's
 * pool); results are stored by page index, so order never depends on timing. */
#include "ingest/pages.h"

#include "ingest/preprocess.h"

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct queue {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    vb_pagejob *jobs;  /* by page index */
    size_t head, tail; /* jobs [head, tail) are queued, tail jobs produced */
    size_t n, running;
    int failed;
    vb_engine *e;
    vb_gpage *pages;
    const char *tag;
    double deadline;   /* vb_clock() seconds from --timeout; 0 = none */
} queue;

/* --keep-images: the image OCR read, as DIR/<sha-prefix>-pNNNN.png. */
static void write_kept(const vb_engine *e, PIX *pix, const vb_gpage *p, const char *tag)
{
    if (!e->opt.keep_images || !*e->opt.keep_images)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%.12s-p%04d.png", e->opt.keep_images, tag, p->info.number);
    pixWritePng(path, pix, 0.0f);
}

/* The page without its tables (cells are read one by one). A grey page
 * gets its tables painted in its own background (the median grey), not
 * white: on a grey page (a phone photo) a white block makes Tesseract's
 * Otsu threshold fall between the block and the paper, and the whole
 * page, text and all, reads as ink — nothing around the table was read. */
static PIX *without_tables(PIX *bin, const vb_gpage *p)
{
    PIX *c = pixCopy(NULL, bin);
    l_uint32 paper = 255;
    if (c && pixGetDepth(c) == 8 && p->ngrids > 0 && pixGetRankValue(c, 4, 0.5f, &paper) != 0)
        paper = 255;
    for (size_t g = 0; c && g < p->ngrids; g++) {
        const vb_box *b = &p->grids[g].box;
        BOX *box = boxCreate(b->x0, b->y0, b->x1 - b->x0 + 1, b->y1 - b->y0 + 1);
        if (box && pixGetDepth(c) == 1)
            pixClearInRect(c, box);
        else if (box)
            pixSetInRectArbitrary(c, box, paper);
        boxDestroy(&box);
    }
    return c;
}

/* Tables, then the text around them. */
static vb_status ocr_text(vb_ocr_worker *w, vb_prep *pp, vb_gpage *p, double *conf,
                          vb_error *err)
{
    if (vb_prep_tables(pp, p))
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory finding tables");
    PIX *rest = without_tables(pp->bin, p);
    if (!rest)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_status st = vb_ocr_recognize(w, rest, pp->ppi, NULL, p, conf, err);
    pixDestroy(&rest);
    return st;
}

/* Do most words stand on end (a page scanned sideways)? */
static int mostly_vertical(const vb_gpage *p)
{
    size_t tall = 0, n = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        const vb_box *b = &p->words[i].box;
        if (strlen(p->words[i].text) < 3)
            continue;
        n++;
        tall += (b->y1 - b->y0) * 2 > (b->x1 - b->x0) * 3;
    }
    return n > 0 && tall * 2 > n;
}

/* OCR; on a poor read of a page without tables, or one whose words stand
 * on end, ask OSD whether the page is turned and read it again upright. */
static vb_status ocr_upright(vb_ocr_worker *w, vb_prep *pp, vb_gpage *p, vb_error *err)
{
    double conf = 0;
    vb_status st = ocr_text(w, pp, p, &conf, err);
    if (st != VB_OK || p->ngrids > 0 || (conf >= 0.6 && p->nwords >= 5 && !mostly_vertical(p)))
        return st;
    int rot = vb_ocr_orientation(w, pp->bin, pp->ppi);
    if (rot == 0 || vb_prep_rotate(pp, rot))
        return VB_OK;
    vb_gpage again = {.info = p->info};
    double conf2 = 0;
    st = ocr_text(w, pp, &again, &conf2, err);
    int better = conf2 > conf || (mostly_vertical(p) && !mostly_vertical(&again) &&
                                  conf2 > conf - 0.1);
    if (st == VB_OK && better) {
        vb_gpage_clear(p);
        *p = again;
        size_t l = strlen(p->info.reason);
        snprintf(p->info.reason + l, sizeof p->info.reason - l, ", turned %d", rot);
        p->info.rotate = rot;
    } else {
        vb_gpage_clear(&again);
        vb_prep_rotate(pp, 360 - rot);
    }
    return st;
}

vb_status vb_page_ocr(vb_engine *e, vb_ocr_worker *w, PIX *pix, int ppi, vb_gpage *p,
                      const char *tag, vb_error *err)
{
    vb_prep pp;
    vb_status st = vb_preprocess(pix, ppi, (int)e->opt.limits.max_pixels, &pp, err);
    if (st != VB_OK)
        return st;
    st = ocr_upright(w, &pp, p, err);
    if (st == VB_OK)
        st = vb_ocr_unruled(w, &pp, p, err);
    if (st == VB_OK)
        st = vb_ocr_cells(w, &pp, p, err);
    if (st == VB_OK) {
        write_kept(e, pp.bin, p, tag);
        p->info.width = pixGetWidth(pp.bin);
        p->info.height = pixGetHeight(pp.bin);
        p->info.dpi = pp.ppi;
        p->info.path = VB_PAGE_OCR;
        p->info.scale = pp.scale;
        p->info.skew = pp.skew;
    }
    vb_prep_clear(&pp);
    return st;
}

/* One job: OCR or the text layer's rules, then the page's lines. */
static vb_status run_job(queue *q, vb_ocr_worker **w, size_t i, vb_error *err)
{
    vb_pagejob *job = &q->jobs[i];
    vb_gpage *p = &q->pages[i];
    vb_status st = vb_ocr_timed_out(&q->e->opt, q->deadline, err);
    if (st == VB_OK && job->ocr) {
        if (!*w && (st = vb_ocr_acquire(q->e, w, err)) == VB_OK)
            vb_ocr_set_deadline(*w, q->deadline);
        if (st == VB_OK)
            st = vb_page_ocr(q->e, *w, job->ocr, job->ppi, p, q->tag, err);
    } else if (st == VB_OK && job->rules && vb_find_grids(job->rules, job->ppi, job->rules_scale, p, NULL)) {
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory finding tables");
    }
    pixDestroy(&job->ocr);
    pixDestroy(&job->rules);
    if (st == VB_OK)
        st = vb_geometry_page(p, err);
    if (st != VB_OK && err && err->page == 0)
        err->page = p->info.number;
    return st;
}

static void *worker(void *arg)
{
    queue *q = arg;
    vb_ocr_worker *w = NULL;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (q->head == q->tail && q->tail < q->n && !q->failed)
            pthread_cond_wait(&q->changed, &q->lock);
        if (q->head == q->tail || q->failed)
            break;
        size_t i = q->head++;
        q->running++;
        pthread_mutex_unlock(&q->lock);
        vb_gpage *p = &q->pages[i];
        p->status = run_job(q, &w, i, &p->err);
        pthread_mutex_lock(&q->lock);
        q->running--;
        q->failed |= p->status != VB_OK;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    if (w)
        vb_ocr_release(q->e, w);
    return NULL;
}

/* Producer side: hands out jobs, keeping at most nth queued. */
static vb_status produce(queue *q, size_t nth, vb_page_source src, void *ctx, vb_error *err)
{
    vb_status st = VB_OK;
    for (size_t i = 0; i < q->n && st == VB_OK; i++) {
        pthread_mutex_lock(&q->lock);
        while (q->tail - q->head >= nth && !q->failed)
            pthread_cond_wait(&q->changed, &q->lock);
        int failed = q->failed;
        pthread_mutex_unlock(&q->lock);
        if (failed)
            break;
        st = vb_ocr_timed_out(&q->e->opt, q->deadline, err);
        if (st == VB_OK)
            st = src(ctx, i, &q->pages[i], &q->jobs[i], err);
        pthread_mutex_lock(&q->lock);
        if (st == VB_OK)
            q->tail++;
        else
            q->failed = 1;
        pthread_cond_broadcast(&q->changed);
        pthread_mutex_unlock(&q->lock);
    }
    pthread_mutex_lock(&q->lock);
    q->n = q->tail; /* workers stop when the queue drains */
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->lock);
    return st;
}

static vb_status run_threads(queue *q, size_t nth, vb_page_source src, void *ctx, vb_error *err)
{
    pthread_t th[64];
    size_t started = 0;
    for (; started < nth && started < 64; started++)
        if (pthread_create(&th[started], NULL, worker, q) != 0)
            break;
    if (started == 0)
        return vb_error_set(err, VB_ERR_NOMEM, "cannot start page workers");
    vb_status st = produce(q, started, src, ctx, err);
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    return st;
}

static vb_status run_inline(queue *q, vb_page_source src, void *ctx, vb_error *err)
{
    vb_ocr_worker *w = NULL;
    vb_status st = VB_OK;
    for (size_t i = 0; i < q->n && st == VB_OK; i++) {
        st = vb_ocr_timed_out(&q->e->opt, q->deadline, err);
        if (st == VB_OK)
            st = src(ctx, i, &q->pages[i], &q->jobs[i], err);
        if (st == VB_OK)
            st = run_job(q, &w, i, err);
        q->pages[i].status = VB_OK;
    }
    if (w)
        vb_ocr_release(q->e, w);
    return st;
}

vb_status vb_pages_run(vb_engine *e, size_t n, vb_page_source src, void *ctx, vb_gpage *pages,
                       vb_layout *L, vb_error *err)
{
    double limit = e->opt.limits.max_seconds;
    queue q = {.n = n, .e = e, .pages = pages, .tag = L->sha256,
               .deadline = limit > 0 ? vb_clock() + limit : 0};
    q.jobs = calloc(n ? n : 1, sizeof *q.jobs);
    if (!q.jobs)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.changed, NULL);
    size_t nth = (size_t)vb_ocr_workers(e);
    if (nth > n)
        nth = n;
    vb_status st = nth <= 1 ? run_inline(&q, src, ctx, err) : run_threads(&q, nth, src, ctx, err);
    for (size_t i = 0; i < n; i++) {
        pixDestroy(&q.jobs[i].ocr);
        pixDestroy(&q.jobs[i].rules);
        if (st == VB_OK && pages[i].status != VB_OK) {
            st = pages[i].status;
            if (err && !err->status)
                *err = pages[i].err;
        }
    }
    free(q.jobs);
    pthread_mutex_destroy(&q.lock);
    pthread_cond_destroy(&q.changed);
    if (st == VB_OK)
        st = vb_geometry_document(pages, n, L, err);
    return st;
}
