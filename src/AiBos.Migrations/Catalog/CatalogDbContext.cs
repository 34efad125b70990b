using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Catalog;

/// <summary>The catalog (schema "aibos"): registry, tenants, runs, steps, backups, audit.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public const string Schema = "aibos";

    public DbSet<ShardRow> Shards => Set<ShardRow>();
    public DbSet<TenantRow> Tenants => Set<TenantRow>();
    public DbSet<ModuleRow> Modules => Set<ModuleRow>();
    public DbSet<ModuleVersionRow> ModuleVersions => Set<ModuleVersionRow>();
    public DbSet<TenantModuleRow> TenantModules => Set<TenantModuleRow>();
    public DbSet<AppliedMigrationRow> AppliedMigrations => Set<AppliedMigrationRow>();
    public DbSet<SchemaMigrationRow> SchemaMigrations => Set<SchemaMigrationRow>();
    public DbSet<DataMigrationRow> DataMigrations => Set<DataMigrationRow>();
    public DbSet<CustomizationMigrationRow> CustomizationMigrations => Set<CustomizationMigrationRow>();
    public DbSet<ModuleMigrationRow> ModuleMigrations => Set<ModuleMigrationRow>();
    public DbSet<MigrationStepRow> MigrationSteps => Set<MigrationStepRow>();
    public DbSet<RollbackPointRow> RollbackPoints => Set<RollbackPointRow>();
    public DbSet<MigrationBackupRow> MigrationBackups => Set<MigrationBackupRow>();
    public DbSet<AuditEntryRow> AuditLog => Set<AuditEntryRow>();
    public DbSet<AlertSettingsRow> AlertSettings => Set<AlertSettingsRow>();
    public DbSet<AlertRow> Alerts => Set<AlertRow>();
    public DbSet<RolloutRow> Rollouts => Set<RolloutRow>();
    public DbSet<RolloutTenantRow> RolloutTenants => Set<RolloutTenantRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<ShardRow>(e => { e.ToTable("shards"); e.HasKey(x => x.Name); });
        modelBuilder.Entity<TenantRow>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(x => x.Key);
            e.HasIndex(x => new { x.Shard, x.SchemaName }).IsUnique();
            e.HasOne<ShardRow>().WithMany().HasForeignKey(x => x.Shard).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ModuleRow>(e => { e.ToTable("modules"); e.HasKey(x => x.Name); });
        modelBuilder.Entity<ModuleVersionRow>(e =>
        {
            e.ToTable("module_versions");
            e.HasKey(x => new { x.Module, x.Version });
            e.HasOne<ModuleRow>().WithMany().HasForeignKey(x => x.Module);
        });
        modelBuilder.Entity<TenantModuleRow>(e =>
        {
            e.ToTable("tenant_modules");
            e.HasKey(x => new { x.TenantKey, x.Module });
            e.HasOne<TenantRow>().WithMany().HasForeignKey(x => x.TenantKey);
        });
        modelBuilder.Entity<AppliedMigrationRow>(e =>
        {
            e.ToTable("applied_migrations");
            e.HasKey(x => new { x.TenantKey, x.Module, x.FileName });
            e.HasIndex(x => new { x.Module, x.FileName });
        });
        modelBuilder.Entity<SchemaMigrationRow>(e =>
        {
            e.ToTable("schema_migrations");
            e.HasIndex(x => new { x.Module, x.FileName }).IsUnique();
            e.HasIndex(x => new { x.Module, x.Version });
            e.Property(x => x.ValidationQueries).HasColumnType("jsonb");
            e.HasOne<ModuleRow>().WithMany().HasForeignKey(x => x.Module);
        });
        modelBuilder.Entity<DataMigrationRow>(e =>
        {
            e.ToTable("data_migrations");
            e.HasIndex(x => new { x.Module, x.Version, x.RuleId }).IsUnique();
            e.Property(x => x.Definition).HasColumnType("jsonb");
            e.HasOne<ModuleRow>().WithMany().HasForeignKey(x => x.Module);
        });
        modelBuilder.Entity<CustomizationMigrationRow>(e =>
        {
            e.ToTable("customization_migrations");
            e.HasIndex(x => new { x.Module, x.Version, x.RuleId }).IsUnique();
            e.Property(x => x.Definition).HasColumnType("jsonb");
            e.HasOne<ModuleRow>().WithMany().HasForeignKey(x => x.Module);
        });
        modelBuilder.Entity<ModuleMigrationRow>(e =>
        {
            e.ToTable("module_migrations");
            e.HasIndex(x => new { x.TenantKey, x.Module, x.CreatedAt });
            e.HasIndex(x => x.Status);
            e.Property(x => x.Options).HasColumnType("jsonb");
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MigrationStepRow>(e =>
        {
            e.ToTable("migration_steps");
            e.HasIndex(x => new { x.RunId, x.Ordinal }).IsUnique();
        });
        modelBuilder.Entity<RollbackPointRow>(e =>
        {
            e.ToTable("rollback_points");
            e.HasIndex(x => x.RunId);
            e.Property(x => x.State).HasColumnType("jsonb");
        });
        modelBuilder.Entity<MigrationBackupRow>(e =>
        {
            e.ToTable("migration_backups");
            e.HasIndex(x => new { x.TenantKey, x.Module, x.CreatedAt });
            e.Property(x => x.Manifest).HasColumnType("jsonb");
        });
        modelBuilder.Entity<AuditEntryRow>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(x => x.At);
            e.Property(x => x.Details).HasColumnType("jsonb");
        });
        modelBuilder.Entity<AlertSettingsRow>(e =>
        {
            e.ToTable("alert_settings");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<AlertRow>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.RunId);
            e.Property(x => x.Payload).HasColumnType("jsonb");
        });
        modelBuilder.Entity<RolloutRow>(e =>
        {
            e.ToTable("rollouts");
            e.HasIndex(x => new { x.Module, x.CreatedAt });
            e.HasIndex(x => x.Status);
            e.Property(x => x.Options).HasColumnType("jsonb");
            e.HasMany(x => x.Tenants).WithOne().HasForeignKey(x => x.RolloutId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RolloutTenantRow>(e =>
        {
            e.ToTable("rollout_tenants");
            e.HasKey(x => new { x.RolloutId, x.TenantKey });
            e.HasIndex(x => x.RunId);
        });
    }
}
