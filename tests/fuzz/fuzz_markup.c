/* fuzz_markup.c — libFuzzer target: vb_markup_strip on one arbitrary line.
 * Checks the invariants the normalizer relies on: the text stays
 * NUL-terminated at len, and stripping never grows it. */
#include "core/text.h"
#include "normalize/normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1u << 16)
        return 0;
    vb_text t;
    vb_text_init(&t);
    if (vb_text_set(&t, (const char *)data, size) == 0) {
        size_t before = t.len;
        int r = vb_markup_strip(&t);
        if (r >= 0 && (t.len > before || t.s[t.len] != '\0'))
            abort();
        if (r >= 0)
            vb_markup_strip(&t); /* a second pass on its own output */
    }
    vb_text_free(&t);
    return 0;
}
