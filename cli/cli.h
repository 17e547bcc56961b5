/* cli.h — the subcommands of the vanban command. Each takes argv after the
 * subcommand name (argv[0] is the subcommand) and returns the exit status:
 * 0 all ok, 1 some input failed, 2 usage error. */
#ifndef VB_CLI_H
#define VB_CLI_H

#include "core/vanban.h"

int cmd_convert(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);

/* "vanban: PATH: message" on stderr (path may be NULL). */
void cli_error(const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Writes n bytes to path ("-" = stdout) atomically (temp file + rename).
 * Returns 0, or -1 with a message printed. */
int cli_write_file(const char *path, const char *data, size_t n);
/* The same without "-" and without printing: writes data to
 * DIR/.vbtmp-TAG-XXXXXX beside path, fsyncs, renames it to path. Returns 0,
 * or an errno value with no temp file left behind. */
int cli_write_atomic(const char *path, const char *tag, const char *data, size_t n);

#endif
