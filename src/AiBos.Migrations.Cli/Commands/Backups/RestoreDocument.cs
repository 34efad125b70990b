using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// The result of restore-backup and restore-rollback-point with --output json. <c>outcome</c> is <c>restored</c> (exit 0,
/// <c>verified</c> lists the checks made) or <c>confirmation-required</c> (exit 9: rows would be discarded and --yes was
/// not given; nothing was changed).
/// </summary>
public sealed record RestoreDocument(
    string Outcome, int ExitCode, Guid BackupId, long? RollbackPointId, string Tenant, string Module, long RowsDiscarded,
    RestorePreviewDocument Preview, IReadOnlyList<string> Verified, double? ElapsedSeconds)
{
    public static RestoreDocument Restored(RestoreRequest request, Restored restored, int exitCode) => new(
        "restored", exitCode, request.BackupId, request.RollbackPointId, restored.Preview.Tenant, restored.Preview.Module, restored.Preview.RowsDiscarded,
        RestorePreviewDocument.From(restored.Preview), restored.Verified, Math.Round(restored.Elapsed.TotalSeconds, 3));

    public static RestoreDocument NotConfirmed(RestoreRequest request, RestorePreview preview, int exitCode) => new(
        "confirmation-required", exitCode, request.BackupId, request.RollbackPointId, preview.Tenant, preview.Module, preview.RowsDiscarded,
        RestorePreviewDocument.From(preview), [], null);
}
