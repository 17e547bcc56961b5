/* error.c — status names and the error record every stage fills. */
#include "core/vanban.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *vb_strerror(vb_status s)
{
    switch (s) {
    case VB_OK: return "ok";
    case VB_ERR_NOMEM: return "out of memory";
    case VB_ERR_IO: return "cannot read or write the file";
    case VB_ERR_USAGE: return "invalid argument";
    case VB_ERR_EMPTY: return "empty input";
    case VB_ERR_BINARY: return "not a document: binary data";
    case VB_ERR_ENCODING: return "text in an unknown encoding";
    case VB_ERR_FORMAT: return "damaged file";
    case VB_ERR_ENCRYPTED: return "encrypted: needs a password";
    case VB_ERR_LIMIT: return "exceeds a limit";
    case VB_ERR_UNSUPPORTED: return "unsupported format";
    case VB_ERR_OCR: return "OCR failed";
    case VB_ERR_MODEL: return "language model unavailable";
    case VB_ERR_XML: return "XML error";
    case VB_ERR_INVALID: return "XML does not match the schema";
    case VB_ERR_DB: return "search index error";
    case VB_ERR_INTERRUPTED: return "interrupted";
    case VB_ERR_NOT_PLAN: return "not a plan";
    case VB_STATUS_COUNT: break;
    }
    return "unknown error";
}

vb_status vb_error_set(vb_error *err, vb_status s, const char *fmt, ...)
{
    if (!err || err->status != VB_OK)
        return s;
    err->status = s;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->msg, sizeof err->msg, "%s", vb_strerror(s));
    }
    return s;
}

void vb_error_clear(vb_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}
