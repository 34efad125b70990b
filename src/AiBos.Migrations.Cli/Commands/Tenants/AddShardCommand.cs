using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Tenancy;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary><c>add-shard main "Host=...;Database=..."</c>: adds or updates a named shard; its connection is checked first.</summary>
public static class AddShardCommand
{
    public static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The shard's name (lower-case letters, digits, '-' and '_')" };
        var connectionString = new Argument<string>("connection-string") { Description = "The shard's PostgreSQL connection string (stored in the catalog, never printed)" };
        var command = new Command("add-shard", "Add a shard (a PostgreSQL database holding tenant schemas), or change its connection string.")
        {
            name, connectionString,
        };
        cli.Help.Examples(command,
            "aibos-migrations add-shard main \"Host=127.0.0.1;Port=55433;Username=postgres;Database=aibos\"",
            "aibos-migrations add-shard eu-2 \"Host=pg-eu-2;Username=aibos;Password=...;Database=tenants\"");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var shard = parse.GetValue(name)!;
            await session.Get<TenantService>().AddShardAsync(shard, parse.GetValue(connectionString)!, cancellationToken);
            if (session.Output.IsJson) session.Output.Json(new { shard });
            else session.Output.Console.WriteLine($"Shard '{shard}' saved.");
            return ExitCodes.Success;
        });
        return command;
    }
}
