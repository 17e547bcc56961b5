/* lm.c — the memory-mapped n-gram model: open/validate, word ids, backoff
 * probabilities, skeleton → forms. Nothing is parsed at start-up: the file's
 * sorted and hashed arrays are used in place. */
#include "normalize/lm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct vb_lm {
    const unsigned char *base;
    size_t size;
    int mapped;
    const vb_lm_header *h;
    int order;
    const char *vstr;
    const uint32_t *voff, *vhash, *forms;
    const vb_lm_uni *uni;
    const vb_lm_skel *skel;
    const unsigned char *ng[VB_LM_MAXORDER + 1];  /* tables by order */
    int esize[VB_LM_MAXORDER + 1];                /* bytes per entry */
    const float *qp[VB_LM_MAXORDER + 1], *qbo[VB_LM_MAXORDER + 1];
};

static int section_ok(const vb_lm_header *h, uint64_t off, uint64_t bytes)
{
    return off % 4 == 0 && off <= h->file_size && bytes <= h->file_size - off;
}

static int entry_size(int order, int top)
{
    return order < top ? 5 : 4;
}

/* Checks every section lies inside the file and the tables are well formed. */
static int header_ok(const vb_lm_header *h, size_t size)
{
    if (memcmp(h->magic, VB_LM_MAGIC, 8) != 0 || h->file_size != size || h->order < 3 ||
        h->order > VB_LM_MAXORDER || h->nvocab < VB_LM_NFIXED || !h->vhash_size ||
        !h->skel_size)
        return 0;
    for (uint32_t k = 2; k <= h->order; k++)
        if (!h->ng_size[k] || h->ng_n[k] > h->ng_size[k] ||
            !section_ok(h, h->off_ng[k],
                        (uint64_t)h->ng_size[k] * (uint64_t)entry_size((int)k, (int)h->order)))
            return 0;
    return section_ok(h, h->off_code, (uint64_t)(h->order - 1) * 2 * VB_LM_QLEVELS * 4) &&
           section_ok(h, h->off_voff, ((uint64_t)h->nvocab + 1) * 4) &&
           section_ok(h, h->off_vhash, (uint64_t)h->vhash_size * 4) &&
           section_ok(h, h->off_uni, (uint64_t)h->nvocab * sizeof(vb_lm_uni)) &&
           section_ok(h, h->off_skel, (uint64_t)h->skel_size * sizeof(vb_lm_skel)) &&
           section_ok(h, h->off_skelforms, (uint64_t)h->nskelforms * 4) &&
           h->off_vstr <= h->file_size;
}

/* Word offsets must stay inside the string section, forms inside vocab. */
static int content_ok(const vb_lm *m)
{
    uint64_t slen = m->h->off_voff - m->h->off_vstr;
    if (m->h->off_voff < m->h->off_vstr)
        return 0;
    for (uint32_t i = 0; i <= m->h->nvocab; i++)
        if (m->voff[i] > slen || (i && m->voff[i] < m->voff[i - 1]))
            return 0;
    if (m->voff[m->h->nvocab] == 0 || m->vstr[m->voff[m->h->nvocab] - 1] != 0)
        return 0;
    for (uint32_t i = 0; i < m->h->nskelforms; i++)
        if (m->forms[i] >= m->h->nvocab)
            return 0;
    for (uint32_t i = 0; i < m->h->skel_size; i++)
        if ((uint64_t)m->skel[i].start + m->skel[i].count > m->h->nskelforms)
            return 0;
    for (uint32_t i = 0; i < m->h->vhash_size; i++)
        if (m->vhash[i] > m->h->nvocab)
            return 0;
    return 1;
}

