using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Registry;

public sealed class ReRegistrationTests(PostgresServer server)
{
    [Fact]
    public async Task registering_the_same_module_folder_again_from_another_process_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await using var other = t.Sibling();

        var again = await other.Engine.RegisterModuleFolderAsync(TestPaths.Samples("accounting"), replace: false, CancellationToken.None);

        Assert.Equal(5, again.Unchanged);
        Assert.All(again.Files, f => Assert.Equal(RegistrationChange.Unchanged, f.Change));
    }
}
