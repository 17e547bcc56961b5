/* enc_lm.c — the language model's say on two readings of the same bytes
 * that the syllable inventory scores alike: VISCII or VPS ("nhạc sĩ" or
 * "nhăc sỉ", valid syllables either way), VN1 or TCVN3 ("quốc gia Ý" or
 * "quốc gia" and a control character, where a lone capital counts no more
 * than the debris). Which reading is Vietnamese is a question for the
 * trigram model. Only the words where the readings differ, with the two
 * after them, are scored: identical lines cost a comparison, nothing more. */
#include "normalize/enc.h"
#include "normalize/lm.h"

#include <stdlib.h>
#include <string.h>

/* log10 per character of an unknown token: the model's <unk> pools every
 * rare word; debris of a wrong reading is spelled out, letter by letter
 * (about 1 in 30). */
#define CHAR_COST (-1.5)
/* log10, more per control character or U+FFFD: they are in no text, where
 * a letter of another alphabet (Š in a name) may be. */
#define CTRL_COST (-3.0)

typedef struct tok {
    uint32_t id;
    unsigned char chars;   /* characters of the token (at most 255) */
    unsigned char ctrl;    /* control characters and U+FFFD in it (at most 255) */
    unsigned char apart;   /* plain punctuation or a number */
} tok;

typedef struct toks {
    const vb_lm *lm;
    tok *t;
    size_t n, cap;
    int oom;
} toks;

/* Punctuation a Vietnamese text has: ASCII, typographic (dashes, quotes,
 * bullets, ‰ ′), § © « ° ± ² ³ » × ÷. Controls, U+FFFD, letters of other
 * alphabets (Š ƒ ð) are debris. */
static int plain_punct(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7F;
    if (cp >= 0xA0 && cp <= 0xBF)
        return strchr("\xA0\xA7\xA9\xAB\xB0\xB1\xB2\xB3\xB7\xBB", (int)cp) != NULL;
    return cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x205E && cp != 0x2020 && cp != 0x2021);
}

static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static int add_token(void *ctx, const char *w, size_t n, int cls)
{
    toks *t = ctx;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        tok *g = realloc(t->t, cap * sizeof *g);
        if (!g) {
            t->oom = 1;
            return 1;
        }
        t->t = g;
        t->cap = cap;
    }
    uint32_t id = cls >= 0 ? (uint32_t)cls : n < 64 ? vb_lm_id(t->lm, w, n) : VB_LM_UNK;
    size_t ctrl = 0;
    if (cls == VB_LM_STOP || cls == VB_LM_COMMA)
        for (size_t i = 0; i < n;) {
            int len;
            uint32_t cp = vb_utf8_get(w + i, n - i, &len);
            id = plain_punct(cp) ? id : VB_LM_UNK;
            ctrl += cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD;
            i += (size_t)len;
        }
    size_t k = chars(w, n);
    t->t[t->n++] = (tok){id, (unsigned char)(k < 255 ? k : 255), (unsigned char)(ctrl < 255 ? ctrl : 255),
                         id != VB_LM_UNK && cls >= 0};
    return 0;
}

/* Tokens from..t->n came from one chunk between spaces. When something in
 * it is unknown, its letters and debris are one unknown word, however a
 * reading cut it: "Pršo" read as "Pr", "Š", "o" or as "PrỠo" is the same
 * unknown name, not three tokens against one. */
static void merge_unknown(toks *t, size_t from)
{
    size_t a = from, b = t->n, unk = 0, k = 0, ctrl = 0;
    while (a < b && t->t[a].apart)
        a++;
    while (b > a && t->t[b - 1].apart)
        b--;
    for (size_t i = a; i < b; i++) {
        unk += t->t[i].id == VB_LM_UNK;
        k += t->t[i].chars;
        ctrl += t->t[i].ctrl;
    }
    if (!unk || b - a < 2)
        return;
    t->t[a] = (tok){VB_LM_UNK, (unsigned char)(k < 255 ? k : 255), (unsigned char)(ctrl < 255 ? ctrl : 255), 0};
    memmove(t->t + a + 1, t->t + b, (t->n - b) * sizeof *t->t);
    t->n -= b - a - 1;
}

/* <s> tokens of s[0..n) </s>, as the trainer cuts them (lowercase words,
 * classes for numbers and punctuation), unknown chunks merged. */
static void tokenize(const char *s, size_t n, toks *t)
{
    t->n = 0;
    add_token(t, "", 0, VB_LM_BOS);
    for (size_t i = 0; i < n && !t->oom;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        size_t e = i, from = t->n;
        while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '\r')
            e++;
        vb_lm_tokenize(s + i, e - i, add_token, t);
        merge_unknown(t, from);
        i = e;
    }
    add_token(t, "", 0, VB_LM_EOS);
}

/* log10 P of tokens [from, to) given the two before each. */
static double span(const vb_lm *lm, const toks *t, size_t from, size_t to)
{
    double sum = 0;
    for (size_t i = from ? from : 1; i < to && i < t->n; i++) {
        uint32_t w = t->t[i].id;
        sum += vb_lm_logp(lm, i >= 2 ? t->t[i - 2].id : VB_LM_BOS, t->t[i - 1].id, w);
        sum += w == VB_LM_UNK ? CHAR_COST * t->t[i].chars + CTRL_COST * t->t[i].ctrl : 0;
    }
    return sum;
}

static int same(const tok *x, const tok *y)
{
    return x->id == y->id && x->chars == y->chars && x->ctrl == y->ctrl;
}

/* One line in both readings: log10 P(b) - log10 P(a) over the tokens from
 * the first that differs to two past the last (their context changed). */
static double line_delta(const char *a, size_t an, const char *b, size_t bn, toks *A, toks *B)
{
    tokenize(a, an, A);
    tokenize(b, bn, B);
    size_t p = 0, q = 0, m = A->n < B->n ? A->n : B->n;
    while (p < m && same(&A->t[p], &B->t[p]))
        p++;
    if (p == A->n && p == B->n)
        return 0;
    while (q < m - p && same(&A->t[A->n - 1 - q], &B->t[B->n - 1 - q]))
        q++;
    return span(A->lm, B, p, B->n - q + 2) - span(A->lm, A, p, A->n - q + 2);
}

int vb_enc_lm_delta(const vb_lm *lm, const char *a, size_t an, const char *b, size_t bn, double *delta)
{
    toks A = {lm, NULL, 0, 0, 0}, B = {lm, NULL, 0, 0, 0};
    *delta = 0;
    for (size_t i = 0, j = 0; i < an && j < bn && !A.oom && !B.oom;) {
        const char *na = memchr(a + i, '\n', an - i), *nb = memchr(b + j, '\n', bn - j);
        size_t ea = na ? (size_t)(na - a) : an, eb = nb ? (size_t)(nb - b) : bn;
        if (ea - i != eb - j || memcmp(a + i, b + j, ea - i) != 0)
            *delta += line_delta(a + i, ea - i, b + j, eb - j, &A, &B);
        i = ea + 1;
        j = eb + 1;
    }
    int rc = A.oom || B.oom ? -1 : 0;
    free(A.t);
    free(B.t);
    return rc;
}
