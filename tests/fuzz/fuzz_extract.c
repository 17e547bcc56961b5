/* fuzz_extract.c — libFuzzer target for the text path: any bytes through
 * ingest → normalize → extract → XML (validated) and the clean text. A
 * failure status is fine; a crash, a leak, undefined behaviour or an
 * invalid document (VB_ERR_INVALID) is not. */
#include "core/vanban.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
    static vb_engine *e;
    vb_error err = {0};
    if (!e) {
        vb_options o;
        vb_options_init(&o);
        o.restore = VB_RESTORE_NEVER;
        e = vb_engine_new(&o, &err);
        if (!e)
            abort();
    }
    vb_result *r = NULL;
    vb_status st = vb_convert_bytes(e, "fuzz", data, len, VB_WANT_XML | VB_WANT_TEXT, &r, &err);
    if (st == VB_ERR_INVALID)
        abort(); /* the extractor built something the schema forbids */
    vb_result_free(r);
    return 0;
}
