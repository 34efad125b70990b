using AiBos.Migrations.DataTransforms;

namespace AiBos.MigrationConsole.Components.Modules;

/// <summary>A registered module: its versions, their migration files, its data rules, and how many tenants have it.</summary>
public sealed record ModuleDetails(string Name, string Description, IReadOnlyList<string> Versions, IReadOnlyList<ModuleMigration> Migrations,
    IReadOnlyList<RegisteredDataRule> DataRules, int Tenants);

/// <summary>One migration file as the registry holds it.</summary>
public sealed record ModuleMigration(string Version, string FileName, string DeclaredRisk, string ComputedRisk, bool HasDown, bool Transactional,
    int EstimatedSeconds, IReadOnlyList<string> Dependencies);
