using System.CommandLine;
using AiBos.Migrations.Alerts;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Alerts;

/// <summary>
/// <c>setup-alerts --on-failure --on-rollback --webhook https://...</c>: the seed's setupAlerts. Replaces the settings
/// as a whole (an event not given raises no alert any more). JSON: the saved settings.
/// </summary>
public static class SetupAlertsCommand
{
    public static Command Create(CliContext cli)
    {
        var onStart = new Option<bool>("--on-start") { Description = "Alert when a migration starts" };
        var onComplete = new Option<bool>("--on-complete") { Description = "Alert when a migration completes (validated)" };
        var onFailure = new Option<bool>("--on-failure") { Description = "Alert when a migration fails (rolling back, failed, or needing an operator)" };
        var onRollback = new Option<bool>("--on-rollback") { Description = "Alert when a migration is rolled back (automatically or by an operator)" };
        var webhooks = new Option<string[]>("--webhook") { Description = "POST each alert as JSON to this http(s) address (repeat for several)", HelpName = "url", AllowMultipleArgumentsPerToken = false };
        var command = new Command("setup-alerts",
            "Choose which migration events raise alerts and where they go: every alert is logged, and POSTed as JSON to each --webhook (retried until it answers 2xx). Replaces the previous settings.")
        {
            onStart, onComplete, onFailure, onRollback, webhooks,
        };
        cli.Help.Examples(command,
            "aibos-migrations setup-alerts --on-failure --on-rollback --webhook https://hooks.example.com/aibos",
            "aibos-migrations setup-alerts --on-start --on-complete --on-failure --on-rollback",
            "aibos-migrations setup-alerts   # no options: alerts off");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var settings = new AlertSettings(parse.GetValue(onStart), parse.GetValue(onComplete), parse.GetValue(onFailure), parse.GetValue(onRollback),
                parse.GetValue(webhooks) ?? []);
            var saved = await session.Engine.SetupAlertsAsync(settings, Environment.UserName, cancellationToken);
            if (session.Output.IsJson) session.Output.Json(saved);
            else AlertsView.WriteSettings(session.Output.Console, saved);
            return ExitCodes.Success;
        });
        return command;
    }
}
