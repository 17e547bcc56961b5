/* detect.c — which encoding is this? Every candidate decoding of a sample
 * is scored by the share of valid Vietnamese syllables it yields
 * (syllable.c); readings that score alike are told apart by the language
 * model when there is one (enc_lm.c). Lines that disagree with the
 * document's choice make it "mixed" and are then decided one by one; a
 * document with both valid UTF-8 lines and lines that are not UTF-8 is
 * split into the two families. */
#include "normalize/enc.h"
#include "normalize/syllable.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_HEAD (64 * 1024)
#define SAMPLE_PART (32 * 1024)
#define LINE_BAD 0.7      /* a line scoring below this may be in another encoding */
#define LINE_GOOD 0.5     /* ... and the other must reach this */
#define LINE_GAIN 0.3     /* ... and beat the document's choice by this */
#define LINE_MIN_PTS 3    /* ... and by this many points (a marked syllable is 2) */
#define DOC_UTF8_SURE 0.9 /* valid UTF-8 reading this well is taken without rivals */
#define DOC_UTF8_WORDS 20 /* ... given at least this many words */
#define DOC_GAIN 0.1      /* another reading of valid UTF-8 must beat it by this */
#define LM_TIE 0.3        /* readings within this of the best score read "alike" */
#define LM_MIN 1.0        /* the model must prefer another alike reading by 10^this */
#define NOT1252_COST (-1.5) /* log10, per character a CP1252 reading cannot have come from */
#define MAX_LINES 100000  /* lines of a sample looked at one by one */
#define UTF8_PROOF 16     /* valid multi-byte characters that rule out legacy bytes */

/* Bytes that are letters in VISCII, VPS or VN1 (C0 positions). */
static int c0_letter(unsigned char b)
{
    return (b >= 0x01 && b <= 0x06) || (b >= 0x10 && b <= 0x17) || b == 0x19 ||
           (b >= 0x1C && b <= 0x1E);
}

int vb_detect_binary(const unsigned char *s, size_t n)
{
    size_t stray = 0, c0 = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        if (b == 0)
            return 1;
        if (b < 0x20 && !strchr("\t\n\r\f\v", b))
            c0_letter(b) ? c0++ : stray++;
    }
    return n && (stray * 100 > n || c0 * 3 > n);
}

int vb_detect_utf16(const unsigned char *s, size_t n)
{
    size_t pairs = (n < 8192 ? n : 8192) / 2, ze = 0, zo = 0;
    for (size_t i = 0; i < pairs; i++) {
        ze += s[2 * i] == 0;
        zo += s[2 * i + 1] == 0;
    }
    if (pairs < 2)
        return -1;
    if (zo * 5 >= pairs && ze * 50 <= pairs)
        return VB_ENC_UTF16LE;
    if (ze * 5 >= pairs && zo * 50 <= pairs)
        return VB_ENC_UTF16BE;
    return -1;
}

/* Head, middle and tail of a big input, cut at line ends. */
static int take_sample(const unsigned char *s, size_t n, vb_bytes *out)
{
    if (n <= SAMPLE_HEAD + 2 * SAMPLE_PART)
        return vb_bytes_put(out, s, n);
    size_t at[3] = {0, n / 2, n - SAMPLE_PART}, len[3] = {SAMPLE_HEAD, SAMPLE_PART, SAMPLE_PART};
    for (int k = 0; k < 3; k++) {
        size_t a = at[k], e = at[k] + len[k];
        while (k && a < e && s[a - 1] != '\n')
            a++;
        while (e > a && s[e - 1] != '\n')
            e--;
        if (e > a && (vb_bytes_put(out, s + a, e - a) || vb_bytes_put(out, "\n", 1)))
            return -1;
    }
    return 0;
}

/* Characters of UTF-8 s that no CP1252 (or Latin-1) byte reads as: text
 * holding them was not made by reading bytes as CP1252 — neither mojibake
 * nor text copied out of a legacy-font document. */
static long not_cp1252(const unsigned char *s, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = vb_utf8_next(s, n, &i);
        k += cp > 0xFF && vb_cp1252_from_cp(cp) < 0;
    }
    return k;
}

/* Readings that take the text's characters for CP1252 bytes. */
static int cp1252_reading(vb_enc_id id)
{
    return id == VB_ENC_MOJI1 || id == VB_ENC_MOJI2 || id == VB_ENC_TCVN3_CP1252 ||
           id == VB_ENC_VNI_CP1252;
}


