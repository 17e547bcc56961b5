/* channel.c — the OCR channel model: loads the learned table of
 * log P(observed segment | intended segment) and, for an observed token,
 * searches the intended forms reachable by a few reverse edits (a bounded
 * beam over code-point positions). Used by the restoration decoder. */
#include "normalize/channel.h"
#include "normalize/lexicon.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

enum {
    SEG = 16,        /* bytes for a segment of ≤ 2 code points, NUL included */
    MAX_ALT = 40,    /* reverse edits kept per observed segment */
    MAX_INS = 6,     /* insertions (dropped letters) tried per gap */
    BEAM = 72,       /* hypotheses kept per position (48 lost "thường" behind d/đ variants) */
    FINAL = 64,     /* complete candidates kept before the `known` filter */
    TEXT = 64,       /* vb_cand.text */
};
#define MIN_LOGP (-14.0f) /* rarer edits are not worth the search */
#define NO_IDENT (-7.0f)  /* a letter never seen read as itself */
/* A symbol inside a word ("truo*ng", "hi¢n", "nh?", "B§") is what OCR made
 * of a letter or of its marks, or a speck. Symbols are too varied for the
 * table to have seen each, so the search runs once with each symbol
 * dropped and once with it standing for each base letter, which may then
 * be any letter of its class (e: e è é ẻ ẽ ẹ ê ề ế ể ễ ệ) at no further
 * cost; at most MAX_SYM symbols. Costs in ln. */
#define SYM_DROP (-3.0f)
#define SYM_LETTER (-4.0f)
#define MAX_SYM 2

/* The letters a symbol may stand for, by base letter (lower, upper case). */
static const char *const sym_class[][2] = {
    {"aàáảãạăằắẳẵặâầấẩẫậ", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"}, {"eèéẻẽẹêềếểễệ", "EÈÉẺẼẸÊỀẾỂỄỆ"},
    {"iìíỉĩị", "IÌÍỈĨỊ"}, {"oòóỏõọôồốổỗộơờớởỡợ", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
    {"uùúủũụưừứửữự", "UÙÚỦŨỤƯỪỨỬỮỰ"}, {"yỳýỷỹỵ", "YỲÝỶỸỴ"}, {"dđ", "DĐ"}};
#define NCLASS (sizeof sym_class / sizeof sym_class[0])

typedef struct ch_edit {
    char in[SEG];
    vb_lexseg lseg;    /* in's part of a lexicon prefix hash */
    uint8_t len, tone; /* tone: the intended segment carries a tone mark */
    float logp;
    float pen;         /* search-only penalty: ln P(letter) for re-inserted letters */
} ch_edit;

typedef struct ch_key {
    char obs[SEG];
    float ident;          /* log P(c | c) for a one-letter segment */
    float prior;          /* ln P(c) as intended: ranks the search, not reported */
    uint32_t first, count; /* its reverse edits in vb_channel.edits, best first */
} ch_key;

typedef struct ch_prior {
    UChar32 cp;
    float logp;   /* ln P(letter) / P(most frequent letter) in the training text */
} ch_prior;

struct vb_channel {
    ch_key *keys; /* sorted by obs */
    size_t nkeys;
    ch_edit *edits;
    size_t nedits;
    ch_prior prior[2 * 80]; /* the letters of sym_class, both cases */
    size_t nprior;
};

/* ---- tone marks --------------------------------------------------------- */

/* Whether code point c carries a Vietnamese tone mark (grave, acute, tilde,
 * hook above, dot below) in its canonical decomposition. A syllable has at
 * most one, which keeps the search from spending its beam on impossible
 * spellings. */
static int cp_has_tone(UChar32 c)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    UChar buf[8];
    if (c < 0xC0 || U_FAILURE(e)) return 0;
    int32_t n = unorm2_getDecomposition(nfd, c, buf, 8, &e);
    for (int32_t i = 1; i < n && U_SUCCESS(e); i++)
        if (buf[i] == 0x300 || buf[i] == 0x301 || buf[i] == 0x303 || buf[i] == 0x309 ||
            buf[i] == 0x323)
            return 1;
    return 0;
}

static int seg_has_tone(const char *s, int32_t n)
{
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c > 0 && cp_has_tone(c)) return 1;
    }
    return 0;
}

/* Whether s[0..n) is all letters. Only letters are worth re-inserting where
 * OCR dropped something: a dropped "…" or "(" is not the decoder's business,
 * and such rare marks, cheap by P(dropped | mark), would flood the search. */
static int seg_is_letters(const char *s, int32_t n)
{
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c <= 0 || !u_isalpha(c)) return 0;
    }
    return n > 0;
}

/* ---- loading ----------------------------------------------------------- */

typedef struct ch_row {
    char obs[SEG], in[SEG];
    float logp;
    double count;
} ch_row;

