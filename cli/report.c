/* report.c — `--report FILE`: one JSON object per input and line, written as
 * each input finishes, so a killed run keeps the lines it had. */
#include "cli/batch.h"

#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1–4), or 0 when invalid. */
static int utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    int n = c < 0x80                ? 1
            : c >= 0xC2 && c < 0xE0 ? 2
            : c >= 0xE0 && c < 0xF0 ? 3
            : c >= 0xF0 && c < 0xF5 ? 4
                                    : 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)))
        return 0; /* overlong, surrogate */
    if (n == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

void cli_json_string(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    fputc('"', f);
    while (*s) {
        if (*s == '"' || *s == '\\') {
            fputc('\\', f);
            fputc(*s++, f);
        } else if (*s < 0x20) {
            fprintf(f, "\\u%04x", *s++);
        } else {
            int n = utf8_len(s);
            if (n == 0) {
                fputs("\\ufffd", f); /* a file name that is not UTF-8 */
                s++;
            } else {
                fwrite(s, 1, (size_t)n, f);
                s += n;
            }
        }
    }
    fputc('"', f);
}

static void field(FILE *f, const char *name, const char *value)
{
    fprintf(f, ",\"%s\":", name);
    if (value)
        cli_json_string(f, value);
    else
        fputs("null", f);
}

void cli_report_write(FILE *f, const cli_report_row *w)
{
    const vb_result *r = w->r;
    fputs("{\"path\":", f);
    cli_json_string(f, w->path);
    field(f, "output", w->output);
    field(f, "status", w->status);
    field(f, "error", w->error);
    field(f, "error_kind", w->kind);
    field(f, "format", r ? r->format : NULL);
    field(f, "encoding", r && r->encoding[0] ? r->encoding : NULL);
    fprintf(f, ",\"pages\":%d,\"ocr\":%s,\"ocr_pages\":%d", r ? r->pages : 0,
            r && r->ocr_pages ? "true" : "false", r ? r->ocr_pages : 0);
    fprintf(f, ",\"repairs\":%d,\"corrections\":%d,\"warnings\":%d,\"is_plan\":%s",
            r ? r->repairs : 0, r ? r->corrections : 0, r ? r->warnings : 0,
            r && r->is_plan ? "true" : "false");
    field(f, "sha256", w->sha256 && w->sha256[0] ? w->sha256 : NULL);
    fprintf(f, ",\"seconds\":%.3f}\n", w->seconds);
    fflush(f);
}
