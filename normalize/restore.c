/* restore.c — diacritic restoration and OCR post-correction: the model
 * (found, mapped, shared by the engine), the need measure, and the
 * line-by-line restoration that records every change as a vb_corr.
 * The decoder itself (candidates, beam search, posteriors) is lmdecode.c. */
#include "core/engine.h"
#include "normalize/channel.h"
#include "normalize/lexicon.h"
#include "normalize/lm.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MODEL_NAME "vanban-vi.lm"
#define CHANNEL_NAME "ocr-channel.tsv"
/* Weight of the channel's log P(observed | intended) against the language
 * model, tuned on a development set of training-slice scans (doc/model.md). */
#define CHANNEL_WEIGHT 0.1f
/* Channel candidates more than this (ln) below the best one are dropped:
 * with the lexicon the channel finds far-fetched words too, and the
 * language model would take some (dev sets: span 4 → 754 errors, 5 → 729,
 * 6 → 735, 7 → 757, none → 790+; 6 rather than 5 keeps "Độc" for "Poc",
 * whose P → Đ the scans teach rarely; doc/model.md). */
#define CHANNEL_SPAN 6.0f

static vb_status open_first(const char *path, vb_model **out, vb_error *err)
{
    vb_model *m = calloc(1, sizeof *m);
    if (!m)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    vb_status s = vb_lm_open(path, &m->lm, err);
    if (s == VB_OK && !(m->path = strdup(path))) {
        vb_lm_close(m->lm);
        s = vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    if (s != VB_OK) {
        free(m);
        return s;
    }
    pthread_mutex_init(&m->channel_lock, NULL);
    *out = m;
    return VB_OK;
}

/* <dir of the executable>/../model/NAME */
static int exe_relative(char *buf, size_t cap, const char *name)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = 0;
    return snprintf(buf, cap, "%s/../model/%s", exe, name) < (int)cap;
}

vb_status vb_model_open(const char *path, vb_model **out, vb_error *err)
{
    *out = NULL;
    if (path && *path)
        return open_first(path, out, err);
    const char *env = getenv("VB_MODEL");
    if (env && *env)
        return open_first(env, out, err);
    char buf[PATH_MAX + 32];
    if (exe_relative(buf, sizeof buf, MODEL_NAME) && access(buf, R_OK) == 0)
        return open_first(buf, out, err);
    snprintf(buf, sizeof buf, "/usr/share/vanban/%s", MODEL_NAME);
    if (access(buf, R_OK) == 0)
        return open_first(buf, out, err);
    return vb_error_set(err, VB_ERR_MODEL,
                        "no language model found (--model, $VB_MODEL, model/%s next to "
                        "the program, /usr/share/vanban/)",
                        MODEL_NAME);
}

void vb_model_close(vb_model *m)
{
    if (!m)
        return;
    vb_lm_close(m->lm);
    vb_adapt_free(m->adapt);
    vb_channel_free(m->channel[VB_OCR_ENG]);
    vb_channel_free(m->channel[VB_OCR_VIE]);
    vb_lexicon_free(m->lex);
    pthread_mutex_destroy(&m->channel_lock);
    free(m->path);
    free(m);
}

/* ---- the OCR channel -------------------------------------------------------- */

/* The channel table: $VB_CHANNEL, next to the language model's file, then
 * the model's own search order (model/ next to the program,
 * /usr/share/vanban/). Returns 1 with the path in buf. */
static int channel_path(const vb_model *m, char *buf, size_t cap)
{
    const char *env = getenv("VB_CHANNEL");
    if (env && *env)
        return snprintf(buf, cap, "%s", env) < (int)cap;
    const char *slash = strrchr(m->path, '/');
    int dir = slash ? (int)(slash - m->path) : 0;
    if (snprintf(buf, cap, "%.*s%s%s", dir, m->path, slash ? "/" : "", CHANNEL_NAME) <
            (int)cap && access(buf, R_OK) == 0)
        return 1;
    if (exe_relative(buf, cap, CHANNEL_NAME) && access(buf, R_OK) == 0)
        return 1;
    snprintf(buf, cap, "/usr/share/vanban/%s", CHANNEL_NAME);
    return access(buf, R_OK) == 0;
}

