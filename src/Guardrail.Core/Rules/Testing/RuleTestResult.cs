namespace Guardrail.Rules.Testing;

/// <summary>The outcome of one embedded rule test case.</summary>
/// <param name="RuleId">The rule under test.</param>
/// <param name="File">The rule's file, relative to the rules folder.</param>
/// <param name="Line">The case's line in that file.</param>
/// <param name="Text">The case's input text.</param>
/// <param name="Expected">What the case expects.</param>
/// <param name="Actual">What the rule did.</param>
/// <param name="Passed">True when they agree.</param>
public sealed record RuleTestResult(
    string RuleId, string File, int Line, string Text, RuleExpectation Expected, RuleExpectation Actual, bool Passed);
