using System.Security.Cryptography;
using System.Text;

namespace AiBos.Migrations.Registry;

/// <summary>SHA-256 of the normalised up SQL, so that line endings and trailing blanks do not change a migration's identity.</summary>
public static class SqlChecksum
{
    public static string Compute(string sql)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(sql)));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>LF line endings, no trailing whitespace on any line, no leading or trailing blank lines.</summary>
    public static string Normalise(string sql)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n').Select(line => line.TrimEnd());
        return string.Join('\n', lines).Trim('\n');
    }
}