/* The channel of OCR model `which` (VB_OCR_*) with the model's lexicon,
 * loaded once per model on first use; NULL when there is no channel
 * (restoration goes on without it). */
static struct vb_ocr_source *model_channel(vb_model *m, int which)
{
    pthread_mutex_lock(&m->channel_lock);
    if (!m->channel_tried[which]) {
        char buf[PATH_MAX + 32];
        vb_error local = {0};
        m->channel_tried[which] = 1;
        if (channel_path(m, buf, sizeof buf) &&
            vb_channel_load_model(buf, which == VB_OCR_VIE ? "vie" : "eng", &m->channel[which],
                                  &local) != VB_OK)
            m->channel[which] = NULL;
        if (m->channel[which] && !m->lex)
            m->lex = vb_lexicon_new(m->lm); /* NULL (out of memory): searched without */
        m->source[which] = (struct vb_ocr_source){m->channel[which], m->lex};
    }
    struct vb_ocr_source *src = m->channel[which] ? &m->source[which] : NULL;
    pthread_mutex_unlock(&m->channel_lock);
    return src;
}

/* vb_extra_fn over a channel and lexicon (vb_cand and vb_restore_cand agree). */
static size_t channel_extra(void *ctx, const char *obs, size_t n,
                            int (*known)(void *kctx, const char *s, size_t n), void *kctx,
                            vb_restore_cand *out, size_t max)
{
    const struct vb_ocr_source *src = ctx;
    vb_cand c[24];
    size_t k = vb_channel_candidates_lex(src->channel, src->lex, obs, n, known, kctx, c,
                                         max < 24 ? max : 24);
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        if (c[i].logp < c[0].logp - CHANNEL_SPAN)
            break; /* far less likely readings than the best: noise for the decoder */
        memcpy(out[j].text, c[i].text, sizeof out[j].text);
        out[j++].logp = c[i].logp;
    }
    return j;
}

static void model_free_cb(void *p)
{
    vb_model_close(p);
}

vb_model *vb_engine_model(vb_engine *e, vb_error *err)
{
    pthread_mutex_lock(&e->lock);
    vb_model *m = e->model;
    if (!m && !e->model_failed) {
        vb_error local = {0};
        if (vb_model_open(e->opt.model_path, &m, &local) != VB_OK) {
            e->model_failed = 1;
            vb_error_set(err, local.status, "%s", local.msg);
        } else if (getenv("VB_ADAPT") && *getenv("VB_ADAPT") &&
                   !(m->adapt = vb_adapt_load(m->lm, getenv("VB_ADAPT"), &local))) {
            vb_model_close(m);
            m = NULL;
            e->model_failed = 1;
            vb_error_set(err, local.status, "%s", local.msg);
        } else if (vb_engine_on_free(e, model_free_cb, m) != 0) {
            vb_model_close(m);
            m = NULL;
            e->model_failed = 1;
            vb_error_set(err, VB_ERR_MODEL, "too many engine resources");
        } else {
            e->model = m;
        }
    } else if (!m) {
        vb_error_set(err, VB_ERR_MODEL, "the language model could not be opened");
    }
    pthread_mutex_unlock(&e->lock);
    return m;
}

/* ---- need ----------------------------------------------------------------- */

typedef struct {
    long words, shaped, marked, fragments;
    long odd;       /* English-model OCR's marks: "ngudi", "X3y", "Quéc" (ocr_text) */
} need_t;

typedef struct {
    need_t *st;
    const char *s;
    size_t n;
    const vb_lm *lm;    /* to count odd words; NULL: don't */
} need_ctx;

static int spaced(const char *s, size_t n, size_t off, size_t len)
{
    return (off == 0 || s[off - 1] == ' ' || s[off - 1] == '\t') &&
           (off + len == n || s[off + len] == ' ' || s[off + len] == '\t' ||
            s[off + len] == '\r' || s[off + len] == '\n');
}

