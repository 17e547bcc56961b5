/* tone.c — tone-mark placement style (hòa/hoà, thủy/thuỷ). PLACEHOLDER:
 * the legacy-encoding issue builds it. */
#include "normalize/normalize.h"

int vb_tone_style_apply(vb_text *t, int style)
{
    (void)t, (void)style;
    return 0;
}