#define FAM_UTF8 (1u << VB_ENC_UTF8 | 1u << VB_ENC_MOJI1 | 1u << VB_ENC_MOJI2 | \
                  1u << VB_ENC_TCVN3_CP1252 | 1u << VB_ENC_VNI_CP1252)
#define FAM_LEGACY (1u << VB_ENC_TCVN3 | 1u << VB_ENC_VNI | 1u << VB_ENC_CP1258 | \
                    1u << VB_ENC_VISCII | 1u << VB_ENC_VPS | 1u << VB_ENC_VN1)

/* 0: ASCII only, 1: valid UTF-8 with multi-byte characters, 2: not UTF-8. */
static int line_kind(const unsigned char *s, size_t n)
{
    int multi = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t j = i;
        if (vb_utf8_next(s, n, &j) == 0xFFFD && j - i == 1)
            return 2;
        multi = 1;
        i = j;
    }
    return multi;
}

/* Which candidates can apply to this sample at all. */
static unsigned applicable(const unsigned char *s, size_t n, int utf8_only)
{
    size_t hi = 0, bad = 0, marks = 0, inword = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            int mark = strchr("'`?~.^(+", s[i]) && s[i] && i && strchr("aeiouyAEIOUYdD", s[i - 1]);
            marks += mark;
            /* VIQR evidence: a mark inside a word ("hoa.ch", "Vie^.t"), a
             * vowel modifier, or a grave or tilde after a vowel ("va`"). A
             * vowel before "." or "?" alone is just the end of a sentence
             * in unmarked text ("Muc I."), not VIQR. */
            inword += mark && (strchr("^(+`~", s[i]) || (i + 1 < n && isalpha(s[i + 1])));
            i++;
            continue;
        }
        hi++;
        size_t j = i;
        bad += vb_utf8_next(s, n, &j) == 0xFFFD && j - i == 1;
        i = j;
    }
    unsigned m = 1u << VB_ENC_UTF8;
    if (hi && bad * 100 <= hi)
        m |= 1u << VB_ENC_MOJI1 | 1u << VB_ENC_MOJI2 | 1u << VB_ENC_TCVN3_CP1252 | 1u << VB_ENC_VNI_CP1252;
    /* legacy bytes form valid UTF-8 only by accident (VPS "đến" once in a
     * while), never for UTF8_PROOF characters in a row: such a sample is
     * UTF-8 bytes, whatever it reads as */
    if (!utf8_only && (hi || marks) && !(bad == 0 && hi >= UTF8_PROOF))
        m |= 1u << VB_ENC_CP1258 | 1u << VB_ENC_TCVN3 | 1u << VB_ENC_VNI | 1u << VB_ENC_VISCII |
             1u << VB_ENC_VPS | 1u << VB_ENC_VN1;
    if (!utf8_only && inword >= (n < 256 ? 1 : 3))
        m |= 1u << VB_ENC_VIQR;
    return m;
}

/* The counts of one reading, line by line, as find_mixed needs them (so
 * that no line of the sample is scored twice). */
typedef struct line_counts {
    int32_t words, valid, odd, marked;
} line_counts;

typedef struct tally {
    int id;               /* the reading; -1: none */
    line_counts *line;
    size_t n, cap;
} tally;

static void tally_free(tally *t)
{
    free(t->line);
    memset(t, 0, sizeof *t);
    t->id = -1;
}

static int tally_add(tally *t, const vb_syl_stats *st)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        line_counts *g = realloc(t->line, cap * sizeof *g);
        if (!g)
            return -1;
        t->line = g;
        t->cap = cap;
    }
    t->line[t->n++] = (line_counts){(int32_t)st->words, (int32_t)st->valid, (int32_t)st->odd,
                                    (int32_t)st->marked};
    return 0;
}

/* Scores reading id of s[0..n) (whole lines): *st gets the sum, t (when
 * not NULL, for the first MAX_LINES lines) each line's counts. Decoders keep
 * line breaks, so the decoded text splits into the same lines. 0 or -1. */
