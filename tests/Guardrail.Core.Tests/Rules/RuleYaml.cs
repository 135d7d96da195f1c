namespace Guardrail.Core.Tests.Rules;

/// <summary>Rule files used across tests; line numbers in assertions refer to these layouts.</summary>
internal static class RuleYaml
{
    /// <summary>A valid rule; line 3 is the condition, line 4 the action.</summary>
    public static string Valid(string id = "test.rule", string when = "{ regex: \"secret\" }", string action = "block") => $"""
        id: {id}
        description: A test rule.
        when: {when}
        action: {action}
        tests:
          - {"{"} text: "the secret is out", expect: match {"}"}
          - {"{"} text: "nothing here", expect: no-match {"}"}

        """;

    /// <summary>The valid e-mail redaction rule from the brief.</summary>
    public const string Email = """
        id: pii.email
        description: Email addresses.
        direction: response
        when: { pii: email }
        action: redact
        message: "An e-mail address was removed."
        mask: "[EMAIL]"
        tests:
          - { text: "Write to jane.doe@example.com", expect: match }
          - { text: "The @ sign", expect: no-match }

        """;
}
