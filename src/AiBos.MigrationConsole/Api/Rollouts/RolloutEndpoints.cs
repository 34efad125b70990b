using AiBos.Migrations;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Rollouts;

/// <summary>
/// <c>/api/v1/rollouts</c>: one module upgrade across many tenants (canary, waves, failure limit, window): the CLI's
/// start-rollout, list-rollouts, show-rollout and resume-rollout. Rollouts go on in the background;
/// <c>?wait=true</c> answers with their outcome instead.
/// </summary>
public static class RolloutEndpoints
{
    public static string LocationOf(Guid id) => $"{MigrationApi.Prefix}/rollouts/{id}";

    public static void MapRolloutEndpoints(this RouteGroupBuilder api)
    {
        var rollouts = api.MapGroup("/rollouts").WithTags("Rollouts");
        rollouts.MapPost("/", StartAsync);
        rollouts.MapGet("/", ListAsync);
        rollouts.MapGet("/{id}", GetAsync);
        rollouts.MapPost("/{id}/resume", ResumeAsync);
    }

    private static async Task<IResult> StartAsync(HttpRequest request, string? wait, ModuleMigrationService engine, RolloutLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var body = await RequestBody.ReadAsync<StartRolloutBody>(request, cancellationToken);
        var actor = ApiInput.Actor(request.HttpContext);
        var defaults = new RolloutPolicy();
        // Missing fields go to the engine's validator as empty, so that one answer names every problem.
        var rolloutRequest = new RolloutRequest(body.Module?.Trim() ?? "", body.Version?.Trim() ?? "")
        {
            Tenants = body.Tenants,
            Policy = new RolloutPolicy
            {
                Canary = body.Canary ?? defaults.Canary, WaveSize = body.WaveSize ?? defaults.WaveSize,
                Concurrency = body.Concurrency ?? defaults.Concurrency, MaxFailures = body.MaxFailures ?? defaults.MaxFailures, NotAfter = body.NotAfter,
            },
            Options = (body.Options ?? new Runs.RunOptionsRequest()).ToOptions(actor),
        };
        var module = rolloutRequest.Module;
        var (id, outcome) = await launcher.StartAsync(module,
            e => e.Tenant is null && e.Status == RolloutStatus.Running && string.Equals(e.Module, module, StringComparison.Ordinal),
            ct => engine.StartRolloutAsync(rolloutRequest, actor, ct), cancellationToken);
        return await AnswerAsync(id, outcome, waitForOutcome, engine, cancellationToken);
    }

    private static async Task<IResult> ListAsync(string? module, string? status, string? limit, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        var byModule = ApiInput.Filter(module);
        if (byModule is not null) Identifiers.ValidateModuleName(byModule);
        var filter = new RolloutFilter(byModule, ApiInput.Filter(status), ApiInput.OptionalInt(limit, "limit", 1, 10_000) ?? 100);
        var rollouts = await engine.ListRolloutsAsync(filter, cancellationToken);
        return TypedResults.Ok(rollouts.Select(r => RolloutDocument.From(r)).ToList());
    }

    private static async Task<IResult> GetAsync(string id, ModuleMigrationService engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(RolloutDocument.From(await engine.GetRolloutAsync(ApiInput.Id(id, "rollout"), cancellationToken)));

    /// <summary>
    /// Continues a rollout whose process stopped (202). One that ended, or whose process is alive, is a 400 saying so;
    /// the engine checks both before it changes anything, and the answer waits for that.
    /// </summary>
    private static async Task<IResult> ResumeAsync(string id, string? wait, HttpContext http, ModuleMigrationService engine, RolloutLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var rollout = await engine.GetRolloutAsync(ApiInput.Id(id, "rollout"), cancellationToken);
        if (rollout.Status != RolloutStatus.Running)
            throw new InvalidInputException($"Rollout {rollout.Id} is {rollout.Status}: only a rollout whose process stopped while it was running can be resumed. Start a new rollout instead: tenants already upgraded are skipped.");
        var actor = ApiInput.Actor(http);
        var (rolloutId, outcome) = await launcher.StartAsync(rollout.Summary.Module, e => e.RolloutId == rollout.Id,
            ct => engine.ResumeRolloutAsync(rollout.Id, actor, ct), cancellationToken);
        return await AnswerAsync(rolloutId, outcome, waitForOutcome, engine, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync(Guid id, Task<RolloutOutcome> outcome, bool wait, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        // Giving up this request ends only the wait: the rollout goes on.
        if (wait) return TypedResults.Ok(RolloutOutcomeDocument.From(await outcome.WaitAsync(cancellationToken)));
        var rollout = await engine.GetRolloutAsync(id, cancellationToken);
        return TypedResults.Accepted(LocationOf(id), new AcceptedRolloutDocument(id, rollout.Summary.Module, rollout.Status, LocationOf(id)));
    }
}
