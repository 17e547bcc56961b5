/* fzpix.h — private to ingest/: MuPDF helpers shared by the PDF and image
 * readers (a silent context, pixmap → Leptonica image). */
#ifndef VB_INGEST_FZPIX_H
#define VB_INGEST_FZPIX_H

#include <leptonica/allheaders.h>
#include <mupdf/fitz.h>

/* A context whose warnings and errors are not printed, with the document
 * handlers registered and its memory capped (1 GiB: a document's
 * allocations past it fail as out of memory); NULL on out of memory. */
fz_context *vb_fz_new(void);
/* Drops a context of vb_fz_new; NULL is a no-op. */
void vb_fz_drop(fz_context *ctx);
/* Any MuPDF pixmap as an 8 bpp grey image at ppi; NULL on failure (throws
 * nothing: MuPDF errors are caught). */
PIX *vb_pix_from_pixmap(fz_context *ctx, fz_pixmap *pm, int ppi);

#endif
