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

int cli_write_file(const char *path, const char *data, size_t n)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, n, stdout) != n || fflush(stdout)) {
            cli_error(NULL, "cannot write to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error(path, "cannot create: %s", strerror(errno));
        free(tmp);
        return -1;
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    int ok = off == n && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0) {
        free(tmp);
        return 0;
    }
    cli_error(path, "cannot write: %s", strerror(errno));
    unlink(tmp);
    free(tmp);
    return -1;
}
