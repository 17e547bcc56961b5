/* fuzz_image.c — libFuzzer entry for the page-image reader (header checks,
 * libjpeg/MuPDF/Leptonica decoding, preprocessing, OCR). The first byte picks
 * the format the reader is told it has; small pixel limits keep runs short. */
#include "core/vanban.h"
#include "ingest/backends.h"

#include <stdint.h>
#include <stdlib.h>

static vb_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const vb_format fmts[] = {VB_FMT_JPEG, VB_FMT_PNG, VB_FMT_TIFF, VB_FMT_GIF,
                                     VB_FMT_BMP, VB_FMT_JP2, VB_FMT_WEBP};
    if (size < 1)
        return 0;
    if (!engine) {
        vb_options o;
        vb_options_init(&o);
        o.jobs = 1;
        o.limits.max_pages = 3;
        o.limits.max_pixels = 1500;
        engine = vb_engine_new(&o, NULL);
    }
    vb_layout *L = vb_layout_new();
    vb_error err = {0};
    if (L) {
        L->format = fmts[data[0] % (sizeof fmts / sizeof *fmts)];
        vb_ingest_image(engine, data + 1, size - 1, L, &err);
    }
    vb_layout_free(L);
    return 0;
}
