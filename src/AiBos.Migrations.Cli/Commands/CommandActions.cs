using System.CommandLine;
using AiBos.Migrations.Cli.Hosting;

namespace AiBos.Migrations.Cli.Commands;

public static class CommandActions
{
    /// <summary>
    /// Sets the command's action: a session over the engine is started (catalog migrated) and disposed around it. Alerts
    /// that are due (those the command's runs raised among them) are delivered before the command ends.
    /// </summary>
    public static void SetEngineAction(this Command command, CliContext cli, Func<CliSession, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await CliSession.StartAsync(cli, parseResult, cancellationToken);
            var exitCode = await action(session, parseResult, cancellationToken);
            await session.DeliverAlertsAsync(cancellationToken);
            return exitCode;
        });
}
