using System.CommandLine;
using System.Globalization;
using AiBos.Migrations.Cli.Commands.Runs;
using AiBos.Migrations.Rollouts;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>
/// <c>start-rollout -m accounting -v 2.0.0 [--tenants a,b] [--canary 1] [--wave-size 10] [--concurrency 2] [--max-failures 1] [--not-after time]</c>:
/// one upgrade across many tenants, one line per tenant change, then the rollout's table.
/// </summary>
public static class StartRolloutCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string>("--module", "-m") { Description = "The module to upgrade", Required = true };
        var version = new Option<string>("--version", "-v") { Description = "The target version; each tenant's run starts from the version it is at", Required = true };
        var tenants = new Option<string[]>("--tenants") { Description = "The tenants, in the order they are upgraded (comma-separated; default: every registered tenant by key)", HelpName = "a,b,c" };
        var canary = new Option<int>("--canary") { Description = "Tenants upgraded first, alone; any of them failing stops the rollout (0: no canary)", DefaultValueFactory = _ => 1 };
        var waveSize = new Option<int>("--wave-size") { Description = "Tenants per wave after the canary; a wave finishes before the next starts", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "At most this many tenants upgraded at the same time", DefaultValueFactory = _ => 2 };
        var maxFailures = new Option<int>("--max-failures") { Description = "Stop starting tenants once this many have failed (failed ones roll back per the run options)", DefaultValueFactory = _ => 1 };
        var notAfter = new Option<string?>("--not-after") { Description = "The window's end: no tenant is started at or after it (ISO 8601; local time without an offset)", HelpName = "time" };
        var runOptions = new RunOptionSet();
        var command = new Command("start-rollout", "Upgrade a module on many tenants: a canary first, then waves, with a concurrency limit, a failure limit and a window's end.")
        {
            module, version, tenants, canary, waveSize, concurrency, maxFailures, notAfter,
        };
        runOptions.AddTo(command);
        cli.Help.Usage(command,
            "Tenants without the module, or already at or after the version, are skipped. Each tenant's run is an ordinary run",
            "(execute-migration's options apply to every run; a failed run rolls back by itself). Ctrl+C stops starting tenants",
            "and lets the running ones finish. Exit code 0 only when every tenant completed or was skipped; 1 when one failed or",
            "the rollout stopped before every tenant was upgraded; 5 when one needs an operator; 3 when one was busy; 130 when cancelled.");
        cli.Help.Examples(command,
            "aibos-migrations start-rollout -m accounting -v 2.0.0",
            "aibos-migrations start-rollout -m accounting -v 2.0.0 --tenants tenant123,acme,globex --canary 1 --concurrency 2",
            "aibos-migrations start-rollout -m crm -v 2.0.0 --wave-size 50 --concurrency 4 --max-failures 3 --not-after 2026-11-27T06:00:00Z",
            "aibos-migrations start-rollout -m inventory -v 1.1.0 --batch-size 500 --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var request = new RolloutRequest(parse.GetValue(module)!, parse.GetValue(version)!)
            {
                Tenants = parse.GetResult(tenants) is not null && parse.GetValue(tenants) is { } given ? given.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList() : null,
                Policy = new RolloutPolicy
                {
                    Canary = parse.GetValue(canary), WaveSize = parse.GetValue(waveSize), Concurrency = parse.GetValue(concurrency),
                    MaxFailures = parse.GetValue(maxFailures), NotAfter = ParseTime(parse.GetValue(notAfter)),
                },
                Options = runOptions.Bind(parse),
            };
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            if (!session.Output.IsJson)
                session.Output.Console.WriteLine($"Rolling {request.Module} out to {request.Version}: {RolloutView.Policy(request.Policy)}.");
            var outcome = await RolloutLiveLines.RunAsync(session, ct => session.Engine.StartRolloutAsync(request, Environment.UserName, ct), cancellationToken);
            return RolloutOutcomeView.Write(session, outcome);
        });
        return command;
    }

    private static DateTimeOffset? ParseTime(string? text)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)) return time;
        throw new InvalidInputException($"--not-after '{text}' is not a time: give an ISO 8601 time such as 2026-11-27T06:00:00Z.");
    }
}
