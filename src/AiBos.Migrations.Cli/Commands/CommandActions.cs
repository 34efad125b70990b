using System.CommandLine;
using AiBos.Migrations.Cli.Hosting;

namespace AiBos.Migrations.Cli.Commands;

public static class CommandActions
{
    /// <summary>Sets the command's action: a session over the engine is started (catalog migrated) and disposed around it.</summary>
    public static void SetEngineAction(this Command command, CliContext cli, Func<CliSession, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await CliSession.StartAsync(cli, parseResult, cancellationToken);
            return await action(session, parseResult, cancellationToken);
        });
}
