/* image.c — page-image reader (Leptonica + Tesseract). Not yet built:
 * the scanned-PDF issue fills this in. */
#include "ingest/backends.h"

vb_status vb_ingest_image(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                          vb_error *err)
{
    (void)e, (void)data, (void)len, (void)L;
    return vb_error_set(err, VB_ERR_UNSUPPORTED, "image input is not supported yet");
}
