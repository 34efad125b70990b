namespace AiBos.Migrations.Catalog;

// Catalog rows, one class per table of schema "aibos". Mapped by CatalogDbContext with snake_case names.
// They are plain records of state; behaviour lives in the feature folders.

public sealed class ShardRow
{
    public required string Name { get; set; }
    public required string ConnectionString { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class TenantRow
{
    public required string Key { get; set; }
    public required string DisplayName { get; set; }
    public required string Shard { get; set; }
    public required string SchemaName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ModuleRow
{
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ModuleVersionRow
{
    public required string Module { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>The catalog's mirror of a tenant's module version; the tenant's own schema is the truth.</summary>
public sealed class TenantModuleRow
{
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The catalog's mirror of a tenant's applied migrations (aibos_schema_history).</summary>
public sealed class AppliedMigrationRow
{
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public required string FileName { get; set; }
    public required string Version { get; set; }
    public required string Checksum { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public Guid? RunId { get; set; }
    /// <summary>How long the migration took on this tenant, for time estimates of other tenants.</summary>
    public int ExecutionMs { get; set; }
}

public sealed class SchemaMigrationRow
{
    public long Id { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public required string FileName { get; set; }
    public required string UpSql { get; set; }
    public string? DownSql { get; set; }
    public required string Checksum { get; set; }
    public List<string> Dependencies { get; set; } = [];
    public string ValidationQueries { get; set; } = "[]";
    public int EstimatedSeconds { get; set; }
    public required string DeclaredRisk { get; set; }
    /// <summary>The risk the linter computed from the up SQL, shown at registration and in previews.</summary>
    public string ComputedRisk { get; set; } = "low";
    public bool Transactional { get; set; } = true;
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }
}

/// <summary>A data transformation rule of a module version (the seed's data_migrations).</summary>
public sealed class DataMigrationRow
{
    public long Id { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public required string RuleId { get; set; }
    /// <summary>Where the rule runs among its version's rules (file order when read from a module folder).</summary>
    public int Ordinal { get; set; }
    /// <summary>The rule as registered (JSON, the seed's shape).</summary>
    public required string Definition { get; set; }
    /// <summary>SHA-256 of the canonical definition: an identical re-registration is a no-op, a changed one needs replace.</summary>
    public required string Checksum { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>A customization migration rule of one module version: how tenants' customization documents change.</summary>
public sealed class CustomizationMigrationRow
{
    public long Id { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public required string RuleId { get; set; }
    public int Ordinal { get; set; }
    /// <summary>The rule as registered (JSON: the document kinds it applies to and its operations, or an adapter).</summary>
    public required string Definition { get; set; }
    public required string Checksum { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>One run: one tenant, one module, from one version to another (the seed's module_migrations).</summary>
public sealed class ModuleMigrationRow
{
    public Guid Id { get; set; }
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public required string FromVersion { get; set; }
    public required string ToVersion { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public string Options { get; set; } = "{}";
    public string? RequestedBy { get; set; }
    public Guid? RollbackOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public string? Owner { get; set; }
    public string? Error { get; set; }
    public string? FailedStep { get; set; }
    public string? RollbackPath { get; set; }
    public string? RollbackRequestedBy { get; set; }
    /// <summary>Rows in the module's tables when the run started: the data volume that time estimates scale with.</summary>
    public long ModuleRows { get; set; }
    public List<MigrationStepRow> Steps { get; set; } = [];
}

public sealed class MigrationStepRow
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public int Ordinal { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long ItemsDone { get; set; }
    public long ItemsTotal { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
}

public sealed class RollbackPointRow
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public required string Step { get; set; }
    public required string Description { get; set; }
    /// <summary>What is needed to return here, as JSON (for the schema step: the last tenant history id).</summary>
    public string State { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class MigrationBackupRow
{
    public Guid Id { get; set; }
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public required string Version { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? RunId { get; set; }
    public string? BackupSchema { get; set; }
    public string Manifest { get; set; } = "{}";
    public long SizeBytes { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class AuditEntryRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }
    public required string Action { get; set; }
    public string? TenantKey { get; set; }
    public string? Module { get; set; }
    public Guid? RunId { get; set; }
    public string Details { get; set; } = "{}";
}

/// <summary>The seed's setupAlerts: which run events raise an alert, and where alerts are sent. One row (id 1).</summary>
public sealed class AlertSettingsRow
{
    public int Id { get; set; } = 1;
    public bool OnMigrationStart { get; set; }
    public bool OnMigrationComplete { get; set; }
    public bool OnMigrationFailure { get; set; }
    public bool OnRollback { get; set; }
    public List<string> Webhooks { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// An alert waiting to be delivered or delivered (an outbox): written in the same transaction as the run's status
/// change that raised it, so that no alert is lost when the process that ran the migration dies.
/// </summary>
public sealed class AlertRow
{
    public long Id { get; set; }
    public required string Event { get; set; }
    public Guid RunId { get; set; }
    public required string TenantKey { get; set; }
    public required string Module { get; set; }
    public string Payload { get; set; } = "{}";
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One upgrade of a module across many tenants, in waves (see Rollouts/).</summary>
public sealed class RolloutRow
{
    public Guid Id { get; set; }
    public required string Module { get; set; }
    public required string TargetVersion { get; set; }
    public required string Status { get; set; }
    /// <summary>Why the rollout stopped before every tenant was tried (failures, the window's end, cancellation).</summary>
    public string? StopReason { get; set; }
    public int Canary { get; set; }
    public int WaveSize { get; set; }
    public int Concurrency { get; set; }
    public int MaxFailures { get; set; }
    /// <summary>No tenant is started at or after this time (the maintenance window's end).</summary>
    public DateTimeOffset? NotAfter { get; set; }
    /// <summary>The run options every tenant's run gets (JSON of MigrationOptions).</summary>
    public string Options { get; set; } = "{}";
    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Kept fresh by the process driving the rollout; a stale one means that process stopped.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public string? Owner { get; set; }
    public List<RolloutTenantRow> Tenants { get; set; } = [];
}

/// <summary>One tenant of a rollout: its wave, what happened to it, and the run that upgraded it.</summary>
public sealed class RolloutTenantRow
{
    public Guid RolloutId { get; set; }
    public required string TenantKey { get; set; }
    /// <summary>The tenant's place in the rollout's order.</summary>
    public int Ordinal { get; set; }
    /// <summary>0 for the canary tenants, then 1, 2, ...; null for a tenant skipped when the rollout was planned.</summary>
    public int? Wave { get; set; }
    public required string Status { get; set; }
    public string? FromVersion { get; set; }
    public Guid? RunId { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Reason { get; set; }
}
