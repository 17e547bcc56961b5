/* table_fold.c — the table code's view of folded text: a malloc'd string and
 * offset map, built by the shared extract folder (extract/fold.c), so the
 * structure and table code match keywords the same way. */
#include "extract/doc.h"

#include <stdlib.h>

char *vb_fold_copy(const char *s, size_t n, size_t *len, size_t **off)
{
    vb_folded f;
    if (vb_fold_make(&f, s, n))
        return NULL;
    if (len)
        *len = f.n;
    if (off)
        *off = f.off;
    else
        free(f.off);
    return f.s;
}
