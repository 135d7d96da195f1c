using Guardrail.Storage.Sql;

namespace Guardrail.Storage.Sqlite;

/// <summary>The SQLite schema, step by step. Times are Unix milliseconds; JSON is text.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "verdicts and the findings index", """
            CREATE TABLE verdicts (
                id TEXT NOT NULL PRIMARY KEY,
                time_utc INTEGER NOT NULL,
                route TEXT NOT NULL,
                decision TEXT NOT NULL,
                policy TEXT NOT NULL,
                verdict TEXT NOT NULL,
                texts TEXT NOT NULL,
                text_mode TEXT NOT NULL
            );
            CREATE INDEX ix_verdicts_time ON verdicts (time_utc, id);
            CREATE INDEX ix_verdicts_route ON verdicts (route, time_utc, id);
            CREATE INDEX ix_verdicts_decision ON verdicts (decision, time_utc, id);
            CREATE TABLE findings (
                verdict_id TEXT NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                rule TEXT NOT NULL,
                category TEXT NOT NULL,
                PRIMARY KEY (verdict_id, rule, category)
            ) WITHOUT ROWID;
            CREATE INDEX ix_findings_rule ON findings (rule, verdict_id);
            CREATE INDEX ix_findings_category ON findings (category, verdict_id);
            """),
        new(2, "human labels", """
            CREATE TABLE labels (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                verdict_id TEXT NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                note TEXT,
                time_utc INTEGER NOT NULL
            );
            CREATE INDEX ix_labels_verdict ON labels (verdict_id, time_utc);
            """),
        new(3, "judge labels", """
            CREATE TABLE judge_labels (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                verdict_id TEXT NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                principle TEXT NOT NULL,
                violated INTEGER NOT NULL,
                severity TEXT NOT NULL,
                rationale TEXT NOT NULL,
                spans TEXT NOT NULL,
                judge TEXT NOT NULL,
                constitution TEXT NOT NULL,
                reason TEXT NOT NULL,
                time_utc INTEGER NOT NULL
            );
            CREATE INDEX ix_judge_labels_verdict ON judge_labels (verdict_id, time_utc);
            CREATE INDEX ix_judge_labels_time ON judge_labels (time_utc);
            """),
        new(4, "shadow model decisions", """
            CREATE TABLE shadow_decisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                verdict_id TEXT NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                shadow TEXT NOT NULL,
                live_decision TEXT NOT NULL,
                shadow_decision TEXT NOT NULL,
                findings TEXT NOT NULL,
                time_utc INTEGER NOT NULL
            );
            CREATE INDEX ix_shadow_verdict ON shadow_decisions (verdict_id, time_utc);
            """),
        new(5, "human labels name a category", """
            ALTER TABLE labels ADD COLUMN category TEXT;
            """),
    ];
}
