namespace AiBos.Migrations;

/// <summary>Root of the engine's exceptions: bugs and infrastructure failures, plus input the engine refuses.</summary>
public class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }
    public MigrationException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Input the engine refuses. Nothing was changed; every problem says what to fix.</summary>
public sealed class InvalidInputException : MigrationException
{
    public InvalidInputException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public InvalidInputException(string problem) : this([problem]) { }

    public IReadOnlyList<string> Problems { get; }
}

/// <summary>A tenant, module, version, run or backup that the catalog does not know.</summary>
public sealed class NotFoundException(string message) : MigrationException(message);

/// <summary>Another run or restore holds the tenant; nothing was touched. Try again when it is done.</summary>
public sealed class TenantBusyException(string tenant)
    : MigrationException($"Tenant '{tenant}' is busy with another run or restore: try again when it has finished.")
{
    public string Tenant { get; } = tenant;
}
