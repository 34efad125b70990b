using System.Text.Json;
using AiBos.Migrations.Alerts;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Writes every state change of a run and its steps to the catalog first, then announces it: PostgreSQL NOTIFY in
/// the same transaction (delivered on commit) and the in-process <see cref="RunEventBus"/>. A run-level change that
/// raises an alert (see <see cref="AlertEvents"/>) writes it to the alert outbox in that same transaction.
/// </summary>
public sealed class RunRecorder(CatalogDatabase catalog, RunEventBus bus, ILogger<RunRecorder> logger)
{
    public async Task<ModuleMigrationRow> CreateRunAsync(ModuleMigrationRow run, IReadOnlyList<(string Kind, string Name)> steps, CancellationToken cancellationToken)
    {
        run.Steps = steps.Select((s, i) => new MigrationStepRow { RunId = run.Id, Ordinal = i + 1, Kind = s.Kind, Name = s.Name, Status = StepStatus.Pending }).ToList();
        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ModuleMigrations.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await AlertOutbox.EnqueueAsync(db, run, previousStatus: null, cancellationToken);
        var runEvent = EventOf(run, null, run.Status, 0, 0, $"{run.Kind} {run.FromVersion} -> {run.ToVersion}");
        await NotifyAsync(db, runEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        bus.Publish(runEvent);
        return run;
    }

    /// <summary>Changes the run's status (and optionally its error, failed step and rollback path).</summary>
    public Task SetRunStatusAsync(Guid runId, string status, string? error = null, string? failedStep = null, string? rollbackPath = null,
        bool finished = false, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, null, (run, _) =>
        {
            run.Status = status;
            if (error is not null) run.Error = error;
            if (failedStep is not null) run.FailedStep = failedStep;
            if (rollbackPath is not null) run.RollbackPath = rollbackPath;
            if (finished) run.FinishedAt = DateTimeOffset.UtcNow;
            return (status, 0, 0, error);
        }, cancellationToken);

    /// <summary>Takes over a stopped run for <paramref name="owner"/>: running again, its error and end cleared.</summary>
    public Task ResumeRunAsync(Guid runId, string owner, CancellationToken cancellationToken) =>
        UpdateAsync(runId, null, (run, _) =>
        {
            (run.Status, run.Owner, run.HeartbeatAt, run.Error, run.FailedStep, run.FinishedAt) = (RunStatus.Running, owner, DateTimeOffset.UtcNow, null, null, null);
            foreach (var step in run.Steps.Where(s => s.Status is StepStatus.Running or StepStatus.Failed))
                (step.Status, step.Error, step.FinishedAt) = (StepStatus.Pending, null, null);
            return (RunStatus.Running, 0, 0, "Resumed");
        }, cancellationToken);

    public Task SetStepStatusAsync(Guid runId, string stepKind, string status, string? error = null, string? message = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, stepKind, (_, step) =>
        {
            step!.Status = status;
            var now = DateTimeOffset.UtcNow;
            if (status == StepStatus.Running) step.StartedAt ??= now;
            if (status is StepStatus.Completed or StepStatus.Failed or StepStatus.Skipped or StepStatus.RolledBack) step.FinishedAt = now;
            if (error is not null) step.Error = error;
            if (message is not null) step.Message = message;
            return (status, step.ItemsDone, step.ItemsTotal, message ?? error);
        }, cancellationToken);

    public Task ReportProgressAsync(Guid runId, string stepKind, long done, long total, string? message, CancellationToken cancellationToken,
        double? rate = null, double? secondsLeft = null) =>
        UpdateAsync(runId, stepKind, (_, step) =>
        {
            step!.ItemsDone = done;
            step.ItemsTotal = total;
            if (message is not null) step.Message = message;
            return (step.Status, done, total, message);
        }, cancellationToken, e => e with { Rate = rate, SecondsLeft = secondsLeft });

    public async Task AddRollbackPointAsync(RollbackPointRow point, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        point.CreatedAt = DateTimeOffset.UtcNow;
        db.RollbackPoints.Add(point);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task UpdateAsync(Guid runId, string? stepKind, Func<ModuleMigrationRow, MigrationStepRow?, (string Status, long Done, long Total, string? Message)> change,
        CancellationToken cancellationToken, Func<RunEvent, RunEvent>? decorate = null)
    {
        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.ModuleMigrations.Include(r => r.Steps).SingleAsync(r => r.Id == runId, cancellationToken);
        var step = stepKind is null ? null : run.Steps.Single(s => s.Kind == stepKind);
        var previousStatus = run.Status;
        var (status, done, total, message) = change(run, step);
        await db.SaveChangesAsync(cancellationToken);
        if (stepKind is null) await AlertOutbox.EnqueueAsync(db, run, previousStatus, cancellationToken);
        var runEvent = EventOf(run, stepKind, status, done, total, message);
        if (decorate is not null) runEvent = decorate(runEvent);
        await NotifyAsync(db, runEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        bus.Publish(runEvent);
    }

    private static RunEvent EventOf(ModuleMigrationRow run, string? step, string status, long done, long total, string? message) => new(
        run.Id, run.TenantKey, run.Module, step, status,
        run.Steps.Count(s => s.Status is StepStatus.Completed or StepStatus.Skipped), run.Steps.Count,
        done, total, Truncate(message), DateTimeOffset.UtcNow);

    private async Task NotifyAsync(CatalogDbContext db, RunEvent runEvent, CancellationToken cancellationToken)
    {
        try
        {
            var payload = JsonSerializer.Serialize(runEvent, CatalogNotifications.Json);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({RunEventListener.Channel}, {payload})", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.EventPublishFailed(e, runEvent.RunId, runEvent.Tenant, runEvent.Module, runEvent.Step ?? "run");
            throw;
        }
    }

    // NOTIFY payloads are limited to 8000 bytes; messages are for people, so a long one is cut.
    private static string? Truncate(string? message) => message is { Length: > 2000 } ? message[..2000] + "..." : message;
}
