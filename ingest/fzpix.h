/* fzpix.h — private to ingest/: MuPDF helpers shared by the PDF and image
 * readers (a silent context, pixmap → Leptonica image). */
#ifndef VB_INGEST_FZPIX_H
#define VB_INGEST_FZPIX_H

#include <leptonica/allheaders.h>
#include <mupdf/fitz.h>

/* A context whose warnings and errors are not printed, with the document
 * handlers registered; NULL on out of memory. */
fz_context *vb_fz_new(void);
/* Any MuPDF pixmap as an 8 bpp grey image at ppi; NULL on failure (throws
 * nothing: MuPDF errors are caught). */
PIX *vb_pix_from_pixmap(fz_context *ctx, fz_pixmap *pm, int ppi);

#endif