static int digit_at(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static int need_piece(void *ctx, size_t off, size_t len, int kind)
{
    need_ctx *c = ctx;
    char low[256], skel[128];
    int marks, caps;
    if (kind != 1 || !vb_word_fold(c->s + off, len, low, sizeof low, skel, sizeof skel, &marks, &caps))
        return 0;
    need_t *s = c->st;
    int shape = vb_syllable_shape(skel);
    s->words++;
    if (shape) {
        s->shaped++;
        s->marked += marks > 0;
    } else if (strlen(skel) <= 3 && caps < 2 && spaced(c->s, c->n, off, len)) {
        s->fragments++; /* "đ", "nh", "b" standing alone: a word that lost a glyph */
    }
    if (c->lm &&
        ((caps == 0 && !shape && strlen(skel) >= 4) ||
         (caps == 0 && (digit_at(c->s, c->n, off - 1) || digit_at(c->s, c->n, off + len))) ||
         (marks > 0 && vb_lm_id(c->lm, low, strlen(low)) == VB_LM_UNK)))
        s->odd++; /* "thudng", "X3y", "m6", "Quéc" */
    return 0;
}

static void need_count_lm(const char *s, size_t n, need_t *st, const vb_lm *lm)
{
    need_ctx c = {st, s, n, lm};
    vb_lm_pieces(s, n, need_piece, &c);
}

static void need_count(const char *s, size_t n, need_t *st)
{
    need_ctx c = {st, s, n, NULL};
    vb_lm_pieces(s, n, need_piece, &c);
}

double vb_restore_need_text(const char *s, size_t n, long *shaped)
{
    need_t st = {0};
    need_count(s, n, &st);
    *shaped = st.shaped;
    return vb_need_score(st.words, st.shaped, st.marked, st.fragments);
}

double vb_need_score(long words, long shaped, long marked, long fragments)
{
    if (shaped == 0 || words == 0)
        return 0.0;
    double frag = 4.0 * (double)fragments / (double)words;
    /* In written Vietnamese about 70–80 % of syllables carry a mark; in
     * stripped text none do. Text that is mostly not syllable-shaped
     * (English, code) is not Vietnamese to restore. */
    double unmarked = 1.0 - (double)marked / (double)shaped;
    double viet = ((double)shaped / (double)words - 0.45) / 0.35;
    double u = (unmarked - VB_NEED_CLEAN_UNMARKED) / (0.95 - VB_NEED_CLEAN_UNMARKED);
    viet = viet < 0 ? 0 : viet > 1 ? 1 : viet;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    frag = frag > 1 ? 1 : frag;
    return (u > frag ? u : frag) * viet;
}

double vb_line_marked_share(const char *s, size_t n)
{
    need_t st = {0};
    need_count(s, n, &st);
    return st.shaped ? (double)st.marked / (double)st.shaped : 0.0;
}

long vb_line_fragments(const char *s, size_t n)
{
    need_t st = {0};
    need_count(s, n, &st);
    return st.fragments;
}

double vb_restore_need(const vb_layout *L)
{
    need_t st = {0};
    for (size_t i = 0; i < L->nlines; i++)
        need_count(L->lines[i].text.s, L->lines[i].text.len, &st);
    return vb_need_score(st.words, st.shaped, st.marked, st.fragments);
}

/* Whether a document reads like English-model OCR of Vietnamese, from its
 * counts: at least 1 word in 20 (and 3) is odd: lower-case and no syllable
 * ("ngudi"), glued to a digit ("X3y", "m6") or marked but no word of the
 * model ("Quéc"). Clean plans have under 0.5 %, Wikipedia text (foreign
 * words) 0.8 %, Vietnamese-model OCR 0.6 %, English-model OCR 15–26 %
 * (doc/model.md). */
static int ocr_text(const need_t *doc)
{
    return doc->odd >= 3 && doc->odd * 20 >= doc->words;
}

/* ---- Vietnamese-model OCR ----------------------------------------------------- */

/* Text OCR'd here with Tesseract's Vietnamese model (a layout whose words
 * carry the engine's confidences) is mostly right; its errors are a few
 * misread letters and marks ("tố chức", "kiếm định"). Every known word may
 * still become another form of its skeleton or a word the Vietnamese
 * channel proposes, but pays for it by how sure the engine was:
 * VIE_BASE + VIE_SLOPE · log10(conf / (1 − conf)) (log10 units, at least
 * 0); at conf ≥ VIE_SURE it stays as written. Words the model does not
 * know pay nothing. Tuned on development scans (training-slice text and
 * plan-dev, OCR'd by vanban: 300-dpi scans, clean renders, phone-style
 * copies, old-archive scans; doc/model.md): the character errors fall with
 * any base in 0.5–2 and slope in 0.5–2 once changes pay (3,085–3,092 of
 * 40,935 against 3,289 without post-correction); the weight of the
 * channel matters little (0.05–0.5: 3,084–3,092). */
#define VIE_BASE 1.0f
#define VIE_SLOPE 1.0f
#define VIE_SURE 0.99f
#define VIE_WEIGHT 0.1f

static float env_or(const char *name, float dflt)
{
    const char *v = getenv(name);
    return v && *v ? (float)atof(v) : dflt;
}

/* The Vietnamese-model path's constants; $VB_VIE_BASE, _SLOPE, _SURE and
 * _WEIGHT override them for tuning experiments. Read once per layout. */
typedef struct vie_tune {
    float base, slope, sure, weight;
} vie_tune;

static vie_tune vie_tuning(void)
{
    return (vie_tune){env_or("VB_VIE_BASE", VIE_BASE), env_or("VB_VIE_SLOPE", VIE_SLOPE),
                      env_or("VB_VIE_SURE", VIE_SURE), env_or("VB_VIE_WEIGHT", VIE_WEIGHT)};
}

static int has_word_conf(const vb_layout *L)
{
    for (size_t i = 0; i < L->nlines; i++)
        for (size_t k = 0; k < L->lines[i].text.nwords; k++)
            if (L->lines[i].text.words[k].conf >= 0)
                return 1;
    return 0;
}

typedef struct {
    const vb_lm *lm;
    const char *s;
    int oov;
} oov_ctx;

static int oov_piece(void *ctx, size_t off, size_t len, int kind)
{
    oov_ctx *c = ctx;
    char low[256], skel[128];
    int marks, caps;
    if (kind == 1 && vb_word_fold(c->s + off, len, low, sizeof low, skel, sizeof skel, &marks, &caps) &&
        caps != 2 && vb_lm_id(c->lm, low, strlen(low)) == VB_LM_UNK)
        c->oov = 1; /* not codes in capitals (THCS, MNPL) */
    return 0;
}

/* The cost of changing each white-space chunk of line ln (as many as
 * vb_line_chunks finds, their number into *count) into keep[]; returns
 * how many may change. Chunk k
 * is OCR word k when the counts agree (ingest joins a line's words with
 * spaces or tabs); else only unknown words may change. */
static size_t line_keep(const vb_lm *lm, const vb_line *ln, const vie_tune *t, float *keep,
                        size_t *start, size_t *end, size_t cap, size_t *count)
{
    const char *s = ln->text.s;
    size_t nchunks = vb_line_chunks(s, ln->text.len, start, end, cap), open = 0;
    *count = nchunks < cap ? nchunks : cap;
    int confs = nchunks == ln->text.nwords;
    for (size_t k = 0; k < nchunks && k < cap; k++) {
        oov_ctx c = {lm, s + start[k], 0};
        vb_lm_pieces(s + start[k], end[k] - start[k], oov_piece, &c);
        float conf = confs ? ln->text.words[k].conf : -1.0f;
        if (c.oov)
            keep[k] = 0;
        else if (conf < 0 || conf >= t->sure)
            keep[k] = VB_KEEP_ASIS;
        else {
            float p = conf < 0.01f ? 0.01f : conf;
            keep[k] = t->base + t->slope * log10f(p / (1 - p));
            keep[k] = keep[k] < 0 ? 0 : keep[k];
        }
        open += keep[k] < VB_KEEP_ASIS;
    }
    return open;
}

/* Restores line ln of Vietnamese-model OCR. */
static int decode_in_context(vb_decoder *d, vb_layout *L, size_t i, double min_conf,
                             const float *keep, size_t nkeep, vb_line_result *r);

static int restore_vie_line(vb_model *m, vb_decoder *d, vb_layout *L, size_t i,
                            const vie_tune *t, double min_conf, vb_line_result *r)
{
    vb_line *ln = &L->lines[i];
    *r = (vb_line_result){0, 0, 0.0};
    size_t cap = ln->text.len / 2 + 2;
    float *keep = malloc(cap * sizeof *keep);
    size_t *start = malloc(2 * cap * sizeof *start), nchunks;
    int rc = 0;
    if (!keep || !start)
        rc = -1;
    else if (line_keep(m->lm, ln, t, keep, start, start + cap, cap, &nchunks) > 0) {
        struct vb_ocr_source *ch = model_channel(m, VB_OCR_VIE);
        vb_decoder_set_garbled(d, 1);
        vb_decoder_set_dropout(d, 0);
        vb_decoder_set_extra(d, ch ? channel_extra : NULL, ch);
        rc = decode_in_context(d, L, i, min_conf, keep, nchunks, r);
    }
    free(keep);
    free(start);
    return rc;
}

/* ---- context across line breaks ------------------------------------------------ */

/* Text wrapped at every line end splits phrases ("… yếu, từng | bước nâng
 * cao"), and a line decoded alone has no context at its ends. An OCR line
 * is decoded with the last CTX_WORDS words of the line before it (already
 * restored) and the first CTX_WORDS of the line after it (still as read, so
 * a phrase across the break is decoded jointly); only the line changes. */
#define CTX_WORDS 2

/* The edge of line t to stand beside another line: none for table rows. */
static int context_line(const vb_line *ln)
{
    return ln->text.len > 0 && !(ln->flags & VB_LINE_ROW) && !memchr(ln->text.s, '\t', ln->text.len);
}

/* Appends the last (tail) or first CTX_WORDS chunks of s[0..n) to c. */
static int cat_edge(vb_text *c, const char *s, size_t n, int tail)
{
    size_t a[64], b[64], from = 0;
    if (tail && n > 256) { /* a long line's end: from a space near it */
        from = n - 256;
        while (from < n && s[from] != ' ')
            from++;
    }
    size_t k = vb_line_chunks(s + from, n - from, a, b, 64);
    if (k == 0 || (tail && k > 64))
        return 0;
    size_t first = tail ? (k > CTX_WORDS ? k - CTX_WORDS : 0) : 0;
    size_t last = tail ? k : (k < CTX_WORDS ? k : CTX_WORDS);
    return vb_text_cat(c, s + from + a[first], b[last - 1] - a[first]);
}

/* Decodes line i of L with its neighbours' edges as context. keep (NULL:
 * none) gives the cost of changing each of the line's chunks
 * (vb_decoder_set_keep); the context's words then stay as they are. */
static int decode_in_context(vb_decoder *d, vb_layout *L, size_t i, double min_conf,
                             const float *keep, size_t nkeep, vb_line_result *r)
{
    vb_line *ln = &L->lines[i];
    const vb_line *prev = i > 0 ? &L->lines[i - 1] : NULL;
    const vb_line *next = i + 1 < L->nlines ? &L->lines[i + 1] : NULL;
    if (!context_line(ln)) {
        vb_decoder_set_keep(d, keep, nkeep);
        int rc = vb_decoder_line(d, &ln->text, min_conf, r);
        vb_decoder_set_keep(d, NULL, 0);
        return rc;
    }
    vb_text c, out;
    vb_text_init(&c);
    vb_text_init(&out);
    int rc = 0;
    if (prev && context_line(prev) && prev->page == ln->page)
        rc = cat_edge(&c, prev->text.s, prev->text.len, 1) || vb_text_cat(&c, " ", 1);
    size_t a = c.len, before = vb_line_chunks(c.s, c.len, NULL, NULL, 0);
    rc = rc || vb_text_append(&c, &ln->text, NULL);
    size_t b = c.len;
    if (next && context_line(next) && next->page == ln->page)
        rc = rc || vb_text_cat(&c, " ", 1) || cat_edge(&c, next->text.s, next->text.len, 0);
    size_t after = c.len - b; /* context after the line: never changes */
    float *k2 = NULL;
    size_t n2 = before + nkeep + CTX_WORDS;
    if (keep && !rc) { /* the context's chunks as read */
        if (!(k2 = malloc(n2 * sizeof *k2)))
            rc = -1;
        for (size_t k = 0; k2 && k < n2; k++)
            k2[k] = k >= before && k < before + nkeep ? keep[k - before] : VB_KEEP_ASIS;
    }
    vb_decoder_set_span(d, a, b);
    vb_decoder_set_keep(d, k2, k2 ? n2 : 0);
    rc = rc || vb_decoder_line(d, &c, min_conf, r) || vb_text_append_range(&out, &c, a, c.len - after);
    vb_decoder_set_keep(d, NULL, 0);
    vb_decoder_set_span(d, 0, (size_t)-1);
    free(k2);
    if (rc == 0) {
        vb_text_free(&ln->text);
        ln->text = out;
    } else {
        vb_text_free(&out);
    }
    vb_text_free(&c);
    return rc ? -1 : 0;
}

/* ---- names ------------------------------------------------------------------ */

/* In OCR text a capitalised word changes into another skeleton only with
 * support (lmdecode.c): a neighbour the model pairs it with, or the
 * document writing it so. The words the document's clean lines write
 * capitalised with their marks ("Pom Lót" in a line read right) are that
 * evidence; a sorted array of model ids. */
typedef struct {
    const vb_lm *lm;
    const char *s;
    uint32_t *ids;
    size_t n, cap;
} names_ctx;

static int name_piece(void *ctx, size_t off, size_t len, int kind)
{
    names_ctx *c = ctx;
    char low[256], skel[128];
    int marks, caps;
    if (kind != 1 || !vb_word_fold(c->s + off, len, low, sizeof low, skel, sizeof skel, &marks, &caps) ||
        marks == 0 || (caps != 1 && caps != 2))
        return 0;
    uint32_t id = vb_lm_id(c->lm, low, strlen(low));
    if (id == VB_LM_UNK)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        uint32_t *ids = realloc(c->ids, cap * sizeof *ids);
        if (!ids)
            return -1;
        c->ids = ids, c->cap = cap;
    }
    c->ids[c->n++] = id;
    return 0;
}

