/* jpeg.c — JPEG page images through libjpeg directly. Hand-written rather
 * than through Leptonica or MuPDF because both leave libjpeg's default
 * message handler in place, which prints "Corrupt JPEG data" to stderr; here
 * warnings are counted (a damaged file is an error) and nothing is printed. */
#include "ingest/fzpix.h"
#include "ingest/jpeg.h"

#include <jpeglib.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

typedef struct quiet_err {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int warnings;
    char msg[JMSG_LENGTH_MAX];
} quiet_err;

static void on_error(j_common_ptr c)
{
    quiet_err *q = (quiet_err *)c->err;
    (*c->err->format_message)(c, q->msg);
    longjmp(q->jump, 1);
}

static void on_message(j_common_ptr c, int level)
{
    quiet_err *q = (quiet_err *)c->err;
    if (level < 0 && q->warnings++ == 0)
        (*c->err->format_message)(c, q->msg);
}

static void no_output(j_common_ptr c)
{
    (void)c;
}

static int read_rows(struct jpeg_decompress_struct *ci, PIX *pix)
{
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    JSAMPARRAY row = (*ci->mem->alloc_sarray)((j_common_ptr)ci, JPOOL_IMAGE, ci->output_width, 1);
    while (ci->output_scanline < ci->output_height) {
        JDIMENSION y = ci->output_scanline;
        if (jpeg_read_scanlines(ci, row, 1) != 1)
            return -1;
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (JDIMENSION x = 0; x < ci->output_width; x++)
            SET_DATA_BYTE(line, x, row[0][x]);
    }
    return 0;
}

int vb_jpeg_read(const unsigned char *data, size_t len, uint64_t max_side, vb_jpeg_info *info,
                 PIX **out, char *why, size_t whylen)
{
    struct jpeg_decompress_struct ci;
    quiet_err q;
    PIX *volatile pix = NULL;
    memset(&q, 0, sizeof q);
    ci.err = jpeg_std_error(&q.pub);
    q.pub.error_exit = on_error;
    q.pub.emit_message = on_message;
    q.pub.output_message = no_output;
    if (setjmp(q.jump)) {
        jpeg_destroy_decompress(&ci);
        pixDestroy((PIX **)&pix);
        snprintf(why, whylen, "%s", q.msg);
        return -1;
    }
    jpeg_create_decompress(&ci);
    jpeg_mem_src(&ci, data, (unsigned long)len);
    jpeg_read_header(&ci, TRUE);
    info->w = (int)ci.image_width, info->h = (int)ci.image_height;
    info->res = ci.density_unit == 1 ? ci.X_density
                : ci.density_unit == 2 ? (int)(ci.X_density * 2.54 + 0.5) : 0;
    if (!out || ci.image_width > max_side || ci.image_height > max_side) {
        jpeg_destroy_decompress(&ci);
        return 0;
    }
    ci.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&ci);
    pix = pixCreate((int)ci.output_width, (int)ci.output_height, 8);
    if (!pix || read_rows(&ci, pix))
        on_error((j_common_ptr)&ci);
    jpeg_finish_decompress(&ci);
    jpeg_destroy_decompress(&ci);
    if (q.warnings) {
        pixDestroy((PIX **)&pix);
        snprintf(why, whylen, "%s", q.msg);
        return -1;
    }
    pixSetResolution(pix, info->res, info->res);
    *out = pix;
    return 0;
}
