using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Audit;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>Reads the body of <c>POST /guardrail/api/verdicts/{id}/labels</c>: <c>{"label": "...", "note": "...", "category": "..."}</c>.</summary>
internal static class LabelRequest
{
    public const int MaxNoteLength = 2000;

    // A note of 2,000 characters is at most ~8 KB of UTF-8 once escaped; anything far past that is not a label.
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<(LabelKind Kind, string? Note, string? Category, AdminError? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(new AdminError(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send the label as application/json."));
        }
        if (request.ContentLength > MaxBodyBytes) return Fail(TooLarge());

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return Fail(TooLarge());
            buffer.Write(chunk, 0, read);
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null) return Fail(AdminError.BadRequest("invalid_body", "The body must be a JSON object: {\"label\": \"correct\" | \"false-positive\" | \"false-negative\", \"note\": \"...\"}."));

        foreach (var (name, _) in body)
        {
            if (name is not ("label" or "note" or "category")) return Fail(AdminError.BadRequest("invalid_body", $"Unknown field '{(name.Length > 40 ? name[..40] + "…" : name)}'; known: label, note, category."));
        }
        var label = body["label"] is JsonValue lv && lv.TryGetValue<string>(out var ls) ? ls : null;
        if (!LabelWire.TryParse(label, out var kind))
        {
            return Fail(AdminError.BadRequest("invalid_label", "label must be one of correct, false-positive, false-negative."));
        }
        string? note = null;
        if (body["note"] is { } noteNode)
        {
            if (noteNode is not JsonValue nv || !nv.TryGetValue(out note))
            {
                return Fail(AdminError.BadRequest("invalid_note", "note must be a string."));
            }
            note = note.Trim();
            if (note.Length > MaxNoteLength) return Fail(AdminError.BadRequest("note_too_long", $"note must be at most {MaxNoteLength} characters (it has {note.Length})."));
            if (note.Length == 0) note = null;
        }
        string? category = null;
        if (body["category"] is { } categoryNode)
        {
            // A bounded label value: it becomes a training category, so it must look like one.
            if (categoryNode is not JsonValue cv || !cv.TryGetValue(out category) || !System.Text.RegularExpressions.Regex.IsMatch(category, "^[a-z0-9][a-z0-9-]{0,39}$"))
            {
                return Fail(AdminError.BadRequest("invalid_category", "category must be a category name such as insult or injection (lowercase letters, digits, dashes)."));
            }
        }
        return (kind, note, category, null);
    }

    private static AdminError TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body must be at most {MaxBodyBytes} bytes.");

    private static (LabelKind, string?, string?, AdminError?) Fail(AdminError error) => (default, null, null, error);
}
