/* extract.c — stage 3 entry. PLACEHOLDER: emits <source> and the layout's
 * repairs only; the foundation issue builds header, sections and tables. */
#include "extract/extract.h"

#include <stdio.h>
#include <string.h>

static const char *ocr_name(const vb_layout *L)
{
    if (L->ocr_pages == 0)
        return "none";
    return (size_t)L->ocr_pages >= L->npages ? "full" : "partial";
}

vb_status vb_extract(const vb_layout *L, const char *display_path, vb_node **out,
                     vb_error *err)
{
    *out = NULL;
    vb_node *plan = vb_node_new("plan");
    if (!plan)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_node *src = vb_node_add(plan, "source", NULL);
    int bad = !src || vb_node_set_attr(plan, "xmlns", "urn:vanban:plan:1") ||
              vb_node_set_attr(plan, "version", "1") || vb_node_set_attr(plan, "xml:lang", "vi") ||
              vb_node_set_attr(src, "path", display_path) ||
              vb_node_set_attr(src, "sha256", L->sha256) ||
              vb_node_set_attr(src, "format", vb_format_name(L->format)) ||
              (L->encoding[0] && vb_node_set_attr(src, "encoding", L->encoding)) ||
              vb_node_set_attr(src, "ocr", ocr_name(L)) ||
              vb_node_set_attrf(src, "pages", "%zu", L->npages);
    if (bad) {
        vb_node_free(plan);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    *out = plan;
    return VB_OK;
}

char *vb_extract_text(const vb_layout *L, size_t *len, vb_error *err)
{
    vb_buf b;
    vb_buf_init(&b);
    for (size_t i = 0; i < L->nlines; i++) {
        if (vb_buf_cat(&b, L->lines[i].text.s, L->lines[i].text.len) || vb_buf_cat(&b, "\n", 1)) {
            vb_buf_free(&b);
            vb_error_set(err, VB_ERR_NOMEM, "out of memory");
            return NULL;
        }
    }
    return vb_buf_take(&b, len);
}
