/* fuzz_validate.c — libFuzzer target: vb_xml_validate on arbitrary bytes,
 * what `vanban validate` does with an XML file from anywhere. It must
 * return a status (and a message when it fails), never crash. */
#include "core/vanban.h"
#include "extract/extract.h"

#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libxml2 prints parser errors on stderr by default: keep the log readable */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1u << 16)
        return 0;
    xmlSetGenericErrorFunc(NULL, quiet);
    vb_error err = {0};
    vb_status st = vb_xml_validate((const char *)data, size, "fuzz.xml", &err);
    if (st != VB_OK && err.msg[0] == '\0')
        abort(); /* a failure must say why */
    return 0;
}