static int score_lines(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *tmp,
                       vb_syl_stats *st, tally *t)
{
    tmp->len = 0;
    if (vb_enc_decode(id, s, n, tmp))
        return -1;
    memset(st, 0, sizeof *st);
    if (t)
        t->n = 0, t->id = id;
    const char *o = tmp->s;
    for (size_t i = 0, j = 0; j < tmp->len || i < n;) {
        const char *onl = memchr(o + j, '\n', tmp->len - j);
        const unsigned char *inl = memchr(s + i, '\n', n - i);
        size_t oe = onl ? (size_t)(onl - o) + 1 : tmp->len, ie = inl ? (size_t)(inl - s) + 1 : n;
        vb_syl_stats one = {0};
        one.lower_in_caps = id == VB_ENC_TCVN3 || id == VB_ENC_TCVN3_CP1252;
        vb_syllable_stats_add(&one, o + j, oe - j);
        if (cp1252_reading(id))
            one.odd += not_cp1252(s + i, ie - i);
        st->words += one.words, st->valid += one.valid, st->odd += one.odd, st->marked += one.marked;
        if (t && t->n < MAX_LINES && tally_add(t, &one))
            return -1;
        i = ie;
        j = oe;
    }
    return 0;
}

/* Scores reading id of s[0..n) (a line) into *st. 0 or -1. */
static int score_one(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *tmp, vb_syl_stats *st)
{
    return score_lines(id, s, n, tmp, st, NULL);
}

/* Scores the candidates in mask on s[0..n) into d; *best gets the top one
 * (earlier candidates win ties), top (when not NULL) its line counts.
 * 0 or -1. */
static int score_all(const unsigned char *s, size_t n, unsigned mask, vb_detection *d,
                     vb_bytes *tmp, vb_enc_id *best, tally *top_lines)
{
    int top = -1, rc = 0;
    tally cur = {-1, NULL, 0, 0};
    for (int id = 0; id < VB_ENC_COUNT && rc == 0; id++) {
        if (!(mask >> id & 1))
            continue;
        /* UTF-8 is scored first: when it reads as clean Vietnamese, no
         * other reading can win by DOC_GAIN, so don't spend time on them */
        if (top == VB_ENC_UTF8 && d->score[top] >= DOC_UTF8_SURE &&
            d->words[top] >= DOC_UTF8_WORDS)
            break;
        vb_syl_stats st;
        if ((rc = score_lines((vb_enc_id)id, s, n, tmp, &st, top_lines ? &cur : NULL)) != 0)
            break;
        d->score[id] = vb_syllable_score(&st);
        d->words[id] = st.words;
        d->marked[id] = st.marked;
        double gain = top == VB_ENC_UTF8 ? DOC_GAIN : 1e-9;
        if (top < 0 || d->score[id] > d->score[top] + gain) {
            top = id;
            if (top_lines) {   /* keep the new top's lines, reuse the old's memory */
                tally t = *top_lines;
                *top_lines = cur;
                cur = t;
            }
        }
    }
    tally_free(&cur);
    *best = top < 0 ? VB_ENC_UTF8 : (vb_enc_id)top;
    return rc;
}

/* Is candidate id (in mask) scored alike with best (close enough for the
 * model)? */
static int alike(const vb_detection *d, unsigned mask, int id, vb_enc_id best)
{
    return (mask >> id & 1) && id != (int)best && d->words[id] > 0 && d->score[id] > 0 &&
           d->score[id] >= d->score[best] - LM_TIE;
}

/* Readings in mask scored alike with *best on s[0..n): the most likely
 * one under the language model wins (*best stays unless another is more
 * likely by 10^LM_MIN). The model sees only the words where readings
 * differ; what it cannot see — characters a CP1252 reading cannot have
 * come from — costs NOT1252_COST each. Sets d's alike, rival, lm_margin.
 * 0 or -1 (out of memory). */
static int lm_decide(const unsigned char *s, size_t n, vb_detection *d, const struct vb_lm *lm,
                     unsigned mask, vb_enc_id *best)
{
    vb_enc_id first = *best;
    d->alike = 0;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        d->alike += alike(d, mask, id, first);
    if (!d->alike || !lm)
        return 0;
    vb_bytes a = {0}, b = {0};
    int rc = vb_enc_decode(first, s, n, &a) ? -1 : 0;
    long foreign = -1;   /* not_cp1252(s), counted once when needed */
    double top = 0, second = -1e300, delta;
    for (int id = 0; id < VB_ENC_COUNT && rc == 0; id++) {
        if (!alike(d, mask, id, first))
            continue;
        b.len = 0;
        if (vb_enc_decode((vb_enc_id)id, s, n, &b) || vb_enc_lm_delta(lm, a.s, a.len, b.s, b.len, &delta)) {
            rc = -1;
            break;
        }
        if (cp1252_reading((vb_enc_id)id) != cp1252_reading(first)) {
            foreign = foreign < 0 ? not_cp1252(s, n) : foreign;
            delta += (cp1252_reading((vb_enc_id)id) ? 1 : -1) * NOT1252_COST * (double)foreign;
        }
        if (delta > top) {   /* more likely than the best so far */
            second = top;
            d->rival = *best;
            top = delta;
            *best = (vb_enc_id)id;
        } else if (delta > second) {
            second = delta;
            d->rival = (vb_enc_id)id;
        }
    }
    if (*best != first && top < LM_MIN) {   /* not clearly more likely */
        d->rival = *best;
        second = top;
        top = 0;
        *best = first;
    }
    /* what --detect reports: a change against the inventory's choice, else
     * the closest alternative (negative: it leaned there, too little) */
    if (*best != first)
        d->rival = first, second = 0;
    d->lm_margin = top - second;
    vb_bytes_free(&a);
    vb_bytes_free(&b);
    return rc;
}

