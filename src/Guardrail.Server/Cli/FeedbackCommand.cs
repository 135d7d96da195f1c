using System.CommandLine;
using Guardrail.Audit;
using Guardrail.Feedback;
using Guardrail.Judging;
using Guardrail.Storage.Hosting;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail feedback export</c>: the audit store's human and judge labels as labelled texts for retraining.</summary>
internal static class FeedbackCommand
{
    public static Command Create()
    {
        var command = new Command("feedback", "Work with the labels people and the judge left on verdicts.");
        var audit = new Option<string>("--audit") { Description = "Audit store connection string (SQLite Data Source=FILE or PostgreSQL Host=...).", DefaultValueFactory = _ => AuditOptions.DefaultConnectionString };
        var output = new Option<string>("--out") { Description = "The JSONL file to write (one labelled text per line).", Required = true };
        var rules = new Option<string>("--rules") { Description = "Rules folder whose constitution.yaml maps judge principles to categories.", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var constitution = new Option<string?>("--constitution") { Description = "Constitution file (default: RULES/constitution.yaml)." };
        var export = new Command("export", "Write labelled texts: human labels win over the judge's; the summary says how many of each.") { audit, output, rules, constitution };
        export.SetAction(async (parse, ct) => await ExportAsync(parse.GetValue(audit)!, parse.GetValue(output)!, parse.GetValue(rules)!, parse.GetValue(constitution),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        command.Subcommands.Add(export);
        return command;
    }

    /// <summary>Exit 0 when written, 2 when the store or the constitution cannot be read.</summary>
    public static async Task<int> ExportAsync(string connectionString, string outFile, string rulesDir, string? constitutionFile, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var path = constitutionFile ?? Path.Combine(rulesDir, ConstitutionLoader.FileName);
        Constitution? constitution = null;
        if (File.Exists(path))
        {
            var loaded = ConstitutionLoader.Load(path, path);
            if (!loaded.Success)
            {
                foreach (var e in loaded.Errors) stderr.WriteLine(e);
                return 2;
            }
            constitution = loaded.Constitution;
        }
        else if (constitutionFile is not null)
        {
            stderr.WriteLine($"guardrail feedback export: constitution '{path}' does not exist");
            return 2;
        }
        IAuditStore store;
        try
        {
            store = AuditStores.Create(new AuditOptions { ConnectionString = connectionString });
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"guardrail feedback export: {ex.Message}");
            return 2;
        }
        try
        {
            // A store from an older release is migrated as serve would migrate it; a file that is not there is an error, not a new store.
            if (store is Guardrail.Storage.Sqlite.SqliteAuditStore sqlite && !File.Exists(sqlite.DataSource))
            {
                stderr.WriteLine($"guardrail feedback export: the audit store cannot be read ('{sqlite.DataSource}' does not exist)");
                return 2;
            }
            await store.EnsureSchemaAsync(ct);
            var entries = new List<AuditEntry>();
            string? cursor = null;
            do
            {
                var page = await store.QueryAsync(new AuditQuery { Limit = 500, Cursor = cursor }, ct);
                foreach (var item in page.Items)
                {
                    if (await store.GetAsync(item.Id, ct) is { } entry && (entry.Labels.Count > 0 || entry.JudgeLabels.Count > 0)) entries.Add(entry);
                }
                cursor = page.Next;
            }
            while (cursor is not null);
            var result = FeedbackExport.Build(entries, constitution);
            await File.WriteAllLinesAsync(outFile, result.Examples.Select(e => e.ToJsonLine()), ct);
            stdout.WriteLine($"wrote {result.Examples.Count} labelled texts to {outFile}: {result.FromHuman} with human labels, {result.FromJudge} with judge labels only");
            stdout.WriteLine($"{result.Overridden} judge labels overridden by human labels, {result.Conflicts} conflicting labels left out, {result.Skipped} false-negative labels skipped (no category)");
            return 0;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            stderr.WriteLine($"guardrail feedback export: the audit store cannot be read ({ex.GetType().Name}: {ex.Message})");
            return 2;
        }
        finally
        {
            switch (store)
            {
                case IAsyncDisposable a: await a.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }
}
