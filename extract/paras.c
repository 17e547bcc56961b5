/* paras.c — layout lines → paragraphs. Converters and PDF text layers
 * break lines inside paragraphs (some after every line, with blank lines
 * between); a line joins the paragraph before it when it cannot start one:
 * it begins in lower case, or the document is hard-wrapped and the line
 * before ran to the margin without ending a sentence. Marks (I., 1., a.,
 * -, +) always start a paragraph. U+2029 inside a line is a break. A
 * syllable cut at the line's end ("trư-" / "ờng", "lượ" / "ng") is made
 * whole again. */
#include "extract/doc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* normalize/syllable.h, whose tone enum would clash with vb_mark's names */
int vb_syllable_valid(const char *utf8, size_t n);

#define PARA_SEP "\xE2\x80\xA9"

static const struct {
    const char *s;
    int n;
} romans[] = {{"I", 1},     {"II", 2},   {"III", 3}, {"IV", 4}, {"V", 5},   {"VI", 6},
              {"VII", 7},   {"VIII", 8}, {"IX", 9},  {"X", 10}, {"XI", 11}, {"XII", 12},
              {"XIII", 13}, {"XIV", 14}, {"XV", 15}, {NULL, 0}};

int vb_roman_value(const char *label)
{
    for (size_t i = 0; romans[i].s; i++)
        if (strcmp(romans[i].s, label) == 0)
            return romans[i].n;
    return 0;
}

/* Bytes of a bullet character at s, 0 if none. */
static size_t bullet_len(const unsigned char *s, size_t left, vb_mark *kind)
{
    *kind = VB_MARK_DASH;
    if (left >= 1 && (s[0] == '-' || s[0] == '*'))
        return left >= 2 && s[1] == s[0] ? 0 : 1;
    if (left >= 1 && s[0] == '+') {
        *kind = VB_MARK_PLUS;
        return 1;
    }
    /* – — • · ‒ */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xA2 || s[2] == 0x92))
        return 3;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xB7)
        return 2;
    return 0;
}

static size_t skip_blank(const char *s, size_t i, size_t len)
{
    while (i < len) {
        if (s[i] == ' ' || s[i] == '\t')
            i++;
        else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else
            break;
    }
    return i;
}

/* After a label: '.' or ')' then a blank or the end. Returns bytes, 0 if not. */
static size_t label_end(const char *s, size_t i, size_t len, int need_punct)
{
    if (i < len && (s[i] == '.' || s[i] == ')')) {
        i++;
        if (i == len || s[i] == ' ' || s[i] == '\t' || (unsigned char)s[i] >= 0x80)
            return i;
        return isalpha((unsigned char)s[i]) ? i : 0;
    }
    return !need_punct && i < len && s[i] == ' ' ? i : 0;
}

/* "I- ", "II/ ", "III – ", "IV: " after a Roman numeral. Returns bytes, 0 if not. */
static size_t roman_dash(const char *s, size_t i, size_t len)
{
    size_t k = i;
    while (k < len && s[k] == ' ' && k - i < 2)
        k++;
    if (k < len && strchr("-/:", s[k]))
        k++;
    else if (k + 2 < len && !memcmp(s + k, "\xE2\x80\x93", 3))
        k += 3;
    else
        return 0;
    return k < len && s[k] == ' ' ? k : 0;
}

static vb_mark numeric_mark(const char *s, size_t i, size_t len, char label[16], size_t *end)
{
    size_t j = i, dots = 0;
    while (j < len && j - i < 12) {
        size_t d = j;
        while (j < len && isdigit((unsigned char)s[j]))
            j++;
        if (j == d || j - d > 2)
            return VB_MARK_NONE;
        if (j + 1 < len && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
            j++;
            dots++;
            continue;
        }
        break;
    }
    size_t e = label_end(s, j, len, dots == 0);
    if (!e || j - i >= 16)
        return VB_MARK_NONE;
    memcpy(label, s + i, j - i);
    label[j - i] = '\0';
    *end = e;
    return VB_MARK_NUMBER;
}

