using System.CommandLine;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary><c>register-schema-migration -m accounting -v 2.0.0 -f 001_add_ai_insights.sql</c>: one migration file, with options over its metadata.</summary>
public static class RegisterSchemaMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string>("--module", "-m") { Description = "The module the migration belongs to", Required = true };
        var version = new Option<string>("--version", "-v") { Description = "The module version the migration belongs to (semantic version)", Required = true };
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "The up SQL file (NNN_name.sql); NNN_name.down.sql and NNN_name.json beside it are read too",
            Required = true,
        };
        var down = new Option<FileInfo?>("--down") { Description = "The down SQL file (default: NNN_name.down.sql beside the up file)" };
        var dependsOn = new Option<string[]>("--depends-on")
        {
            Description = "A migration this one needs: a file of the same module or module:version/file (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var validationQuery = new Option<string[]>("--validation-query") { Description = "SQL run after the migration; it must succeed and not return false (repeatable)" };
        var estimatedSeconds = new Option<int?>("--estimated-seconds") { Description = "Estimated time of the migration, in seconds" };
        var risk = new Option<string?>("--risk") { Description = "Declared risk", HelpName = "low|medium|high|critical" };
        risk.AcceptOnlyFromAmong("low", "medium", "high", "critical");
        var checksum = new Option<string?>("--checksum") { Description = "Expected SHA-256 of the normalised up SQL; refused when it differs" };
        var nonTransactional = new Option<bool>("--non-transactional") { Description = "Run outside a transaction (CREATE INDEX CONCURRENTLY ...); must be safe to re-run" };
        var replace = new Option<bool>("--replace") { Description = "Overwrite a registered file with different content (refused once a tenant applied it)" };

        var command = new Command("register-schema-migration", "Register one schema migration file of a module version. Options override the metadata .json beside the file.")
        {
            module, version, file, down, dependsOn, validationQuery, estimatedSeconds, risk, checksum, nonTransactional, replace,
        };
        cli.Help.Examples(command,
            "aibos-migrations register-schema-migration -m accounting -v 2.0.0 -f 001_add_ai_insights.sql",
            "aibos-migrations register-schema-migration -m accounting -v 2.0.0 -f 2.0.0/001_add_ai_insights.sql --depends-on 001_create_financial_reports.sql --risk medium --estimated-seconds 10",
            "aibos-migrations register-schema-migration -m crm -v 2.0.0 -f 004_create_deals.sql --validation-query \"SELECT to_regclass('deals') IS NOT NULL\" --replace");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var definition = ModuleFolder.ReadMigration(parse.GetValue(module)!, parse.GetValue(version)!, parse.GetValue(file)!.FullName);
            if (parse.GetValue(down) is { } downFile)
            {
                if (!downFile.Exists) throw new InvalidInputException($"The down file '{downFile.FullName}' does not exist.");
                definition = definition with { DownSql = await File.ReadAllTextAsync(downFile.FullName, cancellationToken) };
            }
            if (parse.GetValue(dependsOn) is { Length: > 0 } dependencies) definition = definition with { Dependencies = dependencies };
            if (parse.GetValue(validationQuery) is { Length: > 0 } queries) definition = definition with { ValidationQueries = queries.Select(q => new ValidationQuery(q)).ToList() };
            if (parse.GetValue(estimatedSeconds) is { } seconds) definition = definition with { EstimatedSeconds = seconds };
            if (parse.GetValue(risk) is { } level) definition = definition with { RiskLevel = RiskLevels.Parse(level) };
            if (parse.GetValue(checksum) is { } sum) definition = definition with { Checksum = sum };
            if (parse.GetValue(nonTransactional)) definition = definition with { Transactional = false };
            definition = definition with { Replace = parse.GetValue(replace) };

            var result = await session.Engine.RegisterSchemaMigrationAsync(definition, cancellationToken);
            RegistrationView.Write(session.Output, result);
            return Output.ExitCodes.Success;
        });
        return command;
    }
}
