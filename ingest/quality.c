/* quality.c — is a page's text Vietnamese? Used to choose between a PDF's
 * text layer and OCR. The syllable inventory itself lives in normalize/
 * (syllable.h, shared with encoding detection); this is the page-level view. */
#include "ingest/geometry.h"
#include "normalize/syllable.h"

double vb_page_text_quality(const char *s, size_t n, int min_tokens)
{
    vb_syl_stats st = {0};
    vb_syllable_stats_add(&st, s, n);
    if (st.words < min_tokens || st.words == 0)
        return -1.0;
    return (double)st.valid / (double)st.words;
}