static vb_mark alpha_mark(const char *s, size_t i, size_t len, char label[16], size_t *end)
{
    size_t j = i;
    while (j < len && j - i < 6 && strchr("IVX", s[j]))
        j++;
    if (j > i && j - i < 16) {
        memcpy(label, s + i, j - i);
        label[j - i] = '\0';
        size_t e = label_end(s, j, len, 1);
        if (!e)
            e = roman_dash(s, j, len);
        if (e && vb_roman_value(label)) {
            *end = e;
            return VB_MARK_ROMAN;
        }
    }
    unsigned char c = (unsigned char)s[i];
    size_t k = 1;
    if (c == 0xC4 && i + 1 < len && ((unsigned char)s[i + 1] == 0x91))
        k = 2; /* đ */
    else if (!islower(c))
        return VB_MARK_NONE;
    size_t e = label_end(s, i + k, len, 1);
    if (!e)
        return VB_MARK_NONE;
    memcpy(label, s + i, k);
    label[k] = '\0';
    *end = e;
    return VB_MARK_LETTER;
}

vb_mark vb_mark_read(const char *s, size_t len, char label[16], size_t *rest)
{
    size_t i = skip_blank(s, 0, len), end = 0;
    label[0] = '\0';
    *rest = i;
    if (i >= len)
        return VB_MARK_NONE;
    vb_mark k = VB_MARK_NONE;
    size_t b = bullet_len((const unsigned char *)s + i, len - i, &k);
    if (b) {
        memcpy(label, s + i, b);
        label[b] = '\0';
        end = i + b;
    } else if (isdigit((unsigned char)s[i])) {
        k = numeric_mark(s, i, len, label, &end);
    } else {
        k = alpha_mark(s, i, len, label, &end);
    }
    if (k == VB_MARK_NONE)
        return k;
    *rest = skip_blank(s, end, len);
    return k;
}

/* ---- line properties ----------------------------------------------------- */

static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* The trimmed extent [*a, *b) of line text; 0 when blank. */
static int trimmed(const vb_text *t, size_t *a, size_t *b)
{
    size_t i = skip_blank(t->s, 0, t->len), j = t->len;
    while (j > i && (t->s[j - 1] == ' ' || t->s[j - 1] == '\t' || t->s[j - 1] == '\r' ||
                     ((unsigned char)t->s[j - 1] == 0xA0 && j - 2 >= i &&
                      (unsigned char)t->s[j - 2] == 0xC2)))
        j -= (unsigned char)t->s[j - 1] == 0xA0 ? 2 : 1;
    *a = i;
    *b = j;
    return j > i;
}

static int starts_lower(const char *s, size_t n)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
    return c > 0 && (u_islower(c) || c == '(');
}

static int ends_sentence(const vb_text *t)
{
    size_t j = t->len;
    while (j > 0 && t->s[j - 1] == ' ')
        j--;
    return j > 0 && strchr(".;:!?", t->s[j - 1]) != NULL;
}

size_t vb_layout_wrapped(const vb_layout *L)
{
    size_t *lens = malloc((L->nlines + 1) * sizeof *lens), n = 0;
    if (!lens)
        return 0;
    for (size_t i = 0; i < L->nlines; i++) {
        size_t a, b;
        if (trimmed(&L->lines[i].text, &a, &b) && !memchr(L->lines[i].text.s + a, '\t', b - a))
            lens[n++] = cp_count(L->lines[i].text.s + a, b - a);
    }
    size_t big = 0;
    for (size_t i = 0; i < n; i++)
        big = lens[i] > big ? lens[i] : big;
    free(lens);
    if (n < 8 || big > 160)
        return 0;
    /* lines that run to the margin and go on in lower case on the next line */
    size_t longish = 0, runs = 0, prev = (size_t)-1;
    for (size_t i = 0; i < L->nlines; i++) {
        size_t a, b;
        const vb_text *t = &L->lines[i].text;
        if (!trimmed(t, &a, &b))
            continue;
        if (prev != (size_t)-1 && starts_lower(t->s + a, b - a))
            runs++;
        size_t len = cp_count(t->s + a, b - a);
        prev = len * 10 >= big * 7 ? i : (size_t)-1;
        longish += prev != (size_t)-1;
    }
    return runs >= 3 && runs * 4 >= longish ? big : 0;
}

