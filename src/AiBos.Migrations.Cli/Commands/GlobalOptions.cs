using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands;

/// <summary>Options every command takes.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The catalog database's connection string; overrides ConnectionStrings:Catalog (appsettings.json, env ConnectionStrings__Catalog)",
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "human (tables, the default) or json (one JSON document on stdout, for scripts)",
        HelpName = "human|json",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Write the engine's logs and error stack traces to stderr",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Connection);
        root.Options.Add(Output);
        root.Options.Add(Verbose);
    }
}
