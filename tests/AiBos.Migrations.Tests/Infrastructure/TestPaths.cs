namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>Where the demo modules and test scenarios are copied next to the test assembly.</summary>
public static class TestPaths
{
    public static string Samples(string module) => Path.Combine(AppContext.BaseDirectory, "samples", "modules", module);
    public static string DemoData(string module) => Path.Combine(AppContext.BaseDirectory, "samples", "modules", "demo-data", module + ".sql");
    public static string Scenario(string name, string module) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name, module);
}
