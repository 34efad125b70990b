using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Tenancy;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary>
/// <c>add-tenant -t tenant123 --name "Tenant 123"</c>: registers a tenant and creates its schema. While no shard exists
/// at all, shard "main" is created on the catalog's own database, so that a single-database setup needs no add-shard.
/// </summary>
public static class AddTenantCommand
{
    public const string DefaultShard = "main";

    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant's key (lower-case letters, digits, underscores)", Required = true };
        var name = new Option<string>("--name") { Description = "The tenant's display name", Required = true };
        var shard = new Option<string>("--shard") { Description = "The shard holding the tenant's schema", DefaultValueFactory = _ => DefaultShard };
        var schema = new Option<string?>("--schema") { Description = "The tenant's schema (default: tenant_<key>)" };
        var command = new Command("add-tenant", "Register a tenant on a shard and create its schema. With no shard at all, shard 'main' is created on the catalog database.")
        {
            tenant, name, shard, schema,
        };
        cli.Help.Examples(command,
            "aibos-migrations add-tenant -t tenant123 --name \"Tenant 123\"",
            "aibos-migrations add-tenant -t acme --name \"ACME Corp\" --shard eu-2 --schema acme_data");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var key = Identifiers.ValidateTenantKey(parse.GetValue(tenant));
            var shardName = parse.GetValue(shard)!;
            var tenants = session.Get<TenantService>();
            var shards = await tenants.ListShardsAsync(cancellationToken);
            var shardCreated = false;
            if (!shards.Contains(shardName))
            {
                if (shards.Count > 0 || shardName != DefaultShard)
                {
                    var known = shards.Count == 0 ? "" : $" or pass --shard with one of: {string.Join(", ", shards)}";
                    throw new NotFoundException($"Shard '{shardName}' is not configured: run 'aibos-migrations add-shard {shardName} <connection-string>' first{known}.");
                }
                await tenants.AddShardAsync(DefaultShard, session.CatalogConnectionString, cancellationToken);
                shardCreated = true;
            }
            var registered = await session.Engine.RegisterTenantAsync(key, parse.GetValue(name)!, shardName, cancellationToken, parse.GetValue(schema));
            if (session.Output.IsJson)
            {
                session.Output.Json(new { tenant = TenantDocument.From(registered, []), shardCreated });
                return ExitCodes.Success;
            }
            if (shardCreated) session.Output.Console.WriteLine($"Shard '{DefaultShard}' created on the catalog database (there was no shard yet).");
            session.Output.Console.WriteLine($"Tenant '{registered.Key}' registered on shard '{registered.Shard}' in schema '{registered.Schema}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
