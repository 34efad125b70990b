using AiBos.Migrations.Execution;
using MudBlazor;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>How a run or step status looks everywhere in the dashboard: one label, colour and icon per status.</summary>
public sealed record StatusStyle(string Label, Color Color, string Icon)
{
    public static StatusStyle Of(string status) => status switch
    {
        RunStatus.Running => new("Running", Color.Info, Icons.Material.Filled.PlayCircle),
        RunStatus.RollingBack => new("Rolling back", Color.Warning, Icons.Material.Filled.Undo),
        RunStatus.Completed => new("Completed", Color.Success, Icons.Material.Filled.CheckCircle),
        RunStatus.Failed => new("Failed", Color.Error, Icons.Material.Filled.Error),
        RunStatus.RolledBack => new("Rolled back", Color.Warning, Icons.Material.Filled.SettingsBackupRestore),
        RunStatus.NeedsOperator => new("Needs operator", Color.Error, Icons.Material.Filled.PanTool),
        StepStatus.Pending => new("Pending", Color.Default, Icons.Material.Outlined.Schedule),
        StepStatus.Skipped => new("Skipped", Color.Default, Icons.Material.Filled.SkipNext),
        _ => new(status, Color.Default, Icons.Material.Outlined.Circle),
    };
}