vb_status vb_lm_open_mem(const void *data, size_t n, vb_lm **out, vb_error *err)
{
    *out = NULL;
    if (n < sizeof(vb_lm_header) || ((uintptr_t)data & 7))
        return vb_error_set(err, VB_ERR_MODEL, "model file too short");
    const vb_lm_header *h = data;
    if (!header_ok(h, n))
        return vb_error_set(err, VB_ERR_MODEL, "not a vanban model (or damaged)");
    vb_lm *m = calloc(1, sizeof *m);
    if (!m)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    m->base = data;
    m->size = n;
    m->h = h;
    m->order = (int)h->order;
    m->vstr = (const char *)m->base + h->off_vstr;
    m->voff = (const uint32_t *)(m->base + h->off_voff);
    m->vhash = (const uint32_t *)(m->base + h->off_vhash);
    m->uni = (const vb_lm_uni *)(m->base + h->off_uni);
    m->skel = (const vb_lm_skel *)(m->base + h->off_skel);
    m->forms = (const uint32_t *)(m->base + h->off_skelforms);
    const float *code = (const float *)(m->base + h->off_code);
    for (int k = 2; k <= m->order; k++) {
        m->ng[k] = m->base + h->off_ng[k];
        m->esize[k] = entry_size(k, m->order);
        m->qp[k] = code + (size_t)(k - 2) * 2 * VB_LM_QLEVELS;
        m->qbo[k] = m->qp[k] + VB_LM_QLEVELS;
    }
    if (!content_ok(m)) {
        free(m);
        return vb_error_set(err, VB_ERR_MODEL, "model file damaged (bad offsets)");
    }
    *out = m;
    return VB_OK;
}

vb_status vb_lm_open(const char *path, vb_lm **out, vb_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vb_error_set(err, VB_ERR_MODEL, "cannot open model %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(vb_lm_header)) {
        close(fd);
        return vb_error_set(err, VB_ERR_MODEL, "model %s: too short", path);
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return vb_error_set(err, VB_ERR_MODEL, "cannot map model %s: %s", path, strerror(errno));
    vb_status s = vb_lm_open_mem(p, (size_t)st.st_size, out, err);
    if (s != VB_OK) {
        munmap(p, (size_t)st.st_size);
        return vb_error_set(err, s, "%s: %s", path, err ? err->msg : "damaged");
    }
    (*out)->mapped = 1;
    return VB_OK;
}

void vb_lm_close(vb_lm *m)
{
    if (!m)
        return;
    if (m->mapped)
        munmap((void *)m->base, m->size);
    free(m);
}

const vb_lm_header *vb_lm_info(const vb_lm *m)
{
    return m->h;
}

uint32_t vb_lm_id(const vb_lm *m, const char *w, size_t n)
{
    uint64_t h = vb_hash64(w, n, 0);
    uint32_t size = m->h->vhash_size;
    for (uint32_t i = vb_lm_slot(h, size), k = 0; k < size; i = i + 1 == size ? 0 : i + 1, k++) {
        uint32_t id = m->vhash[i];
        if (id == 0)
            return VB_LM_UNK;
        id--;
        const char *s = m->vstr + m->voff[id];
        if (m->voff[id + 1] - m->voff[id] == n + 1 && memcmp(s, w, n) == 0)
            return id;
    }
    return VB_LM_UNK;
}

const char *vb_lm_word(const vb_lm *m, uint32_t id)
{
    return id < m->h->nvocab ? m->vstr + m->voff[id] : "";
}

int vb_lm_order(const vb_lm *m)
{
    return m->order;
}

/* The 24-bit fingerprint at the start of a table entry (little-endian). */
static uint32_t entry_fp(const unsigned char *e)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t f; /* one load: every entry has a fourth byte */
    memcpy(&f, e, 4);
    return f & 0xFFFFFF;
#else
    return e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16;
#endif
}

