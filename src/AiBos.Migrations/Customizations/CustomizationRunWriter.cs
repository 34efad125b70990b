using AiBos.Migrations.Execution;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>Writes what a run decided about documents, each change with its history row, in the run's transaction.</summary>
internal sealed class CustomizationRunWriter(RunContext context, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private string Schema => context.Tenant.Schema;
    private string Actor => $"run {context.RunId}";

    public async Task WriteAsync(IReadOnlyList<MigratedCustomization> migrated, string action,
        IReadOnlyList<CustomizationQuarantineDecision> quarantined, CancellationToken cancellationToken)
    {
        var to = context.Plan.To;
        foreach (var item in migrated.Where(m => m.Changed || m.Original.Version != to))
        {
            var written = item.Original with { Version = to, Revision = item.Original.Revision + 1, Document = item.Document, UpdatedBy = Actor };
            await CustomizationHistory.RecordAsync(connection, transaction, Schema, context.RunId, written.Module, written.Kind, written.Key,
                written, item.Changed ? action : CustomizationHistory.Moved, cancellationToken);
            await CustomizationStore.WriteAsync(connection, transaction, Schema, written, cancellationToken);
        }
        foreach (var item in quarantined)
        {
            var document = item.Original;
            await CustomizationHistory.RecordAsync(connection, transaction, Schema, context.RunId, document.Module, document.Kind, document.Key,
                null, CustomizationHistory.Quarantined, cancellationToken);
            await CustomizationQuarantine.AddAsync(connection, transaction, Schema, context.RunId, document, item.Reason, to.ToString(), cancellationToken);
            await CustomizationStore.DeleteAsync(connection, transaction, Schema, document.Module, document.Kind, document.Key, cancellationToken);
        }
    }

    /// <summary>Brings quarantined documents back into the active set (a downgrade to the version they conform to).</summary>
    public async Task ReinstateAsync(IReadOnlyList<(QuarantinedCustomization Item, System.Text.Json.Nodes.JsonObject Document)> items, CancellationToken cancellationToken)
    {
        foreach (var (item, content) in items)
        {
            var written = new CustomizationDocument(item.Module, item.Kind, item.Key, context.Plan.To, item.Revision + 1, content, UpdatedBy: Actor);
            await CustomizationHistory.RecordAsync(connection, transaction, Schema, context.RunId, item.Module, item.Kind, item.Key,
                written, CustomizationHistory.Reinstated, cancellationToken);
            await CustomizationStore.WriteAsync(connection, transaction, Schema, written, cancellationToken);
            await CustomizationQuarantine.SetStatusAsync(connection, transaction, Schema, item.Id, QuarantinedCustomization.Reinstated, Actor, context.RunId, cancellationToken);
        }
    }

    /// <summary>
    /// Restores every document the undone run changed, set aside or reinstated, from its history, and marks the history
    /// undone (so a second call does nothing). A document changed since the run is not lost: it goes to quarantine.
    /// </summary>
    public async Task<(int Restored, int SetAside)> UndoAsync(CancellationToken cancellationToken)
    {
        if (!await CustomizationTables.ExistAsync(connection, transaction, Schema, cancellationToken)) return (0, 0);
        var undoRun = context.UndoRunId;
        var pending = await CustomizationHistory.PendingOfRunAsync(connection, transaction, Schema, undoRun, cancellationToken);
        await CustomizationQuarantine.UndoRunAsync(connection, transaction, Schema, undoRun, context.RunId, cancellationToken);
        var setAside = 0;
        foreach (var entry in pending)
        {
            var current = await CustomizationStore.FindAsync(connection, transaction, Schema, entry.Module, entry.Kind, entry.Key, cancellationToken);
            if (current is not null && (current.Version.ToString() != entry.WrittenVersion || current.Revision != entry.WrittenRevision))
            {
                await CustomizationQuarantine.AddAsync(connection, transaction, Schema, context.RunId == undoRun ? null : context.RunId, current,
                    $"changed after run {undoRun} wrote it; set aside when that run was rolled back", current.Version.ToString(), cancellationToken);
                setAside++;
            }
            await CustomizationHistory.RestoreAsync(connection, transaction, Schema, entry, cancellationToken);
        }
        return (pending.Count, setAside);
    }
}
