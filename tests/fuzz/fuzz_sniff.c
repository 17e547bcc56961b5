/* fuzz_sniff.c — libFuzzer target: vb_sniff on arbitrary bytes, and the
 * format name it maps to. Sniffing must read only within the buffer. */
#include "ingest/ingest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size heap copy so ASan sees any read past the end */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    vb_format f = vb_sniff(copy, size);
    const char *name = vb_format_name(f);
    if (!name || !*name)
        abort();
    free(copy);
    return 0;
}
