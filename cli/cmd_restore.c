/* cmd_restore.c — `vanban restore`. PLACEHOLDER until its issue builds it. */
#include "cli/cli.h"

int cmd_restore(int argc, char **argv)
{
    (void)argc, (void)argv;
    cli_error(NULL, "'restore' is not implemented yet");
    return 2;
}
