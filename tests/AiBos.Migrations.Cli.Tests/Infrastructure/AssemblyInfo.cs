[assembly: AssemblyFixture(typeof(AiBos.Migrations.Tests.Infrastructure.PostgresServer))]
