using System.Text.Json;

namespace AiBos.Migrations.Catalog;

/// <summary>Appends to the catalog's audit log: who did what to which tenant, module or run.</summary>
public sealed class AuditLog(CatalogDatabase catalog)
{
    public async Task WriteAsync(string action, object? details = null, string? tenant = null, string? module = null,
        Guid? runId = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        await using var db = catalog.CreateContext();
        db.AuditLog.Add(new AuditEntryRow
        {
            At = DateTimeOffset.UtcNow,
            Actor = actor ?? Environment.UserName,
            Action = action,
            TenantKey = tenant,
            Module = module,
            RunId = runId,
            Details = JsonSerializer.Serialize(details ?? new { }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
