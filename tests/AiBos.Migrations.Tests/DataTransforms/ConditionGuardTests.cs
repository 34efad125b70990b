using AiBos.Migrations.DataTransforms;

namespace AiBos.Migrations.Tests.DataTransforms;

public sealed class ConditionGuardTests
{
    [Theory]
    [InlineData("status = 'active'")]
    [InlineData("amount > 0 AND created_at >= now() - interval '30 days'")]
    [InlineData("lower(description) LIKE '%select%; drop table x --'")] // keywords and separators inside a string are text
    [InlineData("\"select\" IS NOT NULL")]                              // a column may be called select
    [InlineData("coalesce(notes, '') <> '' OR status IN ('a', 'b')")]
    [InlineData("description = 'it''s fine'")]
    public void accepts_boolean_expressions_over_the_row(string condition) => Assert.Null(ConditionGuard.Problem(condition));

    [Theory]
    [InlineData("1=1; DROP TABLE ledger_entries", "';'")]
    [InlineData("status = 'active' -- and more", "comment")]
    [InlineData("status = 'active' /* hidden */", "comment")]
    [InlineData("entry_id IN (SELECT entry_id FROM tenant_other.ledger_entries)", "SELECT")]
    [InlineData("EXISTS (select 1)", "SELECT")]
    [InlineData("status = $$active$$", "'$'")]
    [InlineData("pg_sleep(10) IS NOT NULL", "pg_sleep()")]
    [InlineData("\"pg_terminate_backend\"(1)", "pg_terminate_backend()")]
    [InlineData("set_config('search_path', 'tenant_b', true) IS NOT NULL", "set_config()")]
    [InlineData("query_to_xml('select 1', true, true, '') IS NOT NULL", "query_to_xml()")]
    [InlineData("nextval('ledger_entries_seq') > 0", "nextval()")]
    [InlineData("status = 'active", "not closed")]
    [InlineData("status = E'act\\'ive'", "backslash")]
    [InlineData("   ", "empty")]
    public void refuses_what_is_not_one_expression(string condition, string reason)
    {
        var problem = ConditionGuard.Problem(condition);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }
}
