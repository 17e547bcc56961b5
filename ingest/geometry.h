/* geometry.h — private to ingest/: the page model shared by the PDF and image
 * readers. A page is a bag of positioned words (from a PDF text layer or from
 * OCR) plus the ruled tables found in its image; geometry.c turns it into
 * layout lines in reading order, and joins pages into the document. */
#ifndef VB_INGEST_GEOMETRY_H
#define VB_INGEST_GEOMETRY_H

#include "ingest/ingest.h"

typedef struct vb_gword {
    char *text;   /* owned UTF-8, no spaces */
    vb_box box;   /* page pixels */
    float conf;   /* 0..1, -1 when not OCR'd */
    int line;     /* source line id (Tesseract text line, MuPDF line), per page */
} vb_gword;

/* A ruled table: rule positions and, for every grid cell, the cell that owns
 * it (its top-left cell when cells are merged across a missing rule). */
typedef struct vb_grid {
    vb_box box;
    int nrows, ncols;
    int *ys, *xs;   /* nrows + 1 and ncols + 1 rule positions, ascending */
    int *owner;     /* nrows * ncols indexes r * ncols + c */
} vb_grid;

typedef struct vb_gpage {
    vb_page info;        /* number, size, dpi, path, reason, quality */
    vb_gword *words;
    size_t nwords, wcap;
    vb_grid *grids;
    size_t ngrids;
    vb_layout *out;      /* this page's lines, filled by vb_geometry_page */
    vb_status status;    /* a failed page's error, kept for the document */
    vb_error err;
} vb_gpage;

/* Appends a word (copies s[0..n)); 0 or -1 on out of memory. */
int vb_gpage_add_word(vb_gpage *p, const char *s, size_t n, vb_box box, float conf, int line);
/* Frees words, grids and out; p may be reused. */
void vb_gpage_clear(vb_gpage *p);
void vb_grid_free(vb_grid *g);

/* Words and grids → p->out: lines in reading order, tables as VB_LINE_ROW
 * rows with cells split by '\t'. */
vb_status vb_geometry_page(vb_gpage *p, vb_error *err);

/* Moves every page's lines into L in page order, dropping running
 * headers/footers and page numbers and joining tables continued across a
 * page break; records each page in L->pages and counts OCR'd pages. */
vb_status vb_geometry_document(vb_gpage *pages, size_t n, vb_layout *L, vb_error *err);

/* Share (0..1) of letter tokens in s that are valid Vietnamese syllables;
 * -1 when s has fewer than min_tokens letter tokens. */
double vb_page_text_quality(const char *s, size_t n, int min_tokens);

#endif
