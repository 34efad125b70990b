namespace AiBos.Migrations.Registry;

/// <summary>
/// A query run after a migration. Without <see cref="Expect"/> it must run without error and, when its first value
/// is a boolean, return true. With <see cref="Expect"/> the first column of the first row, as text, must equal it
/// (for example <c>{"sql": "SELECT count(*) FROM financial_reports WHERE value IS NULL", "expect": "0"}</c>).
/// </summary>
public sealed record ValidationQuery(string Sql, string? Expect = null)
{
    public override string ToString() => Expect is null ? Sql : $"{Sql} (expect {Expect})";
}
