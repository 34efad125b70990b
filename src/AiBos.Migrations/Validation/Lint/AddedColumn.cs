namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// A column of <c>ALTER TABLE ... ADD [COLUMN]</c>: its name, and the rest of its definition (type, DEFAULT,
/// constraints) kept apart so that a column named like a keyword cannot pass for one.
/// </summary>
public sealed record AddedColumn(string Name, string Definition);
