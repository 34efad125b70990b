using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiBos.Migrations.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class TimingAndComputedRisk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "computed_risk",
                schema: "aibos",
                table: "schema_migrations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "module_rows",
                schema: "aibos",
                table: "module_migrations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "execution_ms",
                schema: "aibos",
                table: "applied_migrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "computed_risk",
                schema: "aibos",
                table: "schema_migrations");

            migrationBuilder.DropColumn(
                name: "module_rows",
                schema: "aibos",
                table: "module_migrations");

            migrationBuilder.DropColumn(
                name: "execution_ms",
                schema: "aibos",
                table: "applied_migrations");
        }
    }
}
