using System.Security.Cryptography;
using System.Text;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Registry;

public sealed class SqlChecksumTests
{
    [Fact]
    public void the_checksum_is_the_lower_case_sha_256_of_the_normalised_sql()
    {
        const string sql = "CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);";

        var checksum = SqlChecksum.Compute(sql);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))), checksum);
        Assert.Matches("^[0-9a-f]{64}$", checksum);
    }

    [Theory]
    [InlineData("CREATE TABLE t (id int);\r\nCREATE INDEX i ON t (id);")]
    [InlineData("CREATE TABLE t (id int);\rCREATE INDEX i ON t (id);")]
    [InlineData("CREATE TABLE t (id int);   \nCREATE INDEX i ON t (id);\t")]
    [InlineData("\n\nCREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\n\n\n")]
    [InlineData("\r\nCREATE TABLE t (id int); \r\nCREATE INDEX i ON t (id);  \r\n  \r\n")]
    public void line_endings_trailing_whitespace_and_surrounding_blank_lines_do_not_change_the_checksum(string variant)
    {
        Assert.Equal(SqlChecksum.Compute("CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);"), SqlChecksum.Compute(variant));
    }

    [Theory]
    [InlineData("CREATE TABLE t (id  int);\nCREATE INDEX i ON t (id);")]
    [InlineData("  CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);")]
    [InlineData("CREATE TABLE t (id int);\n\nCREATE INDEX i ON t (id);")]
    [InlineData("create table t (id int);\nCREATE INDEX i ON t (id);")]
    public void any_other_change_changes_the_checksum(string variant)
    {
        Assert.NotEqual(SqlChecksum.Compute("CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);"), SqlChecksum.Compute(variant));
    }
}
