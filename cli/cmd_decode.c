/* cmd_decode.c — `vanban decode`. PLACEHOLDER until its issue builds it. */
#include "cli/cli.h"

int cmd_decode(int argc, char **argv)
{
    (void)argc, (void)argv;
    cli_error(NULL, "'decode' is not implemented yet");
    return 2;
}
