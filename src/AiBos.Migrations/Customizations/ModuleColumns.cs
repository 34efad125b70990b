using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>The columns of a module's relations as <c>table.column</c>: what requireColumn checks documents against.</summary>
internal static class ModuleColumns
{
    public static IReadOnlySet<string> From(SchemaFingerprint fingerprint) =>
        fingerprint.Objects.Keys.Where(k => k.StartsWith("column ", StringComparison.Ordinal)).Select(k => k["column ".Length..])
            .ToHashSet(StringComparer.Ordinal);

    public static async Task<IReadOnlySet<string>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string module,
        CancellationToken cancellationToken)
    {
        var relations = await ModuleObjects.OfModuleAsync(connection, transaction, schema, module, cancellationToken);
        return From(await SchemaFingerprint.ReadAsync(connection, transaction, schema, relations, cancellationToken));
    }
}
