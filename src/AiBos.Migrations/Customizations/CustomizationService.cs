using System.Text.Json;
using System.Text.Json.Nodes;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// A tenant's customization documents (the seed's <c>getTenantCustomizations</c>) and their quarantine. Reads take
/// no lock; changes take the tenant's lock (like backups), so that they never interleave with a run's customization
/// step: a busy tenant raises <see cref="TenantBusyException"/>.
/// </summary>
public sealed class CustomizationService(
    TenantService tenants, ShardConnections shards, IOptions<ExecutionOptions> options, AuditLog audit, ILogger<CustomizationService> logger)
{
    public const int MaxKeyLength = 200;
    public const int MaxDocumentBytes = 1_000_000;
    private static readonly JsonSerializerOptions Json = new() { MaxDepth = 64 };

    public async Task<IReadOnlyList<CustomizationDocument>> GetTenantCustomizationsAsync(string tenantKey, string module, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        if (!await CustomizationTables.ExistAsync(connection, null, tenant.Schema, cancellationToken)) return [];
        return await CustomizationStore.ReadAsync(connection, null, tenant.Schema, module, forUpdate: false, cancellationToken);
    }

    public async Task<IReadOnlyList<QuarantinedCustomization>> ListQuarantinedCustomizationsAsync(string tenantKey, string? module, bool includeResolved,
        CancellationToken cancellationToken)
    {
        if (module is not null) Identifiers.ValidateModuleName(module);
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        if (!await CustomizationTables.ExistAsync(connection, null, tenant.Schema, cancellationToken)) return [];
        return await CustomizationQuarantine.ListAsync(connection, null, tenant.Schema, module, includeResolved, cancellationToken);
    }

    public Task<CustomizationDocument> SaveTenantCustomizationAsync(string tenantKey, string module, string kind, string key, JsonElement document,
        string? actor, CancellationToken cancellationToken) =>
        SaveTenantCustomizationAsync(tenantKey, module, kind, key,
            document.ValueKind == JsonValueKind.Object ? JsonObject.Create(document) : null, actor, cancellationToken);

    /// <summary>Creates or changes a document; it conforms to the tenant's installed version of the module.</summary>
    public async Task<CustomizationDocument> SaveTenantCustomizationAsync(string tenantKey, string module, string kind, string key, JsonNode? document,
        string? actor, CancellationToken cancellationToken)
    {
        var content = Validate(module, kind, key, document);
        var by = actor ?? Environment.UserName;
        var saved = await WithTenantLockAsync(tenantKey, module, async (connection, transaction, tenant, version, ct) =>
        {
            var current = await CustomizationStore.FindAsync(connection, transaction, tenant.Schema, module, kind, key, ct);
            var written = new CustomizationDocument(module, kind, key, version, (current?.Revision ?? 0) + 1, content, UpdatedBy: by);
            await CustomizationStore.WriteAsync(connection, transaction, tenant.Schema, written, ct);
            return written;
        }, cancellationToken);
        logger.CustomizationSaved(saved.Name, tenantKey, module, saved.Version.ToString(), saved.Revision, by, null, null);
        await audit.WriteAsync("customization.saved", new { saved.Kind, saved.Key, version = saved.Version.ToString(), saved.Revision },
            tenantKey, module, actor: by, cancellationToken: cancellationToken);
        return saved;
    }

    /// <summary>
    /// Puts a quarantined document back into the active set, as it was or as <paramref name="replacement"/> (fixed by
    /// an operator), at the tenant's installed version. Refused when an active document has the same kind and key.
    /// </summary>
    public Task<CustomizationDocument> ReleaseQuarantinedCustomizationAsync(string tenantKey, long id, JsonNode? replacement, string? actor,
        CancellationToken cancellationToken) =>
        ResolveAsync(tenantKey, id, QuarantinedCustomization.Released, replacement, actor, cancellationToken);

    /// <summary>Closes a quarantined document without bringing it back (its content stays in the quarantine table).</summary>
    public Task DiscardQuarantinedCustomizationAsync(string tenantKey, long id, string? actor, CancellationToken cancellationToken) =>
        ResolveAsync(tenantKey, id, QuarantinedCustomization.Discarded, null, actor, cancellationToken);

    private async Task<CustomizationDocument> ResolveAsync(string tenantKey, long id, string status, JsonNode? replacement, string? actor,
        CancellationToken cancellationToken)
    {
        var by = actor ?? Environment.UserName;
        var item = (await ListQuarantinedCustomizationsAsync(tenantKey, null, includeResolved: true, cancellationToken)).FirstOrDefault(q => q.Id == id)
            ?? throw new NotFoundException($"Tenant '{tenantKey}' has no quarantined customization {id}.");
        var content = replacement is null ? item.Document : Validate(item.Module, item.Kind, item.Key, replacement);
        var result = await WithTenantLockAsync(tenantKey, item.Module, async (connection, transaction, tenant, version, ct) =>
        {
            var locked = (await CustomizationQuarantine.ListAsync(connection, transaction, tenant.Schema, null, includeResolved: true, ct, id)).Single();
            if (locked.Status != QuarantinedCustomization.Quarantined)
                throw new InvalidInputException($"Quarantined customization {id} is {locked.Status}, not held in quarantine any more.");
            var document = new CustomizationDocument(item.Module, item.Kind, item.Key, version, item.Revision + 1, content, UpdatedBy: by);
            if (status == QuarantinedCustomization.Released)
            {
                if (await CustomizationStore.FindAsync(connection, transaction, tenant.Schema, item.Module, item.Kind, item.Key, ct) is not null)
                    throw new InvalidInputException($"Tenant '{tenantKey}' already has an active {item.Module} customization {item.Name}: discard one of the two instead.");
                await CustomizationStore.WriteAsync(connection, transaction, tenant.Schema, document, ct);
            }
            await CustomizationQuarantine.SetStatusAsync(connection, transaction, tenant.Schema, id, status, by, null, ct);
            return document;
        }, cancellationToken, requireInstalled: status == QuarantinedCustomization.Released);
        logger.QuarantineResolved(id, item.Name, tenantKey, item.Module, status, by, item.RunId, null);
        await audit.WriteAsync($"customization.{status}", new { id, item.Kind, item.Key }, tenantKey, item.Module, actor: by, cancellationToken: cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on the tenant's shard while holding the tenant's lock.</summary>
    private async Task<T> WithTenantLockAsync<T>(string tenantKey, string module,
        Func<NpgsqlConnection, NpgsqlTransaction, Tenant, SemanticVersion, CancellationToken, Task<T>> work, CancellationToken cancellationToken,
        bool requireInstalled = true)
    {
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, options.Value.TenantLockWait, cancellationToken)
            ?? throw new TenantBusyException(tenant.Key);
        var connection = session.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CustomizationTables.EnsureAsync(connection, transaction, tenant.Schema, cancellationToken);
        var version = (await TenantHistory.ReadStateAsync(connection, transaction, tenant.Schema, cancellationToken)).VersionOf(module);
        if (version.IsNone && requireInstalled)
            throw new InvalidInputException($"Module '{module}' is not installed on tenant '{tenant.Key}': install it before customizing it.");
        var result = await work(connection, transaction, tenant, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static JsonObject Validate(string module, string kind, string key, JsonNode? document)
    {
        Identifiers.ValidateModuleName(module);
        var problems = new List<string>();
        if (!CustomizationRuleParser.IsValidKind(kind))
            problems.Add($"The customization kind '{CustomizationRuleParser.Shorten(kind ?? "")}' must be 1 to {CustomizationRuleParser.MaxKindLength} lower-case letters, digits, '_', '.', '-', such as custom_field.");
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl) || key != key.Trim())
            problems.Add($"The customization key must be 1 to {MaxKeyLength} characters without control characters or surrounding blanks.");
        if (document is not JsonObject obj)
        {
            problems.Add("The customization document must be a JSON object.");
            throw new InvalidInputException(problems);
        }
        string text;
        try
        {
            text = obj.ToJsonString(Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException([.. problems, $"The customization document cannot be stored: {e.Message}"]);
        }
        if (text.Length > MaxDocumentBytes) problems.Add($"The customization document is larger than {MaxDocumentBytes} bytes.");
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return CustomizationStore.ParseObject(text);
    }
}
