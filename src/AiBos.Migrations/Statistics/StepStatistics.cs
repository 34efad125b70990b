namespace AiBos.Migrations.Statistics;

/// <summary>How one step of a module's runs performs: executions that started and finished, outcomes, and time in milliseconds.</summary>
public sealed record StepStatistics(
    string Module, string Step, string Name, int Executions, int Completed, int Failed, int RolledBack,
    double? AverageMs, double? P95Ms, double? MaxMs);
