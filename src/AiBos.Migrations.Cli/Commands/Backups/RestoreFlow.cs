using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// The restore of restore-backup and restore-rollback-point: show the preview; when rows would be discarded and --yes
/// was not given, ask on a terminal ("Discard N rows? [y/N]") or, where nobody can answer, change nothing and exit 9;
/// then restore and print what was verified.
/// </summary>
public static class RestoreFlow
{
    public static async Task<int> RunAsync(CliSession session, RestoreRequest request, bool yes,
        Func<bool, CancellationToken, Task<RestoreOutcome>> restore, CancellationToken cancellationToken)
    {
        var output = session.Output;
        await session.RecoverAbandonedRunsAsync(cancellationToken);
        var preview = await session.Engine.PreviewRestoreAsync(request.BackupId, cancellationToken);
        if (!output.IsJson) RestoreView.WritePreview(output.Console, request, preview);
        var confirmed = yes;
        if (preview.RowsDiscarded > 0 && !yes)
        {
            var rows = preview.RowsDiscarded == 1 ? "1 row" : $"{Show.Number(preview.RowsDiscarded)} rows";
            var answer = await output.ConfirmAsync($"Discard {rows}?", cancellationToken);
            if (answer != true) return NotConfirmed(output, request, preview, declined: answer == false);
            confirmed = true;
        }

        var outcome = await restore(confirmed, cancellationToken);
        var exitCode = ExitCodes.ForRestore(outcome);
        switch (outcome)
        {
            case Restored restored when output.IsJson:
                output.Json(RestoreDocument.Restored(request, restored, exitCode));
                break;
            case Restored restored:
                RestoreView.WriteRestored(output.Console, restored);
                break;
            case RestoreNeedsConfirmation again:
                // The tenant changed between the preview and the restore: more rows would go than were shown.
                return NotConfirmed(output, request, again.Preview, declined: false);
        }
        return exitCode;
    }

    private static int NotConfirmed(CliOutput output, RestoreRequest request, RestorePreview preview, bool declined)
    {
        var message = declined
            ? $"Not confirmed: nothing was changed. To restore without being asked: {request.CommandLine} --yes"
            : $"Restoring {request.Subject} would discard {Show.Number(preview.RowsDiscarded)} row(s) of tenant {preview.Tenant}; nothing was changed. Re-run with --yes to discard them: {request.CommandLine} --yes";
        output.Error.WriteLine($"error: {message}");
        if (output.IsJson) output.Json(RestoreDocument.NotConfirmed(request, preview, ExitCodes.ConfirmationRequired));
        return ExitCodes.ConfirmationRequired;
    }
}
