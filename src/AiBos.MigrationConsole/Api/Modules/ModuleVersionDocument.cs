namespace AiBos.MigrationConsole.Api.Modules;

public sealed record ModuleVersionDocument(string Version, DateTimeOffset RegisteredAt, IReadOnlyList<MigrationFileDocument> Migrations);
