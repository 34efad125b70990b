using System.Text.Json;

namespace AiBos.Migrations.Alerts;

/// <summary>One alert and how its delivery went: <see cref="Status"/> is pending, delivered or failed (gave up).</summary>
public sealed record Alert(
    long Id, string Event, Guid RunId, string Tenant, string Module, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string? LastError, JsonElement Payload)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string GaveUp = "failed";
}

/// <summary>
/// What a webhook receives (JSON, web casing): the alert's id (deliveries are at least once: a receiver drops ids it
/// has seen), the event, and the run as it stood when the event happened.
/// </summary>
public sealed record AlertPayload(
    long Id, string Event, Guid RunId, string Tenant, string Module, string Kind, string FromVersion, string ToVersion, string Status,
    string? FailedStep, string? Error, string? RollbackPath, string? RequestedBy, DateTimeOffset At, string Summary);
