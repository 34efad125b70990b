using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AiBos.Migrations.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class DataAndCustomizationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "checksum",
                schema: "aibos",
                table: "data_migrations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ordinal",
                schema: "aibos",
                table: "data_migrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "customization_migrations",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    rule_id = table.Column<string>(type: "text", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    checksum = table.Column<string>(type: "text", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customization_migrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_customization_migrations_modules_module",
                        column: x => x.module,
                        principalSchema: "aibos",
                        principalTable: "modules",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customization_migrations_module_version_rule_id",
                schema: "aibos",
                table: "customization_migrations",
                columns: new[] { "module", "version", "rule_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_data_migrations_modules_module",
                schema: "aibos",
                table: "data_migrations",
                column: "module",
                principalSchema: "aibos",
                principalTable: "modules",
                principalColumn: "name",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_data_migrations_modules_module",
                schema: "aibos",
                table: "data_migrations");

            migrationBuilder.DropTable(
                name: "customization_migrations",
                schema: "aibos");

            migrationBuilder.DropColumn(
                name: "checksum",
                schema: "aibos",
                table: "data_migrations");

            migrationBuilder.DropColumn(
                name: "ordinal",
                schema: "aibos",
                table: "data_migrations");
        }
    }
}
