/* engine.c — options and the per-process engine (shared resources). */
#include "core/engine.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

void vb_options_init(vb_options *o)
{
    memset(o, 0, sizeof *o);
    o->tone_style = VB_TONE_KEEP;
    o->restore = VB_RESTORE_AUTO;
    o->min_conf = 0.0;
    o->lang = "vie";
    o->dpi = 300;
    o->psm = -1;
    o->boxes = VB_BOXES_WORDS;
    o->limits.max_file_bytes = 512ull << 20;
    o->limits.max_line_bytes = 1u << 20;
    o->limits.max_pixels = 20000;
    o->limits.max_pages = 2000;
    o->limits.max_depth = 256;
}

vb_engine *vb_engine_new(const vb_options *opt, vb_error *err)
{
    vb_engine *e = calloc(1, sizeof *e);
    if (!e) {
        vb_error_set(err, VB_ERR_NOMEM, "out of memory creating the engine");
        return NULL;
    }
    if (opt)
        e->opt = *opt;
    else
        vb_options_init(&e->opt);
    pthread_mutex_init(&e->lock, NULL);
    /* libxml2's global tables must be set up once, before worker threads
     * validate XML concurrently; lazy set-up from two threads races. */
    xmlInitParser();
    return e;
}

void vb_engine_free(vb_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nfree; i++)
        e->free_fn[i](e->free_arg[i]);
    pthread_mutex_destroy(&e->lock);
    free(e);
}

const vb_options *vb_engine_options(const vb_engine *e)
{
    return &e->opt;
}

int vb_engine_on_free(vb_engine *e, void (*fn)(void *), void *arg)
{
    if (e->nfree == VB_ENGINE_MAX_RESOURCES)
        return -1;
    e->free_fn[e->nfree] = fn;
    e->free_arg[e->nfree] = arg;
    e->nfree++;
    return 0;
}
