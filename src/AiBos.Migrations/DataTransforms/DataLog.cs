using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.DataTransforms;

/// <summary>The data step's log events; each names the run, tenant, module and step.</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Run {RunId} tenant {Tenant} module {Module} step data: rule {RuleId} resumed after {RowsRead} of {RowsTotal} rows")]
    public static partial void DataRuleResumed(this ILogger logger, Guid runId, string tenant, string module, string ruleId, long rowsRead, long rowsTotal);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Run {RunId} tenant {Tenant} module {Module} step data: rule {RuleId} done, {RowsDone} rows so far at {RowsPerSecond} rows/s")]
    public static partial void DataRuleDone(this ILogger logger, Guid runId, string tenant, string module, string ruleId, long rowsDone, long rowsPerSecond);
}
