using System.Reflection;
using Npgsql;
using Xunit.v3;

namespace AiBos.Migrations.Tests.Tenancy;

/// <summary>
/// Closes the idle connections a test leaves in Npgsql's global pools after it ends. TestEngine.ScalarAsync/OpenAsync,
/// TenantSnapshot and the shard probe of TenantService.AddShardAsync open pooled connections to the test's own
/// database, and nothing closes them until the pool prunes them minutes later: with a database per test, a suite of
/// this size exhausts a server with the default max_connections of 100. Connections in use by tests running in
/// parallel are not cut: Npgsql closes them only when they are returned.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReleasePooledConnectionsAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest, IXunitTest test) => NpgsqlConnection.ClearAllPools();
}
