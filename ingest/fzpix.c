/* fzpix.c — MuPDF helpers for the PDF and image readers. */
#include "ingest/fzpix.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

static void quiet(void *user, const char *msg)
{
    (void)user, (void)msg; /* the library never prints; errors come back via fz_catch */
}

/* MuPDF's memory for one document is capped: a few KB of TIFF whose tags
 * claim billions of values made fz_load_tiff_info allocate 16 GB (found by
 * fuzz_image). Past the cap an allocation fails, MuPDF first empties its
 * store and then throws, and the reader reports the file as unreadable.
 * MuPDF has no such limit of its own; its allocator hooks are the way. */
#define FZ_MEMORY_CAP ((size_t)1 << 30)

typedef struct budget {
    _Atomic size_t used; /* bytes handed out, headers included */
} budget;

/* Each block is preceded by its size, in a header aligned as malloc's. */
typedef union head {
    size_t size;
    max_align_t align;
} head;

static int charge(budget *b, size_t add)
{
    size_t used = atomic_fetch_add(&b->used, add);
    if (used + add > FZ_MEMORY_CAP || used + add < used) {
        atomic_fetch_sub(&b->used, add);
        return -1;
    }
    return 0;
}

static void *cap_malloc(void *user, size_t size)
{
    size_t n = size + sizeof(head);
    if (n < size || charge(user, n))
        return NULL;
    head *h = malloc(n);
    if (!h) {
        atomic_fetch_sub(&((budget *)user)->used, n);
        return NULL;
    }
    h->size = n;
    return h + 1;
}

static void cap_free(void *user, void *p)
{
    if (!p)
        return;
    head *h = (head *)p - 1;
    atomic_fetch_sub(&((budget *)user)->used, h->size);
    free(h);
}

static void *cap_realloc(void *user, void *p, size_t size)
{
    if (!p)
        return cap_malloc(user, size);
    if (size == 0) {
        cap_free(user, p);
        return NULL;
    }
    head *h = (head *)p - 1;
    size_t old = h->size, n = size + sizeof(head);
    if (n < size || (n > old && charge(user, n - old)))
        return NULL;
    head *g = realloc(h, n);
    if (!g) {
        if (n > old)
            atomic_fetch_sub(&((budget *)user)->used, n - old);
        return NULL;
    }
    if (n < old)
        atomic_fetch_sub(&((budget *)user)->used, old - n);
    g->size = n;
    return g + 1;
}

fz_context *vb_fz_new(void)
{
    budget *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    fz_alloc_context alloc = {b, cap_malloc, cap_realloc, cap_free};
    fz_context *ctx = fz_new_context(&alloc, NULL, FZ_STORE_DEFAULT);
    if (!ctx) {
        free(b);
        return NULL;
    }
    fz_set_warning_callback(ctx, quiet, NULL);
    fz_set_error_callback(ctx, quiet, NULL);
    fz_try(ctx) fz_register_document_handlers(ctx);
    fz_catch(ctx)
    {
        vb_fz_drop(ctx);
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

void vb_fz_drop(fz_context *ctx)
{
    if (!ctx)
        return;
    void *b = ctx->alloc.user;
    fz_drop_context(ctx);
    free(b);
}
