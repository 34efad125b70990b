using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>JSON of register-schema-migration and register-module.</summary>
public sealed record RegistrationDocument(int Added, int Unchanged, int Replaced, IReadOnlyList<RegisteredFile> Files);
