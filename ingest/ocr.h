/* ocr.h — private to ingest/: the engine's pool of Tesseract workers (one
 * TessBaseAPI each, initialised once and reused across pages and files) and
 * recognition of one preprocessed page image into positioned words. */
#ifndef VB_INGEST_OCR_H
#define VB_INGEST_OCR_H

#include "core/engine.h"
#include "ingest/geometry.h"

struct Pix;
struct vb_prep;
typedef struct vb_ocr_worker vb_ocr_worker;

/* Number of workers the engine's pool has (opt.jobs, or the cores). */
int vb_ocr_workers(const vb_engine *e);

/* Takes a free worker from the engine's pool, creating the pool on first use
 * and the worker's Tesseract on its first page; waits while all are busy.
 * Fails with VB_ERR_MODEL when the language data cannot be loaded. */
vb_status vb_ocr_acquire(vb_engine *e, vb_ocr_worker **out, vb_error *err);
void vb_ocr_release(vb_engine *e, vb_ocr_worker *w);

/* Monotonic clock in seconds, for deadlines. */
double vb_clock(void);
/* Recognition on w stops at deadline (vb_clock() seconds; 0 = none) and
 * then fails with VB_ERR_INTERRUPTED "timed out after N s" (opt's
 * limits.max_seconds). Acquiring a worker clears its deadline. */
void vb_ocr_set_deadline(vb_ocr_worker *w, double deadline);
/* VB_ERR_INTERRUPTED with that message once deadline has passed, else VB_OK. */
vb_status vb_ocr_timed_out(const vb_options *o, double deadline, vb_error *err);

/* Recognises pix (1 or 8 bpp) at ppi into p's words (boxes in pix pixels,
 * new line ids after the last word's). With rect, only that region, read as
 * one block of text (a table cell). *mean_conf gets the mean word
 * confidence 0..1 (0 when no words). */
vb_status vb_ocr_recognize(vb_ocr_worker *w, struct Pix *pix, int ppi, const vb_box *rect,
                           vb_gpage *p, double *mean_conf, vb_error *err);

/* Reads every merged cell of p's grids from the prepared page pp, each as
 * one block (cells.c), and appends the words to p; doubtful numbers in
 * columns of numbers are read again from shrunken copies. */
vb_status vb_ocr_cells(vb_ocr_worker *w, const struct vb_prep *pp, vb_gpage *p, vb_error *err);

/* Copies the words of g to the end of p, with line ids after p's last;
 * 0 or -1 on out of memory (cells.c). */
int vb_gpage_append(vb_gpage *p, const vb_gpage *g);

/* Finds tables without rules in the prepared page pp by the white gutters
 * between their columns (unruled.c) and reads them again cell by cell, in
 * place of the first reading's words there when that reads better. */
vb_status vb_ocr_unruled(vb_ocr_worker *w, const struct vb_prep *pp, vb_gpage *p, vb_error *err);

/* Tesseract OSD: the clockwise rotation (0, 90, 180, 270) that makes the
 * page upright, or 0 when OSD is unavailable or unsure. */
int vb_ocr_orientation(vb_ocr_worker *w, struct Pix *pix, int ppi);

#endif
