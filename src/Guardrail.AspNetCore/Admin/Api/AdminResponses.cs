using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>An API failure the handler turns into <c>{"error": {"code", "message"}}</c> with its status.</summary>
internal sealed record AdminError(int Status, string Code, string Message)
{
    public static AdminError BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}

/// <summary>Writes the admin API's JSON answers.</summary>
internal static class AdminResponses
{
    public static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(WireJson.Serialize(body), Encoding.UTF8, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, AdminError error)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message },
        };
        return WriteJsonAsync(context, error.Status, body);
    }
}
