using System.Text.RegularExpressions;

namespace AiBos.Migrations.Tenancy;

/// <summary>
/// Validates every name that ends up in SQL or in a schema name, and quotes identifiers.
/// Names are checked before anything touches a database, so hostile input changes nothing.
/// </summary>
public static partial class Identifiers
{
    public const int MaxTenantKeyLength = 48;   // tenant_ + key stays under PostgreSQL's 63-byte identifier limit
    public const int MaxModuleNameLength = 40;
    public const int MaxSchemaNameLength = 63;

    private static readonly HashSet<string> ReservedSchemas = new(StringComparer.OrdinalIgnoreCase)
    {
        "public", "pg_catalog", "information_schema", "pg_toast", "aibos", "quartz",
    };

    // \z, not $: in .NET "$" also matches before a final "\n", which would let "tenant\n" through.
    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")]
    private static partial Regex LowerSnake();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]*\z")]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\.sql\z")]
    private static partial Regex MigrationFilePattern();

    public static string ValidateTenantKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidInputException("The tenant key is empty: give a key such as 'tenant123' (lower-case letters, digits, underscores).");
        if (key.Length > MaxTenantKeyLength)
            throw new InvalidInputException($"The tenant key '{Shorten(key)}' is {key.Length} characters long: use at most {MaxTenantKeyLength}.");
        if (!LowerSnake().IsMatch(key))
            throw new InvalidInputException($"The tenant key '{Shorten(key)}' may hold only lower-case letters, digits and underscores, starting with a letter.");
        if (ReservedSchemas.Contains(key) || key.StartsWith("pg_", StringComparison.Ordinal))
            throw new InvalidInputException($"The tenant key '{key}' is reserved: choose another key.");
        return key;
    }

    public static string ValidateSchemaName(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
            throw new InvalidInputException("The schema name is empty.");
        if (schema.Length > MaxSchemaNameLength)
            throw new InvalidInputException($"The schema name '{Shorten(schema)}' is longer than {MaxSchemaNameLength} characters.");
        if (!LowerSnake().IsMatch(schema))
            throw new InvalidInputException($"The schema name '{Shorten(schema)}' may hold only lower-case letters, digits and underscores, starting with a letter.");
        if (ReservedSchemas.Contains(schema) || schema.StartsWith("pg_", StringComparison.Ordinal))
            throw new InvalidInputException($"The schema name '{schema}' is reserved: tenants never live in it.");
        return schema;
    }

    public static string ValidateModuleName(string? module)
    {
        if (string.IsNullOrWhiteSpace(module))
            throw new InvalidInputException("The module name is empty: give a name such as 'accounting'.");
        if (module.Length > MaxModuleNameLength)
            throw new InvalidInputException($"The module name '{Shorten(module)}' is longer than {MaxModuleNameLength} characters.");
        if (!ModulePattern().IsMatch(module))
            throw new InvalidInputException($"The module name '{Shorten(module)}' may hold only lower-case letters, digits, '-' and '_', starting with a letter.");
        return module;
    }

    public static string ValidateShardName(string? shard)
    {
        if (string.IsNullOrWhiteSpace(shard) || shard.Length > 40 || !ModulePattern().IsMatch(shard))
            throw new InvalidInputException($"The shard name '{Shorten(shard ?? "")}' is not valid: use lower-case letters, digits, '-' and '_' (at most 40).");
        return shard;
    }

    public static string ValidateMigrationFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200 || !MigrationFilePattern().IsMatch(fileName)
            || fileName.EndsWith(".down.sql", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException(
                $"The migration file name '{Shorten(fileName ?? "")}' is not valid: use a plain file name such as 001_add_ai_insights.sql (letters, digits, '_', '-', '.'; no folders; not a .down.sql file).");
        return fileName;
    }

    /// <summary>Quotes an identifier for SQL: "name", with embedded quotes doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
