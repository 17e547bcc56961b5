/* convert.c — the pipeline driver: ingest → normalize → extract → XML.
 * One call per input; the engine carries what is shared between calls. */
#include "core/engine.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void vb_result_free(vb_result *r)
{
    if (!r)
        return;
    free(r->xml);
    free(r->text);
    free(r);
}

/* Counts warnings and corrections in the plan for the summary. */
static void count_plan(const vb_node *plan, vb_result *r)
{
    for (const vb_node *n = plan; n; n = vb_node_next_in(n, plan)) {
        if (strcmp(n->name, "warning") == 0) {
            r->warnings++;
            const char *code = vb_node_attr(n, "code");
            if (code && strcmp(code, "not-a-plan") == 0)
                r->is_plan = 0;
        }
        r->corrections += (int)n->text.ncorr;
    }
}

static vb_status emit(const vb_layout *L, const char *display_path, unsigned want,
                      vb_result *r, vb_error *err)
{
    vb_status st = VB_OK;
    if (want & VB_WANT_TEXT) {
        r->text = vb_extract_text(L, &r->text_len, err);
        if (!r->text)
            return err && err->status ? err->status
                                      : vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    if (want & VB_WANT_XML) {
        vb_node *plan = NULL;
        st = vb_extract(L, display_path, &plan, err);
        if (st == VB_OK) {
            r->is_plan = 1;
            count_plan(plan, r);
            st = vb_plan_write_xml(plan, &r->xml, &r->xml_len, err);
        }
        vb_node_free(plan);
    }
    return st;
}

vb_status vb_convert_bytes(vb_engine *e, const char *display_path,
                           const unsigned char *data, size_t len, unsigned want,
                           vb_result **out, vb_error *err)
{
    *out = NULL;
    vb_result *r = calloc(1, sizeof *r);
    if (!r)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_layout *L = NULL;
    vb_status st = vb_ingest(e, data, len, &L, err);
    if (st == VB_OK)
        st = vb_normalize_layout(e, L, err);
    /* after normalizing: OCR post-correction reads the words' confidences */
    if (st == VB_OK && e->opt.boxes == VB_BOXES_NONE)
        for (size_t i = 0; i < L->nlines; i++)
            vb_text_drop_words(&L->lines[i].text);
    if (st == VB_OK) {
        snprintf(r->format, sizeof r->format, "%s", vb_format_name(L->format));
        snprintf(r->encoding, sizeof r->encoding, "%s", L->encoding);
        memcpy(r->sha256, L->sha256, sizeof r->sha256);
        r->pages = (int)L->npages;
        r->ocr_pages = L->ocr_pages;
        r->repairs = (int)L->nrepairs;
        st = emit(L, display_path ? display_path : "-", want, r, err);
    }
    vb_layout_free(L);
    if (st != VB_OK) {
        vb_result_free(r);
        return st;
    }
    *out = r;
    return VB_OK;
}

vb_status vb_file_read(const char *path, uint64_t max_bytes, unsigned char **data,
                       size_t *len, vb_error *err)
{
    *data = NULL;
    *len = 0;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return vb_error_set(err, VB_ERR_IO, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (f != stdin && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return vb_error_set(err, VB_ERR_IO, "is a directory");
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap + 1);
    vb_status st = buf ? VB_OK : vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    while (st == VB_OK) {
        if (n == cap) {
            unsigned char *p = realloc(buf, cap * 2 + 1);
            if (!p) {
                st = vb_error_set(err, VB_ERR_NOMEM, "out of memory reading the file");
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0) {
            if (ferror(f))
                st = vb_error_set(err, VB_ERR_IO, "read error: %s", strerror(errno));
            break;
        }
        n += r;
        if ((uint64_t)n > max_bytes)
            st = vb_error_set(err, VB_ERR_LIMIT, "file too large: over the %llu-byte limit",
                              (unsigned long long)max_bytes);
    }
    if (f != stdin)
        fclose(f);
    if (st != VB_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return VB_OK;
}

vb_status vb_convert_file(vb_engine *e, const char *path, unsigned want, vb_result **out,
                          vb_error *err)
{
    unsigned char *data;
    size_t len;
    *out = NULL;
    vb_status st = vb_file_read(path, e->opt.limits.max_file_bytes, &data, &len, err);
    if (st != VB_OK)
        return st;
    st = vb_convert_bytes(e, path, data, len, want, out, err);
    free(data);
    return st;
}
