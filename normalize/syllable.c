/* syllable.c — Vietnamese syllable inventory: onsets, rhymes and the tone
 * rule for checked endings; letter split/join derived from ICU's canonical
 * decompositions (so no hand-typed tables of 134 letters). */
#include "normalize/syllable.h"

#include "normalize/enc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#define LAT_LO 0xC0
#define LAT_HI 0x1F00
#define MAXW 8

static uint16_t split_base[LAT_HI - LAT_LO];   /* 0: not a vowel letter */
static unsigned char split_tone[LAT_HI - LAT_LO];
#define NBASE 64
static uint32_t join_tab[NBASE][6];            /* base index × tone */
static uint32_t bases[NBASE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Toneless lowercase letters as one byte: ASCII, and ă â ê ô ơ ư đ → 1..7. */
static const uint32_t special[8] = {0, 0x103, 0xE2, 0xEA, 0xF4, 0x1A1, 0x1B0, 0x111};

static const char *const onset_src[] = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
    "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"};
static const char *const rhyme_src[] = {
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ic", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "oong", "ooc",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oen", "oeo", "oet", "oem",
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uy", "uya", "uych", "uyn", "uynh",
    "uyp", "uyt", "uyu", "uyên", "uyêt", "uơ"};

#define NON (sizeof onset_src / sizeof onset_src[0])
#define NRH (sizeof rhyme_src / sizeof rhyme_src[0])

/* Every onset + rhyme that spelling allows, packed: the syllable check is
 * one probe of this open-addressing set (0 marks a free slot). */
#define VSET_BITS 14
static uint64_t vset[1u << VSET_BITS];

/* Per code point below LAT_HI: the internal code of its toneless
 * lowercase letter (0: not a Vietnamese letter), its tone, and whether
 * ICU calls it alphabetic — the per-letter work of the hot paths. */
static char letter_tab[LAT_HI];
static unsigned char tone_tab[LAT_HI];
static unsigned char alpha_tab[LAT_HI / 8];

/* The (≤ 7 byte) code string s as one integer, for fast lookups. */
static uint64_t pack(const char *s)
{
    char buf[MAXW] = {0};
    for (size_t i = 0; i < MAXW - 1 && s[i]; i++)
        buf[i] = s[i];
    uint64_t k;
    memcpy(&k, buf, sizeof k);
    return k;
}

/* Toneless lowercase base → internal byte, 0 if not a Vietnamese letter. */
static char letter_code(uint32_t lower)
{
    if (lower >= 'a' && lower <= 'z')
        return lower == 'f' || lower == 'j' || lower == 'w' || lower == 'z' ? 0 : (char)lower;
    for (int k = 1; k < 8; k++)
        if (special[k] == lower)
            return (char)k;
    return 0;
}

static void encode_src(const char *src, char *dst)
{
    size_t n = strlen(src), i = 0, o = 0;
    while (i < n && o + 1 < MAXW)
        dst[o++] = letter_code(vb_utf8_next((const unsigned char *)src, n, &i));
    dst[o] = 0;
}

/* Index of base in bases[], added if new; -1 when full. */
static int base_index(uint32_t base, int *nb)
{
    for (int i = 0; i < *nb; i++)
        if (bases[i] == base)
            return i;
    if (*nb == NBASE)
        return -1;
    bases[*nb] = base;
    join_tab[*nb][0] = base;
    return (*nb)++;
}

/* Splits one precomposed letter through its NFD form: vowel + at most one
 * modifier (circumflex, breve, horn) + at most one tone. */
static void split_one(const UNormalizer2 *nfd, const UNormalizer2 *nfc, uint32_t cp, int *nb)
{
    static const uint32_t tones[6] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};
    UChar d[8];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t k = unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &ec);
    if (k < 2 || k > 3 || U_FAILURE(ec) || d[0] > 0x7F || !strchr("aeiouyAEIOUY", d[0]))
        return;
    int tone = 0;
    UChar mod = 0;
    for (int j = 1; j < k; j++) {
        int t = 0;
        for (int q = 1; q < 6; q++)
            t = tones[q] == d[j] ? q : t;
        if (t && !tone)
            tone = t;
        else if (!t && !mod && (d[j] == 0x302 || d[j] == 0x306 || d[j] == 0x31B))
            mod = d[j];
        else
            return;
    }
    UChar32 base = mod ? unorm2_composePair(nfc, d[0], mod) : d[0];
    int bi = base < 0 ? -1 : base_index((uint32_t)base, nb);
    if (bi < 0)
        return;
    split_base[cp - LAT_LO] = (uint16_t)base;
    split_tone[cp - LAT_LO] = (unsigned char)tone;
    join_tab[bi][tone] = cp;
}

