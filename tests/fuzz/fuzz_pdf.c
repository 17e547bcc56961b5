/* fuzz_pdf.c — libFuzzer entry for the PDF reader (MuPDF text layer, render
 * and OCR, geometry). Small limits and a low render resolution keep each run
 * short; any status is fine, crashes and leaks are not. */
#include "core/vanban.h"
#include "ingest/backends.h"

#include <stdint.h>
#include <stdlib.h>

static vb_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine) {
        vb_options o;
        vb_options_init(&o);
        o.dpi = 40;
        o.jobs = 1;
        o.limits.max_pages = 4;
        o.limits.max_pixels = 3000;
        engine = vb_engine_new(&o, NULL);
    }
    vb_layout *L = vb_layout_new();
    vb_error err = {0};
    if (L)
        vb_ingest_pdf(engine, data, size, L, &err);
    vb_layout_free(L);
    return 0;
}