/* A valid UTF-8 line of a document split into Unicode and legacy lines:
 * does it read better as the legacy encoding (a short line's legacy bytes
 * can happen to be valid UTF-8: VPS "đến" is UTF-8 "ǉn")? Clearly better
 * by the inventory, or close and more likely under the model. 1 yes, 0 no,
 * -1 out of memory. */
static int legacy_line(const unsigned char *s, size_t n, const vb_detection *d, vb_enc_id utf8,
                       vb_bytes *tmp)
{
    vb_syl_stats u, l;
    if (score_one(utf8, s, n, tmp, &u) || score_one(d->best_legacy, s, n, tmp, &l))
        return -1;
    long pu = u.valid + u.marked - u.odd, pl = l.valid + l.marked - l.odd;
    if (pl >= pu + LINE_MIN_PTS && vb_syllable_score(&l) > vb_syllable_score(&u))
        return 1;
    if (!d->model || pl <= pu - LINE_MIN_PTS)
        return 0;
    vb_bytes a = {0}, b = {0};
    double delta = 0;
    int rc = vb_enc_decode(utf8, s, n, &a) || vb_enc_decode(d->best_legacy, s, n, &b) ||
             vb_enc_lm_delta(d->model, a.s, a.len, b.s, b.len, &delta) ? -1 : delta >= LM_MIN;
    vb_bytes_free(&a);
    vb_bytes_free(&b);
    return rc;
}

/* vb_detect_line; known: the line's counts in d->best, when already
 * counted. */
static int line_choice(const unsigned char *s, size_t n, const vb_detection *d, vb_bytes *tmp,
                       const vb_syl_stats *known, vb_enc_id *out)
{
    int kind = line_kind(s, n);
    unsigned mask = d->tried;
    vb_enc_id best = d->best;
    if (d->split) {   /* ASCII lines read the same in every family: Unicode's */
        best = kind == 2 ? d->best_legacy : kind == 1 ? d->best_utf8 : VB_ENC_UTF8;
        mask &= kind == 2 ? FAM_LEGACY : FAM_UTF8 | 1u << VB_ENC_VIQR;
    } else if (best == VB_ENC_UTF8) {
        /* every line of an unsplit UTF-8 document is valid UTF-8: a legacy
         * byte encoding would have shown as invalid lines and been split
         * off, so only the UTF-8 family (mojibake, font text) and VIQR can
         * read a line better */
        mask &= FAM_UTF8 | 1u << VB_ENC_VIQR;
    }
    if (d->split && kind == 1) {   /* legacy bytes can happen to be valid UTF-8 */
        int legacy = legacy_line(s, n, d, best, tmp);
        if (legacy != 0) {
            *out = legacy > 0 ? d->best_legacy : best;
            return legacy < 0 ? -1 : 0;
        }
    }
    *out = best;
    if (kind == 0 && !(d->tried >> VB_ENC_VIQR & 1))
        return 0;
    vb_syl_stats st;
    if (known && best == d->best)
        st = *known;
    else if (score_one(best, s, n, tmp, &st))
        return -1;
    double base = vb_syllable_score(&st), top = base;
    long base_pts = st.valid + st.marked - st.odd;
    if (base >= LINE_BAD || st.words + st.odd == 0)
        return 0;
    for (int id = 0; id < VB_ENC_COUNT; id++) {
        if (!(mask >> id & 1) || id == (int)best)
            continue;
        if (score_one((vb_enc_id)id, s, n, tmp, &st))
            return -1;
        double sc = vb_syllable_score(&st);
        /* ... and by at least two syllables' worth, not one lucky word */
        if (sc >= LINE_GOOD && sc >= base + LINE_GAIN && sc > top + 1e-9 &&
            st.valid + st.marked - st.odd >= base_pts + LINE_MIN_PTS) {
            top = sc;
            *out = (vb_enc_id)id;
        }
    }
    return 0;
}

