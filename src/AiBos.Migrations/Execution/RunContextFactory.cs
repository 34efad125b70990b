using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiBos.Migrations.Execution;

/// <summary>Builds the context of a run (new, recovered or rolled back manually) with the engine's settings applied.</summary>
public sealed class RunContextFactory(RunRecorder recorder, IOptions<ExecutionOptions> options, ILoggerFactory loggers)
{
    public ExecutionOptions Settings => options.Value;

    /// <summary>Operator SQL for one tenant with the engine's timeouts, for work outside a run (backups, restores).</summary>
    public TenantSql CreateSql(TenantSession session, string module, Guid operationId, TimeSpan? lockTimeout = null) =>
        new(session, lockTimeout ?? Settings.LockTimeout, Settings.StatementTimeout, Settings, loggers.CreateLogger<TenantSql>(), operationId, module);

    public RunContext Create(Guid runId, Tenant tenant, MigrationPlan plan, MigrationOptions runOptions, TenantSession session,
        IReadOnlyList<RegisteredMigration> registry, Guid? undoRunId = null)
    {
        var sql = CreateSql(session, plan.Module, runId, runOptions.LockTimeout);
        return new RunContext(runId, tenant, plan, runOptions, session, registry, recorder, sql) { UndoRunId = undoRunId ?? runId };
    }
}
