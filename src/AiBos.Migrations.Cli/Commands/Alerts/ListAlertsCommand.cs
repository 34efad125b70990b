using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Alerts;

/// <summary>
/// <c>list-alerts [-i &lt;migration-id&gt;] [--limit 50]</c>: the alert settings and the alerts raised, newest first, with
/// their delivery. JSON: <c>{"settings", "alerts": [...]}</c>.
/// </summary>
public static class ListAlertsCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Option<Guid?>("--id", "-i") { Description = "Only the alerts of this migration run", HelpName = "migration-id" };
        var limit = new Option<int>("--limit") { Description = "At most this many alerts (1-1000)", DefaultValueFactory = _ => 50 };
        var command = new Command("list-alerts", "Show the alert settings and the alerts raised, newest first: event, run, tenant, module, and whether each was delivered.")
        {
            run, limit,
        };
        cli.Help.Examples(command, "aibos-migrations list-alerts", "aibos-migrations list-alerts -i <migration-id> --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var settings = await session.Engine.GetAlertSettingsAsync(cancellationToken);
            var alerts = await session.Engine.ListAlertsAsync(parse.GetValue(run), parse.GetValue(limit), cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { settings, alerts });
                return ExitCodes.Success;
            }
            var console = session.Output.Console;
            AlertsView.WriteSettings(console, settings);
            if (alerts.Count == 0)
            {
                console.WriteLine("No alerts raised yet.");
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Event", "Run", "Tenant", "Module", "Raised", "Delivery", "Attempts", "Last error");
            foreach (var alert in alerts)
                table.AddRow(Show.Text(alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Show.Text(alert.Event), Show.Text(alert.RunId.ToString()),
                    Show.Text(alert.Tenant), Show.Text(alert.Module), Show.Text(Show.Time(alert.CreatedAt)), Show.Status(alert.Status),
                    Show.Text(alert.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)), Show.Text(alert.LastError));
            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
