using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Validation;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Validation;

/// <summary>The preview report for people: verdict, the five checks, then the rehearsal.</summary>
internal static class ValidationView
{
    public static void Write(IAnsiConsole console, ValidationReport report)
    {
        var verdict = report.IsValid ? "[green]valid[/]" : "[red]NOT valid[/]";
        console.MarkupLine($"Upgrade of [bold]{Markup.Escape(report.Module)}[/] for tenant [bold]{Markup.Escape(report.Tenant)}[/] from {Markup.Escape(report.FromVersion)} to {Markup.Escape(report.ToVersion)}: {verdict}");
        foreach (var error in report.Errors) console.MarkupLine($"  [red]error[/]   {Markup.Escape(error)}");
        foreach (var warning in report.Warnings) console.MarkupLine($"  [yellow]warning[/] {Markup.Escape(warning)}");

        console.MarkupLine("\n[bold]1. Compatibility[/]");
        console.MarkupLine($"  Tenant is at {Markup.Escape(report.Compatibility.ActualVersion)}{(report.Compatibility.AtFromVersion ? "" : " [red](not the from-version)[/]")}; "
            + $"{(report.Compatibility.Drift.Count == 0 ? "its schema matches its version" : $"[red]{report.Compatibility.Drift.Count} hand-made difference(s)[/]")}.");
        foreach (var drift in report.Compatibility.Drift.Take(20)) console.MarkupLine($"    drift: {Markup.Escape(drift)}");
        var plan = new Table().AddColumns("Migration", "Direction", "Declared risk", "Computed risk", "Down SQL", "Transactional");
        foreach (var file in report.Compatibility.Plan)
            plan.AddRow(Markup.Escape(file.Migration), file.Direction, Risk(file.DeclaredRisk), Risk(file.ComputedRisk), file.HasDown ? "yes" : "[yellow]no[/]", file.Transactional ? "yes" : "no");
        console.Write(plan);

        console.MarkupLine("\n[bold]2. Data volume and time estimate[/]");
        var volume = new Table().AddColumns("Table", "Rows", "Size");
        foreach (var table in report.DataVolume.Tables) volume.AddRow(Markup.Escape(table.Table), Show.Number(table.Rows), Show.Bytes(table.Bytes));
        console.Write(volume);
        console.MarkupLine($"  Estimated time: [bold]{report.DataVolume.Estimate.Total.TotalSeconds:0.#} s[/]");
        foreach (var estimate in report.DataVolume.Estimate.Migrations)
            console.MarkupLine($"    {Markup.Escape(estimate.Migration)}: {estimate.Estimate.TotalSeconds:0.###} s ({Markup.Escape(estimate.Basis)})");

        console.MarkupLine("\n[bold]3. Customization impact[/]");
        console.MarkupLine($"  {Markup.Escape(report.Customizations.Note)}");
        foreach (var changed in report.Customizations.Changed)
            console.MarkupLine($"    [green]adapted[/]      {Markup.Escape($"{changed.Kind}/{changed.Key}")}");
        foreach (var quarantined in report.Customizations.Quarantined)
            console.MarkupLine($"    [yellow]quarantined[/]  {Markup.Escape($"{quarantined.Kind}/{quarantined.Key}")}: {Markup.Escape(quarantined.Reason ?? "")}");

        console.MarkupLine("\n[bold]4. Dependencies[/]");
        if (report.Dependencies.Items.Count == 0) console.MarkupLine("  No dependencies.");
        foreach (var item in report.Dependencies.Items)
            console.MarkupLine($"  {(item.Satisfied ? "[green]ok[/]" : "[red]missing[/]")}  {Markup.Escape(item.Migration)} needs {Markup.Escape(item.Requires)}");

        console.MarkupLine($"\n[bold]5. Risk[/]: overall {Risk(report.Risk.Overall)} (declared {Risk(report.Risk.Declared)}, computed {Risk(report.Risk.Computed)})");
        foreach (var finding in report.Risk.Findings)
        {
            console.MarkupLine($"  {Risk(finding.Severity)} {Markup.Escape(finding.Rule)} in {Markup.Escape(finding.Migration)}");
            if (finding.Statement.Length > 0) console.MarkupLine($"      [grey]{Markup.Escape(finding.Statement)}[/]");
            console.MarkupLine($"      {Markup.Escape(finding.Message)}");
            console.MarkupLine($"      [green]safer:[/] {Markup.Escape(finding.SaferAlternative)}");
        }

        if (report.Rehearsal is { } rehearsal) WriteRehearsal(console, rehearsal);
    }

    private static void WriteRehearsal(IAnsiConsole console, RehearsalReport rehearsal)
    {
        var result = !rehearsal.ForwardSucceeded ? "[red]the plan failed on the copy[/]"
            : rehearsal.RoundTripHeld ? "[green]the round trip held[/]" : "[yellow]the round trip did NOT hold[/]";
        console.MarkupLine($"\n[bold]Rehearsal[/] on a copy of {Show.Number(rehearsal.RowsCopied)} rows{(rehearsal.SampleRows is { } n ? $" (at most {n} per table)" : "")}: {result}");
        var steps = new Table().AddColumns("Step", "Time", "Result");
        foreach (var step in rehearsal.Steps)
            steps.AddRow(Markup.Escape(step.Name), $"{step.Elapsed.TotalMilliseconds:0} ms", step.Succeeded ? "[green]ok[/]" : $"[red]{Markup.Escape(step.Error ?? "failed")}[/]");
        console.Write(steps);
        if (rehearsal.Failure is { } failure) console.MarkupLine($"  [red]{Markup.Escape(failure)}[/]");
        foreach (var difference in rehearsal.Differences) console.MarkupLine($"  difference: {Markup.Escape(difference)}");
    }

    private static string Risk(RiskLevel level) => level switch
    {
        RiskLevel.Low => "[green]low[/]",
        RiskLevel.Medium => "[yellow]medium[/]",
        RiskLevel.High => "[red]high[/]",
        _ => "[bold red]critical[/]",
    };
}
