/* vanban.h — the library's top: status codes, errors, options, and the one
 * call that takes an input through ingest → normalize → extract → XML.
 * Every other public header (ingest/ingest.h, normalize/normalize.h,
 * extract/extract.h, search/search.h) builds on the types here. */
#ifndef VB_VANBAN_H
#define VB_VANBAN_H

#include <stddef.h>
#include <stdint.h>

#define VB_VERSION "0.1.0"

/* Status codes. The enum only grows; vb_strerror() names every value. */
typedef enum vb_status {
    VB_OK = 0,
    VB_ERR_NOMEM,        /* out of memory */
    VB_ERR_IO,           /* cannot read or write a file */
    VB_ERR_USAGE,        /* bad argument to a library call */
    VB_ERR_EMPTY,        /* the input has no content */
    VB_ERR_BINARY,       /* not a document: binary data */
    VB_ERR_ENCODING,     /* text in no encoding vanban knows */
    VB_ERR_FORMAT,       /* a damaged container: truncated PDF, corrupt image */
    VB_ERR_ENCRYPTED,    /* needs a password */
    VB_ERR_LIMIT,        /* exceeds a configured limit (pixels, pages, size) */
    VB_ERR_UNSUPPORTED,  /* a known format this build cannot read */
    VB_ERR_OCR,          /* the OCR engine failed */
    VB_ERR_MODEL,        /* language model missing or damaged */
    VB_ERR_XML,          /* cannot build or parse XML */
    VB_ERR_INVALID,      /* XML does not validate against the schema */
    VB_ERR_DB,           /* the search index failed */
    VB_ERR_INTERRUPTED,  /* stopped by a signal or a time limit */
    VB_ERR_NOT_PLAN,     /* readable text, but not a plan (a warning-level outcome) */
    VB_STATUS_COUNT
} vb_status;

/* Where an error happened and why, in words a user understands.
 * The library fills it; only the CLI prints it. */
typedef struct vb_error {
    vb_status status;
    int page;       /* 1-based page, 0 when unknown */
    long line;      /* 1-based line of the input, 0 when unknown */
    char msg[512];  /* one line, no trailing newline */
} vb_error;

/* The short fixed name of a status ("out of memory"). Never NULL. */
const char *vb_strerror(vb_status s);

/* Sets err (if not NULL) and returns s. printf-style message.
 * A set error is sticky: a second call with an error already set keeps the first. */
vb_status vb_error_set(vb_error *err, vb_status s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void vb_error_clear(vb_error *err);

/* Limits: inputs past them fail with VB_ERR_LIMIT, naming the limit. */
typedef struct vb_limits {
    uint64_t max_file_bytes;   /* default 512 MiB */
    uint64_t max_line_bytes;   /* default 1 MiB; longer lines are split */
    uint64_t max_pixels;       /* per side of a page image; default 20000 */
    int max_pages;             /* default 2000 */
    int max_depth;             /* markup nesting; default 256 */
    double max_seconds;        /* per file; 0 = none */
} vb_limits;

enum { VB_TONE_KEEP = 0, VB_TONE_OLD, VB_TONE_NEW };
enum { VB_RESTORE_AUTO = -1, VB_RESTORE_NEVER = 0, VB_RESTORE_ALWAYS = 1 };
/* Word boxes in the XML (<w bbox>) for text read from a page (PDF, image). */
enum { VB_BOXES_NONE = 0, VB_BOXES_WORDS = 1 };

typedef struct vb_options {
    const char *from_encoding; /* NULL or "auto": detect; else an encoding name */
    int tone_style;            /* VB_TONE_* */
    int restore;               /* VB_RESTORE_*: diacritic restoration / OCR correction */
    double min_conf;           /* leave tokens whose posterior is below this */
    const char *model_path;    /* NULL: VB_MODEL env, then the installed default */
    const char *tessdata;      /* NULL: Tesseract's default */
    const char *lang;          /* Tesseract languages, default "vie" */
    int dpi;                   /* render resolution for OCR, default 300 */
    int psm;                   /* Tesseract page segmentation mode, -1 default */
    const char *keep_images;   /* directory for preprocessed page images, or NULL */
    int jobs;                  /* worker threads for pages; 0 = number of cores */
    int boxes;                 /* VB_BOXES_*: default VB_BOXES_WORDS */
    vb_limits limits;
} vb_options;

/* Fills o with the defaults above. */
void vb_options_init(vb_options *o);

/* An engine holds what is loaded once per process and shared by threads:
 * the options, the memory-mapped language model, the OCR workers.
 * Resources are loaded lazily on first use; the engine is thread-safe. */
typedef struct vb_engine vb_engine;

/* Returns NULL on out of memory (err set). Copies *opt (strings must outlive it). */
vb_engine *vb_engine_new(const vb_options *opt, vb_error *err);
void vb_engine_free(vb_engine *e);            /* NULL is a no-op */
const vb_options *vb_engine_options(const vb_engine *e);

/* What vb_convert wants back. */
enum {
    VB_WANT_XML = 1u << 0,   /* result->xml: plan XML, validated */
    VB_WANT_TEXT = 1u << 1,  /* result->text: clean normalized text */
};

/* The outcome of one conversion. Owned by the caller: vb_result_free(). */
typedef struct vb_result {
    char *xml;            /* UTF-8 plan XML, NUL-terminated, or NULL */
    size_t xml_len;
    char *text;           /* UTF-8 clean text, NUL-terminated, or NULL */
    size_t text_len;
    char format[16];      /* "text", "pdf", "image", ... */
    char encoding[32];    /* detected source encoding, "" when not text */
    char sha256[65];      /* hex of the input bytes */
    int pages;
    int ocr_pages;        /* pages that went through OCR */
    int warnings;         /* quality warnings in the plan */
    int corrections;      /* tokens changed by restoration */
    int is_plan;          /* 0 when the text does not look like a plan */
    int repairs;          /* repairs recorded (<quality><repair>): encoding, markup, ... */
} vb_result;

void vb_result_free(vb_result *r); /* NULL is a no-op */

/* Converts the bytes of one input. display_path is what <source path> shows.
 * On failure returns the status, fills err, and leaves *out NULL. */
vb_status vb_convert_bytes(vb_engine *e, const char *display_path,
                           const unsigned char *data, size_t len, unsigned want,
                           vb_result **out, vb_error *err);

/* Reads path (checked against the limits) and converts it. */
vb_status vb_convert_file(vb_engine *e, const char *path, unsigned want,
                          vb_result **out, vb_error *err);

/* Reads a whole file into memory (NUL-terminated for convenience).
 * Fails with VB_ERR_IO naming the reason, or VB_ERR_LIMIT past max_bytes. */
vb_status vb_file_read(const char *path, uint64_t max_bytes, unsigned char **data,
                       size_t *len, vb_error *err);

#endif
