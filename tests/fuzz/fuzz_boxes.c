/* fuzz_boxes.c — libFuzzer target for word boxes: the bytes become the
 * lines of a two-page PDF-like layout (lines with two tabs or more are
 * table rows), every word with a box, and lower-case words starting with
 * 'q' restored to upper case with a correction, as restoration does. The
 * layout goes through normalize's line pass (NFC, markup, spaces) and
 * extract to XML. Besides a crash, leak or undefined behaviour, a failure
 * is an invalid document or XML that is not, <w> tags removed, exactly the
 * XML of the same layout without boxes. */
#include "core/engine.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

/* "q…" → "Q…" as a restoration splice with its correction. */
static void restore_q(vb_text *t, size_t off, size_t n)
{
    char *orig = strndup(t->s + off, n), up[1] = {'Q'};
    if (orig && vb_text_splice(t, off, 1, up, 1) == 0)
        vb_text_add_corr(t, off, n, orig, 0.5f);
    free(orig);
}

/* Word boxes (with_words) and restorations on one line. */
static void words_of(vb_line *ln, int with_words, unsigned seed)
{
    vb_text *t = &ln->text;
    int k = 0;
    for (size_t i = 0; i < t->len; i++) {
        size_t j = i;
        while (j < t->len && t->s[j] != ' ' && t->s[j] != '\t')
            j++;
        if (j > i && with_words) {
            int x = (int)((seed + 131u * (unsigned)k) % 2400u), y = (int)(seed % 3400u);
            vb_text_add_word(t, i, j - i, ln->page, (vb_box){x, y, x + 80, y + 40},
                             k % 3 ? 0.5f : -1.0f);
        }
        if (j > i && t->s[i] == 'q')
            restore_q(t, i, j - i);
        k++;
        i = j;
    }
}

static vb_layout *layout_of(const unsigned char *data, size_t len, int with_words)
{
    vb_layout *L = vb_layout_new();
    if (!L)
        return NULL;
    L->format = VB_FMT_PDF;
    memset(L->sha256, '0', 64);
    for (int p = 1; p <= 2; p++) {
        vb_page *pg = vb_layout_add_page(L, p);
        if (!pg)
            break;
        *pg = (vb_page){.number = p, .width = 2480, .height = 3508, .dpi = 300,
                        .path = p == 1 ? VB_PAGE_TEXT_LAYER : VB_PAGE_OCR, .text_quality = -1};
    }
    size_t nl = 0;
    for (size_t a = 0; a < len;) {
        const unsigned char *e = memchr(data + a, '\n', len - a);
        size_t n = e ? (size_t)(e - (data + a)) : len - a, tabs = 0;
        vb_line *ln = vb_layout_add_line(L, (const char *)data + a, n, 1 + (a * 2 >= len));
        if (!ln)
            break;
        for (size_t i = 0; i < n; i++)
            tabs += data[a + i] == '\t';
        ln->flags = tabs >= 2 ? VB_LINE_ROW : 0;
        words_of(ln, with_words, (unsigned)(a * 2654435761u) ^ (unsigned)nl++);
        a += n + 1;
    }
    return L;
}

/* The XML of the layout, or NULL when a step fails (out of memory, limits). */
static char *xml_of(vb_engine *e, vb_layout *L)
{
    vb_node *plan = NULL;
    char *xml = NULL;
    size_t n;
    vb_error err = {0};
    if (L && vb_normalize_layout(e, L, &err) == VB_OK && vb_extract(L, "fuzz", &plan, &err) == VB_OK &&
        vb_plan_write_xml(plan, &xml, &n, &err) == VB_ERR_INVALID)
        abort(); /* the writer made something the schema forbids */
    vb_node_free(plan);
    return xml;
}

static void strip_w(char *s)
{
    size_t k = 0;
    for (size_t i = 0; s[i];) {
        if (strncmp(s + i, "<w ", 3) == 0 || strncmp(s + i, "</w>", 4) == 0) {
            i += strcspn(s + i, ">") + 1;
            continue;
        }
        s[k++] = s[i++];
    }
    s[k] = '\0';
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
    static vb_engine *e;
    if (!e) {
        vb_options o;
        vb_options_init(&o);
        o.restore = VB_RESTORE_NEVER;
        if (!(e = vb_engine_new(&o, NULL)))
            abort();
    }
    if (len > 1 << 16)
        return 0;
    vb_layout *L = layout_of(data, len, 1), *N = layout_of(data, len, 0);
    char *with = xml_of(e, L), *without = xml_of(e, N);
    if (with && without) {
        strip_w(with);
        if (strcmp(with, without) != 0)
            abort(); /* boxes changed a string value */
    }
    free(with);
    free(without);
    vb_layout_free(L);
    vb_layout_free(N);
    return 0;
}