static void init_split(void)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec))
        return;
    int nb = 0;
    for (const char *v = "aeiouyAEIOUY"; *v; v++)
        base_index((uint32_t)*v, &nb);
    for (uint32_t cp = LAT_LO; cp < LAT_HI; cp++)
        split_one(nfd, nfc, cp, &nb);
}

static uint32_t vset_slot(uint64_t k)
{
    return (uint32_t)((k * 0x9E3779B97F4A7C15ULL) >> (64 - VSET_BITS));
}

static void vset_add(uint64_t k)
{
    uint32_t i = vset_slot(k), mask = (1u << VSET_BITS) - 1;
    while (vset[i] && vset[i] != k)
        i = (i + 1) & mask;
    vset[i] = k;
}

static int vset_has(uint64_t k)
{
    uint32_t i = vset_slot(k), mask = (1u << VSET_BITS) - 1;
    for (; vset[i]; i = (i + 1) & mask)
        if (vset[i] == k)
            return 1;
    return 0;
}

static int spelling_ok(const char *on, const char *rh);

static void init_syllables(void)
{
    char on[NON][MAXW], rh[NRH][MAXW], code[2 * MAXW];
    for (size_t i = 0; i < NON; i++)
        encode_src(onset_src[i], on[i]);
    for (size_t i = 0; i < NRH; i++)
        encode_src(rhyme_src[i], rh[i]);
    for (size_t i = 0; i < NON; i++)
        for (size_t j = 0; j < NRH; j++) {
            size_t a = strlen(on[i]), b = strlen(rh[j]);
            if (a + b < MAXW && spelling_ok(on[i], rh[j])) {
                memcpy(code, on[i], a);
                memcpy(code + a, rh[j], b + 1);
                vset_add(pack(code));
            }
        }
}

static void init_letters(void)
{
    for (uint32_t cp = 1; cp < LAT_HI; cp++) {
        uint32_t base = cp;
        if (cp >= LAT_LO && split_base[cp - LAT_LO]) {
            base = split_base[cp - LAT_LO];
            tone_tab[cp] = split_tone[cp - LAT_LO];
        }
        letter_tab[cp] = letter_code((uint32_t)u_tolower((UChar32)base));
        if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : u_isalpha((UChar32)cp) != 0)
            alpha_tab[cp >> 3] |= (unsigned char)(1u << (cp & 7));
    }
}

static void init_all(void)
{
    init_split();
    init_letters();
    init_syllables();
}

int vb_letter_split(uint32_t cp, uint32_t *base, int *tone)
{
    pthread_once(&once, init_all);
    *base = cp;
    *tone = 0;
    if (cp < 0x80) {
        uint32_t l = cp | 0x20;
        return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u' || l == 'y';
    }
    if (cp < LAT_LO || cp >= LAT_HI || !split_base[cp - LAT_LO])
        return 0;
    *base = split_base[cp - LAT_LO];
    *tone = split_tone[cp - LAT_LO];
    return 1;
}

uint32_t vb_letter_join(uint32_t base, int tone)
{
    pthread_once(&once, init_all);
    if (tone < 0 || tone > 5)
        return 0;
    for (int bi = 0; bi < NBASE; bi++)
        if (bases[bi] == base && bases[bi])
            return join_tab[bi][tone];
    return 0;
}

/* Word (code points) → internal toneless lowercase code + tone; -1 if a
 * letter is not Vietnamese or there are two tones. */
