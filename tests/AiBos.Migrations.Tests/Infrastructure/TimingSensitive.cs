namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>
/// Tests that measure waits, kill processes or race two runs: they run alone, after the parallel ones, so that
/// a busy 2-core machine does not blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
