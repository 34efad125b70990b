namespace AiBos.Migrations.Statistics;

internal static class Rate
{
    /// <summary>A share between 0 and 1, rounded to 4 places; null when there is nothing to divide by.</summary>
    public static double? Of(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
