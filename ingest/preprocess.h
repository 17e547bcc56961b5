/* preprocess.h — private to ingest/: Leptonica clean-up of a page image
 * before OCR, and ruled-table detection on the cleaned image. */
#ifndef VB_INGEST_PREPROCESS_H
#define VB_INGEST_PREPROCESS_H

#include "ingest/geometry.h"

struct Pix;

typedef struct vb_prep {
    struct Pix *gray;  /* 8 bpp: background-normalised, upscaled, deskewed */
    struct Pix *bin;   /* what OCR reads: 1 bpp binarisation, or 8 bpp grey */
    double scale;      /* upscale applied (1 = none) */
    float skew;        /* degrees of skew corrected */
    int ppi;           /* resolution of gray/bin */
} vb_prep;

/* src: any depth. ppi: its resolution when known, else 0. max_side: the
 * pixel limit per side after upscaling. */
vb_status vb_preprocess(struct Pix *src, int ppi, int max_side, vb_prep *out, vb_error *err);
void vb_prep_clear(vb_prep *p);
/* Rotates a prepared page clockwise by deg (90/180/270), both images. */
int vb_prep_rotate(vb_prep *p, int deg);

/* Finds ruled tables in bin (1 bpp) and appends them to p->grids with
 * coordinates multiplied by scale. When mask is not NULL and tables were
 * found, *mask gets the rules (1 bpp, bin's size) so OCR can erase them.
 * Returns 0, or -1 on out of memory. */
int vb_find_grids(struct Pix *bin, int ppi, double scale, vb_gpage *p, struct Pix **mask);
/* Finds the ruled tables of a prepared page and erases their rules from
 * its binary image (rules confuse Tesseract's segmentation). */
int vb_prep_tables(vb_prep *pp, vb_gpage *p);

#endif
