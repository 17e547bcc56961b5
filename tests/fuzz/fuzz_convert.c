/* fuzz_convert.c — libFuzzer target: the whole text path. Arbitrary bytes go
 * through vb_convert_bytes (sniff → decode → normalize → extract → XML); any
 * XML it returns must validate again with vb_xml_validate (the round trip
 * `vanban validate` does on what `vanban convert` wrote). Non-text formats
 * are skipped here: fuzz_pdf and fuzz_image cover them. */
#include "core/vanban.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vb_engine *engine(void)
{
    static vb_engine *e;
    if (!e) {
        vb_options o;
        vb_options_init(&o);
        o.restore = VB_RESTORE_NEVER; /* no model file needed */
        o.limits.max_line_bytes = 4096;
        e = vb_engine_new(&o, NULL);
    }
    return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1u << 18)
        return 0;
    vb_format f = vb_sniff(data, size);
    if (f != VB_FMT_TEXT && f != VB_FMT_HTML && f != VB_FMT_BINARY && f != VB_FMT_UNKNOWN)
        return 0;
    vb_engine *e = engine();
    if (!e)
        return 0;
    vb_result *r = NULL;
    vb_error err = {0};
    vb_status st =
        vb_convert_bytes(e, "fuzz.txt", data, size, VB_WANT_XML | VB_WANT_TEXT, &r, &err);
    if (st == VB_OK) {
        if (!r || !r->xml || !r->text)
            abort();
        vb_error verr = {0};
        if (vb_xml_validate(r->xml, r->xml_len, "fuzz.xml", &verr) != VB_OK)
            abort(); /* convert wrote XML that does not validate */
    } else if (r || err.msg[0] == '\0') {
        abort(); /* a failure must say why and return nothing */
    }
    vb_result_free(r);
    return 0;
}