static int row_cmp(const void *x, const void *y)
{
    const ch_row *a = x, *b = y;
    int c = strcmp(a->obs, b->obs);
    if (c) return c;
    return (a->logp < b->logp) - (a->logp > b->logp);
}

static int copy_field(char *dst, const char *s, size_t n)
{
    if (n >= SEG) return -1;
    memcpy(dst, s, n);
    dst[n] = 0;
    return 0;
}

/* Parses "model\tin\tobs\tcount\tlogp"; 1 = a row of `model`, 0 = another
 * model or a comment, -1 = malformed. */
static int parse_row(char *line, const char *model, ch_row *r)
{
    if (line[0] == '#' || line[0] == '\n' || line[0] == 0) return 0;
    char *f[5];
    f[0] = line;
    for (int i = 1; i < 5; i++) {
        f[i] = strchr(f[i - 1], '\t');
        if (!f[i]) return -1;
        *f[i]++ = 0;
    }
    if (strcmp(f[0], model)) return 0;
    char *end;
    errno = 0;
    double lp = strtod(f[4], &end);
    if (errno || end == f[4] || !(lp <= 0) || lp < -1e6) return -1;
    if (copy_field(r->in, f[1], (size_t)(f[2] - f[1] - 1)) ||
        copy_field(r->obs, f[2], (size_t)(f[3] - f[2] - 1)))
        return -1;
    if (!r->in[0] && !r->obs[0]) return -1;
    r->logp = (float)lp;
    r->count = strtod(f[3], NULL);
    if (!(r->count >= 0)) return -1;
    return 1;
}

/* Reads every row of `model` into *rows (caller frees). */
static vb_status read_rows(FILE *f, const char *model, ch_row **rows, size_t *n, vb_error *err)
{
    char *line = NULL;
    size_t cap = 0, rcap = 0;
    long lineno = 0;
    vb_status st = VB_OK;
    *rows = NULL;
    *n = 0;
    while (st == VB_OK && getline(&line, &cap, f) > 0) {
        ch_row r;
        int k = parse_row(line, model, &r);
        lineno++;
        if (k < 0) st = vb_error_set(err, VB_ERR_MODEL, "OCR channel: bad row at line %ld", lineno);
        if (k <= 0) continue;
        if (*n == rcap) {
            rcap = rcap ? 2 * rcap : 1024;
            ch_row *g = realloc(*rows, rcap * sizeof *g);
            if (!g) st = vb_error_set(err, VB_ERR_NOMEM, "OCR channel: out of memory");
            else *rows = g;
        }
        if (st == VB_OK) (*rows)[(*n)++] = r;
    }
    free(line);
    return st;
}

/* Groups sorted rows into keys; identities become key.ident. */
static vb_status index_rows(vb_channel *ch, const ch_row *rows, size_t n, vb_error *err)
{
    ch->keys = calloc(n ? n : 1, sizeof *ch->keys);
    ch->edits = calloc(n ? n : 1, sizeof *ch->edits);
    if (!ch->keys || !ch->edits) return vb_error_set(err, VB_ERR_NOMEM, "OCR channel: out of memory");
    for (size_t i = 0; i < n; i++) {
        ch_key *k = ch->nkeys ? &ch->keys[ch->nkeys - 1] : NULL;
        if (!k || strcmp(k->obs, rows[i].obs)) {
            k = &ch->keys[ch->nkeys++];
            memcpy(k->obs, rows[i].obs, SEG);
            k->ident = NO_IDENT;
            k->first = (uint32_t)ch->nedits;
        }
        if (!strcmp(rows[i].in, rows[i].obs)) {
            k->ident = rows[i].logp;
        } else if (rows[i].logp >= MIN_LOGP &&
                   (k->obs[0] || seg_is_letters(rows[i].in, (int32_t)strlen(rows[i].in)))) {
            ch_edit *e = &ch->edits[ch->nedits++];
            memcpy(e->in, rows[i].in, SEG);
            e->len = (uint8_t)strlen(e->in);
            e->tone = (uint8_t)seg_has_tone(e->in, e->len);
            e->logp = rows[i].logp;
            e->pen = 0;
            e->lseg = vb_lexicon_seg(e->in, e->len);
            k->count++;
        }
    }
    return VB_OK;
}

static int row_in_cmp(const void *x, const void *y)
{
    return strcmp(((const ch_row *)x)->in, ((const ch_row *)y)->in);
}

/* How often s was intended: the sum of its rows' counts (rows sorted by
 * intended segment). */
static double occurrences(const ch_row *rows, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first row of s */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rows[mid].in, s) < 0) lo = mid + 1;
        else hi = mid;
    }
    double c = 0;
    for (; lo < n && !strcmp(rows[lo].in, s); lo++) c += rows[lo].count;
    return c;
}

/* How often each letter a symbol may stand for was intended (both cases):
 * the order in which a symbol's readings are tried. */
