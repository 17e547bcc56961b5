/* cmd_index.c — `vanban index`. PLACEHOLDER until its issue builds it. */
#include "cli/cli.h"

int cmd_index(int argc, char **argv)
{
    (void)argc, (void)argv;
    cli_error(NULL, "'index' is not implemented yet");
    return 2;
}
