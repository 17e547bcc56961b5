/* cmd_decode.c — `vanban decode`: any Vietnamese text encoding (or mojibake)
 * in, UTF-8 NFC out, line structure kept; --detect shows the decision. */
#include "cli/cli.h"
#include "normalize/normalize.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FROM = 256, OPT_DETECT, OPT_TONE, OPT_MODEL };

static const char help[] =
    "Usage: vanban decode [--from ENC|auto] [--detect] [--model FILE] [-o OUT] FILE|-\n"
    "Decodes a text file in any Vietnamese encoding to UTF-8 NFC on standard\n"
    "output (or OUT), keeping its lines. Without --from the encoding is\n"
    "detected: every candidate decoding is scored by the share of valid\n"
    "Vietnamese syllables it gives, per document and, when lines disagree, per\n"
    "line (a Unicode file with TCVN3 headings comes out all Unicode).\n\n"
    "  --from ENC         source encoding, or auto (default). ENC is one of:\n"
    "                     utf-8, utf-16le, utf-16be, cp1258 (Windows-1258, both\n"
    "                     byte forms), tcvn3 (.Vn/ABC fonts; alias vn3), vn1\n"
    "                     (TCVN 5712 VN1), vni (VNI-Windows), viscii, vps, viqr,\n"
    "                     utf-8+cp1252 (mojibake: Káº¿ hoáº¡ch), utf-8+cp1252x2\n"
    "                     (mojibake twice), tcvn3+cp1252 / vni+cp1252 (text copied\n"
    "                     out of a .Vn/VNI-font PDF or DOCX: KÕ ho¹ch)\n"
    "  --detect           print the decision and its score instead of the text\n"
    "  --tone-style S     keep (default), old (hòa, thủy) or new (hoà, thuỷ)\n"
    "  --model FILE       language model that decides between readings the\n"
    "                     syllables score alike (TCVN3/VN1, VISCII/VPS); default\n"
    "                     $VB_MODEL, then model/ next to the program, then\n"
    "                     /usr/share/vanban/; without one, --detect says so\n"
    "  -o, --output OUT   write to OUT (atomically) instead of standard output\n"
    "  -h, --help         this help\n\n"
    "TCVN3 has no codes for 60 toned capitals; they are restored in all-caps\n"
    "runs (KÕ HO¹CH → KẾ HOẠCH). English text or binary data is refused.\n"
    "Exit status: 0 decoded, 1 not decodable (binary, not Vietnamese, unreadable),\n"
    "2 usage error.\n";

static int parse_tone(const char *s)
{
    return strcmp(s, "keep") == 0 ? VB_TONE_KEEP : strcmp(s, "old") == 0 ? VB_TONE_OLD
                                               : strcmp(s, "new") == 0   ? VB_TONE_NEW
                                                                         : -1;
}

/* The language model for detection: the one named (an error if it cannot
 * be opened), else the one restoration would find ($VB_MODEL, model/ next
 * to the program, /usr/share/vanban/), else none. */
static int open_model(const char *path, const char *from, vb_model **m)
{
    vb_error err = {0};
    *m = NULL;
    if (from && strcmp(from, "auto") != 0)
        return 0;   /* the encoding is given: nothing to decide */
    if (vb_model_open(path, m, &err) != VB_OK && path) {
        cli_error(path, "%s", err.msg);
        return -1;
    }
    if (!*m && getenv("VB_MODEL") && *getenv("VB_MODEL"))   /* asked for, but unusable */
        cli_error(NULL, "VB_MODEL: %s; detecting without a language model", err.msg);
    return 0;
}

static int run(const char *path, const char *from, int detect, int tone, const char *out,
               const char *model)
{
    unsigned char *data = NULL;
    size_t len = 0;
    vb_error err = {0};
    vb_decoded d;
    vb_model *m;
    if (open_model(model, from, &m))
        return 1;
    vb_status st = vb_file_read(path, 512u << 20, &data, &len, &err);
    if (st == VB_OK)
        st = vb_decode_lm(data, len, from, tone, m, &d, &err);
    free(data);
    vb_model_close(m);
    if (st != VB_OK) {
        cli_error(path, "%s", err.msg[0] ? err.msg : vb_strerror(st));
        return 1;
    }
    int rc = 0;
    if (detect) {
        printf("%s\t%s\t%.3f\t%s%s%s\n", path, d.encoding, d.score, d.detail,
               d.had_bom ? "; BOM" : "", d.case_inferred ? "; capitals inferred" : "");
    } else {
        rc = cli_write_file(out ? out : "-", d.utf8, d.len) ? 1 : 0;
    }
    vb_decoded_free(&d);
    return rc;
}

int cmd_decode(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},       {"from", required_argument, NULL, OPT_FROM},
        {"detect", no_argument, NULL, OPT_DETECT}, {"tone-style", required_argument, NULL, OPT_TONE},
        {"output", required_argument, NULL, 'o'}, {"model", required_argument, NULL, OPT_MODEL},
        {NULL, 0, NULL, 0}};
    const char *from = NULL, *out = NULL, *model = NULL;
    int detect = 0, tone = VB_TONE_KEEP, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(help, stdout); return 0;
        case 'o': out = optarg; break;
        case OPT_FROM: from = optarg; break;
        case OPT_DETECT: detect = 1; break;
        case OPT_MODEL: model = optarg; break;
        case OPT_TONE:
            if ((tone = parse_tone(optarg)) < 0) {
                cli_error(NULL, "--tone-style takes keep, old or new");
                return 2;
            }
            break;
        default: fputs(help, stderr); return 2;
        }
    }
    if (from && strcmp(from, "auto") != 0 && !vb_encoding_canonical(from)) {
        cli_error(NULL, "unknown encoding '%s' (see vanban decode --help)", from);
        return 2;
    }
    if (optind + 1 != argc) {
        fputs(help, stderr);
        return 2;
    }
    return run(argv[optind], from, detect, tone, out, model);
}
