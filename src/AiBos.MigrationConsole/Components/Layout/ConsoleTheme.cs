using MudBlazor;

namespace AiBos.MigrationConsole.Components.Layout;

/// <summary>The console's one theme, light and dark.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1e63b8", AppbarBackground = "#1e63b8" },
        PaletteDark = new PaletteDark { Primary = "#5b9bf0" },
    };
}
