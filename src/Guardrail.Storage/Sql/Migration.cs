namespace Guardrail.Storage.Sql;

/// <summary>One schema step: applied once, in order of <see cref="Version"/>, recorded in <c>schema_version</c>.</summary>
/// <param name="Version">1, 2, …; never reused or edited once shipped.</param>
/// <param name="Description">What the step adds.</param>
/// <param name="Sql">The statements (one batch).</param>
internal sealed record Migration(int Version, string Description, string Sql);
