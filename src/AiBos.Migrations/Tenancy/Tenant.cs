namespace AiBos.Migrations.Tenancy;

/// <summary>One customer: its data lives in <see cref="Schema"/> on <see cref="Shard"/>.</summary>
public sealed record Tenant(string Key, string DisplayName, string Shard, string Schema, DateTimeOffset CreatedAt);