static void letter_priors(vb_channel *ch, const ch_row *rows, size_t n)
{
    double best = 1;
    for (size_t k = 0; k < NCLASS; k++) {
        const char *lo = sym_class[k][0], *up = sym_class[k][1];
        int32_t i = 0, j = 0, nl = (int32_t)strlen(lo), nu = (int32_t)strlen(up);
        while (i < nl && j < nu && ch->nprior + 2 <= sizeof ch->prior / sizeof ch->prior[0]) {
            int32_t a = i, b = j;
            UChar32 l, u;
            char sl[SEG] = {0}, su[SEG] = {0};
            U8_NEXT(lo, i, nl, l);
            U8_NEXT(up, j, nu, u);
            memcpy(sl, lo + a, (size_t)(i - a));
            memcpy(su, up + b, (size_t)(j - b));
            double c = occurrences(rows, n, sl) + occurrences(rows, n, su) + 1;
            best = c > best ? c : best;
            ch->prior[ch->nprior++] = (ch_prior){l, (float)c};
            ch->prior[ch->nprior++] = (ch_prior){u, (float)c};
        }
    }
    for (size_t i = 0; i < ch->nprior; i++)
        ch->prior[i].logp = (float)log(ch->prior[i].logp / best);
}

static float letter_prior(const vb_channel *ch, UChar32 c)
{
    for (size_t i = 0; i < ch->nprior; i++)
        if (ch->prior[i].cp == c) return ch->prior[i].logp;
    return MIN_LOGP;
}

static int edit_rank_cmp(const void *x, const void *y)
{
    const ch_edit *a = x, *b = y;
    float ra = a->logp + a->pen, rb = b->logp + b->pen;
    return (ra < rb) - (ra > rb);
}

/* Letters OCR dropped (key ""): P(dropped | letter) alone would favour rare
 * letters everywhere, so the search ranks a re-insertion by the joint
 * P(dropped | letter) P(letter); the reported logp stays the channel's. */
/* Keeps MAX_ALT reverse edits per observed segment, the likeliest by
 * P(observed | intended) P(intended), best first: a common letter often
 * misread ("ả" read as "i") is not crowded out by rare ones nearly always
 * misread ("ẳ"). The search ranks its hypotheses the same way (pen holds
 * ln P(intended) of every segment), so that its beam keeps readings made of
 * common letters; the reported probability stays P(observed | intended). */
static void select_edits(vb_channel *ch, const ch_row *rows, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].in[0]) total += rows[i].count;
    for (size_t k = 0; k < ch->nkeys; k++) {
        ch_key *key = &ch->keys[k];
        ch_edit *e = &ch->edits[key->first];
        if (!key->obs[0]) continue; /* insertions: rank_insertions */
        for (uint32_t i = 0; i < key->count; i++)
            e[i].pen = (float)log((occurrences(rows, n, e[i].in) + 1) / (total + 1));
        qsort(e, key->count, sizeof *e, edit_rank_cmp);
        if (key->count > MAX_ALT) key->count = MAX_ALT;
        key->prior = (float)log((occurrences(rows, n, key->obs) + 1) / (total + 1));
    }
}

static void rank_insertions(vb_channel *ch, const ch_row *rows, size_t n)
{
    if (!ch->nkeys || ch->keys[0].obs[0]) return;
    ch_key *k = &ch->keys[0];
    double total = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].in[0]) total += rows[i].count;
    for (uint32_t i = 0; i < k->count; i++) {
        ch_edit *e = &ch->edits[k->first + i];
        e->pen = (float)log((occurrences(rows, n, e->in) + 1) / (total + 1));
    }
    qsort(&ch->edits[k->first], k->count, sizeof *ch->edits, edit_rank_cmp);
    if (k->count > MAX_ALT) k->count = MAX_ALT;
}

vb_status vb_channel_load_model(const char *path, const char *model, vb_channel **out,
                                vb_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f) return vb_error_set(err, VB_ERR_IO, "%s: %s", path, strerror(errno));
    ch_row *rows;
    size_t n;
    vb_status st = read_rows(f, model, &rows, &n, err);
    fclose(f);
    if (st == VB_OK && n == 0)
        st = vb_error_set(err, VB_ERR_MODEL, "%s: no OCR channel rows for model \"%s\"", path, model);
    vb_channel *ch = st == VB_OK ? calloc(1, sizeof *ch) : NULL;
    if (st == VB_OK && !ch) st = vb_error_set(err, VB_ERR_NOMEM, "OCR channel: out of memory");
    if (st == VB_OK) {
        qsort(rows, n, sizeof *rows, row_cmp);
        st = index_rows(ch, rows, n, err);
        qsort(rows, n, sizeof *rows, row_in_cmp); /* for occurrences() */
        if (st == VB_OK)
            select_edits(ch, rows, n), rank_insertions(ch, rows, n), letter_priors(ch, rows, n);
    }
    free(rows);
    if (st != VB_OK) vb_channel_free(ch);
    else *out = ch;
    return st;
}

