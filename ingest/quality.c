/* quality.c — is a page's text Vietnamese? The share of letter tokens that
 * parse as Vietnamese syllables (onset + vowel cluster + final, at most one
 * tone mark). Private to ingest: the encoding work's normalize/syllable.h is
 * not on this branch, so this is a small stand-alone scorer for deciding
 * between a PDF text layer and OCR, not a spelling checker. */
#include "ingest/geometry.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static const char *const onsets[] = {
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "d-",
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
/* Vowel clusters with ^ for circumflex, ( for breve, + for horn. */
static const char *const vowels[] = {
    "a", "a(", "a^", "e", "e^", "i", "y", "o", "o^", "o+", "u", "u+", "ai", "ao", "au", "ay",
    "a^u", "a^y", "eo", "e^u", "ia", "iu", "ie^", "ie^u", "oa", "oa(", "oe", "oi", "o^i",
    "o+i", "oai", "oay", "oo", "ua", "ua^", "ua^y", "ue", "ue^", "ui", "uy", "uo^", "uo^i",
    "uo+", "uya", "uye^", "uyu", "u+a", "u+i", "u+u", "u+o+", "u+o+i", "u+o+u", "ye^",
    "ye^u", "uy^", "ue^u",
};
static const char *const finals[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t", ""};

static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

/* rest = vowel cluster + final. */
static int rime_ok(const char *s, size_t n)
{
    for (size_t f = 0; f < sizeof finals / sizeof *finals; f++) {
        size_t fl = strlen(finals[f]);
        if (fl >= n || memcmp(s + n - fl, finals[f], fl) != 0)
            continue;
        if (in_list(s, n - fl, vowels, sizeof vowels / sizeof *vowels))
            return 1;
    }
    return 0;
}

static int syllable_ok(const char *s, size_t n)
{
    for (size_t o = 0; o < sizeof onsets / sizeof *onsets; o++) {
        size_t ol = strlen(onsets[o]);
        if (ol <= n && memcmp(s, onsets[o], ol) == 0 && rime_ok(s + ol, n - ol))
            return 1;
    }
    return 0;
}

/* Encodes one NFD token into the ASCII form above; -1 when it is not made of
 * Latin letters and Vietnamese marks, else the number of tone marks. */
static int encode(const UChar *u, int32_t n, char *out, size_t cap, size_t *len)
{
    int tones = 0;
    *len = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = u[i];
        const char *add = NULL;
        char one[2] = {0, 0};
        if (c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323) {
            tones++;
            continue;
        } else if (c == 0x302)
            add = "^";
        else if (c == 0x306)
            add = "(";
        else if (c == 0x31B)
            add = "+";
        else if (c == 0x110 || c == 0x111)
            add = "d-";
        else if (c < 0x80 && u_isalpha(c)) {
            one[0] = (char)u_tolower(c);
            add = one;
        } else
            return -1;
        size_t al = strlen(add);
        if (*len + al >= cap)
            return -1;
        memcpy(out + *len, add, al);
        *len += al;
    }
    return tones;
}

/* Scores one token; 1 valid, 0 invalid, -1 not a letter token (skip). */
static int score_token(const UChar *u, int32_t n)
{
    int letters = 0, digits = 0;
    for (int32_t i = 0; i < n; i++) {
        if (u_isdigit(u[i]))
            digits++;
        else if (u_isalpha(u[i]))
            letters++;
    }
    if (letters == 0)
        return -1;
    if (digits)
        return 0;
    UErrorCode ec = U_ZERO_ERROR;
    UChar d[64];
    int32_t dn = unorm2_normalize(unorm2_getNFDInstance(&ec), u, n, d, 64, &ec);
    if (U_FAILURE(ec))
        return 0;
    char enc[96];
    size_t el;
    int tones = encode(d, dn, enc, sizeof enc, &el);
    return tones >= 0 && tones <= 1 && syllable_ok(enc, el);
}

double vb_syllable_score(const char *s, size_t n, int min_tokens)
{
    long ok = 0, total = 0;
    size_t i = 0;
    while (i < n) {
        UChar u[40];
        int32_t un = 0;
        int long_tok = 0;
        while (i < n) { /* one token: letters, digits and marks */
            UChar32 c;
            size_t start = i;
            U8_NEXT((const uint8_t *)s, i, n, c);
            if (c < 0 || !(u_isalnum(c) || u_getCombiningClass(c) > 0)) {
                if (un == 0 && i > start)
                    continue;
                break;
            }
            if (un < 38)
                un += (int32_t)(c > 0xFFFF ? 0 : (u[un] = (UChar)c, 1));
            else
                long_tok = 1;
        }
        if (un == 0)
            continue;
        int r = long_tok ? 0 : score_token(u, un);
        if (r >= 0) {
            total++;
            ok += r;
        }
    }
    if (total < min_tokens || total == 0)
        return -1.0;
    return (double)ok / (double)total;
}
