/* ocr.c — Tesseract through its C API. The pool lives in the engine's `ocr`
 * slot: created lazily under the engine lock, its TessBaseAPIs ended and
 * deleted at vb_engine_free (no ObjectCache LEAK warnings). OpenMP inside
 * Tesseract is switched off: pages run in parallel instead. */
#include "ingest/ocr.h"

#include <ctype.h>
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <time.h>
#include <unistd.h>

struct vb_ocr_worker {
    TessBaseAPI *api;
    TessBaseAPI *osd;  /* created on the first orientation check */
    ETEXT_DESC *monitor; /* carries the deadline into Recognize */
    int osd_failed;
    int busy;
    const vb_options *opt;
    double deadline;   /* vb_clock() seconds; 0 = none (set per file) */
};

typedef struct ocr_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int n;
    vb_ocr_worker *w;
    const vb_options *opt;
} ocr_pool;

int vb_ocr_workers(const vb_engine *e)
{
    if (e->opt.jobs > 0)
        return e->opt.jobs > 64 ? 64 : e->opt.jobs;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Pool slots: a file's page threads (vb_ocr_workers) are not the only
 * callers — a batch runs several files at once on one engine, each with its
 * own page threads — so never fewer slots than cores. Slots get their
 * Tesseract lazily, so unused ones cost nothing. */
static int pool_slots(const vb_engine *e)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int n = vb_ocr_workers(e);
    if (cores > n)
        n = cores > 64 ? 64 : (int)cores;
    return n;
}

static void pool_free(void *arg)
{
    ocr_pool *p = arg;
    for (int i = 0; i < p->n; i++) {
        TessBaseAPI *apis[2] = {p->w[i].api, p->w[i].osd};
        for (int k = 0; k < 2; k++)
            if (apis[k]) {
                TessBaseAPIEnd(apis[k]);
                TessBaseAPIDelete(apis[k]);
            }
        TessMonitorDelete(p->w[i].monitor);
    }
    free(p->w);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
    free(p);
}

/* Tesseract's OpenMP would fight our page threads: OMP_THREAD_LIMIT=1 for
 * anything started later, and no active parallel levels for this process
 * (libgomp read its environment before main, so setenv alone is too late). */
static void openmp_off(void)
{
    setenv("OMP_THREAD_LIMIT", "1", 0);
    void *sym = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
    void (*set_levels)(int) = NULL;
    memcpy(&set_levels, &sym, sizeof set_levels); /* POSIX: object → function pointer */
    if (set_levels)
        set_levels(0);
    setMsgSeverity(L_SEVERITY_NONE); /* Leptonica must not print either */
}

static ocr_pool *pool_get(vb_engine *e, vb_error *err)
{
    pthread_mutex_lock(&e->lock);
    ocr_pool *p = e->ocr;
    if (!p && (p = calloc(1, sizeof *p)) != NULL) {
        p->n = pool_slots(e);
        p->w = calloc((size_t)p->n, sizeof *p->w);
        p->opt = &e->opt;
        if (!p->w || vb_engine_on_free(e, pool_free, p)) {
            free(p->w);
            free(p);
            p = NULL;
        } else {
            pthread_mutex_init(&p->lock, NULL);
            pthread_cond_init(&p->freed, NULL);
            openmp_off();
            e->ocr = p;
        }
    }
    pthread_mutex_unlock(&e->lock);
    if (!p)
        vb_error_set(err, VB_ERR_NOMEM, "out of memory creating the OCR workers");
    return p;
}

static TessBaseAPI *api_new(const char *tessdata, const char *lang)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return NULL;
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, tessdata, lang) != 0) {
        TessBaseAPIEnd(api);
        TessBaseAPIDelete(api);
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    return api;
}

static TessPageSegMode page_psm(const vb_options *o)
{
    return o->psm >= 0 && o->psm <= 13 ? (TessPageSegMode)o->psm : PSM_AUTO;
}

vb_status vb_ocr_acquire(vb_engine *e, vb_ocr_worker **out, vb_error *err)
{
    *out = NULL;
    ocr_pool *p = pool_get(e, err);
    if (!p)
        return VB_ERR_NOMEM;
    pthread_mutex_lock(&p->lock);
    vb_ocr_worker *w = NULL;
    for (;;) {
        for (int i = 0; i < p->n && !w; i++)
            if (!p->w[i].busy)
                w = &p->w[i];
        if (w)
            break;
        pthread_cond_wait(&p->freed, &p->lock);
    }
    w->busy = 1;
    pthread_mutex_unlock(&p->lock);
    if (!w->api) {
        const char *lang = p->opt->lang && *p->opt->lang ? p->opt->lang : "vie";
        w->api = api_new(p->opt->tessdata, lang);
        if (!w->api) {
            vb_ocr_release(e, w);
            return vb_error_set(err, VB_ERR_MODEL,
                                "Tesseract cannot load language '%s' from %s", lang,
                                p->opt->tessdata ? p->opt->tessdata : "its default tessdata");
        }
        w->opt = p->opt;
        TessBaseAPISetPageSegMode(w->api, page_psm(p->opt));
    }
    if (!w->monitor && !(w->monitor = TessMonitorCreate())) {
        vb_ocr_release(e, w);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory creating an OCR monitor");
    }
    w->deadline = 0;
    *out = w;
    return VB_OK;
}

