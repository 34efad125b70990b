using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Execution;

/// <summary>Everything a step needs about the run it belongs to.</summary>
public sealed class RunContext(
    Guid runId, Tenant tenant, MigrationPlan plan, MigrationOptions options, TenantSession session,
    IReadOnlyList<RegisteredMigration> registry, RunRecorder recorder, TenantSql sql)
{
    public Guid RunId { get; } = runId;
    public Tenant Tenant { get; } = tenant;
    public string Module => Plan.Module;
    public MigrationPlan Plan { get; } = plan;
    public MigrationOptions Options { get; } = options;
    public TenantSession Session { get; } = session;
    /// <summary>All registered migrations (of every module), as read when the run started.</summary>
    public IReadOnlyList<RegisteredMigration> Registry { get; } = registry;
    public RunRecorder Recorder { get; } = recorder;
    /// <summary>Runs operator SQL on the session with pinned search_path, timeouts and lock retries.</summary>
    public TenantSql Sql { get; } = sql;
    /// <summary>The run whose work a rollback undoes: this run, or the run a manual rollback targets.</summary>
    public Guid UndoRunId { get; init; } = runId;
    /// <summary>How the rollback returned the tenant (set by the steps that undo work).</summary>
    public string RollbackPath { get; set; } = Execution.RollbackPath.DownSql;
    /// <summary>The backup this run took (set by the backup step); rollback points of later steps refer to it.</summary>
    public Guid? BackupId { get; set; }
    /// <summary>The step currently executing or rolling back, for progress reports and logs.</summary>
    public string CurrentStep { get; internal set; } = "";

    /// <summary>The module's tables when the run started (null when unknown, e.g. in a resumed run).</summary>
    public IReadOnlySet<string>? TablesAtStart { get; set; }

    public Task ReportProgressAsync(long done, long total, string? message, CancellationToken cancellationToken, double? rate = null, double? secondsLeft = null) =>
        Recorder.ReportProgressAsync(RunId, CurrentStep, done, total, message, cancellationToken, rate, secondsLeft);
}
