using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Alerts;

/// <summary>
/// The seed's setupAlerts, the alerts raised, and their delivery: every alert is logged and POSTed as JSON
/// (<see cref="AlertPayload"/>) to each webhook, at least once. Any process may deliver (the console does it
/// continuously, the CLI after each command): an alert is claimed with SKIP LOCKED and a lease, so two processes never
/// send it at the same time; a failed delivery is retried with a doubling delay until <see cref="AlertOptions.MaxAttempts"/>.
/// </summary>
public sealed class AlertService(CatalogDatabase catalog, AuditLog audit, IOptions<AlertOptions> options, ILogger<AlertService> logger) : IDisposable
{
    private const int BatchSize = 20;
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromHours(1);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = options.Value.WebhookTimeout,
    };

    public async Task<AlertSettings> GetAlertSettingsAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await AlertSettingsStore.ReadAsync(db, cancellationToken);
    }

    /// <summary>Replaces the alert settings; invalid webhooks are refused with what to fix, and nothing changes.</summary>
    public async Task<AlertSettings> SetupAlertsAsync(AlertSettings settings, string? actor, CancellationToken cancellationToken)
    {
        var webhooks = settings.Webhooks.Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
        settings = settings with { Webhooks = webhooks };
        if (settings.Problems() is { Count: > 0 } problems) throw new InvalidInputException(problems);
        await using var db = catalog.CreateContext();
        var saved = await AlertSettingsStore.SaveAsync(db, settings, actor, cancellationToken);
        // Webhook addresses may hold secrets (tokens in the path): the audit log keeps only their hosts.
        await audit.WriteAsync("alerts.setup", new
        {
            settings.OnMigrationStart, settings.OnMigrationComplete, settings.OnMigrationFailure, settings.OnRollback,
            webhooks = webhooks.Select(w => new Uri(w).Host).ToList(),
        }, actor: actor, cancellationToken: cancellationToken);
        logger.AlertsConfigured(string.Join(", ", AlertEvents.All.Where(saved.Raises)), webhooks.Count, actor);
        return saved;
    }

    /// <summary>Alerts, newest first: of one run, or all.</summary>
    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(Guid? runId, int limit, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.Alerts.AsNoTracking().Where(a => runId == null || a.RunId == runId)
            .OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return rows.Select(r => new Alert(r.Id, r.Event, r.RunId, r.TenantKey, r.Module, r.Status, r.Attempts, r.CreatedAt, r.DeliveredAt, r.LastError,
            JsonDocument.Parse(r.Payload).RootElement.Clone())).ToList();
    }

    /// <summary>Delivers the alerts that are due; returns how many were delivered.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var settings = await GetAlertSettingsAsync(cancellationToken);
        var delivered = 0;
        while (true)
        {
            var claimed = await ClaimAsync(cancellationToken);
            foreach (var alert in claimed)
            {
                var error = await SendAsync(alert, settings.Webhooks, cancellationToken);
                await FinishAsync(alert, error, cancellationToken);
                if (error is null) delivered++;
            }
            if (claimed.Count < BatchSize) return delivered;
        }
    }

    private sealed record Claimed(long Id, string Event, Guid RunId, string Tenant, string Module, string Payload, int Attempts);

    // Takes due alerts and leases them (their next attempt moves past the time a delivery can take), so that another
    // process does not send them meanwhile; a process that dies holding a lease leaves them due again afterwards.
    private async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        var lease = options.Value.WebhookTimeout * 3 + TimeSpan.FromSeconds(30);
        await using var command = catalog.DataSource.CreateCommand($"""
            UPDATE {CatalogDbContext.Schema}.alerts SET attempts = attempts + 1, next_attempt_at = now() + @lease
            WHERE id IN (SELECT id FROM {CatalogDbContext.Schema}.alerts WHERE status = '{Alert.Pending}' AND next_attempt_at <= now()
                         ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING id, event, run_id, tenant_key, module, payload::text, attempts
            """);
        command.Parameters.AddWithValue("lease", lease);
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new Claimed(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        return claimed.OrderBy(c => c.Id).ToList();
    }

    /// <summary>Null when the alert reached the log and every webhook; otherwise why not.</summary>
    private async Task<string?> SendAsync(Claimed alert, IReadOnlyList<string> webhooks, CancellationToken cancellationToken)
    {
        if (alert.Attempts == 1)
        {
            // The log is the channel that needs no setup; retries of the webhooks do not log the alert again.
            var summary = JsonDocument.Parse(alert.Payload).RootElement.TryGetProperty("summary", out var s) ? s.GetString() : alert.Event;
            if (alert.Event == AlertEvents.Failed) logger.AlertRaisedWarning(alert.Event, alert.RunId, alert.Tenant, alert.Module, summary);
            else logger.AlertRaised(alert.Event, alert.RunId, alert.Tenant, alert.Module, summary);
        }

        var failures = new List<string>();
        foreach (var webhook in webhooks)
        {
            var host = new Uri(webhook).Host;
            try
            {
                using var content = new StringContent(alert.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                using var response = await _http.PostAsync(webhook, content, cancellationToken);
                if (!response.IsSuccessStatusCode) failures.Add($"{host} answered HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{host}: {(e is TaskCanceledException ? $"no answer within {options.Value.WebhookTimeout.TotalSeconds:0.#} s" : e.Message)}");
            }
        }
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    private async Task FinishAsync(Claimed alert, string? error, CancellationToken cancellationToken)
    {
        var gaveUp = error is not null && alert.Attempts >= options.Value.MaxAttempts;
        var retryIn = TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, options.Value.RetryDelay.Ticks * (1L << Math.Min(alert.Attempts - 1, 20))));
        await using var command = catalog.DataSource.CreateCommand($"""
            UPDATE {CatalogDbContext.Schema}.alerts
            SET status = @status, delivered_at = CASE WHEN @delivered THEN now() END, last_error = @error, next_attempt_at = now() + @retryIn
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("status", error is null ? Alert.Delivered : gaveUp ? Alert.GaveUp : Alert.Pending);
        command.Parameters.AddWithValue("delivered", error is null);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("retryIn", retryIn);
        command.Parameters.AddWithValue("id", alert.Id);
        // Recorded even when the caller is stopping: the webhooks have already been called.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
        if (error is not null) logger.AlertDeliveryFailed(alert.Event, alert.RunId, alert.Tenant, alert.Module, alert.Attempts, error, gaveUp);
    }

    public void Dispose() => _http.Dispose();
}
