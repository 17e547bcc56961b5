/* backends.h — private: one reader per input kind, called by vb_ingest.
 * Each fills the layout L (already holding sha256 and format). */
#ifndef VB_INGEST_BACKENDS_H
#define VB_INGEST_BACKENDS_H

#include "ingest/ingest.h"

vb_status vb_ingest_text(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                         vb_error *err);
vb_status vb_ingest_pdf(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                        vb_error *err);
vb_status vb_ingest_image(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                          vb_error *err);

#endif
