namespace AiBos.Migrations.Cli.Commands;

/// <summary>What every command needs to build itself: where to write, the global options and the help registry.</summary>
public sealed record CliContext(CliEnvironment Environment, GlobalOptions Globals, CommandHelp Help);
