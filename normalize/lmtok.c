/* lmtok.c — Vietnamese letters, word folding and tokenization for the
 * language model. A table of the 134 Vietnamese letters plus ASCII, built
 * once from syllable.c's letters, rather than ICU case mapping per call:
 * the restorer folds every token of every line (≥ 500k syllables/s). */
#include "normalize/lm.h"
#include "normalize/syllable.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* The twelve toneless vowels and their ASCII skeleton letters; every
 * toned form comes from normalize/syllable.c, which derives them from
 * ICU's decompositions (one table of Vietnamese letters, not two). */
static const struct {
    uint32_t lower, upper;
    char base;
} vowels[] = {{'a', 'A', 'a'},     {0x103, 0x102, 'a'}, {0xE2, 0xC2, 'a'}, {'e', 'E', 'e'},
              {0xEA, 0xCA, 'e'},   {'i', 'I', 'i'},     {'o', 'O', 'o'},   {0xF4, 0xD4, 'o'},
              {0x1A1, 0x1A0, 'o'}, {'u', 'U', 'u'},     {0x1B0, 0x1AF, 'u'}, {'y', 'Y', 'y'}};

#define TABLE_MAX 0x1F00
static vb_vnchar table[TABLE_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static atomic_int table_ready; /* set once built: spares pthread_once per letter */

uint32_t vb_utf8_get(const char *s, size_t n, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    int k = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (k == 0 || (size_t)k > n) {
        *len = 1;
        return 0xFFFD;
    }
    uint32_t cp = u[0] & (0x7F >> k);
    for (int i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    *len = k;
    return cp;
}

int vb_utf8_put(uint32_t cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void put(uint32_t lower, uint32_t upper, char base)
{
    vb_vnchar v = {lower, upper, base, lower >= 0x80};
    if (!lower || !upper) /* not a letter syllable.c knows: none to add */
        return;
    if (lower < TABLE_MAX)
        table[lower] = v;
    if (upper < TABLE_MAX)
        table[upper] = v;
}

static void table_build(void)
{
    for (int c = 'a'; c <= 'z'; c++)
        put((uint32_t)c, (uint32_t)(c - 32), (char)c);
    put(0x111, 0x110, 'd'); /* đ Đ */
    for (size_t i = 0; i < sizeof vowels / sizeof vowels[0]; i++)
        for (int tone = 0; tone <= 5; tone++) /* tone 0: the vowel itself */
            put(vb_letter_join(vowels[i].lower, tone), vb_letter_join(vowels[i].upper, tone),
                vowels[i].base);
    atomic_store_explicit(&table_ready, 1, memory_order_release);
}

int vb_vnchar_get(uint32_t cp, vb_vnchar *out)
{
    if (!atomic_load_explicit(&table_ready, memory_order_acquire))
        pthread_once(&table_once, table_build);
    if (cp >= TABLE_MAX || table[cp].base == 0)
        return 0;
    *out = table[cp];
    return 1;
}

int vb_word_fold(const char *s, size_t n, char *low, size_t cap, char *skel,
                 size_t skelcap, int *marks, int *caps)
{
    size_t o = 0, k = 0;
    int nup = 0, nletters = 0, firstup = 0;
    *marks = 0;
    for (size_t i = 0; i < n;) {
        int len;
        vb_vnchar v;
        uint32_t cp = vb_utf8_get(s + i, n - i, &len);
        if (!vb_vnchar_get(cp, &v) || o + 4 >= cap || k + 1 >= skelcap)
            return 0;
        int up = cp == v.upper && cp != v.lower;
        nup += up;
        if (nletters == 0)
            firstup = up;
        nletters++;
        *marks += v.marked;
        o += (size_t)vb_utf8_put(v.lower, low + o);
        skel[k++] = v.base;
        i += (size_t)len;
    }
    if (nletters == 0)
        return 0;
    low[o] = 0;
    skel[k] = 0;
    *caps = nup == 0 ? 0 : (nup == 1 && firstup) ? 1 : (nup == nletters && nletters >= 2) ? 2 : 3;
    if (nletters == 1 && nup == 1)
        *caps = 1;
    return 1;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x202F;
}

static int is_letter(uint32_t cp)
{
    vb_vnchar v;
    return vb_vnchar_get(cp, &v);
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Kind of a code point: 0 space, 1 letter, 2 digit, 3 other. */
static int kind_of(uint32_t cp)
{
    return is_space(cp) ? 0 : is_letter(cp) ? 1 : is_digit(cp) ? 2 : 3;
}

int vb_lm_pieces(const char *s, size_t n, int (*fn)(void *ctx, size_t off, size_t len, int kind),
                 void *ctx)
{
    size_t i = 0;
    while (i < n) {
        int len;
        int k = kind_of(vb_utf8_get(s + i, n - i, &len));
        size_t start = i;
        i += (size_t)len;
        while (i < n && kind_of(vb_utf8_get(s + i, n - i, &len)) == k)
            i += (size_t)len;
        int r = k ? fn(ctx, start, i - start, k) : 0;
        if (r)
            return r;
    }
    return 0;
}

int vb_lm_punct_class(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr(".!?;:", s[i]))
            return VB_LM_STOP;
    return VB_LM_COMMA;
}

typedef struct {
    const char *s;
    int (*fn)(void *, const char *, size_t, int);
    void *ctx;
} tok_t;

static int tok_piece(void *ctx, size_t off, size_t len, int kind)
{
    tok_t *t = ctx;
    const char *p = t->s + off;
    if (kind == 2)
        return t->fn(t->ctx, p, len, VB_LM_CODE);
    if (kind == 3)
        return t->fn(t->ctx, p, len, vb_lm_punct_class(p, len));
    char low[256], skel[128];
    int marks, caps;
    if (vb_word_fold(p, len, low, sizeof low, skel, sizeof skel, &marks, &caps))
        return t->fn(t->ctx, low, strlen(low), -1);
    return t->fn(t->ctx, p, len, VB_LM_CODE);
}

int vb_lm_tokenize(const char *s, size_t n,
                   int (*fn)(void *ctx, const char *w, size_t wn, int cls), void *ctx)
{
    tok_t t = {s, fn, ctx};
    return vb_lm_pieces(s, n, tok_piece, &t);
}

/* Onsets by first letter, longest first ("" = no onset). */
static const char *const *onsets_of(char c)
{
    static const char *const n[] = {"ngh", "ng", "nh", "n", NULL}, *const c_[] = {"ch", "c", NULL},
                             *const g[] = {"gh", "gi", "g", NULL}, *const k[] = {"kh", "k", NULL},
                             *const p[] = {"ph", "p", NULL}, *const q[] = {"qu", NULL},
                             *const t[] = {"th", "tr", "t", NULL},
                             *const one[] = {"b", "d", "h", "l", "m", "r", "s", "v", "x"},
                             *const none[] = {"", NULL};
    static const char *const single[][2] = {{"b", NULL}, {"d", NULL}, {"h", NULL}, {"l", NULL},
                                            {"m", NULL}, {"r", NULL}, {"s", NULL}, {"v", NULL},
                                            {"x", NULL}};
    switch (c) {
    case 'n': return n;
    case 'c': return c_;
    case 'g': return g;
    case 'k': return k;
    case 'p': return p;
    case 'q': return q;
    case 't': return t;
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return none;
    default:
        for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
            if (one[i][0] == c)
                return single[i];
        return NULL;
    }
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Length of the final that w[0..n) may end with, trying each in turn:
 * returns the number of candidates written to out (at most 3: a two-letter
 * final, a one-letter one, none). */
static int finals_of(const char *w, size_t n, size_t *out)
{
    static const char *const two[] = {"ng", "nh", "ch"};
    int k = 0;
    if (n >= 2)
        for (size_t i = 0; i < 3; i++)
            if (w[n - 2] == two[i][0] && w[n - 1] == two[i][1])
                out[k++] = 2;
    if (n >= 1 && strchr("cmnptiyou", w[n - 1]))
        out[k++] = 1;
    out[k++] = 0;
    return k;
}

/* Hand-written rather than a regular expression library: it runs on every
 * word of every line. Tries each onset the word starts with, then each
 * final it ends with: between them 1–3 vowels (none after an onset only
 * for the finals i, y, o, u: "gi", "qui" read as onset + vowel). */
int vb_syllable_shape(const char *w)
{
    size_t n = strlen(w);
    if (n == 0 || n > 7)
        return 0;
    const char *const *on = onsets_of(w[0]);
    if (!on)
        return 0;
    size_t fin[3];
    int nf = finals_of(w, n, fin);
    for (; *on; on++) {
        size_t a = strlen(*on);
        if (a > n || memcmp(w, *on, a) != 0)
            continue;
        for (int j = 0; j < nf; j++) {
            size_t b = fin[j];
            if (a + b > n)
                continue;
            size_t v = n - a - b;
            if ((v == 0 && !(b == 1 && strchr("iyou", w[n - 1]))) || v > 3)
                continue;
            size_t k = a;
            while (k < n - b && vowel(w[k]))
                k++;
            if (k == n - b)
                return 1;
        }
    }
    return 0;
}

uint64_t vb_hash64(const void *p, size_t n, uint64_t seed)
{
    /* FNV-1a with a murmur finaliser: short keys, fast, good spread. */
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}
