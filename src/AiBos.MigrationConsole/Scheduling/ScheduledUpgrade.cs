using System.Text.Json;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// What was scheduled: the upgrade, its window, who asked and the run's options. It travels as JSON in the Quartz
/// job's data while pending, and is copied into the outcome table when the schedule fires or is cancelled, because
/// Quartz deletes a one-shot job once it has run.
/// </summary>
public sealed record ScheduledUpgrade(
    Guid Id, string Tenant, string Module, string FromVersion, string ToVersion, DateTimeOffset RunAt, DateTimeOffset? WindowEnd,
    string ScheduledBy, DateTimeOffset ScheduledAt, MigrationOptions Options)
{
    internal const string JobDataKey = "upgrade";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The actor the engine records for the run: <c>scheduler:&lt;who&gt;</c>.</summary>
    public string Actor => $"scheduler:{ScheduledBy}";

    internal string ToJson() => JsonSerializer.Serialize(this, Json);

    internal static string OptionsToJson(MigrationOptions options) => JsonSerializer.Serialize(options, Json);

    internal static MigrationOptions OptionsFromJson(string json) =>
        JsonSerializer.Deserialize<MigrationOptions>(json, Json) ?? new MigrationOptions();

    internal static ScheduledUpgrade FromJson(string json) =>
        JsonSerializer.Deserialize<ScheduledUpgrade>(json, Json)
        ?? throw new InvalidOperationException("A scheduled upgrade's job data is empty.");
}
