namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>The answer to a run started in the background (202): where to follow it.</summary>
public sealed record AcceptedRunDocument(Guid RunId, string Tenant, string Module, string Status, string Location, string Hub);
