namespace AiBos.MigrationConsole.Api.Modules;

/// <summary>A registered module with its versions, each with its schema migration files in the order they apply.</summary>
public sealed record ModuleDocument(string Name, string Description, IReadOnlyList<ModuleVersionDocument> Versions);
