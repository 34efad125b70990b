using System.Text.Json.Nodes;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// A document taken out of the active set because it could not be adapted: its original content, why, and by which
/// run. Nothing is lost: a rollback of that run brings it back, and an operator can release or discard it.
/// </summary>
public sealed record QuarantinedCustomization(
    long Id, Guid? RunId, string Module, string Kind, string Key, string Version, int Revision, JsonObject Document,
    string Reason, string? TargetVersion, string Status, DateTimeOffset QuarantinedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy)
{
    public const string Quarantined = "quarantined";
    public const string Released = "released";
    public const string Discarded = "discarded";
    public const string RolledBack = "rolled-back";
    public const string Reinstated = "reinstated";

    public string Name => $"{Kind}/{Key}";
}
