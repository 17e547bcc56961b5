/* table.c — the improvement table. PLACEHOLDER: finds no tables yet. */
#include "extract/table.h"

#include <stdlib.h>

vb_status vb_tables_parse(const vb_layout *L, size_t from, size_t to, unsigned char *used,
                          vb_table **tables, size_t *ntables, vb_error *err)
{
    (void)L, (void)from, (void)to, (void)used, (void)err;
    *tables = NULL;
    *ntables = 0;
    return VB_OK;
}

void vb_tables_free(vb_table *t, size_t n)
{
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < t[i].nrows; r++) {
            for (size_t c = 0; c < t[i].rows[r].ncells; c++)
                vb_text_free(&t[i].rows[r].cells[c]);
            free(t[i].rows[r].cells);
        }
        free(t[i].rows);
    }
    free(t);
}

vb_status vb_improvements_build(const vb_table *t, size_t n, vb_node *section,
                                vb_node *quality, vb_error *err)
{
    (void)t, (void)n, (void)section, (void)quality, (void)err;
    return VB_OK;
}