static int id_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The evidence of L's clean lines (need: their counts, line_need) into
 * *ids (caller frees); -1 on OOM. */
static int doc_names(const vb_lm *lm, const vb_layout *L, const need_t *need, uint32_t **ids,
                     size_t *n)
{
    names_ctx c = {lm, NULL, NULL, 0, 0};
    for (size_t i = 0; i < L->nlines; i++) {
        const vb_text *t = &L->lines[i].text;
        const need_t *ln = &need[i];
        if (vb_need_score(ln->words, ln->shaped, ln->marked, ln->fragments) > 0.0 ||
            ln->shaped < 4 || ln->odd > 0)
            continue;
        c.s = t->s;
        if (vb_lm_pieces(t->s, t->len, name_piece, &c)) {
            free(c.ids);
            return -1;
        }
    }
    if (c.n)
        qsort(c.ids, c.n, sizeof *c.ids, id_cmp);
    *ids = c.ids;
    *n = c.n;
    return 0;
}

/* Restores line i of L when it needs it (stripped, dropout or, in a
 * document of English-model OCR, OCR-garbled), by its need counts ln;
 * r gets what changed. */
static int restore_line(vb_model *m, vb_decoder *d, vb_layout *L, size_t i, need_t ln,
                        double min_conf, int ocr_doc, int marked_doc, vb_line_result *r)
{
    vb_text *t = &L->lines[i].text;
    *r = (vb_line_result){0, 0, 0.0};
    double need = vb_need_score(ln.words, ln.shaped, ln.marked, ln.fragments);
    /* A line that is already written with its marks is left alone;
     * in OCR text, not when it has words no syllable looks like. */
    if (need <= 0.0 && ln.shaped >= 4 && !(ocr_doc && ln.odd > 0))
        return 0;
    /* in marked text, a line whose pieces outnumber half its syllables
     * lost too many glyphs to guess ("t ư ng     i o   c"): left as is */
    if (marked_doc && !ocr_doc && ln.fragments * 2 > ln.shaped)
        return 0;
    /* partly marked but still far from clean: OCR-garbled, not stripped */
    int garbled = need > 0.0 && ln.marked * 10 >= ln.shaped && ln.shaped > 0;
    int ocr = ocr_doc && (need > 0.0 || ln.odd > 0);
    garbled |= ocr && ln.marked > 0;
    vb_decoder_set_garbled(d, garbled);
    if (!m->extra) {
        struct vb_ocr_source *ch = ocr ? model_channel(m, VB_OCR_ENG) : NULL;
        vb_decoder_set_extra(d, ch ? channel_extra : NULL, ch);
    }
    /* a few fragments: dropped glyphs to fill */
    vb_decoder_set_dropout(d, marked_doc && ln.fragments > 0 && ln.fragments * 2 <= ln.shaped);
    return ocr ? decode_in_context(d, L, i, min_conf, NULL, 0, r) : vb_decoder_line(d, t, min_conf, r);
}

