namespace AiBos.Migrations.Cli.Output;

/// <summary><c>--output</c>: tables for people, or one JSON document for scripts.</summary>
public enum OutputFormat
{
    Human,
    Json,
}
