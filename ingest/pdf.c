/* pdf.c — PDF reader (MuPDF text layer, render + OCR). Not yet built:
 * the scanned-PDF issue fills this in. */
#include "ingest/backends.h"

vb_status vb_ingest_pdf(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                        vb_error *err)
{
    (void)e, (void)data, (void)len, (void)L;
    return vb_error_set(err, VB_ERR_UNSUPPORTED, "PDF input is not supported yet");
}
