using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// <c>discard-customization -t tenant123 -i 42 [--yes]</c>: gives up a quarantined customization for good. It asks first
/// (exit 9 where nobody can answer and --yes is missing). JSON: <c>{"tenant", "id", "discarded": true}</c>.
/// </summary>
public static class DiscardCustomizationCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var id = new Option<long>("--id", "-i") { Description = "The quarantined customization (see list-quarantined)", Required = true, HelpName = "id" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Discard without asking" };
        var command = new Command("discard-customization",
            "Discard a quarantined customization: the tenant loses it for good (its content stays in the quarantine's history). Asks first unless --yes.")
        {
            tenant, id, yes,
        };
        cli.Help.Examples(command, "aibos-migrations discard-customization -t tenant123 -i 42 --yes");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var (tenantKey, itemId) = (parse.GetValue(tenant)!, parse.GetValue(id));
            if (!parse.GetValue(yes))
            {
                var answer = await session.Output.ConfirmAsync($"Discard quarantined customization {itemId} of tenant {tenantKey} for good?", cancellationToken);
                if (answer != true)
                {
                    session.Output.Error.WriteLine(
                        $"error: Not discarded: nothing was changed. To discard without being asked: aibos-migrations discard-customization -t {tenantKey} -i {itemId} --yes");
                    if (session.Output.IsJson) session.Output.Json(new { tenant = tenantKey, id = itemId, discarded = false });
                    return ExitCodes.ConfirmationRequired;
                }
            }
            await session.Engine.DiscardQuarantinedCustomizationAsync(tenantKey, itemId, Environment.UserName, cancellationToken);
            if (session.Output.IsJson) session.Output.Json(new { tenant = tenantKey, id = itemId, discarded = true });
            else session.Output.Console.WriteLine($"Discarded quarantined customization {itemId} of tenant {tenantKey}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
