using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>A run's steps as a table that a Spectre live display redraws on every event.</summary>
public sealed class LiveRunTable : IRunProgress
{
    private readonly List<Row> _steps = [];
    private LiveDisplayContext? _context;
    private string _title = "Starting...";
    private string _status = RunStatus.Running;

    public IRunProgress Attach(LiveDisplayContext context)
    {
        _context = context;
        return this;
    }

    public void Begin(MigrationRun run)
    {
        _title = $"{run.Module} {run.FromVersion} -> {run.ToVersion} for tenant {run.Tenant} (run {run.Id})";
        _status = run.Status;
        _steps.Clear();
        _steps.AddRange(run.MigrationSteps.Select(s => new Row(s.Kind, s.Name) { Status = s.Status, Done = s.Done, Total = s.Total, Message = s.Error ?? s.Message }));
        Refresh();
    }

    public void Apply(RunEvent runEvent)
    {
        if (runEvent.Step is null)
        {
            _status = runEvent.Status;
        }
        else
        {
            var row = _steps.FirstOrDefault(s => s.Kind == runEvent.Step);
            if (row is null) _steps.Add(row = new Row(runEvent.Step, runEvent.Step));
            row.Status = runEvent.Status;
            row.Done = runEvent.Done;
            row.Total = runEvent.Total;
            (row.Rate, row.SecondsLeft) = (runEvent.Rate, runEvent.SecondsLeft);
            row.Message = StepProgress.Message(runEvent.Message, runEvent.Rate) ?? row.Message;
        }
        Refresh();
    }

    public IRenderable Render()
    {
        // Full width on every frame, so that redrawing in place never leaves a narrower frame's remains behind.
        var table = Show.Table("Step", "Status", "Progress", "Message").Expand();
        table.Title = new TableTitle(Markup.Escape(_title));
        table.Caption = new TableTitle($"[{Show.ColourOf(_status)}]{Markup.Escape(_status)}[/]");
        foreach (var step in _steps)
        {
            var bar = step.Total > 0 ? $"{new string('#', (int)(10 * Math.Min(step.Done, step.Total) / step.Total)),-10} {StepProgress.Of(step.Kind, step.Done, step.Total, step.Rate, step.SecondsLeft)}" : "";
            table.AddRow(Show.Text(step.Name), Show.Status(step.Status), Show.Text(bar), Show.Text(step.Message));
        }
        return table;
    }

    private void Refresh()
    {
        _context?.UpdateTarget(Render());
        _context?.Refresh();
    }

    private sealed class Row(string kind, string name)
    {
        public string Kind { get; } = kind;
        public string Name { get; } = name;
        public string Status { get; set; } = StepStatus.Pending;
        public long Done { get; set; }
        public long Total { get; set; }
        public string? Message { get; set; }
        public double? Rate { get; set; }
        public double? SecondsLeft { get; set; }
    }
}
