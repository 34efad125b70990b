using AiBos.MigrationConsole;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddMigrationConsole();

var app = builder.Build();
app.UseMigrationConsole();
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
