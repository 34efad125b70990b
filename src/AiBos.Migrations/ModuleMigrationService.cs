using AiBos.Migrations.Alerts;
using System.Text.Json.Nodes;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Customizations;
using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;

namespace AiBos.Migrations;

/// <summary>
/// The seed's central orchestration API, in one place for the dashboard, the CLI and the REST API. It only
/// delegates: each capability lives in its feature folder.
/// </summary>
public sealed class ModuleMigrationService(
    MigrationRegistry registry, TenantService tenants, MigrationRunner runner, RollbackService rollbacks,
    RunQueries runs, RunRecovery recovery, BackupService backups, BackupRetention retention, RollbackPoints rollbackPoints,
    MigrationValidator validator, ResultValidator results, DataRuleStore dataRules, CustomizationService customizations, CustomizationRules customizationRules,
    AlertService alerts, RolloutService rollouts)
{
    public Task<ValidationReport> ValidateMigrationAsync(string tenant, string module, string fromVersion, string toVersion,
        ValidationOptions? options, CancellationToken cancellationToken) =>
        validator.ValidateMigrationAsync(tenant, module, fromVersion, toVersion, options, cancellationToken);

    public Task<ResultValidation> ValidateMigrationResultAsync(string tenant, string module, string version, CancellationToken cancellationToken) =>
        results.ValidateMigrationResultAsync(tenant, module, version, cancellationToken);

    public Task<IReadOnlyList<TenantDrift>> DriftReportAsync(string module, string? version, CancellationToken cancellationToken) =>
        results.DriftReportAsync(module, version, cancellationToken);

    public Task<RegistrationResult> RegisterSchemaMigrationAsync(SchemaMigrationDefinition definition, CancellationToken cancellationToken) =>
        registry.RegisterAsync(definition, cancellationToken);

    public Task<RegistrationResult> RegisterModuleFolderAsync(string path, bool replace, CancellationToken cancellationToken) =>
        registry.RegisterModuleFolderAsync(path, replace, cancellationToken);

    public Task<Tenant> RegisterTenantAsync(string key, string displayName, string shard, CancellationToken cancellationToken, string? schema = null) =>
        tenants.RegisterTenantAsync(key, displayName, shard, schema, cancellationToken);

    /// <summary>Installs a module on a tenant: its migrations from nothing up to <paramref name="version"/>.</summary>
    public Task<RunOutcome> InstallModuleAsync(string tenant, string module, string version, MigrationOptions? options, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(new MigrationRequest(tenant, module, SemanticVersion.None.ToString(), version, options), cancellationToken);

    public Task<RunOutcome> ExecuteModuleMigrationAsync(string tenant, string module, string fromVersion, string toVersion, MigrationOptions? options, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(new MigrationRequest(tenant, module, fromVersion, toVersion, options), cancellationToken);

    /// <summary>Continues a run that stopped half-way (its process died, or its policy held it) from where it stopped.</summary>
    public Task<RunOutcome> ResumeMigrationAsync(Guid runId, string? actor, CancellationToken cancellationToken) =>
        runner.ResumeAsync(runId, actor, cancellationToken);

    public Task<IReadOnlyList<RegisteredRule>> RegisterDataRulesAsync(string module, string version, IReadOnlyList<DataRule> rules, bool replace,
        CancellationToken cancellationToken) =>
        dataRules.RegisterAsync(module, version, rules, replace, cancellationToken);

    public Task<IReadOnlyList<RegisteredDataRule>> GetDataRulesAsync(string module, CancellationToken cancellationToken) =>
        dataRules.GetRulesAsync(module, SemanticVersion.None, null, cancellationToken);

    public Task<RunOutcome> RollbackMigrationAsync(Guid runId, string? actor, CancellationToken cancellationToken) =>
        rollbacks.RollbackMigrationAsync(runId, actor, cancellationToken);

    public Task RequestRollbackAsync(Guid runId, string? actor, CancellationToken cancellationToken) =>
        rollbacks.RequestRollbackAsync(runId, actor, cancellationToken);

    public Task<MigrationRun> GetMigrationAsync(Guid runId, CancellationToken cancellationToken) =>
        runs.GetMigrationAsync(runId, cancellationToken);

    public Task<IReadOnlyList<MigrationRun>> ListMigrationsAsync(MigrationFilter filter, CancellationToken cancellationToken) =>
        runs.ListMigrationsAsync(filter, cancellationToken);

    public Task<IReadOnlyList<RecoveredRun>> RecoverAbandonedRunsAsync(CancellationToken cancellationToken) =>
        recovery.RecoverAbandonedRunsAsync(cancellationToken);

    public Task<BackupInfo> CreateMigrationBackupAsync(string tenant, string module, string? version, BackupType type, string? actor,
        CancellationToken cancellationToken, BackupFormat format = BackupFormat.Copy) =>
        backups.CreateMigrationBackupAsync(tenant, module, version, type, format, actor, cancellationToken);

    public Task<RestorePreview> PreviewRestoreAsync(Guid backupId, CancellationToken cancellationToken) =>
        backups.PreviewRestoreAsync(backupId, cancellationToken);

    public Task<RestoreOutcome> RestoreBackupAsync(Guid backupId, bool confirmDiscard, string? actor, CancellationToken cancellationToken) =>
        backups.RestoreBackupAsync(backupId, confirmDiscard, actor, cancellationToken);

    public Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string? tenant, string? module, CancellationToken cancellationToken) =>
        backups.ListBackupsAsync(tenant, module, cancellationToken);

    public Task<CleanupResult> CleanupExpiredBackupsAsync(CancellationToken cancellationToken) =>
        retention.CleanupExpiredBackupsAsync(cancellationToken);

    public Task<RollbackPointInfo> CreateRollbackPointAsync(string tenant, string module, string version, Guid? runId, string description,
        string? actor, CancellationToken cancellationToken) =>
        rollbackPoints.CreateRollbackPointAsync(tenant, module, version, runId, description, actor, cancellationToken);

    public Task<RestoreOutcome> RestoreFromRollbackPointAsync(long id, bool confirmDiscard, string? actor, CancellationToken cancellationToken) =>
        rollbackPoints.RestoreFromRollbackPointAsync(id, confirmDiscard, actor, cancellationToken);

    /// <summary>The seed's <c>getTenantCustomizations(tenant, module)</c>: the tenant's active documents of the module.</summary>
    public Task<IReadOnlyList<CustomizationDocument>> GetTenantCustomizationsAsync(string tenant, string module, CancellationToken cancellationToken) =>
        customizations.GetTenantCustomizationsAsync(tenant, module, cancellationToken);

    public Task<CustomizationDocument> SaveTenantCustomizationAsync(string tenant, string module, string kind, string key, JsonNode? document,
        string? actor, CancellationToken cancellationToken) =>
        customizations.SaveTenantCustomizationAsync(tenant, module, kind, key, document, actor, cancellationToken);

    public Task<IReadOnlyList<QuarantinedCustomization>> ListQuarantinedCustomizationsAsync(string tenant, string? module, CancellationToken cancellationToken,
        bool includeResolved = false) =>
        customizations.ListQuarantinedCustomizationsAsync(tenant, module, includeResolved, cancellationToken);

    public Task<CustomizationDocument> ReleaseQuarantinedCustomizationAsync(string tenant, long id, JsonNode? replacement, string? actor,
        CancellationToken cancellationToken) =>
        customizations.ReleaseQuarantinedCustomizationAsync(tenant, id, replacement, actor, cancellationToken);

    public Task DiscardQuarantinedCustomizationAsync(string tenant, long id, string? actor, CancellationToken cancellationToken) =>
        customizations.DiscardQuarantinedCustomizationAsync(tenant, id, actor, cancellationToken);

    /// <summary>Registers one customization rule (JSON) for a registered module version; a module folder registers many.</summary>
    public Task<RegisteredRule> RegisterCustomizationRuleAsync(string module, string version, string ruleJson, bool replace, string? actor,
        CancellationToken cancellationToken) =>
        customizationRules.RegisterRuleAsync(module, version, ruleJson, replace, actor, cancellationToken);

    /// <summary>The seed's <c>setupAlerts</c>: which run events raise alerts, and the webhooks they are POSTed to.</summary>
    public Task<AlertSettings> SetupAlertsAsync(AlertSettings settings, string? actor, CancellationToken cancellationToken) =>
        alerts.SetupAlertsAsync(settings, actor, cancellationToken);

    public Task<AlertSettings> GetAlertSettingsAsync(CancellationToken cancellationToken) => alerts.GetAlertSettingsAsync(cancellationToken);

    /// <summary>Alerts raised, newest first, with their delivery status: of one run, or all.</summary>
    public Task<IReadOnlyList<Alert>> ListAlertsAsync(Guid? runId, int limit, CancellationToken cancellationToken) =>
        alerts.ListAlertsAsync(runId, limit, cancellationToken);

    /// <summary>Sends the alerts that are due (log and webhooks); any process may call it, each alert goes out once at a time.</summary>
    public Task<int> DeliverAlertsAsync(CancellationToken cancellationToken) => alerts.DeliverPendingAsync(cancellationToken);

    /// <summary>
    /// Upgrades a module on many tenants (a canary first, then waves, a concurrency limit, a failure limit, a window's
    /// end) and returns when the rollout has ended; callers that must not wait run it in the background.
    /// </summary>
    public Task<RolloutOutcome> StartRolloutAsync(RolloutRequest request, string? actor, CancellationToken cancellationToken) =>
        rollouts.StartRolloutAsync(request, actor, cancellationToken);

    public Task<Rollout> GetRolloutAsync(Guid rolloutId, CancellationToken cancellationToken) => rollouts.GetRolloutAsync(rolloutId, cancellationToken);

    public Task<IReadOnlyList<RolloutSummary>> ListRolloutsAsync(RolloutFilter filter, CancellationToken cancellationToken) =>
        rollouts.ListRolloutsAsync(filter, cancellationToken);

    /// <summary>Continues a rollout whose process stopped: abandoned runs are recovered first, then its pending tenants go on.</summary>
    public Task<RolloutOutcome> ResumeRolloutAsync(Guid rolloutId, string? actor, CancellationToken cancellationToken) =>
        rollouts.ResumeRolloutAsync(rolloutId, actor, cancellationToken);
}
