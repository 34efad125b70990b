using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiBos.Migrations.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class Rollouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rollouts",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    target_version = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    stop_reason = table.Column<string>(type: "text", nullable: true),
                    canary = table.Column<int>(type: "integer", nullable: false),
                    wave_size = table.Column<int>(type: "integer", nullable: false),
                    concurrency = table.Column<int>(type: "integer", nullable: false),
                    max_failures = table.Column<int>(type: "integer", nullable: false),
                    not_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    options = table.Column<string>(type: "jsonb", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollouts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rollout_tenants",
                schema: "aibos",
                columns: table => new
                {
                    rollout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    wave = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    from_version = table.Column<string>(type: "text", nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollout_tenants", x => new { x.rollout_id, x.tenant_key });
                    table.ForeignKey(
                        name: "fk_rollout_tenants_rollouts_rollout_id",
                        column: x => x.rollout_id,
                        principalSchema: "aibos",
                        principalTable: "rollouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rollout_tenants_run_id",
                schema: "aibos",
                table: "rollout_tenants",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_rollouts_module_created_at",
                schema: "aibos",
                table: "rollouts",
                columns: new[] { "module", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rollouts_status",
                schema: "aibos",
                table: "rollouts",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rollout_tenants",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "rollouts",
                schema: "aibos");
        }
    }
}
