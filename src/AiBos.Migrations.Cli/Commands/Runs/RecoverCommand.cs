using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// <c>recover</c>: rolls back (or holds for an operator, per their policy) the runs whose process died. Exit code 5 when
/// any of them needs an operator. JSON: <c>{"recovered": [{"runId", "tenant", "module", "outcome"}]}</c>.
/// </summary>
public static class RecoverCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("recover", "Recover runs abandoned by a process that died: roll them back, or hold them for an operator per their policy.");
        cli.Help.Examples(command, "aibos-migrations recover", "aibos-migrations recover --output json");
        command.SetEngineAction(cli, async (session, _, cancellationToken) =>
        {
            var recovered = await session.Engine.RecoverAbandonedRunsAsync(cancellationToken);
            var exitCode = recovered.Any(r => r.Outcome is NeedsOperator) ? ExitCodes.NeedsOperator : ExitCodes.Success;
            var rows = recovered.Select(r => new RecoveredDocument(r.RunId, r.Tenant, r.Module,
                OutcomeDocument.From(r.Outcome, ExitCodes.ForRollback(r.Outcome), null).Outcome, (r.Outcome as NeedsOperator)?.Reason)).ToList();
            if (session.Output.IsJson)
            {
                session.Output.Json(new { recovered = rows });
                return exitCode;
            }
            if (rows.Count == 0)
            {
                session.Output.Console.WriteLine("No abandoned runs.");
                return exitCode;
            }
            var table = Show.Table("Run", "Tenant", "Module", "Outcome", "Reason");
            foreach (var row in rows)
                table.AddRow(Show.Text(row.RunId.ToString()), Show.Text(row.Tenant), Show.Text(row.Module), Show.Text(row.Outcome), Show.Text(row.Reason));
            session.Output.Console.Write(table);
            return exitCode;
        });
        return command;
    }
}
