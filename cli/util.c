/* util.c — small helpers shared by the subcommands. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_error(const char *path, const char *fmt, ...)
{
    va_list ap;
    fputs("vanban: ", stderr);
    if (path)
        fprintf(stderr, "%s: ", path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int write_all(int fd, const char *data, size_t n)
{
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        off += (size_t)w;
    }
    return fsync(fd);
}

int cli_write_atomic(const char *path, const char *tag, const char *data, size_t n)
{
    const char *slash = strrchr(path, '/');
    int dl = slash ? (int)(slash - path) : 1;
    const char *dir = slash ? path : ".";
    size_t cap = (size_t)dl + strlen(tag) + 24;
    char *tmp = malloc(cap);
    if (!tmp)
        return ENOMEM;
    snprintf(tmp, cap, "%.*s/.vbtmp-%s-XXXXXX", dl, dir, tag);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return e;
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    int ok = write_all(fd, data, n) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0) {
        free(tmp);
        return 0;
    }
    e = ok ? errno : e;
    unlink(tmp);
    free(tmp);
    return e ? e : EIO;
}

int cli_write_file(const char *path, const char *data, size_t n)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, n, stdout) != n || fflush(stdout)) {
            cli_error(NULL, "cannot write to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    int e = cli_write_atomic(path, "", data, n);
    if (e)
        cli_error(path, "cannot write: %s", strerror(e));
    return e ? -1 : 0;
}
