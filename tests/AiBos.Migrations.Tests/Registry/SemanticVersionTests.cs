using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Registry;

public sealed class SemanticVersionTests
{
    private static readonly string[] Ascending =
    [
        "0.0.0", "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "10.0.0",
    ];

    [Fact]
    public void versions_sort_by_semver_precedence_with_pre_releases_before_their_release_and_numbers_compared_as_numbers()
    {
        var shuffled = Ascending.Reverse().Concat(Ascending.Where((_, i) => i % 2 == 0)).Select(v => SemanticVersion.Parse(v)).ToList();

        var sorted = shuffled.Order().Select(v => v.ToString()).Distinct().ToList();

        Assert.Equal(Ascending, sorted);
        for (var i = 0; i + 1 < Ascending.Length; i++)
        {
            var lower = SemanticVersion.Parse(Ascending[i]);
            var higher = SemanticVersion.Parse(Ascending[i + 1]);
            Assert.True(lower < higher, $"{lower} < {higher}");
            Assert.True(higher > lower, $"{higher} > {lower}");
            Assert.True(lower <= higher && !(lower >= higher), $"{lower} <= {higher}");
            Assert.True(lower.CompareTo(higher) < 0 && higher.CompareTo(lower) > 0, $"CompareTo({lower}, {higher})");
        }
    }

    [Fact]
    public void the_order_named_in_the_brief_holds()
    {
        string[] expected = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"];

        var sorted = expected.Reverse().Select(v => SemanticVersion.Parse(v)).Order().Select(v => v.ToString());

        Assert.Equal(expected, sorted);
    }

    [Theory]
    [InlineData("1.0.0", 1, 0, 0, null)]
    [InlineData("2.1.0-beta.1", 2, 1, 0, "beta.1")]
    [InlineData(" 3.4.5 ", 3, 4, 5, null)]
    [InlineData("1.0.0-x-y.0", 1, 0, 0, "x-y.0")]
    public void valid_versions_parse_into_their_parts(string text, int major, int minor, int patch, string? preRelease)
    {
        var version = SemanticVersion.Parse(text);

        Assert.Equal(new SemanticVersion(major, minor, patch, preRelease), version);
        Assert.Equal(text.Trim(), version.ToString());
    }

    [Fact]
    public void build_metadata_is_accepted_and_does_not_change_precedence()
    {
        var withBuild = SemanticVersion.Parse("1.0.0+build.7");

        Assert.Equal(0, withBuild.CompareTo(SemanticVersion.Parse("1.0.0")));
        Assert.Equal("1.0.0", withBuild.ToString());
    }

    [Fact]
    public void zero_zero_zero_means_not_installed()
    {
        Assert.True(SemanticVersion.Parse("0.0.0").IsNone);
        Assert.False(SemanticVersion.Parse("0.0.1").IsNone);
        Assert.True(SemanticVersion.None < SemanticVersion.Parse("0.0.1-alpha"));
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("01.0.0")]
    [InlineData("1.01.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0 beta")]
    [InlineData("-1.0.0")]
    [InlineData("1234567890.0.0")]
    [InlineData("\u0661.0.0")]
    [InlineData("1\u0660.0.0")]
    [InlineData("1.0.0-\u0661a")]
    public void invalid_versions_are_refused_with_an_invalid_input_exception(string? text)
    {
        Assert.False(SemanticVersion.TryParse(text, out var parsed));
        Assert.Null(parsed);

        var refused = Assert.Throws<InvalidInputException>(() => SemanticVersion.Parse(text, "target version"));

        Assert.Contains($"'{text}' is not a valid target version", refused.Message);
        Assert.Contains("semantic versioning", refused.Message);
    }
}
