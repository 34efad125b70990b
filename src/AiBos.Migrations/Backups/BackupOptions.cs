using System.ComponentModel.DataAnnotations;

namespace AiBos.Migrations.Backups;

/// <summary>Backup settings (section <c>AiBos:Backups</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "AiBos:Backups";

    /// <summary>How long a backup is kept before <c>cleanupExpiredBackups</c> may delete it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The format of the backup every run starts with. Copy is the cheapest to take (rows only, indexes rebuilt on
    /// restore); Snapshot builds indexes and constraints at backup time so that a restore is a near-instant swap.
    /// </summary>
    public BackupFormat RunBackupFormat { get; set; } = BackupFormat.Copy;
}
