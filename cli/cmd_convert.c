/* cmd_convert.c — `vanban convert`, `vanban text`, `vanban validate`. */
#include "cli/batch.h"
#include "cli/cli.h"
#include "extract/extract.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Options every converting command shares; returns 0, or 2 on bad usage. */
enum {
    OPT_FROM = 256,
    OPT_NO_RESTORE,
    OPT_RESTORE,
    OPT_MODEL,
    OPT_TONE,
    OPT_MIN_CONF,
    OPT_RESUME,
    OPT_REPORT,
    OPT_SHARD,
    OPT_MAX_FILE,
    OPT_MAX_TEXT,
    OPT_MAX_PAGES,
    OPT_MAX_PIXELS,
    OPT_MAX_LINE,
    OPT_MAX_DEPTH,
    OPT_TIMEOUT,
    OPT_DPI,
    OPT_LANG,
    OPT_PSM,
    OPT_TESSDATA,
    OPT_KEEP_IMAGES,
    OPT_BOXES
};

static const struct option common_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"output", required_argument, NULL, 'o'},
    {"from", required_argument, NULL, OPT_FROM},
    {"restore", no_argument, NULL, OPT_RESTORE},
    {"no-restore", no_argument, NULL, OPT_NO_RESTORE},
    {"model", required_argument, NULL, OPT_MODEL},
    {"tone-style", required_argument, NULL, OPT_TONE},
    {"min-conf", required_argument, NULL, OPT_MIN_CONF},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"report", required_argument, NULL, OPT_REPORT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE},
    {"max-text-size", required_argument, NULL, OPT_MAX_TEXT},
    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
    {"max-pixels", required_argument, NULL, OPT_MAX_PIXELS},
    {"max-line", required_argument, NULL, OPT_MAX_LINE},
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"lang", required_argument, NULL, OPT_LANG},
    {"psm", required_argument, NULL, OPT_PSM},
    {"tessdata", required_argument, NULL, OPT_TESSDATA},
    {"keep-images", required_argument, NULL, OPT_KEEP_IMAGES},
    {"boxes", required_argument, NULL, OPT_BOXES},
    {NULL, 0, NULL, 0},
};

static const char convert_help[] =
    "Usage: vanban convert [OPTIONS] FILE|-\n"
    "       vanban convert -o OUTDIR [OPTIONS] PATH...\n"
    "Converts each document (text in any Vietnamese encoding, PDF, page image)\n"
    "into plan XML (urn:vanban:plan:1), validated against the schema before it\n"
    "is written. One FILE without -o: XML on standard output. With -o OUTDIR:\n"
    "every file under each PATH (folders are walked recursively, following\n"
    "links; loops are reported) becomes OUTDIR/<path below PATH>.xml, keeping\n"
    "the input's extension (a/b.pdf -> OUTDIR/a/b.pdf.xml), written atomically.\n"
    "With several PATHs, a folder's files go below its own name (OUTDIR/2019/...).\n\n"
    "  -o, --output DIR     write DIR/<relative path>.xml instead of standard output\n"
    "  -j, --jobs N         convert N files at once (default: number of cores)\n"
    "      --resume         skip inputs whose output exists for the same bytes (SHA-256)\n"
    "      --report FILE    one JSON line per input: status, error, pages, OCR, ...\n"
    "      --shard K/N      convert only shard K of N (0 <= K < N), chosen by a hash\n"
    "                       of the path below PATH: N machines split a collection\n"
    "  -q, --quiet          no progress line, no summary (errors still shown)\n"
    "      --from ENC       source encoding (default: auto-detect)\n"
    "      --restore        always restore diacritics / repair OCR text\n"
    "      --no-restore     never restore (default: when the text needs it)\n"
    "      --min-conf P     keep tokens whose correction confidence is below P\n"
    "      --model FILE     language model (default: $VB_MODEL, then the built-in path)\n"
    "      --tone-style S   keep (default), old (hòa) or new (hoà) tone placement\n"
    "      --boxes WHAT     words (default): each word read from a PDF page or an\n"
    "                       image as <w bbox=\"x0 y0 x1 y1\" conf=\"…\">, so a viewer can\n"
    "                       highlight any field on its page (about 4x the XML of a\n"
    "                       scanned page); none: text only\n"
    "OCR:  --dpi N (300)  --lang L (vie)  --psm N  --tessdata DIR  --keep-images DIR\n"
    "Limits (an input past one fails, naming it; sizes take K, M, G):\n"
    "      --max-file-size S  (256M)   --max-text-size S (16M, text and HTML)\n"
    "      --max-pages N (2000)  --max-pixels N (20000 per side)  --max-line S (1M)\n"
    "      --max-depth N (256, markup nesting)  --timeout SECONDS (per file; 0 none)\n"
    "  -h, --help           this help\n\n"
    "Exit status: 0 all converted (or skipped), 1 some input failed, 2 usage error,\n"
    "128+signal when stopped by SIGINT/SIGTERM (files in progress are finished).\n";

