/* restore.c — diacritic restoration and OCR post-correction. Not yet built:
 * the restoration issue fills this in (model, decoder, channel model). */
#include "core/engine.h"
#include "normalize/normalize.h"

vb_status vb_model_open(const char *path, vb_model **out, vb_error *err)
{
    *out = NULL;
    return vb_error_set(err, VB_ERR_MODEL, "no language model support yet (%s)",
                        path ? path : "default");
}

void vb_model_close(vb_model *m)
{
    (void)m;
}

vb_model *vb_engine_model(vb_engine *e, vb_error *err)
{
    (void)e;
    vb_error_set(err, VB_ERR_MODEL, "no language model support yet");
    return NULL;
}

double vb_restore_need(const vb_layout *L)
{
    (void)L;
    return 0.0;
}

vb_status vb_restore_layout(vb_model *m, vb_layout *L, double min_conf,
                            vb_restore_stats *stats, vb_error *err)
{
    (void)m, (void)L, (void)min_conf;
    if (stats)
        *stats = (vb_restore_stats){0, 0, 0.0};
    return vb_error_set(err, VB_ERR_MODEL, "no language model support yet");
}
