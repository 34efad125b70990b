using AiBos.Migrations.Validation.Lint.Rules;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>Every rule the linter runs, in the order their findings are reported. A new rule is added here.</summary>
internal static class LintRules
{
    public static readonly IReadOnlyList<ILintRule> Statement =
    [
        new ForbiddenStatement(),
        new TransactionControl(),
        new IndexWithoutConcurrently(),
        new ConcurrentlyInTransaction(),
        new VolatileDefault(),
        new ColumnTypeChange(),
        new SetNotNull(),
        new NotNullWithoutDefault(),
        new ConstraintWithoutNotValid(),
        new UniqueOrPrimaryKeyAddedDirectly(),
        new RenameColumn(),
        new RenameTable(),
        new DropColumn(),
        new DropTable(),
    ];

    public static readonly IReadOnlyList<IScriptLintRule> Script =
    [
        new MissingDownSql(),
    ];
}