/* ---- layout ---------------------------------------------------------------- */

/* The need counts of each line of L (odd words counted), their sum into
 * *doc; counted once, as the document's measure, the names and each line's
 * decision all read them. NULL when out of memory. */
static need_t *line_need(const vb_lm *lm, const vb_layout *L, need_t *doc)
{
    need_t *need = calloc(L->nlines ? L->nlines : 1, sizeof *need);
    for (size_t i = 0; need && i < L->nlines; i++) {
        need_count_lm(L->lines[i].text.s, L->lines[i].text.len, &need[i], lm);
        doc->words += need[i].words, doc->shaped += need[i].shaped;
        doc->marked += need[i].marked, doc->fragments += need[i].fragments;
        doc->odd += need[i].odd;
    }
    return need;
}

vb_status vb_restore_layout(vb_model *m, vb_layout *L, double min_conf,
                            vb_restore_stats *stats, vb_error *err)
{
    vb_restore_stats st = {0, 0, 0.0};
    double confsum = 0;
    need_t doc = {0};
    need_t *need = line_need(m->lm, L, &doc);
    if (!need)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory restoring text");
    int ocr_doc = ocr_text(&doc);
    /* glyph dropout happens to marked text; in stripped text (no marks) the
     * short pieces are abbreviations, not words that lost a glyph */
    int marked_doc = doc.marked * 10 >= doc.shaped && doc.marked > 0;
    for (size_t i = 0; !ocr_doc && i < L->nlines; i++)
        need[i].odd = 0; /* odd words matter only in OCR text */
    uint32_t *names = NULL;
    size_t nnames = 0;
    vb_decoder *d = vb_decoder_new(m->lm);
    if (!d || doc_names(m->lm, L, need, &names, &nnames) != 0) {
        vb_decoder_free(d);
        free(need);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory restoring text");
    }
    vb_decoder_set_names(d, names, nnames);
    vb_decoder_set_extra(d, m->extra, m->extra_ctx);
    vb_decoder_set_extra_weight(d, m->channel_weight > 0 ? m->channel_weight
                                                         : env_or("VB_CHANNEL_WEIGHT", CHANNEL_WEIGHT));
    vb_decoder_set_adapt(d, m->adapt);
    if (m->beam > 0)
        vb_decoder_set_beam(d, m->beam);
    if (m->max_forms > 0)
        vb_decoder_set_forms(d, m->max_forms, m->span > 0 ? m->span : 3.0f);
    /* OCR'd here with the Vietnamese model (else the text would read as
     * English-model OCR): its own path */
    int vie_doc = !ocr_doc && !m->extra && has_word_conf(L);
    vie_tune tune = vie_tuning();
    if (vie_doc)
        vb_decoder_set_extra_weight(d, tune.weight);
    for (size_t i = 0; i < L->nlines; i++) {
        vb_line_result r;
        if ((vie_doc ? restore_vie_line(m, d, L, i, &tune, min_conf, &r)
                     : restore_line(m, d, L, i, need[i], min_conf, ocr_doc, marked_doc, &r)) != 0) {
            vb_decoder_free(d);
            free(names);
            free(need);
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory restoring text");
        }
        st.tokens += r.tokens;
        st.changed += r.changed;
        confsum += r.confsum;
    }
    vb_decoder_free(d);
    free(names);
    free(need);
    st.mean_conf = st.tokens ? confsum / (double)st.tokens : 1.0;
    if (stats)
        *stats = st;
    return VB_OK;
}

void vb_model_set_extra(vb_model *m, vb_extra_fn fn, void *ctx)
{
    m->extra = fn;
    m->extra_ctx = ctx;
}

const struct vb_lm *vb_model_lm(const vb_model *m)
{
    return m->lm;
}
