using System.CommandLine;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary><c>register-module samples/modules/accounting</c>: every version and migration file of a module folder, all or nothing.</summary>
public static class RegisterModuleCommand
{
    public static Command Create(CliContext cli)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The module folder: module.json and one folder per version (1.0.0/NNN_name.sql ...)" };
        var replace = new Option<bool>("--replace") { Description = "Overwrite registered files whose content changed (refused once a tenant applied them)" };
        var command = new Command("register-module", "Register a whole module folder in one go: all its versions and migration files, or nothing when any is invalid.")
        {
            folder, replace,
        };
        cli.Help.Examples(command,
            "aibos-migrations register-module samples/modules/accounting",
            "aibos-migrations register-module ./modules/crm --replace --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var result = await session.Engine.RegisterModuleFolderAsync(parse.GetValue(folder)!.FullName, parse.GetValue(replace), cancellationToken);
            RegistrationView.Write(session.Output, result);
            return Output.ExitCodes.Success;
        });
        return command;
    }
}
