/* text.c — the text reader: decode to UTF-8 (normalize/ knows encodings),
 * then split into lines. CRLF, CR and LF all end a line; a form feed starts
 * a new page. Over-long lines are cut at the line limit (never lost). */
#include "core/engine.h"
#include "ingest/backends.h"
#include "normalize/normalize.h"

#include <stdio.h>
#include <string.h>

static vb_status add(vb_layout *L, const char *s, size_t n, int page, long src_line,
                     size_t max_line, vb_error *err)
{
    do {
        size_t k = n > max_line ? max_line : n;
        /* don't cut inside a UTF-8 sequence */
        while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        vb_line *ln = vb_layout_add_line(L, s, k, page);
        if (!ln)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        ln->src_line = src_line;
        ln->flags |= VB_LINE_NFC; /* vb_decode returns NFC text */
        s += k;
        n -= k;
    } while (n > 0);
    return VB_OK;
}

vb_status vb_ingest_text(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                         vb_error *err)
{
    vb_decoded d;
    /* the engine's language model tells alike readings apart (TCVN3/VN1,
     * VISCII/VPS); without one the syllable inventory decides alone */
    const char *from = e->opt.from_encoding;
    vb_error merr = {0};
    const vb_model *m = from && strcmp(from, "auto") != 0 ? NULL : vb_engine_model(e, &merr);
    vb_status st = vb_decode_lm(data, len, from, e->opt.tone_style, m, &d, err);
    if (st != VB_OK)
        return st;
    memcpy(L->encoding, d.encoding, sizeof L->encoding);
    if (strcmp(d.encoding, "utf-8") != 0 && strcmp(d.encoding, "utf-16le") != 0 &&
        strcmp(d.encoding, "utf-16be") != 0) {
        vb_repair *r = vb_layout_add_repair(L, "encoding");
        if (!r) {
            vb_decoded_free(&d);
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        }
        memcpy(r->from, d.encoding, sizeof r->from);
        r->confidence = d.score;
    }
    if (d.case_inferred) {
        vb_repair *r = vb_layout_add_repair(L, "case");
        if (r)
            snprintf(r->note, sizeof r->note, "capitals inferred from context");
    }
    size_t max_line = e->opt.limits.max_line_bytes ? e->opt.limits.max_line_bytes : 1u << 20;
    int page = 1;
    long src_line = 1;
    const char *s = d.utf8, *end = d.utf8 + d.len;
    while (st == VB_OK && s < end) {
        const char *p = s;
        while (p < end && *p != '\n' && *p != '\r' && *p != '\f')
            p++;
        st = add(L, s, (size_t)(p - s), page, src_line, max_line, err);
        if (p < end && *p == '\f')
            page++;
        else if (p + 1 < end && p[0] == '\r' && p[1] == '\n')
            p++;
        s = p + 1;
        src_line++;
    }
    for (int i = 1; st == VB_OK && i <= page; i++) {
        vb_page *pg = vb_layout_add_page(L, i);
        if (!pg)
            st = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        else
            pg->path = VB_PAGE_TEXT;
    }
    vb_decoded_free(&d);
    return st;
}
