using AiBos.Migrations.Cli.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Output;

public sealed class HelpAndVersionTests
{
    public static readonly TheoryData<string> Commands =
    [
        "register-schema-migration", "register-module", "list-modules", "list-data-rules", "add-shard", "add-tenant", "list-tenants", "install-module",
        "execute-migration", "resume-migration", "rollback-migration", "list-migrations", "show-migration", "watch", "recover", "migration-statistics",
        "create-backup", "restore-backup", "list-backups", "show-backup", "cleanup-backups", "create-rollback-point", "restore-rollback-point",
        "list-rollback-points",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task every_command_has_help_with_examples(string command)
    {
        var help = await CliRunner.RunRawAsync([command, "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"aibos-migrations {command}", help.Out);
        Assert.Contains("Examples:", help.Out);
        Assert.Empty(help.Error);
    }

    [Fact]
    public async Task root_help_lists_the_commands_and_the_exit_codes()
    {
        var help = await CliRunner.RunRawAsync(["--help"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var command in Commands) Assert.Contains(command, help.Out);
        Assert.Contains("Exit codes:", help.Out);
        Assert.Matches(@"6\s+the catalog or a shard database cannot be reached", help.Out);
        Assert.Matches(@"9\s+a restore would discard rows and was not confirmed", help.Out);
        Assert.Contains("--output", help.Out);
    }

    [Fact]
    public async Task version_on_the_root_prints_the_tool_version_and_on_commands_is_the_target_version()
    {
        var version = await CliRunner.RunRawAsync(["--version"]);
        var help = await CliRunner.RunRawAsync(["execute-migration", "--help"]);

        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out.Trim());
        Assert.Matches(@"-v, --version <version> \(REQUIRED\)\s+The target version", help.Out);
        Assert.Contains("--backup-type <full|incremental|schema-only>", help.Out);
        Assert.Contains("--no-backup", help.Out);
    }

    [Fact]
    public async Task resume_migration_help_says_when_to_use_it_and_that_other_commands_roll_abandoned_runs_back()
    {
        var help = await CliRunner.RunRawAsync(["resume-migration", "--help"]);

        Assert.Contains("When to use it:", help.Out);
        Assert.Contains("process died mid-way", help.Out);
        Assert.Contains("--no-rollback", help.Out);
        Assert.Contains("recover first roll such abandoned runs back", help.Out);
        Assert.Contains("Exit codes:", help.Out);
    }

    [Fact]
    public async Task restore_backup_help_documents_yes_and_the_confirmation_exit_code()
    {
        var help = await CliRunner.RunRawAsync(["restore-backup", "--help"]);

        Assert.Contains("-y, --yes", help.Out);
        Assert.Contains("Exit codes:", help.Out);
        Assert.Matches(@"9\s+a restore would discard rows", help.Out);
        Assert.Matches(@"3\s+the tenant is busy with another run or restore", help.Out);
    }

    [Fact]
    public async Task unknown_commands_and_options_are_invalid_input()
    {
        (await CliRunner.RunRawAsync(["migrate-everything"])).ShouldFailWith(2, "migrate-everything");
        (await CliRunner.RunRawAsync(["list-tenants", "--colour"])).ShouldFailWith(2, "--colour");
        (await CliRunner.RunRawAsync(["list-tenants", "--output", "yaml"])).ShouldFailWith(2, "yaml");
    }
}
