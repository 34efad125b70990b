namespace AiBos.MigrationConsole.Api.Runs;

/// <summary><c>POST /api/v1/migrations/validate</c>: the seed's <c>validateMigration</c>, optionally with a rehearsal on a copy.</summary>
public sealed record ValidateMigrationRequest(string? Tenant, string? Module, string? FromVersion, string? ToVersion, bool Rehearse = false, int? SampleRows = null);
