using AiBos.Migrations.Cli.Commands.Runs;
using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class DataStepProgressTests(PostgresServer server)
{
    [Fact]
    public async Task executing_the_ledger_upgrade_shows_the_data_step_with_its_rows_rate_and_outcome()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransform", "ledger");
        await t.CreateTenantAsync("acme");
        await t.CreateTenantAsync("globex");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await t.InstallAsync(tenant, "ledger", "1.0.0");
            await t.ExecuteAsync($"""
                INSERT INTO tenant_{tenant}.ledger_entries (entry_id, amount, description, status)
                SELECT g, g * 1.5, 'entry ' || g, CASE WHEN g % 3 = 0 THEN 'void' ELSE 'active' END FROM generate_series(1, 30) g
                """);
        }
        var cli = CliRunner.For(t);

        var human = (await cli.RunAsync("execute-migration", "-t", "acme", "-m", "ledger", "-f", "1.0.0", "-v", "2.0.0", "--batch-size", "5")).ShouldSucceed();
        var json = (await cli.RunAsync("execute-migration", "-t", "globex", "-m", "ledger", "-f", "1.0.0", "-v", "2.0.0", "-o", "json")).ShouldSucceed().Json;

        Assert.Contains("steps: backup, schema, data, validation", human.Out);
        // Piped, one line per event: the data step's lines carry rows, rate and the rule they are about.
        Assert.Matches(@"data\s+running\s+\d+ / 20 rows · [\d,]+ rows/s( · \d+:\d\d left)?\s+ledger:2\.0\.0/transform_1\r?\n", human.Out);
        Assert.Matches(@"Transform Data \(data\)\s+│\s+completed\s+│\s+20 / 20 rows\s+│", human.Out);
        Assert.Contains("Moved 20 rows by 1 rule(s); 1 validation query passed", human.Out);
        var steps = json.GetProperty("run").GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["backup", "schema", "data", "validation"], steps.Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(("completed", 20L, 20L), (steps[2].GetProperty("status").GetString(), steps[2].GetProperty("done").GetInt64(), steps[2].GetProperty("total").GetInt64()));
        Assert.Equal(20L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
    }

    [Fact]
    public void progress_with_a_rate_is_rows_rate_and_time_left_and_without_one_stays_done_of_total()
    {
        Assert.Equal("12,000 / 500,000 rows · 41,210 rows/s · 0:12 left", StepProgress.Of("data", 12_000, 500_000, 41_210.4, 11.6));
        Assert.Equal("12,000 / 500,000 rows · 0 rows/s", StepProgress.Of("data", 12_000, 500_000, 0, null));
        Assert.Equal("60,000 / 60,000 rows", StepProgress.Of("data", 60_000, 60_000));
        Assert.Equal("2/3", StepProgress.Of("schema", 2, 3));
        Assert.Equal("", StepProgress.Of("schema", 0, 0));
        Assert.Equal("1:02:05", StepProgress.TimeLeft(3725));
        Assert.Equal("ledger:2.0.0/transform_1", StepProgress.Message("ledger:2.0.0/transform_1: 12,000 of 500,000 rows · 41,210 rows/s", 41_210));
        Assert.Equal("Applied 001_x.sql", StepProgress.Message("Applied 001_x.sql", null));
    }

    [Fact]
    public void the_live_table_shows_the_data_steps_rate_and_time_left_while_it_runs()
    {
        var runId = Guid.CreateVersion7();
        var run = new MigrationRun(runId, "acme", "ledger", "1.0.0", "2.0.0", "upgrade", RunStatus.Running, "ops", null, DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow, null, null, null, null, null,
            [new MigrationStep(1, "schema", "Apply Schema Changes", StepStatus.Completed, null, null, 1, 1, null, null),
             new MigrationStep(2, "data", "Transform Data", StepStatus.Running, null, null, 0, 0, null, null)]);
        var table = new LiveRunTable();
        table.Begin(run);
        table.Apply(new RunEvent(runId, "acme", "ledger", "data", StepStatus.Running, 1, 2, 12_000, 500_000,
            "ledger:2.0.0/transform_1: 12,000 of 500,000 rows · 41,210 rows/s · about 0:12 left", DateTimeOffset.UtcNow) { Rate = 41_210, SecondsLeft = 12 });

        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 200;
        console.Write(table.Render());

        Assert.Contains("12,000 / 500,000 rows · 41,210 rows/s · 0:12 left", writer.ToString());
        Assert.DoesNotContain("about 0:12 left", writer.ToString());
    }
}
