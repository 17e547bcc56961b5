/* engine.h — private: the engine's innards, for the library's stages.
 * Each stage keeps its lazily-loaded resource in its own slot, created under
 * `lock` and released by the callback registered with vb_engine_on_free. */
#ifndef VB_ENGINE_H
#define VB_ENGINE_H

#include <pthread.h>

#include "core/vanban.h"

#define VB_ENGINE_MAX_RESOURCES 8

struct vb_engine {
    vb_options opt;
    pthread_mutex_t lock;   /* guards the lazy slots below */
    void *model;            /* normalize/: vb_model *, NULL until first use */
    int model_failed;       /* 1 after a failed open: don't retry per file */
    void *ocr;              /* ingest/: the OCR worker pool */
    void *misc[4];          /* spare slots for later stages */
    void (*free_fn[VB_ENGINE_MAX_RESOURCES])(void *);
    void *free_arg[VB_ENGINE_MAX_RESOURCES];
    size_t nfree;
};

/* Registers fn(arg) to run at vb_engine_free (call with lock held). */
int vb_engine_on_free(vb_engine *e, void (*fn)(void *), void *arg);

#endif