static const char text_help[] =
    "Usage: vanban text [OPTIONS] FILE|-\n"
    "Prints the cleaned, normalized text of a document: decoded to UTF-8 NFC,\n"
    "markup residue removed, paragraphs re-joined, tables as tab-separated rows.\n"
    "Options as for 'vanban convert' (-o FILE writes to a file).\n";

typedef struct cli_args {
    vb_options o;
    cli_batch_opts b;
    const char *outdir;
    int jobs_given;
} cli_args;

/* "12", "64K", "16M", "1G" → bytes; -1 when malformed. */
static long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0)
        return -1;
    int shift = *end == 'K' || *end == 'k'   ? 10
                : *end == 'M' || *end == 'm' ? 20
                : *end == 'G' || *end == 'g' ? 30
                                             : 0;
    if (shift)
        end++;
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v * (double)(1ll << shift) > 9e18)
        return -1;
    return (long long)(v * (double)(1ll << shift));
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int bad(const char *opt, const char *what)
{
    cli_error(NULL, "%s takes %s", opt, what);
    return 2;
}

static int parse_shard(const char *s, cli_batch_opts *b)
{
    unsigned k, n;
    char tail;
    if (sscanf(s, "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k >= n)
        return bad("--shard", "K/N with 0 <= K < N, e.g. 0/4");
    b->shard = k;
    b->nshards = n;
    return 0;
}

/* Options that take a number or size. */
/* --max-file-size, --max-text-size, --max-line */
static int parse_size_opt(int c, const char *arg, cli_args *a)
{
    long long z = parse_size(arg);
    const char *name = c == OPT_MAX_FILE   ? "--max-file-size"
                       : c == OPT_MAX_TEXT ? "--max-text-size"
                                           : "--max-line";
    if (z < 0)
        return bad(name, "a size like 64K, 16M or 1G");
    if (c == OPT_MAX_FILE)
        a->o.limits.max_file_bytes = (uint64_t)z;
    else if (c == OPT_MAX_TEXT)
        a->b.max_text_bytes = (uint64_t)z;
    else
        a->o.limits.max_line_bytes = z < 64 ? 64 : (uint64_t)z;
    return 0;
}

static int parse_seconds(const char *arg, cli_args *a)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || v < 0)
        return bad("--timeout", "a number of seconds (0: no limit)");
    a->o.limits.max_seconds = v;
    return 0;
}

/* Options that take a whole number in a range. */
static const struct {
    int opt;
    const char *name;
    long lo, hi;
    const char *what;
} int_opts[] = {
    {'j', "-j", 1, 1024, "a number of workers from 1 to 1024"},
    {OPT_MAX_PAGES, "--max-pages", 1, 1000000, "a number of pages"},
    {OPT_MAX_PIXELS, "--max-pixels", 16, 10000000, "a number of pixels per side"},
    {OPT_MAX_DEPTH, "--max-depth", 1, 100000, "a nesting depth"},
    {OPT_DPI, "--dpi", 50, 1200, "a resolution from 50 to 1200"},
    {OPT_PSM, "--psm", -1, 13, "a Tesseract page segmentation mode, 0 to 13"},
};

static int parse_int_opt(int c, const char *arg, cli_args *a)
{
    size_t i = 0;
    while (i + 1 < sizeof int_opts / sizeof int_opts[0] && int_opts[i].opt != c)
        i++;
    long v;
    if (parse_int(arg, int_opts[i].lo, int_opts[i].hi, &v))
        return bad(int_opts[i].name, int_opts[i].what);
    switch (c) {
    case 'j': a->b.jobs = (int)v, a->jobs_given = 1; break;
    case OPT_MAX_PAGES: a->o.limits.max_pages = (int)v; break;
    case OPT_MAX_PIXELS: a->o.limits.max_pixels = (uint64_t)v; break;
    case OPT_MAX_DEPTH: a->o.limits.max_depth = (int)v; break;
    case OPT_DPI: a->o.dpi = (int)v; break;
    default: a->o.psm = (int)v; break;
    }
    return 0;
}

static int parse_limit(int c, const char *arg, cli_args *a)
{
    if (c == OPT_MAX_FILE || c == OPT_MAX_TEXT || c == OPT_MAX_LINE)
        return parse_size_opt(c, arg, a);
    if (c == OPT_TIMEOUT)
        return parse_seconds(arg, a);
    return parse_int_opt(c, arg, a);
}

static int parse_tone(const char *arg, vb_options *o)
{
    if (strcmp(arg, "keep") == 0)
        o->tone_style = VB_TONE_KEEP;
    else if (strcmp(arg, "old") == 0)
        o->tone_style = VB_TONE_OLD;
    else if (strcmp(arg, "new") == 0)
        o->tone_style = VB_TONE_NEW;
    else
        return bad("--tone-style", "keep, old or new");
    return 0;
}

static int parse_boxes(const char *arg, vb_options *o)
{
    if (strcmp(arg, "words") == 0)
        o->boxes = VB_BOXES_WORDS;
    else if (strcmp(arg, "none") == 0)
        o->boxes = VB_BOXES_NONE;
    else
        return bad("--boxes", "words or none");
    return 0;
}

