using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace AiBos.Migrations.Cli.Commands;

/// <summary>
/// Adds "When to use it" (commands whose purpose needs more than one line), "Examples" (every command) and
/// "Exit codes" (the root and the commands that run migrations) to --help.
/// </summary>
public sealed class CommandHelp
{
    private readonly Dictionary<Command, IReadOnlyList<string>> _usage = [];
    private readonly Dictionary<Command, IReadOnlyList<string>> _examples = [];
    private readonly HashSet<Command> _exitCodes = [];

    public void Usage(Command command, params string[] lines) => _usage[command] = lines;

    public void Examples(Command command, params string[] examples) => _examples[command] = examples;

    public void ExitCodes(Command command) => _exitCodes.Add(command);

    public void InstallOn(RootCommand root, bool terminal)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        var standard = (HelpAction)option.Action!;
        standard.MaxWidth = terminal ? Math.Max(80, Console.WindowWidth) : 120;
        option.Action = new HelpWithExtras(standard, this);
    }

    private void WriteExtras(Command command, TextWriter output)
    {
        if (_usage.TryGetValue(command, out var usage))
        {
            output.WriteLine("When to use it:");
            foreach (var line in usage) output.WriteLine($"  {line}");
            output.WriteLine();
        }
        if (_examples.TryGetValue(command, out var examples))
        {
            output.WriteLine("Examples:");
            foreach (var example in examples) output.WriteLine($"  {example}");
            output.WriteLine();
        }
        if (_exitCodes.Contains(command))
        {
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in Output.ExitCodes.Documented) output.WriteLine($"  {code,3}  {meaning}");
            output.WriteLine();
        }
    }

    private sealed class HelpWithExtras(HelpAction standard, CommandHelp help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            help.WriteExtras(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return result;
        }
    }
}
