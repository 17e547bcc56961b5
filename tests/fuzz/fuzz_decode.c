/* fuzz_decode.c — libFuzzer entry for vb_decode: every input through auto
 * detection and every explicit --from encoding, with each tone style. */
#include "normalize/enc.h"
#include "normalize/normalize.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int id = -1; id < VB_ENC_COUNT; id++) {
        vb_decoded d;
        vb_error err = {0};
        const char *from = id < 0 ? NULL : vb_enc_name((vb_enc_id)id);
        if (vb_decode(data, size, from, (id + 3) % 3, &d, &err) == VB_OK)
            vb_decoded_free(&d);
    }
    return 0;
}
