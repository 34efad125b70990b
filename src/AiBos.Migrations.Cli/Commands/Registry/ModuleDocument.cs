namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>A registered module, as list-modules shows it.</summary>
public sealed record ModuleDocument(string Name, string Description, IReadOnlyList<ModuleVersionDocument> Versions);
