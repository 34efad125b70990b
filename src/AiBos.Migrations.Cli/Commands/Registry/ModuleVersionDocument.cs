namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>A registered version of a module and its number of schema migration files.</summary>
public sealed record ModuleVersionDocument(string Version, int Migrations, DateTimeOffset RegisteredAt);
