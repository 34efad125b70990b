using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Schedules;

/// <summary>
/// <c>/api/v1/schedules</c>: upgrades scheduled for a maintenance window (docs/scheduling.md), over
/// <see cref="UpgradeScheduler"/>: schedule, list the pending ones, show one, list the fired and cancelled ones with
/// their runs, and cancel one that has not fired.
/// </summary>
public static class ScheduleEndpoints
{
    public static string LocationOf(Guid id) => $"{MigrationApi.Prefix}/schedules/{id}";

    public static void MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapPost("/", ScheduleAsync);
        schedules.MapGet("/", ListPendingAsync);
        schedules.MapGet("/history", HistoryAsync);
        schedules.MapGet("/{id}", GetAsync);
        schedules.MapDelete("/{id}", CancelAsync);
    }

    private static async Task<IResult> ScheduleAsync(HttpRequest request, UpgradeScheduler scheduler, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ScheduleUpgradeBody>(request, cancellationToken);
        var actor = ApiInput.Actor(request.HttpContext);
        // Missing fields go to the scheduler's validator as empty, so that one answer names every problem.
        var schedule = await scheduler.ScheduleUpgradeAsync(new ScheduleUpgradeRequest(
            body.Tenant?.Trim() ?? "", body.Module?.Trim() ?? "", body.FromVersion ?? "", body.ToVersion ?? "",
            body.StartAt ?? throw new InvalidInputException("'startAt' is required: when the upgrade starts, ISO 8601 with an offset (2026-11-27T02:00:00Z)."),
            body.WindowEnd, actor, (body.Options ?? new Runs.RunOptionsRequest()).ToOptions(actor)), cancellationToken);
        return TypedResults.Created(LocationOf(schedule.Id), ScheduleDocument.From(schedule));
    }

    private static async Task<IResult> ListPendingAsync(UpgradeScheduler scheduler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await scheduler.ListScheduledUpgradesAsync(cancellationToken)).Select(ScheduleDocument.From).ToList());

    private static async Task<IResult> HistoryAsync(string? tenant, string? module, string? limit, UpgradeScheduler scheduler,
        CancellationToken cancellationToken)
    {
        var (byTenant, byModule) = (ApiInput.Filter(tenant), ApiInput.Filter(module));
        if (byTenant is not null) Identifiers.ValidateTenantKey(byTenant);
        if (byModule is not null) Identifiers.ValidateModuleName(byModule);
        var fired = await scheduler.ListFiredUpgradesAsync(byTenant, byModule, cancellationToken, ApiInput.OptionalInt(limit, "limit", 1, 10_000) ?? 100);
        return TypedResults.Ok(fired.Select(ScheduleDocument.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, UpgradeScheduler scheduler, CancellationToken cancellationToken) =>
        TypedResults.Ok(ScheduleDocument.From(await scheduler.GetUpgradeScheduleAsync(ApiInput.Id(id, "schedule"), cancellationToken)));

    /// <summary>Cancels a pending schedule (200 with it, now cancelled); one that has fired or was cancelled is a 409.</summary>
    private static async Task<IResult> CancelAsync(string id, HttpContext http, UpgradeScheduler scheduler, CancellationToken cancellationToken)
    {
        var scheduleId = ApiInput.Id(id, "schedule");
        var schedule = await scheduler.GetUpgradeScheduleAsync(scheduleId, cancellationToken);
        if (schedule.Status != ScheduleStatus.Scheduled) return NotPending(schedule);
        try
        {
            return TypedResults.Ok(ScheduleDocument.From(await scheduler.CancelScheduledUpgradeAsync(scheduleId, ApiInput.Actor(http), cancellationToken)));
        }
        catch (InvalidInputException)
        {
            // It fired between the read and the cancel: the scheduler let exactly one of them win.
            return NotPending(await scheduler.GetUpgradeScheduleAsync(scheduleId, cancellationToken));
        }
    }

    private static IResult NotPending(UpgradeSchedule schedule) => ApiProblems.Problem(StatusCodes.Status409Conflict, "schedule-not-pending",
        "The schedule is no longer pending",
        schedule.Status == ScheduleStatus.Cancelled
            ? $"Scheduled upgrade {schedule.Id} is already cancelled; nothing was changed."
            : $"Scheduled upgrade {schedule.Id} has already fired ({schedule.Status}{(schedule.RunId is { } run ? $", run {run}" : "")}): it cannot be cancelled; roll its run back instead.",
        new Dictionary<string, object?> { ["scheduleStatus"] = schedule.Status, ["runId"] = schedule.RunId });
}
