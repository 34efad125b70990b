using AiBos.Migrations;

namespace AiBos.MigrationConsole.Api;

/// <summary>Runs every endpoint of the API and answers its exceptions with <see cref="ApiProblems"/>.</summary>
internal sealed partial class ApiProblemFilter(ILogger<ApiProblemFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw; // the client went away: nobody is left to answer
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (ApiProblems.IsExpected(e)) LogRefused(context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.GetType().Name);
            else LogFailed(e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ApiProblems.From(e);
        }
    }

    [LoggerMessage(5101, LogLevel.Information, "API request {Method} {Path} refused: {Refusal}")]
    private partial void LogRefused(string method, string path, string refusal);

    [LoggerMessage(5102, LogLevel.Error, "API request {Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
