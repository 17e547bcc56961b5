/* cmd_convert.c — `vanban convert`, `vanban text`, `vanban validate`. */
#include "cli/cli.h"
#include "extract/extract.h"

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Options every converting command shares; returns 0, or 2 on bad usage. */
enum { OPT_FROM = 256, OPT_NO_RESTORE, OPT_RESTORE, OPT_MODEL, OPT_TONE, OPT_MIN_CONF };

static const struct option common_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"output", required_argument, NULL, 'o'},
    {"from", required_argument, NULL, OPT_FROM},
    {"restore", no_argument, NULL, OPT_RESTORE},
    {"no-restore", no_argument, NULL, OPT_NO_RESTORE},
    {"model", required_argument, NULL, OPT_MODEL},
    {"tone-style", required_argument, NULL, OPT_TONE},
    {"min-conf", required_argument, NULL, OPT_MIN_CONF},
    {NULL, 0, NULL, 0},
};

static const char convert_help[] =
    "Usage: vanban convert [OPTIONS] FILE|-\n"
    "       vanban convert -o DIR [OPTIONS] FILE...\n"
    "Converts each document (text in any Vietnamese encoding, PDF, page image)\n"
    "into plan XML (urn:vanban:plan:1), validated against the schema before it\n"
    "is written. One FILE without -o: XML on standard output. With -o DIR:\n"
    "DIR/<name>.xml for each FILE, written atomically.\n\n"
    "  -o, --output DIR     write DIR/<name>.xml instead of standard output\n"
    "      --from ENC       source encoding (default: auto-detect)\n"
    "      --restore        always restore diacritics / repair OCR text\n"
    "      --no-restore     never restore (default: when the text needs it)\n"
    "      --min-conf P     keep tokens whose correction confidence is below P\n"
    "      --model FILE     language model (default: $VB_MODEL, then the built-in path)\n"
    "      --tone-style S   keep (default), old (hòa) or new (hoà) tone placement\n"
    "  -h, --help           this help\n\n"
    "Exit status: 0 all converted, 1 some input failed, 2 usage error.\n";

static const char text_help[] =
    "Usage: vanban text [OPTIONS] FILE|-\n"
    "Prints the cleaned, normalized text of a document: decoded to UTF-8 NFC,\n"
    "markup residue removed, paragraphs re-joined, tables as tab-separated rows.\n"
    "Options as for 'vanban convert' (-o FILE writes to a file).\n";

static int parse_common(int argc, char **argv, vb_options *o, const char **outdir,
                        const char *help)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", common_opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(help, stdout); exit(0);
        case 'o': *outdir = optarg; break;
        case OPT_FROM: o->from_encoding = optarg; break;
        case OPT_RESTORE: o->restore = VB_RESTORE_ALWAYS; break;
        case OPT_NO_RESTORE: o->restore = VB_RESTORE_NEVER; break;
        case OPT_MODEL: o->model_path = optarg; break;
        case OPT_MIN_CONF: o->min_conf = atof(optarg); break;
        case OPT_TONE:
            if (strcmp(optarg, "keep") == 0)
                o->tone_style = VB_TONE_KEEP;
            else if (strcmp(optarg, "old") == 0)
                o->tone_style = VB_TONE_OLD;
            else if (strcmp(optarg, "new") == 0)
                o->tone_style = VB_TONE_NEW;
            else {
                cli_error(NULL, "--tone-style takes keep, old or new");
                return 2;
            }
            break;
        default: fputs(help, stderr); return 2;
        }
    }
    return 0;
}

/* DIR/<basename without extension>.xml */
static char *out_name(const char *dir, const char *path, const char *ext)
{
    char *copy = strdup(path);
    if (!copy)
        return NULL;
    char *base = basename(copy);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    size_t n = strlen(dir) + strlen(base) + strlen(ext) + 2;
    char *o = malloc(n);
    if (o)
        snprintf(o, n, "%s/%s%s", dir, base, ext);
    free(copy);
    return o;
}

static int run(int argc, char **argv, unsigned want, const char *help)
{
    vb_options o;
    vb_options_init(&o);
    const char *outdir = NULL;
    int rc = parse_common(argc, argv, &o, &outdir, help);
    if (rc)
        return rc;
    int nfiles = argc - optind;
    if (nfiles < 1 || (nfiles > 1 && !outdir)) {
        cli_error(NULL, nfiles < 1 ? "no input file (use - for standard input)"
                                   : "several inputs need -o DIR");
        fputs(help, stderr);
        return 2;
    }
    vb_error err = {0};
    vb_engine *e = vb_engine_new(&o, &err);
    if (!e) {
        cli_error(NULL, "%s", err.msg);
        return 1;
    }
    if (outdir && want == VB_WANT_XML)
        mkdir(outdir, 0777);
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        vb_result *r = NULL;
        vb_error_clear(&err);
        if (vb_convert_file(e, argv[i], want, &r, &err) != VB_OK) {
            cli_error(argv[i], "%s", err.msg);
            failed++;
            continue;
        }
        const char *data = want == VB_WANT_XML ? r->xml : r->text;
        size_t len = want == VB_WANT_XML ? r->xml_len : r->text_len;
        char *dest = !outdir ? strdup("-")
                     : want == VB_WANT_XML ? out_name(outdir, argv[i], ".xml")
                                           : strdup(outdir);
        if (!dest || cli_write_file(dest, data, len))
            failed++;
        free(dest);
        vb_result_free(r);
    }
    vb_engine_free(e);
    return failed ? 1 : 0;
}

int cmd_convert(int argc, char **argv)
{
    return run(argc, argv, VB_WANT_XML, convert_help);
}

int cmd_text(int argc, char **argv)
{
    return run(argc, argv, VB_WANT_TEXT, text_help);
}

int cmd_validate(int argc, char **argv)
{
    static const char help[] =
        "Usage: vanban validate FILE.xml...\n"
        "Checks each plan XML against the RELAX NG schema (schema/plan.rng, built in;\n"
        "$VB_SCHEMA overrides). Prints 'FILE: valid' or the first problem.\n"
        "Exit status: 0 all valid, 1 some invalid or unreadable, 2 usage error.\n";
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return 0;
        }
        fputs(help, stderr);
        return 2;
    }
    if (optind >= argc) {
        fputs(help, stderr);
        return 2;
    }
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        unsigned char *data;
        size_t len;
        vb_error err = {0};
        if (vb_file_read(argv[i], 1ull << 30, &data, &len, &err) == VB_OK) {
            vb_xml_validate((const char *)data, len, argv[i], &err);
            free(data);
        }
        if (err.status) {
            cli_error(NULL, "%s", err.msg);
            failed++;
        } else {
            printf("%s: valid\n", argv[i]);
        }
    }
    return failed ? 1 : 0;
}
