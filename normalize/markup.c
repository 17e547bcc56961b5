/* markup.c — residue of DOCX/markdown/HTML conversion. Not yet built. */
#include "normalize/normalize.h"

int vb_markup_strip(vb_text *t)
{
    (void)t;
    return 0;
}
