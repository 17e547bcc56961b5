/* pages.h — private to ingest/: page-level parallelism. A reader hands out
 * page jobs one at a time on the calling thread (MuPDF and file decoding
 * stay single-threaded); workers clean up, OCR and lay out each page; the
 * results come back in page order. At most 2 × workers pages are in
 * flight (queued + being read), which bounds memory. */
#ifndef VB_INGEST_PAGES_H
#define VB_INGEST_PAGES_H

#include "core/engine.h"
#include "ingest/geometry.h"
#include "ingest/ocr.h"

struct Pix;

typedef struct vb_pagejob {
    struct Pix *ocr;    /* page image to OCR (the job owns it), or NULL */
    int ppi;            /* its resolution, 0 unknown */
    struct Pix *rules;  /* text-layer page rendered for rule finding, or NULL */
    double rules_scale; /* rules pixels → page pixels */
} vb_pagejob;

/* Fills job (and pages[i].info / words for a text layer) for page i.
 * Returns VB_OK or an error that stops the whole file. */
typedef vb_status (*vb_page_source)(void *ctx, size_t i, vb_gpage *page, vb_pagejob *job,
                                    vb_error *err);

/* Runs n pages through src and the workers into pages[0..n), then assembles
 * them into L. pages must be zeroed; the caller clears them afterwards. */
vb_status vb_pages_run(vb_engine *e, size_t n, vb_page_source src, void *ctx, vb_gpage *pages,
                       vb_layout *L, vb_error *err);

/* Cleans up, OCRs (turning the page upright with OSD when it reads badly)
 * and lays out one page image; used by the workers. */
vb_status vb_page_ocr(vb_engine *e, vb_ocr_worker *w, struct Pix *pix, int ppi, vb_gpage *p,
                      const char *tag, vb_error *err);

#endif
