namespace AiBos.Migrations.Registry;

/// <summary>How much a migration endangers a live tenant, lowest first.</summary>
public enum RiskLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}

public static class RiskLevels
{
    public static RiskLevel Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => RiskLevel.Low,
        "low" => RiskLevel.Low,
        "medium" => RiskLevel.Medium,
        "high" => RiskLevel.High,
        "critical" => RiskLevel.Critical,
        _ => throw new InvalidInputException($"'{text}' is not a risk level: use low, medium, high or critical."),
    };

    public static string ToText(this RiskLevel level) => level.ToString().ToLowerInvariant();
}