vb_status vb_channel_load(const char *path, vb_channel **out, vb_error *err)
{
    return vb_channel_load_model(path, "eng", out, err);
}

void vb_channel_free(vb_channel *ch)
{
    if (!ch) return;
    free(ch->keys);
    free(ch->edits);
    free(ch);
}

/* ---- search ------------------------------------------------------------ */

typedef struct hyp {
    char text[TEXT];
    uint8_t len, edits, tone; /* tone: the current syllable has its tone mark */
    float score;              /* ranking: log P(obs | text) + pen */
    float pen;                /* sum of the re-inserted letters' ln P(letter) */
    uint64_t hash;            /* of text (FNV-1a): duplicates are found by it */
    uint64_t lex;             /* of text case-folded, for the lexicon (lexicon.h) */
} hyp;

/* The hypotheses of one position: at most BEAM, the worst found through a
 * min-heap on score, duplicates (same text) through a small hash table of
 * slot numbers; both are the search's inner loop. Table entries of replaced
 * hypotheses go stale (their slot's hash no longer matches) until the table
 * is rebuilt. */
enum { TAB = 256 };
typedef struct beam {
    hyp h[BEAM];
    float score[BEAM];
    uint64_t hash[BEAM];
    uint8_t heap[BEAM], pos[BEAM];  /* slots by score; each slot's heap index */
    uint8_t tab[TAB];               /* slot + 1, 0 = empty */
    int n, used;                    /* hypotheses; table entries */
} beam;

static int key_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const ch_key *)e)->obs);
}

/* The key for obs segment s[0..n), or NULL. */
static const ch_key *find_key(const vb_channel *ch, const char *s, size_t n)
{
    char buf[SEG];
    if (n >= SEG) return NULL;
    memcpy(buf, s, n);
    buf[n] = 0;
    return bsearch(buf, ch->keys, ch->nkeys, sizeof *ch->keys, key_cmp);
}

static uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

static void beam_reset(beam *b)
{
    b->n = b->used = 0;
    memset(b->tab, 0, sizeof b->tab);
}

static void heap_swap(beam *b, int i, int j)
{
    uint8_t t = b->heap[i];
    b->heap[i] = b->heap[j], b->heap[j] = t;
    b->pos[b->heap[i]] = (uint8_t)i, b->pos[b->heap[j]] = (uint8_t)j;
}

static void beam_down(beam *b, int i)
{
    for (;;) {
        int m = i, l = 2 * i + 1, r = l + 1;
        if (l < b->n && b->score[b->heap[l]] < b->score[b->heap[m]]) m = l;
        if (r < b->n && b->score[b->heap[r]] < b->score[b->heap[m]]) m = r;
        if (m == i) return;
        heap_swap(b, i, m);
        i = m;
    }
}