int vb_detect_line(const unsigned char *s, size_t n, const vb_detection *d, vb_bytes *tmp,
                   vb_enc_id *out)
{
    return line_choice(s, n, d, tmp, NULL, out);
}

/* Does any line of the sample read clearly better in another candidate?
 * known: the line counts of d->best, when score_all kept them. */
static int find_mixed(const unsigned char *s, size_t n, const vb_detection *d, vb_bytes *tmp,
                      const tally *known)
{
    int have = known->id == (int)d->best;
    for (size_t i = 0, k = 0; i < n && k < MAX_LINES; k++) {
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        vb_syl_stats st = {0};
        if (have && k < known->n) {
            const line_counts *c = &known->line[k];
            st = (vb_syl_stats){.words = c->words, .valid = c->valid, .odd = c->odd, .marked = c->marked};
        }
        vb_enc_id id;
        if (line_choice(s + i, e - i, d, tmp, have && k < known->n ? &st : NULL, &id))
            return -1;
        if (id != d->best)
            return 1;
        i = e;
    }
    return 0;
}

/* Valid UTF-8 lines and non-UTF-8 lines side by side: the best of each
 * family on its own lines. 1 if split, 0 if not, -1 on out of memory. */
static int try_split(const unsigned char *s, size_t n, vb_detection *d, const struct vb_lm *lm,
                     vb_bytes *tmp)
{
    vb_bytes fam[2] = {{0}, {0}};
    int rc = -1;
    for (size_t i = 0, lines = 0; i < n && lines < MAX_LINES; lines++) {
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        int k = line_kind(s + i, e - i);
        if (k && vb_bytes_put(&fam[k - 1], s + i, e - i))
            goto done;
        i = e;
    }
    rc = 0;
    if (fam[0].len && fam[1].len) {
        vb_detection t = *d;
        const unsigned char *u = (unsigned char *)fam[0].s, *l = (unsigned char *)fam[1].s;
        if (score_all(u, fam[0].len, FAM_UTF8, &t, tmp, &d->best_utf8, NULL) ||
            lm_decide(u, fam[0].len, &t, lm, FAM_UTF8, &d->best_utf8) ||
            score_all(l, fam[1].len, FAM_LEGACY, &t, tmp, &d->best_legacy, NULL) ||
            lm_decide(l, fam[1].len, &t, lm, FAM_LEGACY, &d->best_legacy))
            rc = -1;
        else
            rc = d->split = d->mixed = 1;
        d->tried |= FAM_UTF8 | FAM_LEGACY;
    }
done:
    vb_bytes_free(&fam[0]);
    vb_bytes_free(&fam[1]);
    return rc;
}

int vb_detect_forced(const unsigned char *s, size_t n, vb_enc_id id, vb_detection *d)
{
    vb_bytes sample = {0}, tmp = {0};
    memset(d, 0, sizeof *d);
    d->best = id;
    d->tried = 1u << id;
    int rc = take_sample(s, n, &sample) ? -1
             : score_all((unsigned char *)sample.s, sample.len, d->tried, d, &tmp, &d->best, NULL);
    vb_bytes_free(&sample);
    vb_bytes_free(&tmp);
    return rc;
}

int vb_detect(const unsigned char *s, size_t n, int utf8_only, const struct vb_lm *lm,
              vb_detection *d)
{
    vb_bytes sample = {0}, tmp = {0};
    tally lines = {-1, NULL, 0, 0};
    int rc = -1;
    memset(d, 0, sizeof *d);
    d->best = VB_ENC_UTF8;
    d->lm = lm != NULL;
    d->model = lm;
    if (take_sample(s, n, &sample))
        goto done;
    const unsigned char *p = (const unsigned char *)sample.s;
    d->tried = applicable(p, sample.len, utf8_only);
    if (score_all(p, sample.len, d->tried, d, &tmp, &d->best, &lines) ||
        lm_decide(p, sample.len, d, lm, d->tried, &d->best))
        goto done;
    rc = utf8_only ? 0 : try_split(p, sample.len, d, lm, &tmp);
    if (rc != 0)
        goto done;
    if (d->tried != (1u << VB_ENC_UTF8)) {
        rc = find_mixed(p, sample.len, d, &tmp, &lines);
        d->mixed = rc == 1;
    }
done:
    rc = rc < 0 ? -1 : 0;
    tally_free(&lines);
    vb_bytes_free(&sample);
    vb_bytes_free(&tmp);
    return rc;
}

