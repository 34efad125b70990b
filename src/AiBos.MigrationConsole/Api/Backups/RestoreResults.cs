using AiBos.Migrations.Backups;

namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>
/// The one place where a restore's outcome becomes an answer: 200 when restored, 409 when rows would be discarded and
/// the caller did not confirm (nothing was changed; the problem carries the preview's numbers).
/// </summary>
public static class RestoreResults
{
    public static IResult From(RestoreOutcome outcome, Guid backupId, long? rollbackPointId) => outcome switch
    {
        Restored restored => TypedResults.Ok(RestoredDocument.From(backupId, rollbackPointId, restored)),
        RestoreNeedsConfirmation pending => ApiProblems.Problem(StatusCodes.Status409Conflict, "confirmation-required", "Confirmation required",
            $"Restoring would discard {pending.Preview.RowsDiscarded} row(s) of tenant '{pending.Preview.Tenant}', module '{pending.Preview.Module}'; nothing was changed. "
            + "Send {\"confirmDiscard\": true} if you mean it.",
            new Dictionary<string, object?> { ["rowsDiscarded"] = pending.Preview.RowsDiscarded, ["preview"] = pending.Preview }),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A restore outcome this API does not know."),
    };
}