static int parse_one(int c, const char *help, cli_args *a)
{
    vb_options *o = &a->o;
    switch (c) {
    case 'h': fputs(help, stdout); exit(0);
    case 'o': a->outdir = optarg; return 0;
    case 'q': a->b.quiet = 1; return 0;
    case OPT_RESUME: a->b.resume = 1; return 0;
    case OPT_REPORT: a->b.report = optarg; return 0;
    case OPT_SHARD: return parse_shard(optarg, &a->b);
    case OPT_FROM: o->from_encoding = optarg; return 0;
    case OPT_RESTORE: o->restore = VB_RESTORE_ALWAYS; return 0;
    case OPT_NO_RESTORE: o->restore = VB_RESTORE_NEVER; return 0;
    case OPT_MODEL: o->model_path = optarg; return 0;
    case OPT_MIN_CONF: o->min_conf = atof(optarg); return 0;
    case OPT_TONE: return parse_tone(optarg, o);
    case OPT_BOXES: return parse_boxes(optarg, o);
    case OPT_LANG: o->lang = optarg; return 0;
    case OPT_TESSDATA: o->tessdata = optarg; return 0;
    case OPT_KEEP_IMAGES: o->keep_images = optarg; return 0;
    case 'j':
    case OPT_MAX_FILE:
    case OPT_MAX_TEXT:
    case OPT_MAX_PAGES:
    case OPT_MAX_PIXELS:
    case OPT_MAX_LINE:
    case OPT_MAX_DEPTH:
    case OPT_TIMEOUT:
    case OPT_DPI:
    case OPT_PSM: return parse_limit(c, optarg, a);
    default: fputs(help, stderr); return 2;
    }
}

static int parse_common(int argc, char **argv, cli_args *a, const char *help)
{
    int c;
    memset(a, 0, sizeof *a);
    vb_options_init(&a->o);
    a->o.limits.max_file_bytes = 256ull << 20;
    a->b = (cli_batch_opts){.nshards = 1, .max_text_bytes = 16ull << 20};
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    a->b.jobs = ncpu > 0 ? (int)ncpu : 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:j:q", common_opts, NULL)) != -1) {
        int rc = parse_one(c, help, a);
        if (rc)
            return rc;
    }
    return 0;
}

/* `convert -o OUTDIR PATH...`: walk every PATH, then the worker pool. */
static int run_batch(cli_args *a, int argc, char **argv)
{
    struct stat sb;
    uint64_t dev = 0, ino = 0;
    if (stat(a->outdir, &sb) == 0) {
        dev = (uint64_t)sb.st_dev;
        ino = (uint64_t)sb.st_ino;
    }
    cli_inputs in = {0};
    for (int i = optind; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            cli_error(NULL, "standard input (-) cannot be used with -o DIR");
            cli_inputs_free(&in);
            return 2;
        }
        if (cli_walk(argv[i], argc - optind > 1, dev, ino, &in) != 0) {
            cli_error(argv[i], "out of memory listing the files");
            cli_inputs_free(&in);
            return 1;
        }
    }
    a->b.outdir = a->outdir;
    /* pages in parallel only when there is one file to share the cores */
    a->o.jobs = in.n == 1 ? a->b.jobs : 1;
    int rc = cli_batch_run(&a->o, &a->b, &in);
    cli_inputs_free(&in);
    return rc;
}

static int run(int argc, char **argv, unsigned want, const char *help)
{
    cli_args a = {0};
    int rc = parse_common(argc, argv, &a, help);
    if (rc)
        return rc;
    int nfiles = argc - optind;
    const char *why =
        nfiles < 1                ? "no input file (use - for standard input)"
        : nfiles > 1 && !a.outdir ? "several inputs need -o DIR"
        : (a.b.resume || a.b.report || a.b.nshards > 1) && !(a.outdir && want == VB_WANT_XML)
            ? "--resume, --report and --shard need convert -o DIR"
            : NULL;
    if (why) {
        cli_error(NULL, "%s", why);
        fputs(help, stderr);
        return 2;
    }
    if (a.outdir && want == VB_WANT_XML)
        return run_batch(&a, argc, argv);
    a.o.jobs = a.jobs_given ? a.b.jobs : 0;
    vb_error err = {0};
    vb_engine *e = vb_engine_new(&a.o, &err);
    if (!e) {
        cli_error(NULL, "%s", err.msg);
        return 1;
    }
    vb_result *r = NULL;
    const char *path = argv[optind];
    if (vb_convert_file(e, path, want, &r, &err) != VB_OK) {
        cli_error(strcmp(path, "-") ? path : "standard input", "%s", err.msg);
        vb_engine_free(e);
        return 1;
    }
    const char *data = want == VB_WANT_XML ? r->xml : r->text;
    size_t len = want == VB_WANT_XML ? r->xml_len : r->text_len;
    rc = cli_write_file(a.outdir ? a.outdir : "-", data, len) ? 1 : 0;
    vb_result_free(r);
    vb_engine_free(e);
    return rc;
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
