/* jpeg.h — private to ingest/: silent JPEG decoding (see jpeg.c). */
#ifndef VB_INGEST_JPEG_H
#define VB_INGEST_JPEG_H

#include <stddef.h>
#include <stdint.h>

struct Pix;

typedef struct vb_jpeg_info {
    int w, h, res; /* res: pixels per inch, 0 unknown */
} vb_jpeg_info;

/* Reads the header into info and, when out is not NULL and both sides are
 * within max_side, decodes to 8 bpp grey. Returns 0, or -1 with libjpeg's
 * words in why for a damaged file (a warning counts as damage). */
int vb_jpeg_read(const unsigned char *data, size_t len, uint64_t max_side, vb_jpeg_info *info,
                 struct Pix **out, char *why, size_t whylen);

#endif
