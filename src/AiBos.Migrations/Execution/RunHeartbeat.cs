using AiBos.Migrations.Catalog;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Keeps a running run's heartbeat fresh in the catalog and picks up an operator's forced-rollback request made
/// from any process (the request is a column on the run; the heartbeat reads it back).
/// </summary>
public sealed class RunHeartbeat(CatalogDatabase catalog, IOptions<ExecutionOptions> options)
{
    public async Task RunAsync(Guid runId, CancellationTokenSource operatorRequest, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, stop);
                await using var command = catalog.DataSource.CreateCommand(
                    "UPDATE aibos.module_migrations SET heartbeat_at = now() WHERE id = @id RETURNING rollback_requested_by");
                command.Parameters.AddWithValue("id", runId);
                var requestedBy = await command.ExecuteScalarAsync(stop);
                if (requestedBy is string && !operatorRequest.IsCancellationRequested)
                    await operatorRequest.CancelAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
            {
                // A catalog blip must not stop the run; the next beat tries again.
            }
        }
    }
}
