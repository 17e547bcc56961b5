/* cmd_search.c — `vanban search`. PLACEHOLDER until its issue builds it. */
#include "cli/cli.h"

int cmd_search(int argc, char **argv)
{
    (void)argc, (void)argv;
    cli_error(NULL, "'search' is not implemented yet");
    return 2;
}
