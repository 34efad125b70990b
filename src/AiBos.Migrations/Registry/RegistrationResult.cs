namespace AiBos.Migrations.Registry;

public enum RegistrationChange { Added, Unchanged, Replaced }

/// <summary>What happened to one file of a registration.</summary>
public sealed record RegisteredFile(string Module, string Version, string FileName, string Checksum, RegistrationChange Change);

public sealed record RegistrationResult(IReadOnlyList<RegisteredFile> Files)
{
    public int Added => Files.Count(f => f.Change == RegistrationChange.Added);
    public int Unchanged => Files.Count(f => f.Change == RegistrationChange.Unchanged);
    public int Replaced => Files.Count(f => f.Change == RegistrationChange.Replaced);
}
