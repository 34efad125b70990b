using AiBos.Migrations;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>
/// <c>/api/v1/backups</c>: the CLI's list-backups, create-backup, show-backup, restore-backup (with its preview) and
/// cleanup-backups.
/// </summary>
public static class BackupEndpoints
{
    public static void MapBackupEndpoints(this RouteGroupBuilder api)
    {
        var backups = api.MapGroup("/backups").WithTags("Backups");
        backups.MapGet("/", ListAsync);
        backups.MapPost("/", CreateAsync);
        backups.MapGet("/{id}", async (string id, BackupService service, CancellationToken cancellationToken) =>
            TypedResults.Ok(await service.GetBackupAsync(ApiInput.Id(id, "backup"), cancellationToken)));
        backups.MapGet("/{id}/restore-preview", async (string id, ModuleMigrationService engine, CancellationToken cancellationToken) =>
            TypedResults.Ok(await engine.PreviewRestoreAsync(ApiInput.Id(id, "backup"), cancellationToken)));
        backups.MapPost("/{id}/restore", RestoreAsync);
        backups.MapPost("/cleanup", async (ModuleMigrationService engine, CancellationToken cancellationToken) =>
            TypedResults.Ok(CleanupDocument.From(await engine.CleanupExpiredBackupsAsync(cancellationToken))));
    }

    private static async Task<IResult> ListAsync(string? tenant, string? module, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var (byTenant, byModule) = (ApiInput.Filter(tenant), ApiInput.Filter(module));
        if (byTenant is not null) Identifiers.ValidateTenantKey(byTenant);
        if (byModule is not null) Identifiers.ValidateModuleName(byModule);
        return TypedResults.Ok(await engine.ListBackupsAsync(byTenant, byModule, cancellationToken));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<CreateBackupRequest>(request, cancellationToken);
        var type = BackupKinds.ParseType(body.Type);
        if (body.Snapshot && type == BackupType.Incremental)
            throw new InvalidInputException("An incremental backup cannot be a snapshot: use a full backup for snapshot, or drop snapshot.");
        var backup = await engine.CreateMigrationBackupAsync(ApiInput.Required(body.Tenant, "tenant"), ApiInput.Required(body.Module, "module"),
            ApiInput.Filter(body.Version), type, ApiInput.Actor(request.HttpContext), cancellationToken,
            body.Snapshot ? BackupFormat.Snapshot : BackupFormat.Copy);
        return TypedResults.Created($"{MigrationApi.Prefix}/backups/{backup.Id}", backup);
    }

    private static async Task<IResult> RestoreAsync(string id, HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var backupId = ApiInput.Id(id, "backup");
        var body = await RequestBody.ReadOptionalAsync(request, new RestoreRequest(), cancellationToken);
        var outcome = await engine.RestoreBackupAsync(backupId, body.ConfirmDiscard, ApiInput.Actor(request.HttpContext), cancellationToken);
        return RestoreResults.From(outcome, backupId, null);
    }
}
