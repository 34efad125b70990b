using Microsoft.AspNetCore.Components.Authorization;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>
/// Who the audit log and the runs' "requested by" name for actions taken in the dashboard: the signed-in user when the
/// console has authentication, otherwise "dashboard" so that the audit trail still tells the dashboard from the CLI.
/// </summary>
public sealed class DashboardUser(IServiceProvider services)
{
    public const string Anonymous = "dashboard";

    public async Task<string> NameAsync()
    {
        if (services.GetService(typeof(AuthenticationStateProvider)) is not AuthenticationStateProvider provider) return Anonymous;
        try
        {
            var state = await provider.GetAuthenticationStateAsync();
            return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
        }
        catch (InvalidOperationException)
        {
            // Outside a circuit (prerendering) there is no authentication state to read.
            return Anonymous;
        }
    }
}
