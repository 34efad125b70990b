using System.ComponentModel.DataAnnotations;

namespace AiBos.Migrations.Catalog;

/// <summary>Where the catalog lives. Bound from <c>ConnectionStrings:Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string ConnectionStringName = "Catalog";

    [Required(ErrorMessage = "Set ConnectionStrings:Catalog (environment variable ConnectionStrings__Catalog) to the catalog database.")]
    public string ConnectionString { get; set; } = "";
}
