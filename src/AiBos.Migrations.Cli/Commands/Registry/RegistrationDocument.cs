using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>
/// JSON of register-schema-migration and register-module: the migration files, and the data and customization rules
/// registered with a module folder (<c>{"kind": "data|customizations", "module", "version", "ruleId", "change"}</c>).
/// </summary>
public sealed record RegistrationDocument(int Added, int Unchanged, int Replaced, IReadOnlyList<RegisteredFile> Files, IReadOnlyList<RegisteredRule> Rules);