static int word_code(const uint32_t *w, size_t n, char *code, int *tone)
{
    *tone = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i];
        int t = c < LAT_HI ? tone_tab[c] : 0;
        if (t && *tone)
            return -1;
        *tone = t ? t : *tone;
        code[i] = c < LAT_HI ? letter_tab[c] : letter_code((uint32_t)u_tolower((UChar32)c));
        if (!code[i])
            return -1;
    }
    code[n] = 0;
    return 0;
}

/* Spelling of an onset before a rhyme: k, gh, ngh only before i e ê y; c
 * never there. */
static int spelling_ok(const char *on, const char *rh)
{
    int front = rh[0] == 'i' || rh[0] == 'e' || rh[0] == 3 || rh[0] == 'y';
    size_t k = strlen(on);
    if ((k == 1 && on[0] == 'k') || (k >= 2 && on[k - 2] == 'g' && on[k - 1] == 'h'))
        return front;
    if (k == 1 && on[0] == 'c')
        return !front;
    return 1;
}

/* A known onset + a known rhyme, spelled right, and a checked ending
 * (-c -ch -p -t) only with the acute or dot tone. */
static int code_valid(const char *code, int tone)
{
    size_t n = strlen(code);
    if (n == 0 || n >= MAXW || !vset_has(pack(code)))
        return 0;
    char last = code[n - 1];
    int checked = last == 'c' || last == 'p' || last == 't' || (n >= 2 && code[n - 2] == 'c' && last == 'h');
    return !checked || tone == VB_MARK_NONE || tone == VB_MARK_ACUTE || tone == VB_MARK_DOT;
}

/* Case shapes of real words: lower, Title, CAPS; in CAPS a toned lowercase
 * vowel is allowed (TCVN3 has no code for most toned capitals). */
static int is_upper(uint32_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper((UChar32)c) != 0;
}

static int case_ok(const uint32_t *w, size_t n, int lower_in_caps)
{
    int lower = 1, caps = is_upper(w[0]);
    for (size_t i = 1; i < n; i++) {
        int up = is_upper(w[i]);
        lower &= !up;
        caps &= up || (lower_in_caps && w[i] < LAT_HI && tone_tab[w[i]]);
    }
    return lower || caps;
}

static int word_valid(const uint32_t *w, size_t n, int lower_in_caps)
{
    char code[MAXW + 1];
    int tone;
    if (n == 0 || n > MAXW - 1 || !case_ok(w, n, lower_in_caps) || word_code(w, n, code, &tone))
        return 0;
    return code_valid(code, tone);
}

int vb_syllable_valid(const char *utf8, size_t n)
{
    pthread_once(&once, init_all);
    uint32_t w[MAXW];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (k == MAXW)
            return 0;
        w[k++] = vb_utf8_next((const unsigned char *)utf8, n, &i);
    }
    return word_valid(w, k, 1);
}

static int is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < LAT_HI)
        return cp >= 0xC0 && (alpha_tab[cp >> 3] >> (cp & 7) & 1);
    return u_isalpha((UChar32)cp) != 0;
}

/* Characters no correct decoding of a Vietnamese text produces. */
static int is_odd(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' && cp != '\v';
    if (cp >= 0x7F && cp < 0xA0)
        return 1;
    if (cp >= 0xA1 && cp <= 0xBF)
        return !strchr("\xA7\xA9\xAB\xB0\xB1\xB2\xB3\xBB", (int)cp);
    /* Hebrew … NKo: where legacy byte pairs land when read as UTF-8 */
    return cp == 0xFFFD || (cp >= 0xE000 && cp < 0xF900) || (cp >= 0x590 && cp < 0x900) || (cp >= 0x2020 && cp <= 0x2021) ||
           cp == 0x2030 || cp == 0x2039 || cp == 0x203A || cp == 0x2122 || cp == 0x2C6 || cp == 0x2DC;
}

/* A lone capital letter counts for nothing when ASCII (list labels,
 * initials) or when it opens a sentence or list item after a space or
 * before another word ("Ở đây", "Palermo, Ý."); elsewhere a lone non-ASCII
 * capital is punctuation read as a letter (VN1's "B5N Ọ mục", "phủ.Õ."). */
