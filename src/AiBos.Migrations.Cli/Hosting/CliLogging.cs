using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace AiBos.Migrations.Cli.Hosting;

/// <summary>
/// Engine logs go to stderr, never to stdout. By default only the engine's own events from the level
/// <c>AiBos:Cli:LogLevel</c> (Error) on are written, and EF Core's and Npgsql's are not: the CLI reports failures and
/// step results itself (warnings would also tear a live display). The hosts' <c>Serilog</c> section is not the CLI's.
/// <c>--verbose</c> writes everything from Debug on, with exceptions.
/// </summary>
public static class CliLogging
{
    public const string LogLevelKey = "AiBos:Cli:LogLevel";

    public static void Configure(ILoggingBuilder logging, TextWriter stderr, bool verbose, IConfiguration configuration)
    {
        var serilog = new LoggerConfiguration();
        if (verbose)
        {
            serilog.MinimumLevel.Debug()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Information)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Information);
        }
        else
        {
            serilog.MinimumLevel.Is(LevelOf(configuration[LogLevelKey], LogEventLevel.Error))
                // Silenced unless asked for: their errors reach the user as the CLI's own one-line message.
                .MinimumLevel.Override("Microsoft", LogEventLevel.Fatal)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Fatal);
        }
        var template = verbose
            ? "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"
            : "[{Level:u3}] {Message:lj}{NewLine}";
        serilog.WriteTo.Sink(new TextWriterSink(stderr, new MessageTemplateTextFormatter(template)));
        logging.ClearProviders().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddSerilog(serilog.CreateLogger(), dispose: true);
    }

    private static LogEventLevel LevelOf(string? text, LogEventLevel fallback) =>
        Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) ? level : fallback;

    private sealed class TextWriterSink(TextWriter writer, MessageTemplateTextFormatter formatter) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
