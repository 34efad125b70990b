using AiBos.Migrations.Alerts;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Alerts;

internal static class AlertsView
{
    public static void WriteSettings(IAnsiConsole console, AlertSettings settings)
    {
        var events = AlertEvents.All.Where(settings.Raises).ToList();
        console.WriteLine(events.Count == 0 ? "Alerts: off (no event raises one)." : $"Alerts on: {string.Join(", ", events)}.");
        console.WriteLine(settings.Webhooks.Count == 0
            ? "Delivered to: the log only (add webhooks with setup-alerts --webhook <url>)."
            : $"Delivered to: the log and {string.Join(", ", settings.Webhooks.Select(w => new Uri(w).GetLeftPart(UriPartial.Authority)))}");
    }
}