static void count_word(vb_syl_stats *st, const uint32_t *w, size_t n, size_t len, int start)
{
    int lone = len == 1 && u_isupper((UChar32)w[0]);
    if (lone && (w[0] < 0x80 || start == 2))
        return;
    st->words++;
    if (lone)
        return;
    if (len >= MAXW || !word_valid(w, n, st->lower_in_caps)) {
        /* a Vietnamese capital inside a word ("PeerỌto", "NghĨ") is debris
         * of a wrong decoding, worse than a foreign word */
        for (size_t i = 1; i < n; i++)
            if (w[i] >= 0x80 && u_isupper((UChar32)w[i]) && u_islower((UChar32)w[i - 1])) {
                st->odd++;
                break;
            }
        return;
    }
    st->valid++;
    for (size_t i = 0; i < n; i++)
        if (w[i] >= 0x80) {
            st->marked++;
            break;
        }
}

/* Characters after which a sentence (or list item) starts. */
static int opens(uint32_t cp)
{
    switch (cp) {
    case '\n': case '\r': case '.': case '!': case '?': case ':': case ';': case '(': case '"': case ',':
    case '\'': case '-': case '*': case 0x201C: case 0x2018: case 0x2013: case 0x2014: case 0x2022:
        return 1;
    default:
        return 0;
    }
}

/* A combining tone (Windows-1258, decomposed text) joins the last letter. */
static void attach_mark(uint32_t *w, size_t k, uint32_t mark)
{
    static const uint32_t tones[6] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};
    uint32_t base, j;
    int tone, t = 0;
    for (int q = 1; q < 6; q++)
        t = tones[q] == mark ? q : t;
    if (k == 0 || !t || !vb_letter_split(w[k - 1], &base, &tone) || tone)
        return;
    if ((j = vb_letter_join(base, t)) != 0)
        w[k - 1] = j;
}

void vb_syllable_stats_add(vb_syl_stats *st, const char *utf8, size_t n)
{
    pthread_once(&once, init_all);
    const unsigned char *s = (const unsigned char *)utf8;
    uint32_t w[MAXW];
    size_t k = 0, len = 0;
    int start = 1;   /* at the start of a line or sentence */
    uint32_t prev = '\n';
    int spaced = 1;  /* the current word follows white space */
    for (size_t i = 0; i < n;) {
        uint32_t cp = vb_utf8_next(s, n, &i), before = prev;
        prev = cp;
        if (len && cp >= 0x300 && cp < 0x370) {
            attach_mark(w, k, cp);
            continue;
        }
        if (is_letter(cp)) {
            if (len == 0)
                spaced = before == ' ' || before == '\t' || before == '\n';
            if (k < MAXW)
                w[k++] = cp;
            len++;
            continue;
        }
        if (len) {
            size_t j = i;   /* start 2: opens a sentence and a word follows */
            int next = cp == ' ' && j < n ? (int)vb_utf8_next(s, n, &j) : 0;
            count_word(st, w, k, len, start && (spaced || (next > 0 && is_letter((uint32_t)next))) ? 2 : start);
        }
        if (cp != ' ' && cp != '\t')
            start = opens(cp);
        else if (len)
            start = 0;
        /* VIQR marks glued to a word ("lu+o+ng", "sa('c"); an opening quote
         * before a space or a closing one after it (a capital read as
         * CP1252 punctuation) */
        st->odd += is_odd(cp) || (len && (cp == '^' || cp == '(' || cp == '+' || cp == '`' || cp == '~' || cp == '\'')) ||
                   ((cp == 0x201C || cp == 0x2018) && i < n && (s[i] == ' ' || s[i] == '\n')) ||
                   ((cp == 0x201D || cp == 0x2019) && before == ' ');
        k = len = 0;
    }
    if (len)
        count_word(st, w, k, len, start && spaced ? 2 : start);
}

double vb_syllable_score(const vb_syl_stats *st)
{
    /* a valid syllable with diacritics is stronger evidence than a plain
     * ASCII one, which every decoding of the same bytes shares */
    long d = st->words + st->odd + st->marked;
    return d > 0 ? (double)(st->valid + st->marked) / (double)d : 0.0;
}
