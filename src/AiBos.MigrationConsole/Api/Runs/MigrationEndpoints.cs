using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>
/// <c>/api/v1/migrations</c>: validate (preview), execute, install, list, show, roll back and resume runs: the CLI's
/// validate-migration, execute-migration, install-module, list-migrations, show-migration, rollback-migration and
/// resume-migration. Runs go on in the background; <c>?wait=true</c> answers with their outcome instead.
/// </summary>
public static class MigrationEndpoints
{
    public static void MapMigrationEndpoints(this RouteGroupBuilder api)
    {
        var migrations = api.MapGroup("/migrations").WithTags("Migrations");
        migrations.MapPost("/validate", ValidateAsync);
        migrations.MapPost("/", ExecuteAsync);
        migrations.MapPost("/install", InstallAsync);
        migrations.MapGet("/", ListAsync);
        migrations.MapGet("/{id}", GetAsync);
        migrations.MapPost("/{id}/rollback", RollbackAsync);
        migrations.MapPost("/{id}/resume", ResumeAsync);
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ValidateMigrationRequest>(request, cancellationToken);
        var report = await engine.ValidateMigrationAsync(ApiInput.Required(body.Tenant, "tenant"), ApiInput.Required(body.Module, "module"),
            ApiInput.Required(body.FromVersion, "fromVersion"), ApiInput.Required(body.ToVersion, "toVersion"),
            new ValidationOptions(body.Rehearse, body.SampleRows), cancellationToken);
        return TypedResults.Ok(report);
    }

    private static async Task<IResult> ExecuteAsync(HttpRequest request, string? wait, ModuleMigrationService engine, RunLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var body = await RequestBody.ReadAsync<ExecuteMigrationRequest>(request, cancellationToken);
        var (tenant, module) = (ApiInput.Required(body.Tenant, "tenant"), ApiInput.Required(body.Module, "module"));
        var (from, to) = (ApiInput.Required(body.FromVersion, "fromVersion"), ApiInput.Required(body.ToVersion, "toVersion"));
        var options = (body.Options ?? new RunOptionsRequest()).ToOptions(ApiInput.Actor(request.HttpContext));
        var start = await launcher.StartAsync(tenant, module, _ => true,
            ct => engine.ExecuteModuleMigrationAsync(tenant, module, from, to, options, ct), cancellationToken);
        return await RunResults.AnswerAsync(start, waitForOutcome, engine, cancellationToken);
    }

    private static async Task<IResult> InstallAsync(HttpRequest request, string? wait, ModuleMigrationService engine, RunLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var body = await RequestBody.ReadAsync<InstallModuleRequest>(request, cancellationToken);
        var (tenant, module, version) = (ApiInput.Required(body.Tenant, "tenant"), ApiInput.Required(body.Module, "module"), ApiInput.Required(body.Version, "version"));
        var options = (body.Options ?? new RunOptionsRequest()).ToOptions(ApiInput.Actor(request.HttpContext));
        var start = await launcher.StartAsync(tenant, module, _ => true,
            ct => engine.InstallModuleAsync(tenant, module, version, options, ct), cancellationToken);
        return await RunResults.AnswerAsync(start, waitForOutcome, engine, cancellationToken);
    }

    private static async Task<IResult> ListAsync(string? tenant, string? module, string? status, string? limit, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        var (byTenant, byModule) = (ApiInput.Filter(tenant), ApiInput.Filter(module));
        if (byTenant is not null) Identifiers.ValidateTenantKey(byTenant);
        if (byModule is not null) Identifiers.ValidateModuleName(byModule);
        var filter = new MigrationFilter(byModule, byTenant, ApiInput.Filter(status), ApiInput.OptionalInt(limit, "limit", 1, 10_000) ?? 100);
        var runs = await engine.ListMigrationsAsync(filter, cancellationToken);
        return TypedResults.Ok(runs.Select(RunDocument.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, ModuleMigrationService engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(RunDocument.From(await engine.GetMigrationAsync(ApiInput.Id(id, "run"), cancellationToken)));

    /// <summary>
    /// A running run is asked to stop and roll back (202, the same run); a finished one is undone by a rollback run of
    /// its own (202, the new run's Location). With <c>?wait=true</c>: the outcome.
    /// </summary>
    private static async Task<IResult> RollbackAsync(string id, string? wait, HttpContext http, ModuleMigrationService engine, RunLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var run = await engine.GetMigrationAsync(ApiInput.Id(id, "run"), cancellationToken);
        var actor = ApiInput.Actor(http);
        if (RunStatus.IsActive(run.Status) && !waitForOutcome)
        {
            // Asked once (a run already rolling back needs no second request); its owner, in any process, does the rest.
            if (run.Status == RunStatus.Running) await engine.RequestRollbackAsync(run.Id, actor, cancellationToken);
            var stopping = await engine.GetMigrationAsync(run.Id, cancellationToken);
            return TypedResults.Accepted(RunResults.LocationOf(run.Id), new AcceptedRunDocument(run.Id, run.Tenant, run.Module, stopping.Status,
                RunResults.LocationOf(run.Id), Hubs.RunsHub.Path));
        }
        var start = await launcher.StartAsync(run.Tenant, run.Module, e => e.RunId != run.Id,
            ct => engine.RollbackMigrationAsync(run.Id, actor, ct), cancellationToken);
        return await RunResults.AnswerAsync(start, waitForOutcome, engine, cancellationToken);
    }

    private static async Task<IResult> ResumeAsync(string id, string? wait, HttpContext http, ModuleMigrationService engine, RunLauncher launcher,
        CancellationToken cancellationToken)
    {
        var waitForOutcome = ApiInput.Flag(wait, "wait");
        var run = await engine.GetMigrationAsync(ApiInput.Id(id, "run"), cancellationToken);
        var actor = ApiInput.Actor(http);
        var start = await launcher.StartAsync(run.Tenant, run.Module, e => e.RunId == run.Id,
            ct => engine.ResumeMigrationAsync(run.Id, actor, ct), cancellationToken);
        return await RunResults.AnswerAsync(start, waitForOutcome, engine, cancellationToken);
    }
}