/* ---- building ------------------------------------------------------------ */

typedef struct joiner {
    vb_paras *out;
    vb_para cur;
    int open;
    size_t last_len, width; /* width: 0 unless the text is hard-wrapped */
    int last_upper;         /* the last line added was in capitals */
} joiner;

/* A paragraph longer than this is cut: later steps (space collapsing,
 * citation search) must stay near-linear on pathological input. */
#define PARA_MAX (64u * 1024u)

static int flush(joiner *j)
{
    if (!j->open)
        return 0;
    j->open = 0;
    if (vb_text_collapse_space(&j->cur.text))
        return -1;
    if (j->cur.text.len == 0) {
        vb_text_free(&j->cur.text);
        return 0;
    }
    vb_paras *o = j->out;
    if (o->n == o->cap) {
        size_t c = o->cap ? o->cap * 2 : 16;
        vb_para *p = realloc(o->v, c * sizeof *p);
        if (!p)
            return -1;
        o->v = p;
        o->cap = c;
    }
    o->v[o->n++] = j->cur;
    memset(&j->cur, 0, sizeof j->cur);
    return 0;
}

/* Bytes of white space at s (the set vb_text_collapse_space folds), 0 if none. */
static size_t white_len(const unsigned char *s, size_t left)
{
    if (strchr(" \t\r\n\f\v", s[0]) && s[0])
        return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (left >= 3 && ((s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF)) ||
                      (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
                      (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
                      (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)))
        return 3;
    return 0;
}

/* Appends s[0..n) (a line without corrections or words) with runs of white space
 * made one space, in one pass: vb_text_collapse_space then finds nothing
 * to splice, which keeps long paragraphs linear. */
static int append_collapsed(vb_text *dst, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        size_t w = white_len((const unsigned char *)s + i, n - i);
        if (!w) {
            i++;
            continue;
        }
        if (vb_text_cat(dst, s + run, i - run) || vb_text_cat(dst, " ", 1))
            return -1;
        while (i < n && (w = white_len((const unsigned char *)s + i, n - i)))
            i += w;
        run = i;
    }
    return vb_text_cat(dst, s + run, n - run);
}

static int should_join(const joiner *j, const char *s, size_t n)
{
    if (!j->open || ends_sentence(&j->cur.text) || j->cur.text.len > PARA_MAX)
        return 0;
    char label[16];
    size_t rest;
    if (vb_mark_read(s, n, label, &rest) != VB_MARK_NONE)
        return 0;
    if (starts_lower(s, n))
        return 1;
    if (j->last_upper || vb_upper_share(s, n) > 0.8)
        return 0;
    return j->width && j->last_len * 10 >= j->width * 7;
}

/* Bytes of the letter run that ends s[0..n) (0 if s does not end in a letter). */
static size_t tail_letters(const char *s, size_t n)
{
    int32_t i = (int32_t)n;
    while (i > 0) {
        int32_t k = i;
        UChar32 c;
        U8_PREV((const uint8_t *)s, 0, k, c);
        if (c < 0 || !u_isalpha(c))
            break;
        i = k;
    }
    return n - (size_t)i;
}

/* Bytes of the letter run that starts s[0..n). */
static size_t head_letters(const char *s, size_t n)
{
    int32_t i = 0;
    while (i < (int32_t)n) {
        int32_t k = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
        if (c < 0 || !u_isalpha(c))
            break;
        i = k;
    }
    return (size_t)i;
}

static int valid_syl(const char *a, size_t na, const char *b, size_t nb)
{
    char w[64];
    if (na + nb >= sizeof w)
        return 0;
    memcpy(w, a, na);
    memcpy(w + na, b, nb);
    return vb_syllable_valid(w, na + nb);
}

