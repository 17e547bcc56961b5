/* tone.c — tone-mark placement style on NFC text: VB_TONE_OLD puts the tone
 * of an open oa/oe/uy rhyme on the first vowel (hòa, thủy), VB_TONE_NEW on
 * the second (hoà, thuỷ). Closed rhymes (hoàn) and qu- (quý) never move. */
#include "normalize/enc.h"
#include "normalize/normalize.h"
#include "normalize/syllable.h"

#include <string.h>
#include <unicode/uchar.h>

/* Lowercase toneless base of a letter, tone in *tone. */
static uint32_t base_of(uint32_t cp, int *tone)
{
    uint32_t b;
    vb_letter_split(cp, &b, tone);
    return (uint32_t)u_tolower((UChar32)b);
}

static int is_pair(uint32_t a, uint32_t b)
{
    return (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
}

/* Moves the tone within the last two letters w[n-2], w[n-1] if needed. */
static int restyle(uint32_t *w, size_t n, int style)
{
    if (n < 2)
        return 0;
    int t1, t2, t0 = 0;
    uint32_t a = base_of(w[n - 2], &t1), b = base_of(w[n - 1], &t2);
    uint32_t before = n >= 3 ? base_of(w[n - 3], &t0) : 0;
    if (!is_pair(a, b) || (t1 && t2) || !(t1 || t2) || before == 'q' ||
        (before && strchr("aeiouy", (int)before)) || (before == 'g' && a == 'i'))
        return 0;
    int tone = t1 ? t1 : t2, on_first = style == VB_TONE_OLD;
    if ((t1 != 0) == on_first)
        return 0;
    uint32_t ba, bb;
    vb_letter_split(w[n - 2], &ba, &t1);
    vb_letter_split(w[n - 1], &bb, &t2);
    uint32_t na = vb_letter_join(ba, on_first ? tone : 0), nb = vb_letter_join(bb, on_first ? 0 : tone);
    if (!na || !nb)
        return 0;
    w[n - 2] = na;
    w[n - 1] = nb;
    return 1;
}

int vb_tone_style_apply(vb_text *t, int style)
{
    if (style != VB_TONE_OLD && style != VB_TONE_NEW)
        return 0;
    vb_bytes out = {0};
    const unsigned char *s = (const unsigned char *)t->s;
    uint32_t w[8];
    size_t k = 0, len = 0;
    int changed = 0;
    for (size_t i = 0; i <= t->len;) {
        uint32_t cp = i < t->len ? vb_utf8_next(s, t->len, &i) : (i++, 0);
        if (cp && u_isalpha((UChar32)cp)) {
            if (len < 8)
                w[k++] = cp;
            else if (len == 8)
                for (size_t j = 0; j < k; j++)
                    if (vb_bytes_cp(&out, w[j]))
                        goto oom;
            if (len >= 8 && vb_bytes_cp(&out, cp))
                goto oom;
            len++;
            continue;
        }
        if (len && len <= 8) {
            changed |= restyle(w, k, style);
            for (size_t j = 0; j < k; j++)
                if (vb_bytes_cp(&out, w[j]))
                    goto oom;
        }
        k = len = 0;
        if (cp && vb_bytes_cp(&out, cp))
            goto oom;
    }
    if (changed && vb_text_rewrite(t, out.s ? out.s : "", out.len))
        goto oom;
    vb_bytes_free(&out);
    return changed;
oom:
    vb_bytes_free(&out);
    return -1;
}
