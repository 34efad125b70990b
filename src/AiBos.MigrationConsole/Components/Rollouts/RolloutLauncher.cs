using AiBos.Migrations;
using AiBos.Migrations.Rollouts;
using ApiRolloutLauncher = AiBos.MigrationConsole.Api.Rollouts.RolloutLauncher;

namespace AiBos.MigrationConsole.Components.Rollouts;

/// <summary>
/// Starts and resumes rollouts for pages without tying them to a circuit, through the same launcher as the REST API:
/// the rollout goes on in the host's background work (a closed tab does not stop it; shutting the console down stops
/// starting tenants, waits for the running ones, and the rollout can be resumed later). The page gets the rollout's id
/// as soon as this process announces it, or the engine's refusal (bad input, another rollout of the module running)
/// as an exception.
/// </summary>
public sealed class RolloutLauncher(ModuleMigrationService engine, ApiRolloutLauncher launcher)
{
    /// <summary>Starts the rollout in the background and returns its id once it is stored.</summary>
    public async Task<Guid> StartAsync(RolloutRequest request, string actor, CancellationToken cancellationToken)
    {
        var module = request.Module.Trim();
        var (id, _) = await launcher.StartAsync(module,
            announced => announced.Tenant is null && announced.Status == RolloutStatus.Running
                         && string.Equals(announced.Module, module, StringComparison.OrdinalIgnoreCase),
            stopping => engine.StartRolloutAsync(request, actor, stopping), cancellationToken);
        return id;
    }

    /// <summary>Resumes an interrupted rollout in this process; returns once this process has taken it over.</summary>
    public async Task<Guid> ResumeAsync(RolloutSummary rollout, string actor, CancellationToken cancellationToken)
    {
        var (id, _) = await launcher.StartAsync(rollout.Module, announced => announced.RolloutId == rollout.Id,
            stopping => engine.ResumeRolloutAsync(rollout.Id, actor, stopping), cancellationToken);
        return id;
    }
}
