using Guardrail.Storage.Sql;

namespace Guardrail.Storage.Postgres;

/// <summary>The PostgreSQL schema, step by step, in the connection's search path (normally <c>public</c>).</summary>
internal static class PostgresMigrations
{
    // json, not jsonb: it keeps any text the exchange had (jsonb refuses \u0000), and nothing queries inside it.
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "verdicts and the findings index", """
            CREATE TABLE verdicts (
                id text PRIMARY KEY,
                time_utc timestamptz NOT NULL,
                route text NOT NULL,
                decision text NOT NULL,
                policy text NOT NULL,
                verdict json NOT NULL,
                texts json NOT NULL,
                text_mode text NOT NULL
            );
            CREATE INDEX ix_verdicts_time ON verdicts (time_utc, id);
            CREATE INDEX ix_verdicts_route ON verdicts (route, time_utc, id);
            CREATE INDEX ix_verdicts_decision ON verdicts (decision, time_utc, id);
            CREATE TABLE findings (
                verdict_id text NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                rule text NOT NULL,
                category text NOT NULL,
                PRIMARY KEY (verdict_id, rule, category)
            );
            CREATE INDEX ix_findings_rule ON findings (rule, verdict_id);
            CREATE INDEX ix_findings_category ON findings (category, verdict_id);
            """),
        new(2, "human labels", """
            CREATE TABLE labels (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                verdict_id text NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                kind text NOT NULL,
                note text,
                time_utc timestamptz NOT NULL
            );
            CREATE INDEX ix_labels_verdict ON labels (verdict_id, time_utc);
            """),
        new(3, "judge labels", """
            CREATE TABLE judge_labels (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                verdict_id text NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                principle text NOT NULL,
                violated boolean NOT NULL,
                severity text NOT NULL,
                rationale text NOT NULL,
                spans json NOT NULL,
                judge text NOT NULL,
                constitution text NOT NULL,
                reason text NOT NULL,
                time_utc timestamptz NOT NULL
            );
            CREATE INDEX ix_judge_labels_verdict ON judge_labels (verdict_id, time_utc);
            CREATE INDEX ix_judge_labels_time ON judge_labels (time_utc);
            """),
        new(4, "judge queue shared by replicas", """
            CREATE TABLE judge_queue (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                work json NOT NULL,
                queued_utc timestamptz NOT NULL DEFAULT now()
            );
            """),
        new(5, "shadow model decisions", """
            CREATE TABLE shadow_decisions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                verdict_id text NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
                shadow text NOT NULL,
                live_decision text NOT NULL,
                shadow_decision text NOT NULL,
                findings json NOT NULL,
                time_utc timestamptz NOT NULL
            );
            CREATE INDEX ix_shadow_verdict ON shadow_decisions (verdict_id, time_utc);
            """),
        new(6, "human labels name a category", """
            ALTER TABLE labels ADD COLUMN category text;
            """),
    ];
}
