namespace AiBos.Migrations.Registry;

/// <summary>
/// A dependency as written by a module: a bare file name (same module) or <c>module:version/file</c>.
/// </summary>
public sealed record DependencyRef(string Module, string? Version, string File)
{
    public static DependencyRef Parse(string text, string ownerModule)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return new DependencyRef(ownerModule, null, trimmed);
        var slash = trimmed.IndexOf('/', colon);
        if (slash < 0)
            throw new InvalidInputException($"The dependency '{text}' is not valid: write 'module:version/file.sql' or a bare file name of the same module.");
        return new DependencyRef(trimmed[..colon], trimmed[(colon + 1)..slash], trimmed[(slash + 1)..]);
    }

    public override string ToString() => Version is null ? $"{Module}/{File}" : $"{Module}:{Version}/{File}";
}
