using AiBos.Migrations.Execution;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// The run's customization step (the seed's "Migrate Customizations"): adapts the tenant's documents of the module
/// to the target version in one transaction, with each document's previous content in the history and what cannot be
/// adapted in quarantine. Rolls back from the history alone, so recovery can undo it in another process.
/// </summary>
public sealed class CustomizationStep(CustomizationRules rules, CustomizationAdapters adapters, ILogger<CustomizationStep> logger) : IRunStep
{
    public string Kind => "customization";
    public string Name => "Migrate Customizations";
    public int Order => 40;

    public bool AppliesTo(RunContext context) =>
        context.Options.PreserveCustomizations && !context.Plan.From.IsNone && !context.Plan.To.IsNone && context.Plan.From != context.Plan.To;

    /// <summary>Only when there is something to move: rules between the versions (upgrade), or documents of the module.</summary>
    public async ValueTask<bool> AppliesToAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (!AppliesTo(context)) return false;
        if (context.Plan.Direction == Direction.Up
            && (await rules.GetRulesAsync(context.Module, context.Plan.From, context.Plan.To, cancellationToken)).Count > 0)
            return true;
        var connection = context.Session.Connection;
        if (!await CustomizationTables.ExistAsync(connection, null, context.Tenant.Schema, cancellationToken)) return false;
        return (await CustomizationStore.ReadAsync(connection, null, context.Tenant.Schema, context.Module, forUpdate: false, cancellationToken)).Count > 0;
    }

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var (from, to) = (context.Plan.From, context.Plan.To);
        // Documents may lag behind the module (a run without preserveCustomizations): each starts from its own version.
        var ruleList = await rules.GetRulesAsync(context.Module, SemanticVersion.None, to, cancellationToken);
        await context.ReportProgressAsync(0, 0, "Reading customizations", cancellationToken);
        var summary = await context.Sql.InTransactionAsync(Kind, async (connection, transaction, ct) =>
        {
            var writer = new CustomizationRunWriter(context, connection, transaction);
            await CustomizationTables.EnsureAsync(connection, transaction, context.Tenant.Schema, ct);
            var documents = await CustomizationStore.ReadAsync(connection, transaction, context.Tenant.Schema, context.Module, forUpdate: true, ct);
            var columns = await ModuleColumns.ReadAsync(connection, transaction, context.Tenant.Schema, context.Module, ct);
            if (context.Plan.Direction == Direction.Up)
            {
                var result = CustomizationMigrator.Migrate(documents, from, to, ruleList, columns, adapters.ByName);
                FailOnQuarantine(context, result.Quarantined);
                await writer.WriteAsync(result.Migrated, CustomizationHistory.Migrated, result.Quarantined, ct);
                Log(context, result.Quarantined, result.Summary);
                return (result.Summary, Total: documents.Count);
            }
            var history = await CustomizationHistory.OfModuleAsync(connection, transaction, context.Tenant.Schema, context.Module, ct);
            var quarantine = await CustomizationQuarantine.ListAsync(connection, transaction, context.Tenant.Schema, context.Module, includeResolved: false, ct);
            var plan = CustomizationDowngrade.Plan(documents, history, quarantine, to, ruleList, columns, adapters.ByName);
            FailOnQuarantine(context, plan.Quarantined);
            await writer.WriteAsync(plan.Restored, CustomizationHistory.Restored, plan.Quarantined, ct);
            await writer.ReinstateAsync(plan.Reinstated, ct);
            Log(context, plan.Quarantined, plan.Summary);
            return (plan.Summary, Total: documents.Count + plan.Reinstated.Count);
        }, cancellationToken);
        await context.ReportProgressAsync(summary.Total, summary.Total, summary.Summary, cancellationToken);
    }

    public async Task RollbackAsync(RunContext context, CancellationToken cancellationToken)
    {
        var (restored, setAside) = await context.Sql.InTransactionAsync(Kind, (connection, transaction, ct) =>
            new CustomizationRunWriter(context, connection, transaction).UndoAsync(ct), cancellationToken);
        logger.CustomizationsRestored(context.CurrentStep, context.RunId, context.Tenant.Key, context.Module, context.UndoRunId, restored, setAside);
        await context.ReportProgressAsync(restored, restored,
            $"{restored} customization document(s) restored{(setAside > 0 ? $", {setAside} changed since kept in quarantine" : "")}", cancellationToken);
    }

    private static void FailOnQuarantine(RunContext context, IReadOnlyList<CustomizationQuarantineDecision> quarantined)
    {
        if (quarantined.Count == 0 || !context.Options.FailOnQuarantine) return;
        var list = string.Join("; ", quarantined.Take(5).Select(q => $"{q.Original.Name}: {q.Reason}"));
        throw new StepFailedException(
            $"{quarantined.Count} customization(s) of {context.Module} cannot be adapted to {context.Plan.To} and the run fails on quarantine: {list}{(quarantined.Count > 5 ? " ..." : "")}.");
    }

    private void Log(RunContext context, IReadOnlyList<CustomizationQuarantineDecision> quarantined, string summary)
    {
        foreach (var q in quarantined)
            logger.CustomizationQuarantined(Kind, context.RunId, context.Tenant.Key, context.Module, q.Original.Name, q.Reason);
        logger.CustomizationsMigrated(Kind, context.RunId, context.Tenant.Key, context.Module, context.Plan.From.ToString(), context.Plan.To.ToString(), summary);
    }
}
