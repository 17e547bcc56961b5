/* fuzz_decode.c — libFuzzer entry for vb_decode: every input through auto
 * detection (with the language model, when one is found, and without) and
 * every explicit --from encoding, with each tone style. */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* $VB_MODEL, else the repository's model (fuzzing runs from its root);
 * opened once, kept for the process. */
static const vb_model *model(void)
{
    static vb_model *m;
    static int tried;
    if (!tried) {
        vb_error err = {0};
        const char *path = getenv("VB_MODEL");
        tried = 1;
        if (vb_model_open(path && *path ? path : "model/vanban-vi.lm", &m, &err) != VB_OK)
            m = NULL;
    }
    return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int id = -2; id < VB_ENC_COUNT; id++) {
        vb_decoded d;
        vb_error err = {0};
        const char *from = id < 0 ? NULL : vb_enc_name((vb_enc_id)id);
        if (vb_decode_lm(data, size, from, (id + 3) % 3, id == -2 ? model() : NULL, &d, &err) == VB_OK)
            vb_decoded_free(&d);
    }
    return 0;
}
