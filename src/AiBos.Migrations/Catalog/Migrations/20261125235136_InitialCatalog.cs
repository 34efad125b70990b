using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AiBos.Migrations.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "aibos");

            migrationBuilder.CreateTable(
                name: "applied_migrations",
                schema: "aibos",
                columns: table => new
                {
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    checksum = table.Column<string>(type: "text", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applied_migrations", x => new { x.tenant_key, x.module, x.file_name });
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    tenant_key = table.Column<string>(type: "text", nullable: true),
                    module = table.Column<string>(type: "text", nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_migrations",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    rule_id = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_migrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "migration_backups",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    backup_schema = table.Column<string>(type: "text", nullable: true),
                    manifest = table.Column<string>(type: "jsonb", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migration_backups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "module_migrations",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    from_version = table.Column<string>(type: "text", nullable: false),
                    to_version = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    options = table.Column<string>(type: "jsonb", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: true),
                    rollback_of = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    failed_step = table.Column<string>(type: "text", nullable: true),
                    rollback_path = table.Column<string>(type: "text", nullable: true),
                    rollback_requested_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_module_migrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "modules",
                schema: "aibos",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_modules", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "rollback_points",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    step = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollback_points", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shards",
                schema: "aibos",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    connection_string = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shards", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "migration_steps",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    items_done = table.Column<long>(type: "bigint", nullable: false),
                    items_total = table.Column<long>(type: "bigint", nullable: false),
                    message = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migration_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_migration_steps_module_migrations_run_id",
                        column: x => x.run_id,
                        principalSchema: "aibos",
                        principalTable: "module_migrations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "module_versions",
                schema: "aibos",
                columns: table => new
                {
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_module_versions", x => new { x.module, x.version });
                    table.ForeignKey(
                        name: "fk_module_versions_modules_module",
                        column: x => x.module,
                        principalSchema: "aibos",
                        principalTable: "modules",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "schema_migrations",
                schema: "aibos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    up_sql = table.Column<string>(type: "text", nullable: false),
                    down_sql = table.Column<string>(type: "text", nullable: true),
                    checksum = table.Column<string>(type: "text", nullable: false),
                    dependencies = table.Column<List<string>>(type: "text[]", nullable: false),
                    validation_queries = table.Column<string>(type: "jsonb", nullable: false),
                    estimated_seconds = table.Column<int>(type: "integer", nullable: false),
                    declared_risk = table.Column<string>(type: "text", nullable: false),
                    transactional = table.Column<bool>(type: "boolean", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schema_migrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_schema_migrations_modules_module",
                        column: x => x.module,
                        principalSchema: "aibos",
                        principalTable: "modules",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenants",
                schema: "aibos",
                columns: table => new
                {
                    key = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    shard = table.Column<string>(type: "text", nullable: false),
                    schema_name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.key);
                    table.ForeignKey(
                        name: "fk_tenants_shards_shard",
                        column: x => x.shard,
                        principalSchema: "aibos",
                        principalTable: "shards",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tenant_modules",
                schema: "aibos",
                columns: table => new
                {
                    tenant_key = table.Column<string>(type: "text", nullable: false),
                    module = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_modules", x => new { x.tenant_key, x.module });
                    table.ForeignKey(
                        name: "fk_tenant_modules_tenants_tenant_key",
                        column: x => x.tenant_key,
                        principalSchema: "aibos",
                        principalTable: "tenants",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_applied_migrations_module_file_name",
                schema: "aibos",
                table: "applied_migrations",
                columns: new[] { "module", "file_name" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                schema: "aibos",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_data_migrations_module_version_rule_id",
                schema: "aibos",
                table: "data_migrations",
                columns: new[] { "module", "version", "rule_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_migration_backups_tenant_key_module_created_at",
                schema: "aibos",
                table: "migration_backups",
                columns: new[] { "tenant_key", "module", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_migration_steps_run_id_ordinal",
                schema: "aibos",
                table: "migration_steps",
                columns: new[] { "run_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_module_migrations_status",
                schema: "aibos",
                table: "module_migrations",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_module_migrations_tenant_key_module_created_at",
                schema: "aibos",
                table: "module_migrations",
                columns: new[] { "tenant_key", "module", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rollback_points_run_id",
                schema: "aibos",
                table: "rollback_points",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_schema_migrations_module_file_name",
                schema: "aibos",
                table: "schema_migrations",
                columns: new[] { "module", "file_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_schema_migrations_module_version",
                schema: "aibos",
                table: "schema_migrations",
                columns: new[] { "module", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_shard_schema_name",
                schema: "aibos",
                table: "tenants",
                columns: new[] { "shard", "schema_name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applied_migrations",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "data_migrations",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "migration_backups",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "migration_steps",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "module_versions",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "rollback_points",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "schema_migrations",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "tenant_modules",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "module_migrations",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "modules",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "tenants",
                schema: "aibos");

            migrationBuilder.DropTable(
                name: "shards",
                schema: "aibos");
        }
    }
}
