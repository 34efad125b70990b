using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Customizations;

/// <summary>
/// Scenario CustomizedBilling: billing 1.0.0 -> 3.0.0 drops invoices.legacy_code, so a custom field bound to it is
/// quarantined by the upgrade.
/// </summary>
public sealed class CustomizationCommandsTests(PostgresServer server)
{
    private static async Task<(TestEngine Engine, CliRunner Cli)> StartAsync(PostgresServer server)
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("CustomizedBilling", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        return (t, CliRunner.For(t));
    }

    [Fact]
    public async Task save_customization_stores_documents_from_inline_json_or_a_file_and_list_customizations_shows_them()
    {
        var (t, cli) = await StartAsync(server);
        await using var _ = t;
        var file = Path.Combine(Path.GetTempPath(), $"aibos-layout-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"chart": "pie3d", "width": "640"}""", TestContext.Current.CancellationToken);

        var first = (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", """{"color":"blue"}""")).ShouldSucceed();
        var second = (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", """{"color":"red"}""", "-o", "json")).ShouldSucceed().Json;
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "report_layout", "--key", "monthly", "--file", file)).ShouldSucceed();
        var human = (await cli.RunAsync("list-customizations", "-t", "acme", "-m", "billing")).ShouldSucceed();
        var json = (await cli.RunAsync("list-customizations", "-t", "acme", "-m", "billing", "-o", "json")).ShouldSucceed().Json;
        File.Delete(file);

        Assert.Contains("Saved billing customization setting/theme of tenant acme: revision 1, version 1.0.0.", first.Out);
        Assert.Equal((2, "1.0.0", "red"), (second.GetProperty("revision").GetInt32(), second.GetProperty("version").GetString(),
            second.GetProperty("document").GetProperty("color").GetString()));
        Assert.Matches(@"report_layout/monthly\s+│\s+1\.0\.0\s+│\s+1\s+│", human.Out);
        Assert.Matches(@"setting/theme\s+│\s+1\.0\.0\s+│\s+2\s+│", human.Out);
        Assert.Equal(["report_layout/monthly pie3d", "setting/theme red"],
            json.GetProperty("customizations").EnumerateArray().Select(d =>
                $"{d.GetProperty("kind").GetString()}/{d.GetProperty("key").GetString()} {(d.GetProperty("document").TryGetProperty("chart", out var chart) ? chart : d.GetProperty("document").GetProperty("color")).GetString()}"));
    }

    [Fact]
    public async Task bad_documents_and_unknown_tenants_are_refused_with_what_to_fix_and_nothing_is_stored()
    {
        var (t, cli) = await StartAsync(server);
        await using var _ = t;

        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", "{\"color\":")).ShouldFailWith(2, "is not valid JSON");
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", "[1, 2]")).ShouldFailWith(2, "must be a JSON object");
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme")).ShouldFailWith(2, "Give the document with --json");
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--file", "/nonexistent/doc.json")).ShouldFailWith(2, "does not exist");
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", "{}", "--file", "x.json")).ShouldFailWith(2, "not both");
        (await cli.RunAsync("save-customization", "-t", "nobody", "-m", "billing", "--kind", "setting", "--key", "theme", "--json", "{}")).ShouldFailWith(4, "nobody");
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "crm", "--kind", "setting", "--key", "theme", "--json", "{}")).ShouldFailWith(2, "not installed on tenant 'acme'");
        (await cli.RunAsync("list-customizations", "-t", "nobody", "-m", "billing")).ShouldFailWith(4, "nobody");

        Assert.Contains("Tenant acme has no billing customizations", (await cli.RunAsync("list-customizations", "-t", "acme", "-m", "billing")).ShouldSucceed().Out);
        Assert.Empty(await t.Engine.GetTenantCustomizationsAsync("acme", "billing", CancellationToken.None));
    }

    [Fact]
    public async Task an_operator_lists_the_quarantine_after_an_upgrade_then_releases_a_fixed_document_and_discards_another_after_confirming()
    {
        var (t, cli) = await StartAsync(server);
        await using var _ = t;
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "custom_field", "--key", "legacy", "--json", """{"label":"Legacy code","binding":"invoices.legacy_code"}""")).ShouldSucceed();
        (await cli.RunAsync("save-customization", "-t", "acme", "-m", "billing", "--kind", "custom_field", "--key", "old_code", "--json", """{"label":"Old","binding":"invoices.legacy_code"}""")).ShouldSucceed();
        Assert.IsType<Completed>(await t.MigrateAsync("acme", "billing", "1.0.0", "3.0.0"));

        var listed = (await cli.RunAsync("list-quarantined", "-t", "acme")).ShouldSucceed();
        var held = (await cli.RunAsync("list-quarantined", "-t", "acme", "-m", "billing", "-o", "json")).ShouldSucceed().Json.GetProperty("quarantined");
        var (legacy, old) = (held[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                             held[1].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var released = (await cli.RunAsync("release-customization", "-t", "acme", "-i", legacy, "--json", """{"title":"Legacy code","binding":"invoices.customer"}""")).ShouldSucceed();
        var declined = await cli.RunAnsweringAsync(_ => false, "discard-customization", "-t", "acme", "-i", old);
        var stillHeld = await t.Engine.ListQuarantinedCustomizationsAsync("acme", "billing", CancellationToken.None);
        var unattended = await cli.RunAsync("discard-customization", "-t", "acme", "-i", old);
        var discarded = (await cli.RunAnsweringAsync(_ => true, "discard-customization", "-t", "acme", "-i", old)).ShouldSucceed();
        var history = (await cli.RunAsync("list-quarantined", "-t", "acme", "--all", "-o", "json")).ShouldSucceed().Json.GetProperty("quarantined");
        var again = await cli.RunAsync("discard-customization", "-t", "acme", "-i", legacy, "--yes");

        Assert.Matches(@"custom_field/legacy\s+│\s+1\.0\.0 -> 3\.0\.0\s+│\s+quarantined\s+│", listed.Out);
        Assert.Contains("release-customization -t <tenant> -i <id>", listed.Out);
        Assert.Equal(["custom_field/legacy", "custom_field/old_code"], held.EnumerateArray().Select(q => $"{q.GetProperty("kind").GetString()}/{q.GetProperty("key").GetString()}"));
        Assert.Contains("Released billing customization custom_field/legacy (fixed): active again as revision 2, version 3.0.0.", released.Out);
        Assert.Equal(9, declined.ExitCode);
        Assert.Contains("Not discarded: nothing was changed", declined.Error);
        Assert.Single(stillHeld);
        Assert.Equal(9, unattended.ExitCode);
        Assert.Contains($"Discarded quarantined customization {old} of tenant acme.", discarded.Out);
        Assert.Equal(["released", "discarded"], history.EnumerateArray().Select(q => q.GetProperty("status").GetString()));
        again.ShouldFailWith(2, "is released");
        var active = await t.Engine.GetTenantCustomizationsAsync("acme", "billing", CancellationToken.None);
        Assert.Equal("""{"title":"Legacy code","binding":"invoices.customer"}""", Assert.Single(active, d => d.Key == "legacy").Document.ToJsonString());
        Assert.DoesNotContain(active, d => d.Key == "old_code");
        (await cli.RunAsync("release-customization", "-t", "acme", "-i", "999999")).ShouldFailWith(4, "no quarantined customization 999999");
    }
}
