/* fzpix.c — MuPDF helpers for the PDF and image readers. */
#include "ingest/fzpix.h"

static void quiet(void *user, const char *msg)
{
    (void)user, (void)msg; /* the library never prints; errors come back via fz_catch */
}

fz_context *vb_fz_new(void)
{
    fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    if (!ctx)
        return NULL;
    fz_set_warning_callback(ctx, quiet, NULL);
    fz_set_error_callback(ctx, quiet, NULL);
    fz_try(ctx) fz_register_document_handlers(ctx);
    fz_catch(ctx)
    {
        fz_drop_context(ctx);
        return NULL;
    }
    setMsgSeverity(L_SEVERITY_NONE); /* nor does Leptonica */
    return ctx;
}

static PIX *copy_gray(fz_context *ctx, fz_pixmap *pm, int ppi)
{
    int w = fz_pixmap_width(ctx, pm), h = fz_pixmap_height(ctx, pm);
    ptrdiff_t stride = fz_pixmap_stride(ctx, pm);
    const unsigned char *s = fz_pixmap_samples(ctx, pm);
    PIX *pix = pixCreate(w, h, 8);
    if (!pix)
        return NULL;
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        const unsigned char *row = s + (size_t)y * (size_t)stride;
        for (int x = 0; x < w; x++)
            SET_DATA_BYTE(line, x, row[x]);
    }
    pixSetResolution(pix, ppi, ppi);
    return pix;
}

PIX *vb_pix_from_pixmap(fz_context *ctx, fz_pixmap *pm, int ppi)
{
    if (fz_pixmap_components(ctx, pm) == 1 && !fz_pixmap_alpha(ctx, pm))
        return copy_gray(ctx, pm, ppi);
    fz_pixmap *volatile g = NULL;
    fz_try(ctx) g = fz_convert_pixmap(ctx, pm, fz_device_gray(ctx), NULL, NULL,
                                      fz_default_color_params, 0);
    fz_catch(ctx) return NULL;
    PIX *pix = copy_gray(ctx, g, ppi);
    fz_drop_pixmap(ctx, g);
    return pix;
}