/* The entry of n-gram g[0..n) in its table, or NULL. */
static const unsigned char *find(const vb_lm *m, const uint32_t *g, int n)
{
    uint64_t h = vb_lm_hash(g, n);
    uint32_t size = m->h->ng_size[n], fp = vb_lm_fp(h);
    size_t es = (size_t)m->esize[n];
    const unsigned char *t = m->ng[n], *end = t + (size_t)size * es;
    const unsigned char *e = t + (size_t)vb_lm_slot(h, size) * es;
    for (uint32_t k = size; k > 0; k--) { /* at most the whole table: a damaged one may be full */
        uint32_t f = entry_fp(e);
        if (f == fp)
            return e;
        if (f == 0)
            return NULL;
        e += es;
        if (e == end)
            e = t;
    }
    return NULL;
}

int vb_lm_ngram(const vb_lm *m, const uint32_t *g, int n, float *logp, float *bo)
{
    const unsigned char *e = n >= 2 && n <= m->order ? find(m, g, n) : NULL;
    *bo = 0.0f;
    if (!e)
        return 0;
    *logp = m->qp[n][e[3]];
    if (n < m->order)
        *bo = m->qbo[n][e[4]];
    return 1;
}

void vb_lm_prefetch(const vb_lm *m, const uint32_t *g, int n)
{
#if defined(__GNUC__)
    if (n >= 2 && n <= m->order) {
        const unsigned char *e =
            m->ng[n] + (size_t)vb_lm_slot(vb_lm_hash(g, n), m->h->ng_size[n]) * (size_t)m->esize[n];
        __builtin_prefetch(e);
        __builtin_prefetch(e + 48); /* an absent n-gram reads ~10 entries (tables 77 % full) */
    }
#else
    (void)m, (void)g, (void)n;
#endif
}

float vb_lm_unibo(const vb_lm *m, uint32_t v)
{
    return v < m->h->nvocab ? m->uni[v].bo : 0.0f;
}

float vb_lm_unigram(const vb_lm *m, uint32_t w)
{
    return w < m->h->nvocab ? m->uni[w].logp : -10.0f;
}

float vb_lm_logpn(const vb_lm *m, const uint32_t *h, int n, uint32_t w)
{
    uint32_t g[VB_LM_MAXORDER];
    if (w >= m->h->nvocab)
        return -10.0f;
    if (n > m->order - 1)
        h += n - (m->order - 1), n = m->order - 1;
    for (int i = 0; i < n; i++)
        if (h[i] >= m->h->nvocab)
            return -10.0f;
    memcpy(g, h, (size_t)n * sizeof *g);
    g[n] = w;
    /* longest stored suffix of h w, plus the backoffs of the longer contexts */
    float logp = 0.0f, bo;
    int found = 1; /* the order of the n-gram that was found */
    for (int k = 2; k <= n + 1; k++) {
        if (!vb_lm_ngram(m, g + n + 1 - k, k, &logp, &bo))
            break;
        found = k;
    }
    if (found == 1)
        logp = m->uni[w].logp;
    /* plus the backoff of each context h[n-k .. n) that the found order
     * does not cover: k = found .. n */
    float sum = logp;
    for (int k = found; k <= n; k++) {
        if (k == 1) {
            sum += m->uni[g[n - 1]].bo;
            continue;
        }
        float lp;
        if (vb_lm_ngram(m, g + n - k, k, &lp, &bo))
            sum += bo;
    }
    return sum;
}

float vb_lm_logp(const vb_lm *m, uint32_t u, uint32_t v, uint32_t w)
{
    uint32_t h[2] = {u, v};
    return vb_lm_logpn(m, h, 2, w);
}

const uint32_t *vb_lm_forms(const vb_lm *m, const char *skel, size_t n, uint32_t *count)
{
    uint64_t h = vb_hash64(skel, n, 1);
    uint32_t size = m->h->skel_size, fp = vb_lm_fp(h);
    *count = 0;
    for (uint32_t i = vb_lm_slot(h, size), k = 0; k < size; i = i + 1 == size ? 0 : i + 1, k++) {
        if (m->skel[i].fp == 0)
            return NULL;
        if (m->skel[i].fp == fp) {
            *count = m->skel[i].count;
            return m->forms + m->skel[i].start;
        }
    }
    return NULL;
}