static void beam_up(beam *b, int i)
{
    while (i > 0 && b->score[b->heap[(i - 1) / 2]] > b->score[b->heap[i]]) {
        heap_swap(b, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static void tab_put(beam *b, uint64_t hash, int slot)
{
    if (b->used >= TAB / 2) { /* mostly stale: rebuild from the live slots */
        memset(b->tab, 0, sizeof b->tab);
        b->used = 0;
        for (int i = 0; i < b->n; i++)
            if (i != slot) tab_put(b, b->hash[i], i);
    }
    unsigned k = (unsigned)(hash >> 56);
    while (b->tab[k]) k = (k + 1) % TAB;
    b->tab[k] = (uint8_t)(slot + 1);
    b->used++;
}

/* The slot holding parent's text + a + c (hash given), or -1. */
static int tab_find(const beam *b, uint64_t hash, const hyp *parent, const char *a, size_t an,
                    const char *c, size_t cn)
{
    size_t len = parent->len + an + cn;
    for (unsigned k = (unsigned)(hash >> 56); b->tab[k]; k = (k + 1) % TAB) {
        int i = b->tab[k] - 1;
        const hyp *o = &b->h[i];
        if (i < b->n && b->hash[i] == hash && o->len == len &&
            !memcmp(o->text, parent->text, parent->len) &&
            !memcmp(o->text + parent->len, a, an) && !memcmp(o->text + parent->len + an, c, cn))
            return i;
    }
    return -1;
}

/* Whether a hypothesis scoring `score` would enter b. */
static int beam_admits(const beam *b, float score)
{
    return b->n < BEAM || score > b->score[b->heap[0]];
}

/* Adds parent's text + a + c (its lexicon hash lh) as a hypothesis (same
 * text: keeps the better). */
static void beam_add(beam *b, const hyp *parent, const char *a, size_t an, const char *c,
                     size_t cn, uint64_t lh, float score, float pen, int edits, int tone)
{
    size_t len = parent->len + an + cn;
    if (len >= TEXT || !beam_admits(b, score)) return;
    uint64_t hash = hash_more(hash_more(parent->hash, a, an), c, cn);
    int slot = tab_find(b, hash, parent, a, an, c, cn), fresh = slot < 0;
    if (!fresh && score <= b->score[slot]) return;
    if (fresh) slot = b->n < BEAM ? b->n : b->heap[0];
    hyp *h = &b->h[slot];
    memcpy(h->text, parent->text, parent->len);
    memcpy(h->text + parent->len, a, an);
    memcpy(h->text + parent->len + an, c, cn);
    h->len = (uint8_t)len, h->edits = (uint8_t)edits, h->tone = (uint8_t)tone;
    h->score = score, h->pen = pen, h->hash = hash, h->lex = lh;
    b->score[slot] = score, b->hash[slot] = hash;
    if (fresh && slot == b->n) {
        b->heap[b->n] = (uint8_t)slot, b->pos[slot] = (uint8_t)b->n;
        b->n++;
        beam_up(b, b->n - 1);
    } else {
        beam_down(b, b->pos[slot]); /* a better score moves down a min-heap */
    }
    if (fresh) tab_put(b, hash, slot);
}

typedef struct outlist {
    vb_cand *out;
    size_t n, max;
    int (*known)(void *, const char *, size_t);
    void *ctx;
} outlist;

static int out_admits(const outlist *o, float score)
{
    return o->n < o->max || score > o->out[o->n - 1].logp;
}

/* Inserts a complete candidate into the sorted output (if known, not there). */
static void out_add(outlist *o, const char *s, size_t n, float score)
{
    if (!out_admits(o, score)) return;
    for (size_t i = 0; i < o->n; i++)
        if (!strncmp(o->out[i].text, s, n) && o->out[i].text[n] == 0) return;
    if (o->known && !o->known(o->ctx, s, n)) return;
    size_t i = o->n < o->max ? o->n++ : o->n - 1;
    while (i > 0 && o->out[i - 1].logp < score) o->out[i] = o->out[i - 1], i--;
    memcpy(o->out[i].text, s, n);
    o->out[i].text[n] = 0;
    o->out[i].logp = score;
}

typedef struct fin_ref {
    float score;
    int slot;
} fin_ref;

typedef struct search {
    const vb_channel *ch;
    const char *obs;
    size_t off[VB_CHANNEL_MAX_CHARS + 1]; /* byte offset of each code point */
    uint8_t tone[VB_CHANNEL_MAX_CHARS];   /* the observed letter has a tone mark */
    uint8_t letter[VB_CHANNEL_MAX_CHARS]; /* ... is a letter (else: syllable break) */
    const char *wild[VB_CHANNEL_MAX_CHARS]; /* a symbol's letter class, or NULL */
    vb_lexseg lseg[VB_CHANNEL_MAX_CHARS];   /* each code point's part of a lexicon hash */
    const ch_key *k1[VB_CHANNEL_MAX_CHARS]; /* the table's key for code point p, */
    const ch_key *k2[VB_CHANNEL_MAX_CHARS]; /* ... for p and p + 1 (or NULL) */
    int sym_run;                          /* searching a symbol's readings */
    int L;
    const ch_key *ins;                    /* key "": letters OCR dropped */
    const vb_lexicon *lex;                /* the words' prefixes, or NULL */
    outlist *out;
    beam lv[3];
    hyp fin[FINAL];       /* complete candidates (text, len) ... */
    fin_ref heap[FINAL];  /* ... ordered by a min-heap on score */
    int nfin;
} search;

/* The heap holds (score, slot) pairs so that sifting moves 8 bytes, not texts. */
static void heap_down(fin_ref *h, int n, int i)
{
    for (;;) {
        int m = i, l = 2 * i + 1, r = l + 1;
        if (l < n && h[l].score < h[m].score) m = l;
        if (r < n && h[r].score < h[m].score) m = r;
        if (m == i) return;
        fin_ref t = h[i];
        h[i] = h[m], h[m] = t, i = m;
    }
}

static void heap_up(fin_ref *h, int i)
{
    while (i > 0 && h[(i - 1) / 2].score > h[i].score) {
        fin_ref t = h[i];
        h[i] = h[(i - 1) / 2], h[(i - 1) / 2] = t, i = (i - 1) / 2;
    }
}

static int fin_admits(const search *S, float score)
{
    return S->nfin < FINAL || score > S->heap[0].score;
}

/* Keeps the FINAL best complete candidates (duplicates are dropped later);
 * the text is a + b. */
static void fin_add(search *S, const char *a, size_t an, const char *b, size_t bn, float score,
                    float pen)
{
    if (!fin_admits(S, score) || an + bn >= TEXT) return;
    int slot = S->nfin < FINAL ? S->nfin : S->heap[0].slot;
    memcpy(S->fin[slot].text, a, an);
    memcpy(S->fin[slot].text + an, b, bn);
    S->fin[slot].len = (uint8_t)(an + bn);
    S->fin[slot].pen = pen;
    if (S->nfin < FINAL) {
        S->heap[S->nfin] = (fin_ref){score, slot};
        heap_up(S->heap, S->nfin++);
    } else {
        S->heap[0].score = score;
        heap_down(S->heap, S->nfin, 0);
    }
}

static int ref_cmp(const void *x, const void *y)
{
    const fin_ref *a = x, *b = y;
    return (a->score < b->score) - (a->score > b->score);
}

/* The complete candidates, best first, through the `known` filter. */
static void fin_flush(search *S)
{
    qsort(S->heap, (size_t)S->nfin, sizeof *S->heap, ref_cmp);
    /* a later run (symbol readings) may still place better ones */
    for (int i = 0; i < S->nfin && (S->out->n < S->out->max || S->sym_run); i++) {
        const hyp *h = &S->fin[S->heap[i].slot];
        out_add(S->out, h->text, h->len, S->heap[i].score - h->pen);
    }
}

/* A complete candidate h.text + a + c (+ a dropped final letter) to the output. */
static void emit_final(search *S, const hyp *h, const char *a, size_t an, const char *c,
                       size_t cn, uint64_t lh, float score, float pen, int edits)
{
    char t[TEXT];
    size_t len = h->len + an + cn;
    if (len >= TEXT) return;
    memcpy(t, h->text, h->len);
    memcpy(t + h->len, a, an);
    memcpy(t + h->len + an, c, cn);
    fin_add(S, t, len, "", 0, score, pen);
    for (uint32_t i = 0; S->ins && edits < VB_CHANNEL_MAX_EDITS && i < S->ins->count && i < MAX_INS;
         i++) {
        const ch_edit *e = &S->ch->edits[S->ins->first + i];
        if (!fin_admits(S, score + e->logp + e->pen)) break;
        if (!S->lex || vb_lexicon_has(S->lex, vb_lexicon_append(lh, e->lseg)))
            fin_add(S, t, len, e->in, e->len, score + e->logp + e->pen, pen + e->pen);
    }
}

/* Hypothesis h extended by a + c (their parts of a lexicon hash la, lc),
 * into the beam of `level` or the output; with a lexicon, only while the
 * text is still a prefix of some word. */
static void emit(search *S, int level, const hyp *h, const char *a, size_t an, vb_lexseg la,
                 const char *c, size_t cn, vb_lexseg lc, float score, float pen, int edits, int tone)
{
    uint64_t lh = vb_lexicon_append(vb_lexicon_append(h->lex, la), lc);
    if (S->lex && !vb_lexicon_has(S->lex, lh)) return;
    if (level == S->L) emit_final(S, h, a, an, c, cn, lh, score, pen, edits);
    else beam_add(&S->lv[level % 3], h, a, an, c, cn, lh, score, pen, edits, tone);
}

static const vb_lexseg NOSEG = {0, 1};

/* Whether a hypothesis scoring `score` can still enter level `level`. */
static int admits(const search *S, int level, float score)
{
    return level == S->L ? fin_admits(S, score) : beam_admits(&S->lv[level % 3], score);
}

/* Reverse edits of key k (best first) from hypothesis h into `level`. */
static void extend_edits(search *S, int level, const hyp *h, const ch_key *k)
{
    if (!k || h->edits >= VB_CHANNEL_MAX_EDITS) return;
    for (uint32_t i = 0; i < k->count; i++) {
        const ch_edit *e = &S->ch->edits[k->first + i];
        float s = h->score + e->logp + e->pen;
        if (!admits(S, level, s)) break;
        if (e->tone && h->tone) continue;
        emit(S, level, h, e->in, e->len, e->lseg, "", 0, NOSEG, s, h->pen + e->pen, h->edits + 1,
             h->tone | e->tone);
    }
}

/* A symbol's letter: any letter of its class. */
static void extend_wild(search *S, const hyp *h, int p)
{
    const char *c = S->wild[p];
    int32_t i = 0, n = (int32_t)strlen(c);
    while (i < n) {
        int32_t from = i;
        UChar32 u;
        U8_NEXT(c, i, n, u);
        int tone = cp_has_tone(u);
        float s = h->score + letter_prior(S->ch, u);
        if (!(tone && h->tone) && admits(S, p + 1, s))
            emit(S, p + 1, h, c + from, (size_t)(i - from),
                 vb_lexicon_seg(c + from, (size_t)(i - from)), "", 0, NOSEG, s, h->pen, h->edits,
                 h->tone | tone);
    }
}

/* Every way to read code point p (and p+1) of obs from hypothesis h. */
static void extend(search *S, const hyp *h, int p)
{
    if (S->wild[p]) {
        extend_wild(S, h, p);
        return;
    }
    const char *c = S->obs + S->off[p];
    size_t cn = S->off[p + 1] - S->off[p];
    const ch_key *k1 = S->k1[p];
    float id = k1 ? k1->ident : 0.0f, pr = k1 ? k1->prior : 0.0f;
    int tone = S->letter[p] ? h->tone | S->tone[p] : 0;
    emit(S, p + 1, h, "", 0, NOSEG, c, cn, S->lseg[p], h->score + id + pr, h->pen + pr, h->edits,
         tone);
    extend_edits(S, p + 1, h, k1);
    if (S->ins && h->edits < VB_CHANNEL_MAX_EDITS)
        for (uint32_t i = 0; i < S->ins->count && i < MAX_INS; i++) {
            const ch_edit *e = &S->ch->edits[S->ins->first + i];
            float s = h->score + e->logp + e->pen + id + pr;
            if (!admits(S, p + 1, s)) break;
            if (e->tone && tone) continue;
            emit(S, p + 1, h, e->in, e->len, e->lseg, c, cn, S->lseg[p], s, h->pen + e->pen + pr,
                 h->edits + 1, tone | e->tone);
        }
    if (p + 1 < S->L)
        extend_edits(S, p + 2, h, S->k2[p]);
}

/* Splits obs into code points and finds their keys in the table; -1 when
 * invalid or too long. */
static int split(search *S, const char *obs, size_t n)
{
    int32_t i = 0, len = (int32_t)n;
    S->L = 0;
    while (i < len) {
        UChar32 c;
        if (S->L >= VB_CHANNEL_MAX_CHARS) return -1;
        S->off[S->L] = (size_t)i;
        U8_NEXT(obs, i, len, c);
        if (c <= 0) return -1;
        S->tone[S->L] = (uint8_t)cp_has_tone(c);
        S->wild[S->L] = NULL;
        S->letter[S->L++] = (uint8_t)(u_isalpha(c) != 0);
    }
    S->off[S->L] = n;
    for (int p = 0; p < S->L; p++) {
        S->lseg[p] = vb_lexicon_seg(obs + S->off[p], S->off[p + 1] - S->off[p]);
        S->k1[p] = find_key(S->ch, obs + S->off[p], S->off[p + 1] - S->off[p]);
        S->k2[p] = p + 1 < S->L ? find_key(S->ch, obs + S->off[p], S->off[p + 2] - S->off[p]) : NULL;
    }
    return 0;
}

/* The unchanged token is always offered (when known): OCR text is often
 * right, and the decoder must be able to keep it. It replaces the last
 * candidate if the list is full. */
static void keep_identity(search *S, const char *obs, size_t n)
{
    outlist *o = S->out;
    float score = 0;
    for (size_t i = 0; i < o->n; i++)
        if (!strncmp(o->out[i].text, obs, n) && o->out[i].text[n] == 0) return;
    for (int p = 0; p < S->L; p++) score += S->k1[p] ? S->k1[p]->ident : 0.0f;
    if (o->known && !o->known(o->ctx, obs, n)) return;
    if (o->n == o->max) o->n--;
    out_add(o, obs, n, score);
}

/* The beam search over obs[0..n) (already split into S); its candidates
 * go to the output at base + their log-probability. */
static void search_run(search *S, const char *obs, float base)
{
    S->obs = obs;
    S->nfin = 0;
    static const hyp root = {.len = 0, .hash = 0xcbf29ce484222325ULL, .lex = VB_LEX_EMPTY};
    for (int i = 0; i < 3; i++) beam_reset(&S->lv[i]);
    beam_add(&S->lv[0], &root, "", 0, "", 0, VB_LEX_EMPTY, base, 0.0f, 0, 0);
    for (int p = 0; p < S->L; p++) {
        beam *cur = &S->lv[p % 3];
        for (int j = 0; j < cur->n; j++) extend(S, &cur->h[j], p);
        beam_reset(cur);
    }
    fin_flush(S);
}

int vb_channel_symbol(uint32_t cp)
{
    UChar32 c = (UChar32)cp;
    return c > ' ' && c <= 0x10FFFF && !u_isalnum(c) && !u_isspace(c) &&
           !(c < 128 && strchr("-/&.,;:()[]+=%<>#_", (int)c)) && c != 0x2013 && c != 0x2014 &&
           c != 0x2026;
}

/* Searches every reading of the symbols at code points at[0..ns) of obs:
 * dropped, or one of the base letters (in the case of the letter before). */
static void search_symbols(search *S, const char *obs, size_t n, const int *at, int ns)
{
    int choices = (int)NCLASS + 1, combos = 1, letters = 0, caps = 0;
    size_t pos[MAX_SYM], end[MAX_SYM];
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(obs, i, (int32_t)n, c);
        letters += c > 0 && u_isalpha(c), caps += c > 0 && u_isupper(c);
    }
    int upper = letters >= 2 && caps == letters; /* an ALL-CAPS word: capital letters */
    for (int k = 0; k < ns; k++) {
        pos[k] = S->off[at[k]], end[k] = S->off[at[k] + 1];
        combos *= choices;
    }
    for (int c = 0; c < combos; c++) {
        char buf[TEXT];
        const char *cls[MAX_SYM];
        int cp[MAX_SYM], nw = 0, dropped = 0;
        size_t len = 0, from = 0;
        float cost = 0;
        for (int k = 0, r = c; k < ns; k++, r /= choices) {
            int pick = r % choices; /* 0: dropped, else class pick - 1 */
            memcpy(buf + len, obs + from, pos[k] - from);
            len += pos[k] - from;
            if (pick) { /* a placeholder letter, read as its whole class */
                cls[nw] = sym_class[pick - 1][upper];
                cp[nw++] = at[k] - dropped;
                buf[len++] = 'a';
            } else {
                dropped++;
            }
            cost += pick ? SYM_LETTER : SYM_DROP;
            from = end[k];
        }
        memcpy(buf + len, obs + from, n - from);
        len += n - from;
        if (len == 0 || split(S, buf, len) != 0) continue;
        for (int w = 0; w < nw; w++) S->wild[cp[w]] = cls[w];
        search_run(S, buf, cost);
    }
}

/* Candidates for a token without edge punctuation. */
static size_t candidates_core(const vb_channel *ch, const vb_lexicon *lex, const char *obs,
                              size_t n, outlist *o)
{
    search *S = malloc(sizeof *S);
    if (!S) return 0;
    S->ch = ch, S->lex = lex, S->out = o, S->sym_run = 0;
    S->ins = find_key(ch, "", 0);
    if (split(S, obs, n) < 0) {
        out_add(o, obs, n, 0.0f);
        free(S);
        return o->n;
    }
    int at[MAX_SYM], ns = 0, L = S->L;
    for (int p = 0; p < L && ns <= MAX_SYM; p++) {
        int32_t i = (int32_t)S->off[p];
        UChar32 c;
        U8_NEXT(obs, i, (int32_t)n, c);
        if (vb_channel_symbol((uint32_t)c)) {
            if (ns < MAX_SYM) at[ns] = p;
            ns++;
        }
    }
    search_run(S, obs, 0.0f); /* what the table learned of symbols too ("|" for l) */
    S->sym_run = 1;
    if (ns > 0 && ns <= MAX_SYM) search_symbols(S, obs, n, at, ns);
    if (split(S, obs, n) == 0) keep_identity(S, obs, n);
    free(S);
    return o->n;
}

/* Punctuation around a token; not '?' or '!', which may be a letter OCR
 * lost ("nh?"). */
static int edge_punct(char c)
{
    return c && strchr(".,;:()[]\"'", c) != NULL;
}

/* Puts the punctuation around the core back on every candidate. */
static size_t rewrap(vb_cand *out, size_t k, const char *pre, size_t pn, const char *post,
                     size_t sn)
{
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        size_t len = strlen(out[i].text);
        if (pn + len + sn >= TEXT) continue;
        vb_cand c = out[i];
        memcpy(c.text, pre, pn);
        memcpy(c.text + pn, out[i].text, len);
        memcpy(c.text + pn + len, post, sn);
        c.text[pn + len + sn] = 0;
        out[j++] = c;
    }
    return j;
}

size_t vb_channel_candidates(const vb_channel *ch, const char *obs, size_t n,
                             int (*known)(void *ctx, const char *s, size_t n), void *ctx,
                             vb_cand *out, size_t max)
{
    return vb_channel_candidates_lex(ch, NULL, obs, n, known, ctx, out, max);
}

size_t vb_channel_candidates_lex(const vb_channel *ch, const vb_lexicon *lex, const char *obs,
                                 size_t n, int (*known)(void *ctx, const char *s, size_t n),
                                 void *ctx, vb_cand *out, size_t max)
{
    outlist o = {out, 0, max, known, ctx};
    if (!ch || !obs || !out || max == 0 || n == 0 || n >= TEXT) return 0;
    size_t pn = 0, sn = 0;
    while (pn < n && edge_punct(obs[pn])) pn++;
    while (sn < n - pn && edge_punct(obs[n - 1 - sn])) sn++;
    if (pn == n) {
        out_add(&o, obs, n, 0.0f);
        return o.n;
    }
    size_t k = candidates_core(ch, lex, obs + pn, n - pn - sn, &o);
    return pn + sn ? rewrap(out, k, obs, pn, obs + n - sn, sn) : k;
}
