/* lm.c — the memory-mapped trigram model: open/validate, word ids, backoff
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
    const char *vstr;
    const uint32_t *voff, *vhash, *forms;
    const vb_lm_uni *uni;
    const vb_lm_entry *bi;
    const vb_lm_tentry *tri;
    const vb_lm_skel *skel;
};

static int section_ok(const vb_lm_header *h, uint64_t off, uint64_t bytes)
{
    return off % 4 == 0 && off <= h->file_size && bytes <= h->file_size - off;
}

/* Checks every section lies inside the file and the tables are well formed. */
static int header_ok(const vb_lm_header *h, size_t size)
{
    if (memcmp(h->magic, VB_LM_MAGIC, 8) != 0 || h->file_size != size || h->order != 3 ||
        h->nvocab < VB_LM_NFIXED || !h->vhash_size || !h->bi_size || !h->tri_size ||
        !h->skel_size)
        return 0;
    return section_ok(h, h->off_voff, ((uint64_t)h->nvocab + 1) * 4) &&
           section_ok(h, h->off_vhash, (uint64_t)h->vhash_size * 4) &&
           section_ok(h, h->off_uni, (uint64_t)h->nvocab * sizeof(vb_lm_uni)) &&
           section_ok(h, h->off_bi, (uint64_t)h->bi_size * sizeof(vb_lm_entry)) &&
           section_ok(h, h->off_tri, (uint64_t)h->tri_size * sizeof(vb_lm_tentry)) &&
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
    m->vstr = (const char *)m->base + h->off_vstr;
    m->voff = (const uint32_t *)(m->base + h->off_voff);
    m->vhash = (const uint32_t *)(m->base + h->off_vhash);
    m->uni = (const vb_lm_uni *)(m->base + h->off_uni);
    m->bi = (const vb_lm_entry *)(m->base + h->off_bi);
    m->tri = (const vb_lm_tentry *)(m->base + h->off_tri);
    m->skel = (const vb_lm_skel *)(m->base + h->off_skel);
    m->forms = (const uint32_t *)(m->base + h->off_skelforms);
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

static const vb_lm_tentry *find_tri(const vb_lm_tentry *t, uint32_t size, uint64_t h)
{
    uint32_t fp = vb_lm_fp(h);
    uint16_t lo = (uint16_t)fp, hi = (uint16_t)(fp >> 16);
    for (uint32_t i = vb_lm_slot(h, size), k = 0; k < size; i = i + 1 == size ? 0 : i + 1, k++) {
        if (t[i].fp_lo == lo && t[i].fp_hi == hi)
            return &t[i];
        if (t[i].fp_lo == 0 && t[i].fp_hi == 0)
            return NULL;
    }
    return NULL;
}

static const vb_lm_entry *find(const vb_lm_entry *t, uint32_t size, uint64_t h)
{
    uint32_t fp = vb_lm_fp(h);
    for (uint32_t i = vb_lm_slot(h, size), k = 0; k < size; i = i + 1 == size ? 0 : i + 1, k++) {
        if (t[i].fp == fp)
            return &t[i];
        if (t[i].fp == 0)
            return NULL;
    }
    return NULL;
}

float vb_lm_logp(const vb_lm *m, uint32_t u, uint32_t v, uint32_t w)
{
    uint32_t n = m->h->nvocab;
    if (u >= n || v >= n || w >= n)
        return -10.0f;
    int stored;
    float p2 = vb_lm_logp2(m, v, w, &stored);
    /* every stored trigram's suffix bigram is stored: no bigram, no trigram */
    const vb_lm_tentry *e = stored ? find_tri(m->tri, m->h->tri_size, vb_lm_key(u, v, w)) : NULL;
    if (e)
        return -(float)e->qp / VB_LM_QP;
    const vb_lm_entry *c = find(m->bi, m->h->bi_size, vb_lm_key(0, u, v));
    float bo = c ? (float)c->qbo / VB_LM_QB : 0.0f;
    return bo + p2;
}

void vb_lm_prefetch(const vb_lm *m, int order, uint32_t u, uint32_t v, uint32_t w)
{
#if defined(__GNUC__)
    uint64_t h = vb_lm_key(order == 3 ? u : 0, v, w);
    if (order == 3)
        __builtin_prefetch(&m->tri[vb_lm_slot(h, m->h->tri_size)]);
    else
        __builtin_prefetch(&m->bi[vb_lm_slot(h, m->h->bi_size)]);
#else
    (void)m, (void)order, (void)u, (void)v, (void)w;
#endif
}

float vb_lm_unigram(const vb_lm *m, uint32_t w)
{
    return w < m->h->nvocab ? m->uni[w].logp : -10.0f;
}

int vb_lm_tri(const vb_lm *m, uint32_t u, uint32_t v, uint32_t w, float *logp)
{
    const vb_lm_tentry *e = find_tri(m->tri, m->h->tri_size, vb_lm_key(u, v, w));
    if (!e)
        return 0;
    *logp = -(float)e->qp / VB_LM_QP;
    return 1;
}

float vb_lm_bigram(const vb_lm *m, uint32_t v, uint32_t w, int *stored, float *bo)
{
    const vb_lm_entry *e = find(m->bi, m->h->bi_size, vb_lm_key(0, v, w));
    *stored = e != NULL;
    *bo = e ? (float)e->qbo / VB_LM_QB : 0.0f;
    if (e)
        return -(float)e->qp / VB_LM_QP;
    return m->uni[v].bo + m->uni[w].logp;
}

float vb_lm_bo2(const vb_lm *m, uint32_t u, uint32_t v)
{
    const vb_lm_entry *c = find(m->bi, m->h->bi_size, vb_lm_key(0, u, v));
    return c ? (float)c->qbo / VB_LM_QB : 0.0f;
}

float vb_lm_logp2(const vb_lm *m, uint32_t v, uint32_t w, int *stored)
{
    const vb_lm_entry *e = find(m->bi, m->h->bi_size, vb_lm_key(0, v, w));
    *stored = e != NULL;
    if (e)
        return -(float)e->qp / VB_LM_QP;
    return m->uni[v].bo + m->uni[w].logp;
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
