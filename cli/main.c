/* main.c — the vanban command: dispatch to a subcommand. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *what;
} commands[] = {
    {"convert", cmd_convert, "documents → validated plan XML"},
    {"text", cmd_text, "documents → clean normalized text"},
    {"validate", cmd_validate, "check plan XML against the schema"},
    {"decode", cmd_decode, "legacy-encoded text → UTF-8 (TCVN3, VNI, VISCII…)"},
    {"restore", cmd_restore, "restore diacritics / repair OCR text, line by line"},
    {"model", cmd_model, "language model tools (info, adapt)"},
    {"index", cmd_index, "index plan XML for search (SQLite FTS5)"},
    {"search", cmd_search, "search indexed plans, with or without diacritics"},
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: vanban COMMAND [OPTIONS] [FILE...]\n\n"
               "Turns scanned or mis-encoded Vietnamese planning documents into clean\n"
               "Unicode text and validated plan XML (urn:vanban:plan:1).\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].what);
    fprintf(f, "\n'vanban COMMAND --help' tells more. Exit status: 0 ok, 1 some input\n"
               "failed, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("vanban %s\n", VB_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "vanban: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
