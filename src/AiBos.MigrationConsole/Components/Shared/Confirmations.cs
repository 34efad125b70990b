using MudBlazor;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>One way to ask "are you sure?" across the dashboard.</summary>
public static class Confirmations
{
    /// <summary>True when the user confirmed; <paramref name="acknowledge"/> adds a box that must be ticked first.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText,
        Color color = Color.Primary, string? acknowledge = null)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, color },
            { d => d.AcknowledgeText, acknowledge },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
