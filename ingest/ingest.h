/* ingest.h — stage 1: find out what the bytes are and turn them into a layout.
 *
 * A layout is the document as pages of lines, whatever it came from:
 *   - text files: one vb_line per input line (after decoding to UTF-8);
 *     table cells stay separated by '\t' exactly as the file had them;
 *   - PDFs with a text layer and OCR'd images: one vb_line per printed line,
 *     with page, box and word boxes; a table recognised from geometry is
 *     emitted as one line per row with VB_LINE_ROW set and cells joined by
 *     '\t' (a cell's own line breaks become spaces) — the same shape the
 *     tab-separated text layouts have, so extract/ reads both the same way.
 * Lines are in reading order. Page headers, footers and page numbers are
 * dropped by ingest where geometry shows them.
 */
#ifndef VB_INGEST_H
#define VB_INGEST_H

#include "core/text.h"
#include "core/vanban.h"

/* Boxes (vb_box, core/text.h) are in page pixels at the page's dpi (PDF
 * text layers: 72 dpi points scaled to the same grid as OCR'd pages). */

enum {
    VB_LINE_ROW = 1u << 0,       /* a table row from geometry: cells split by '\t' */
    VB_LINE_TABLE_END = 1u << 1, /* last row of a geometric table */
    VB_LINE_HEADING = 1u << 2,   /* typographic hint: bold/large/centred */
    VB_LINE_NFC = 1u << 3,       /* text already NFC (the decoder did it) */
};

typedef struct vb_line {
    vb_text text;      /* UTF-8; normalize/ rewrites it in place; PDF and OCR
                          lines carry each word's box (text.words) */
    int page;          /* 1-based; text inputs use form feeds, else page 1 */
    long src_line;     /* 1-based line in the input text, 0 for PDF/OCR */
    vb_box box;
    float conf;        /* mean OCR confidence 0..1, -1 when not OCR'd */
    unsigned flags;    /* VB_LINE_* */
} vb_line;

/* How a page's text was obtained. */
typedef enum vb_page_path {
    VB_PAGE_TEXT = 0,      /* a text file: no pages as such */
    VB_PAGE_TEXT_LAYER,    /* PDF text layer, used as is */
    VB_PAGE_OCR,           /* rendered (or an image) and OCR'd */
} vb_page_path;

/* A page and the pixel grid its boxes are in. For OCR'd pages that grid is
 * the image OCR read: the source image (or the PDF page rendered at
 * dpi / scale) scaled by scale, then turned by skew degrees about its centre
 * (deskew, size kept), then by rotate degrees clockwise (upright). */
typedef struct vb_page {
    int number;            /* 1-based */
    int width, height;     /* pixels at dpi, 0 for text */
    int dpi;
    vb_page_path path;
    float text_quality;    /* 0..1 share of valid Vietnamese syllables, -1 unknown */
    char reason[64];       /* why the path was taken ("no text layer", ...) */
    double scale;          /* OCR: upscale applied before OCR (1 none; 0 = 1) */
    float skew;            /* OCR: deskew rotation applied, degrees (Leptonica's sign) */
    int rotate;            /* OCR: 0, 90, 180, 270 clockwise to make the page upright */
} vb_page;

/* One thing the pipeline repaired, for <quality><repair .../>. */
typedef struct vb_repair {
    char kind[24];         /* "encoding", "diacritics", "case", "markup", ... */
    char from[32];         /* "tcvn3" for encoding repairs, else "" */
    long changed, tokens;  /* -1 when not counted */
    double confidence;     /* -1 when none */
    char note[128];        /* free text, may be empty */
} vb_repair;

typedef enum vb_format {
    VB_FMT_UNKNOWN = 0,
    VB_FMT_TEXT,
    VB_FMT_HTML,
    VB_FMT_PDF,
    VB_FMT_TIFF,
    VB_FMT_PNG,
    VB_FMT_JPEG,
    VB_FMT_JP2,
    VB_FMT_WEBP,
    VB_FMT_BMP,
    VB_FMT_GIF,
    VB_FMT_ZIP,        /* DOCX/ODT and other zip containers */
    VB_FMT_BINARY,     /* none of the above and not text */
} vb_format;

typedef struct vb_layout {
    vb_line *lines;
    size_t nlines, cap;
    vb_page *pages;
    size_t npages;
    vb_repair *repairs;
    size_t nrepairs;
    vb_format format;
    char encoding[32];     /* "utf-8", "tcvn3", ...; "" for non-text */
    char sha256[65];       /* of the input bytes */
    int ocr_pages;         /* how many pages went through OCR */
} vb_layout;

/* Looks at the first bytes (not the name) and says what the input is. */
vb_format vb_sniff(const unsigned char *data, size_t len);
/* "text", "pdf", "image", "html", "zip", "binary", "unknown". */
const char *vb_format_name(vb_format f);

/* Turns bytes into a layout. Text is decoded (see normalize/normalize.h:
 * vb_decode) and split into lines; PDFs and images go through MuPDF,
 * Leptonica and Tesseract (engine resources). On failure *out is NULL and
 * err says why. The layout is the caller's: vb_layout_free(). */
vb_status vb_ingest(vb_engine *e, const unsigned char *data, size_t len,
                    vb_layout **out, vb_error *err);

/* Layout construction helpers (for ingest back ends and tests). */
vb_layout *vb_layout_new(void);
void vb_layout_free(vb_layout *L);                 /* NULL is a no-op */
/* Appends a line with a copy of s[0..n); returns it, or NULL on OOM. */
vb_line *vb_layout_add_line(vb_layout *L, const char *s, size_t n, int page);
/* Appends a page record; returns it, or NULL on OOM. */
vb_page *vb_layout_add_page(vb_layout *L, int number);
/* Records a repair; returns it, or NULL on OOM. Fields other than kind are
 * initialised to "none" (-1 / ""). */
vb_repair *vb_layout_add_repair(vb_layout *L, const char *kind);

/* Hex SHA-256 of data into out[65]. */
void vb_sha256_hex(const unsigned char *data, size_t len, char out[65]);

#endif