void vb_ocr_release(vb_engine *e, vb_ocr_worker *w)
{
    ocr_pool *p = e->ocr;
    pthread_mutex_lock(&p->lock);
    w->busy = 0;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

/* A word made of digits and their look-alikes, with a digit among them
 * ("I.8", "4I", "1O"; grouped by one . or , at most between characters):
 * the look-alikes are digits too (I l | → 1, O → 0). Words without a digit
 * ("II", "l", "SO") are left alone: Roman numerals and letters. */
static void digit_lookalikes(char *s, size_t n)
{
    size_t digits = 0, marks = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if ((s[i] == '.' || s[i] == ',') && i > 0 && i + 1 < n)
            marks++;
        else if (!strchr("Il|O", s[i]))
            return;
    }
    if (digits == 0 || marks > 1)
        return;
    for (size_t i = 0; i < n; i++)
        if (strchr("Il|", s[i]))
            s[i] = '1';
        else if (s[i] == 'O')
            s[i] = '0';
}

/* Copies the words of the last recognition into p. */
static int read_words(TessBaseAPI *api, vb_gpage *p, double *mean_conf)
{
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return 0;
    TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    int line = p->nwords ? p->words[p->nwords - 1].line : 0, rc = 0;
    long nconf = 0;
    double conf = 0;
    do {
        if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE))
            line++;
        char *s = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        vb_box b;
        if (!s)
            continue;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
            n--;
        digit_lookalikes(s, n);
        if (n && TessPageIteratorBoundingBox(pit, RIL_WORD, &b.x0, &b.y0, &b.x1, &b.y1)) {
            float c = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;
            c = c < 0 ? 0 : c > 1 ? 1 : c;
            rc = vb_gpage_add_word(p, s, n, b, c, line);
            conf += c;
            nconf++;
        }
        TessDeleteText(s);
    } while (rc == 0 && TessPageIteratorNext(pit, RIL_WORD));
    TessResultIteratorDelete(it);
    *mean_conf = nconf ? conf / (double)nconf : 0.0;
    return rc;
}

double vb_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void vb_ocr_set_deadline(vb_ocr_worker *w, double deadline)
{
    w->deadline = deadline;
}

vb_status vb_ocr_timed_out(const vb_options *o, double deadline, vb_error *err)
{
    if (deadline <= 0 || vb_clock() < deadline)
        return VB_OK;
    return vb_error_set(err, VB_ERR_INTERRUPTED, "timed out after %g s", o->limits.max_seconds);
}

/* Arms the monitor with the time left; VB_ERR_INTERRUPTED when none is. */
static vb_status arm_deadline(vb_ocr_worker *w, vb_error *err)
{
    if (w->deadline <= 0)
        return VB_OK;
    double left = (w->deadline - vb_clock()) * 1000.0;
    if (left < 1.0)
        return vb_ocr_timed_out(w->opt, w->deadline, err);
    TessMonitorSetDeadlineMSecs(w->monitor, left > 2e9 ? 2000000000 : (int)left);
    return VB_OK;
}

vb_status vb_ocr_recognize(vb_ocr_worker *w, struct Pix *pix, int ppi, const vb_box *rect,
                           vb_gpage *p, double *mean_conf, vb_error *err)
{
    *mean_conf = 0;
    vb_status st = arm_deadline(w, err);
    if (st != VB_OK)
        return st;
    TessBaseAPISetImage2(w->api, pix);
    TessBaseAPISetSourceResolution(w->api, ppi);
    if (rect) {
        TessBaseAPISetPageSegMode(w->api, PSM_SINGLE_BLOCK);
        TessBaseAPISetRectangle(w->api, rect->x0, rect->y0, rect->x1 - rect->x0,
                                rect->y1 - rect->y0);
    }
    int failed = TessBaseAPIRecognize(w->api, w->deadline > 0 ? w->monitor : NULL) != 0;
    if (rect)
        TessBaseAPISetPageSegMode(w->api, page_psm(w->opt));
    if (vb_ocr_timed_out(w->opt, w->deadline, err) != VB_OK) { /* a cut-short page is not kept */
        TessBaseAPIClear(w->api);
        return VB_ERR_INTERRUPTED;
    }
    if (failed) {
        TessBaseAPIClear(w->api);
        return vb_error_set(err, VB_ERR_OCR, "Tesseract failed on page %d", p->info.number);
    }
    int rc = read_words(w->api, p, mean_conf);
    TessBaseAPIClear(w->api);
    if (rc)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading OCR words");
    return VB_OK;
}

int vb_ocr_orientation(vb_ocr_worker *w, struct Pix *pix, int ppi)
{
    if (!w->osd && !w->osd_failed) {
        w->osd = api_new(w->opt->tessdata, "osd");
        if (!w->osd && w->opt->tessdata)
            w->osd = api_new(NULL, "osd");
        w->osd_failed = w->osd == NULL;
        if (w->osd)
            TessBaseAPISetPageSegMode(w->osd, PSM_OSD_ONLY);
    }
    if (!w->osd)
        return 0;
    int deg = 0, rot = 0;
    float oconf = 0, sconf = 0;
    const char *script = NULL;
    TessBaseAPISetImage2(w->osd, pix);
    TessBaseAPISetSourceResolution(w->osd, ppi);
    if (TessBaseAPIDetectOrientationScript(w->osd, &deg, &oconf, &script, &sconf) && oconf > 2.0f)
        rot = (360 - deg) % 360; /* OSD names how the page is turned; undo it */
    TessBaseAPIClear(w->osd);
    return rot;
}
