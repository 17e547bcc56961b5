/* normalize.c — stage 2 entry: rewrite every line of a layout in place. */
#include "core/engine.h"
#include "normalize/normalize.h"

#include <stdio.h>

/* Per line: NFC where the source did not give it (PDF text layers, OCR),
 * markup residue, tone style. Each edit keeps corrections and word boxes on
 * their tokens (vb_text_rewrite, vb_text_splice). */
static vb_status line_pass(vb_engine *e, vb_layout *L, vb_error *err)
{
    long stripped = 0;
    vb_text tmp;
    vb_text_init(&tmp);
    for (size_t i = 0; i < L->nlines; i++) {
        vb_text *t = &L->lines[i].text;
        if (!(L->lines[i].flags & VB_LINE_NFC)) {
            if (vb_nfc(&tmp, t->s, t->len) || vb_text_rewrite(t, tmp.s, tmp.len))
                goto oom;
        }
        int m = vb_markup_strip(t);
        if (m < 0)
            goto oom;
        stripped += m;
        if (vb_tone_style_apply(t, e->opt.tone_style))
            goto oom;
    }
    vb_text_free(&tmp);
    if (stripped) {
        vb_repair *r = vb_layout_add_repair(L, "markup");
        if (!r)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        r->changed = stripped;
    }
    return VB_OK;
oom:
    vb_text_free(&tmp);
    return vb_error_set(err, VB_ERR_NOMEM, "out of memory normalizing text");
}

/* Restoration when asked, or when the text's statistics say it needs it;
 * OCR output always gets post-correction (of its unsure words). */
static vb_status restore_pass(vb_engine *e, vb_layout *L, vb_error *err)
{
    if (e->opt.restore == VB_RESTORE_NEVER)
        return VB_OK;
    double need = vb_restore_need(L);
    if (e->opt.restore == VB_RESTORE_AUTO && need < 0.15 && L->ocr_pages == 0)
        return VB_OK;
    vb_error merr = {0};
    vb_model *m = vb_engine_model(e, &merr);
    if (!m) {
        if (e->opt.restore == VB_RESTORE_ALWAYS)
            return vb_error_set(err, merr.status, "%s", merr.msg);
        vb_repair *r = vb_layout_add_repair(L, "diacritics");
        if (r)
            snprintf(r->note, sizeof r->note, "not restored: %.100s", merr.msg);
        return VB_OK;
    }
    vb_restore_stats st;
    vb_status s = vb_restore_layout(m, L, e->opt.min_conf, &st, err);
    if (s != VB_OK)
        return s;
    vb_repair *r = vb_layout_add_repair(L, "diacritics");
    if (!r)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    r->changed = st.changed;
    r->tokens = st.tokens;
    r->confidence = st.mean_conf;
    return VB_OK;
}

vb_status vb_normalize_layout(vb_engine *e, vb_layout *L, vb_error *err)
{
    vb_status st = line_pass(e, L, err);
    if (st == VB_OK)
        st = restore_pass(e, L, err);
    return st;
}
