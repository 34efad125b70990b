using AiBos.Migrations.Cli;

// The first Ctrl+C cancels the command (a running migration then rolls back per its policy); a second one ends the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
var environment = new CliEnvironment(Console.Out, Console.Error)
{
    In = Console.In,
    IsTerminal = !Console.IsOutputRedirected,
    CanPrompt = !Console.IsOutputRedirected && !Console.IsInputRedirected,
};
return await CliApp.RunAsync(args, environment, cancellation.Token);