/* How a joined line meets the paragraph: 0 with a space; 1 glued, a
 * syllable the wrap cut at a space ("lượ" + "ng": neither half is one,
 * together they are, each of two letters or more); 2 glued without the
 * paragraph's last byte, a syllable cut at a hyphen ("trư-" + "ờng");
 * 3 glued, keeping the hyphen of a hyphenated word ("e-" + "mail",
 * "kinh tế-" + "xã hội"). */
static int split_join(const vb_text *cur, const char *s, size_t n)
{
    size_t r = head_letters(s, n), len = cur->len;
    if (r == 0 || !starts_lower(s, n))
        return 0;
    int hyphen = len > 1 && cur->s[len - 1] == '-';
    size_t l = tail_letters(cur->s, len - (size_t)hyphen);
    if (l == 0)
        return 0;
    const char *left = cur->s + len - (size_t)hyphen - l;
    if (hyphen)
        return valid_syl(left, l, s, r) ? 2 : 3;
    /* at a space, halves of two letters or more: single letters are what
     * glyph dropout leaves ("ch t" / "ư ng" of "chất lượng") */
    return cp_count(left, l) >= 2 && cp_count(s, r) >= 2 && valid_syl(left, l, s, r) &&
           (!vb_syllable_valid(left, l) || !vb_syllable_valid(s, r));
}

static int add_part(joiner *j, const vb_text *t, size_t a, size_t b, size_t line, int page,
                    int force_new)
{
    if (b <= a)
        return 0;
    if (force_new || !should_join(j, t->s + a, b - a)) {
        if (flush(j))
            return -1;
        j->open = 1;
        vb_text_init(&j->cur.text);
        j->cur.first = line;
        j->cur.page = page;
    } else {
        int how = split_join(&j->cur.text, t->s + a, b - a);
        if (how == 2 && vb_text_splice(&j->cur.text, j->cur.text.len - 1, 1, "", 0))
            return -1;
        if (how == 0 && vb_text_cats(&j->cur.text, " "))
            return -1;
    }
    j->cur.last = line;
    j->last_len = cp_count(t->s + a, b - a);
    j->last_upper = vb_upper_share(t->s + a, b - a) > 0.8;
    return t->ncorr || t->nwords ? vb_text_append_range(&j->cur.text, t, a, b)
                                 : append_collapsed(&j->cur.text, t->s + a, b - a);
}

/* One line: its U+2029-separated parts; a line with an inner tab is alone. */
static int add_line(joiner *j, const vb_line *ln, size_t i)
{
    size_t a, b;
    const vb_text *t = &ln->text;
    if (!trimmed(t, &a, &b))
        return 0;
    int alone = memchr(t->s + a, '\t', b - a) != NULL;
    if (alone && flush(j))
        return -1;
    int first = 1;
    while (a < b) {
        const char *sep = memmem(t->s + a, b - a, PARA_SEP, 3);
        size_t e = sep ? (size_t)(sep - t->s) : b;
        size_t x = a, y = e;
        while (x < y && t->s[x] == ' ')
            x++;
        while (y > x && t->s[y - 1] == ' ')
            y--;
        if (add_part(j, t, x, y, i, ln->page, !first || alone))
            return -1;
        first = 0;
        a = sep ? e + 3 : b;
    }
    return alone ? flush(j) : 0;
}

vb_status vb_paras_build(const vb_layout *L, size_t from, size_t to, const unsigned char *used,
                         size_t wrapped, vb_paras *out, vb_error *err)
{
    joiner j = {.out = out, .width = wrapped};
    if (to > L->nlines)
        to = L->nlines;
    for (size_t i = from; i < to; i++) {
        int r = used && used[i] ? flush(&j) : add_line(&j, &L->lines[i], i);
        if (r)
            goto oom;
    }
    if (flush(&j) == 0)
        return VB_OK;
oom:
    vb_text_free(&j.cur.text);
    return vb_error_set(err, VB_ERR_NOMEM, "out of memory joining paragraphs");
}

void vb_paras_free(vb_paras *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        vb_text_free(&p->v[i].text);
    free(p->v);
    memset(p, 0, sizeof *p);
}
