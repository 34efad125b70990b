using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Keeps a driven rollout's heartbeat fresh, like a run's: a rollout whose heartbeat is older than three beats is
/// interrupted (its process stopped) and may be resumed by any process.
/// </summary>
public sealed class RolloutHeartbeat(CatalogDatabase catalog, IOptions<ExecutionOptions> options)
{
    public async Task RunAsync(Guid rolloutId, string owner, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, stop);
                await using var command = catalog.DataSource.CreateCommand(
                    $"UPDATE {CatalogDbContext.Schema}.rollouts SET heartbeat_at = now() WHERE id = @id AND owner = @owner");
                command.Parameters.AddWithValue("id", rolloutId);
                command.Parameters.AddWithValue("owner", owner);
                await command.ExecuteNonQueryAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
            {
                // A catalog blip must not stop the rollout; the next beat tries again.
            }
        }
    }
}
