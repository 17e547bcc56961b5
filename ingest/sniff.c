/* sniff.c — what the bytes are, from magic numbers (never the file name). */
#include "ingest/ingest.h"

#include <string.h>

static int starts(const unsigned char *d, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(d, magic, m) == 0;
}

/* Text if there are no NULs (outside UTF-16) and few C0 controls. */
static int looks_text(const unsigned char *d, size_t n)
{
    if (starts(d, n, "\xFF\xFE", 2) || starts(d, n, "\xFE\xFF", 2))
        return 1;
    size_t lim = n < 65536 ? n : 65536, bad = 0;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = d[i];
        if (c == 0)
            return 0;
        /* VISCII, VPS and TCVN 5712 VN1 put letters in C0: tolerate some */
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            bad++;
    }
    return bad * 10 <= lim;
}

vb_format vb_sniff(const unsigned char *d, size_t n)
{
    if (n == 0)
        return VB_FMT_UNKNOWN;
    /* %PDF may be preceded by junk within the first KiB (the spec allows it) */
    for (size_t i = 0; i + 5 <= n && i < 1024; i++)
        if (memcmp(d + i, "%PDF-", 5) == 0)
            return VB_FMT_PDF;
    if (starts(d, n, "II*\0", 4) || starts(d, n, "MM\0*", 4))
        return VB_FMT_TIFF;
    if (starts(d, n, "\x89PNG\r\n\x1a\n", 8))
        return VB_FMT_PNG;
    if (starts(d, n, "\xFF\xD8\xFF", 3))
        return VB_FMT_JPEG;
    if (starts(d, n, "\0\0\0\x0cjP  \r\n\x87\n", 12) || starts(d, n, "\xFF\x4F\xFF\x51", 4))
        return VB_FMT_JP2;
    if (n >= 12 && starts(d, n, "RIFF", 4) && memcmp(d + 8, "WEBP", 4) == 0)
        return VB_FMT_WEBP;
    if (starts(d, n, "BM", 2) && n > 26 && !looks_text(d, n))
        return VB_FMT_BMP;
    if (starts(d, n, "GIF87a", 6) || starts(d, n, "GIF89a", 6))
        return VB_FMT_GIF;
    if (starts(d, n, "PK\x03\x04", 4))
        return VB_FMT_ZIP;
    if (looks_text(d, n))
        return VB_FMT_TEXT;
    return VB_FMT_BINARY;
}

const char *vb_format_name(vb_format f)
{
    switch (f) {
    case VB_FMT_TEXT: return "text";
    case VB_FMT_HTML: return "html";
    case VB_FMT_PDF: return "pdf";
    case VB_FMT_TIFF:
    case VB_FMT_PNG:
    case VB_FMT_JPEG:
    case VB_FMT_JP2:
    case VB_FMT_WEBP:
    case VB_FMT_BMP:
    case VB_FMT_GIF: return "image";
    case VB_FMT_ZIP: return "zip";
    case VB_FMT_BINARY: return "binary";
    case VB_FMT_UNKNOWN: break;
    }
    return "unknown";
}
