/* cmd_model.c — `vanban model`. PLACEHOLDER until its issue builds it. */
#include "cli/cli.h"

int cmd_model(int argc, char **argv)
{
    (void)argc, (void)argv;
    cli_error(NULL, "'model' is not implemented yet");
    return 2;
}
