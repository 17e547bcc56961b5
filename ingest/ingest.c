/* ingest.c — stage 1 entry: sniff the bytes, hand them to the right reader. */
#include "core/engine.h"
#include "ingest/backends.h"

#include <stdlib.h>
#include <string.h>

vb_status vb_ingest(vb_engine *e, const unsigned char *data, size_t len, vb_layout **out,
                    vb_error *err)
{
    *out = NULL;
    if (len == 0)
        return vb_error_set(err, VB_ERR_EMPTY, "empty file: nothing to convert");
    vb_layout *L = vb_layout_new();
    if (!L)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_sha256_hex(data, len, L->sha256);
    L->format = vb_sniff(data, len);
    vb_status st;
    switch (L->format) {
    case VB_FMT_TEXT:
    case VB_FMT_HTML:
        st = vb_ingest_text(e, data, len, L, err);
        break;
    case VB_FMT_PDF:
        st = vb_ingest_pdf(e, data, len, L, err);
        break;
    case VB_FMT_TIFF:
    case VB_FMT_PNG:
    case VB_FMT_JPEG:
    case VB_FMT_JP2:
    case VB_FMT_WEBP:
    case VB_FMT_BMP:
    case VB_FMT_GIF:
        st = vb_ingest_image(e, data, len, L, err);
        break;
    case VB_FMT_ZIP:
        st = vb_error_set(err, VB_ERR_UNSUPPORTED,
                          "a zip container (DOCX/ODT?): save it as text or PDF first");
        break;
    default:
        st = vb_error_set(err, VB_ERR_BINARY, "not a document: binary data");
        break;
    }
    if (st != VB_OK) {
        vb_layout_free(L);
        return st;
    }
    *out = L;
    return VB_OK;
}
