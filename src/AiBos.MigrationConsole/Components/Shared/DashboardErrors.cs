using AiBos.Migrations;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>
/// Turns a failed call into the message a page shows: the engine's own for its exceptions (they say what to fix),
/// a plain sentence for anything else, whose details go to the log rather than to the screen.
/// </summary>
public sealed partial class DashboardErrors(ILogger<DashboardErrors> logger)
{
    public string Describe(Exception exception)
    {
        if (exception is MigrationException or OperationCanceledException) return Outcomes.ErrorText(exception);
        LogUnexpected(exception, exception.GetType().Name);
        return Outcomes.ErrorText(exception);
    }

    [LoggerMessage(6101, LogLevel.Error, "A dashboard page failed with {ExceptionType}")]
    private partial void LogUnexpected(Exception exception, string exceptionType);
}
