using Guardrail.Audit;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>
/// <c>/guardrail/api</c> on the admin listener: list verdicts, fetch one, label one. Every request needs the API key;
/// errors are <c>{"error": {"code", "message"}}</c>. Neither keys nor texts are ever logged.
/// </summary>
internal sealed partial class AdminApi(AdminApiKey key, Guardrail.AspNetCore.Audit.AuditSchema schema, TimeProvider time, ILogger<AdminApi> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            var error = Authenticate(context) ?? await DispatchAsync(context);
            if (error is not null) await AdminResponses.WriteErrorAsync(context, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            LogStoreFailure(logger, ex);
            await AdminResponses.WriteErrorAsync(context, new AdminError(StatusCodes.Status500InternalServerError, "internal_error", "The audit store failed; see the server log."));
        }
    }

    private AdminError? Authenticate(HttpContext context)
    {
        switch (key.Check(context.Request))
        {
            case AdminKeyCheck.Valid:
                return null;
            case AdminKeyCheck.Disabled:
                return new AdminError(StatusCodes.Status401Unauthorized, "admin_api_disabled", key.ExplicitlyDisabled
                    ? "The admin API is disabled by configuration (Guardrail:Admin:Enabled is false)."
                    : "The admin API is disabled: no API key is configured (set Guardrail:Admin:ApiKey, the Guardrail__Admin__ApiKey environment variable, or serve --admin-api-key).");
            case AdminKeyCheck.Missing:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                LogRejected(logger, "missing", context.Connection.RemoteIpAddress?.ToString());
                return new AdminError(StatusCodes.Status401Unauthorized, "missing_api_key", $"Send the admin API key in the {AdminApiKey.HeaderName} header or as Authorization: Bearer.");
            default:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                LogRejected(logger, "wrong", context.Connection.RemoteIpAddress?.ToString());
                return new AdminError(StatusCodes.Status401Unauthorized, "invalid_api_key", "The admin API key is not valid.");
        }
    }

    private async Task<AdminError?> DispatchAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        var method = context.Request.Method;
        switch (segments)
        {
            case ["verdicts"]:
                return HttpMethods.IsGet(method) ? await ListAsync(context) : MethodNotAllowed(context, "GET");
            case ["verdicts", var id]:
                return HttpMethods.IsGet(method) ? await GetAsync(context, id) : MethodNotAllowed(context, "GET");
            case ["verdicts", var id, "labels"]:
                return HttpMethods.IsPost(method) ? await LabelAsync(context, id) : MethodNotAllowed(context, "POST");
            default:
                return new AdminError(StatusCodes.Status404NotFound, "not_found", "No such admin API endpoint; see /guardrail/api/verdicts.");
        }
    }

    private async Task<AdminError?> ListAsync(HttpContext context)
    {
        if (VerdictListQuery.TryParse(context.Request.Query, out var query) is { } error) return error;
        if (await ReadyStoreAsync(context) is not { } store) return NoStore();
        AuditPage page;
        try
        {
            page = await store.QueryAsync(query, context.RequestAborted);
        }
        catch (Exception ex) when (query.Cursor is not null && ex is FormatException or ArgumentException)
        {
            // Stores reject cursors they did not issue with FormatException or ArgumentException.
            return AdminError.BadRequest("invalid_cursor", "cursor is not one this API returned; pass the 'next' value of the previous page unchanged.");
        }
        await AdminResponses.WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Page(page));
        return null;
    }

    private async Task<AdminError?> GetAsync(HttpContext context, string id)
    {
        if (InvalidId(id) is { } error) return error;
        if (await ReadyStoreAsync(context) is not { } store) return NoStore();
        if (await store.GetAsync(id, context.RequestAborted) is not { } entry) return NotFound(id);
        await AdminResponses.WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Entry(entry));
        return null;
    }

    private async Task<AdminError?> LabelAsync(HttpContext context, string id)
    {
        if (InvalidId(id) is { } idError) return idError;
        var (kind, note, category, error) = await LabelRequest.ReadAsync(context.Request, context.RequestAborted);
        if (error is not null) return error;
        if (await ReadyStoreAsync(context) is not { } store) return NoStore();
        var label = new HumanLabel(id, kind, note, time.GetUtcNow()) { Category = category };
        if (!await store.AddLabelAsync(label, context.RequestAborted)) return NotFound(id);
        LogLabelled(logger, id, kind.ToWire());
        context.Response.Headers.Location = $"{context.Request.PathBase}/verdicts/{id}";
        await AdminResponses.WriteJsonAsync(context, StatusCodes.Status201Created, AdminJson.Label(label));
        return null;
    }

    private static IAuditStore? Store(HttpContext context) => context.RequestServices.GetService<IAuditStore>();

    // The audit writer creates the schema in the background after startup, so a reviewer who opens the UI first would
    // meet a database without tables ("no such table: verdicts", a 500): the API makes sure of it too (AuditSchema).
    private async Task<IAuditStore?> ReadyStoreAsync(HttpContext context)
    {
        if (Store(context) is not { } store) return null;
        await schema.EnsureAsync(store, context.RequestAborted);
        return store;
    }

    private static AdminError NoStore() => new(StatusCodes.Status503ServiceUnavailable, "audit_store_unavailable",
        "No audit store is configured, so there are no verdicts to show; enable the audit store (Guardrail.Storage) to use the admin API.");

    private static AdminError? InvalidId(string id) => VerdictId.IsValid(id) ? null : AdminError.BadRequest("invalid_id",
        "A verdict id is 'gr_' followed by 26 upper-case Crockford base-32 characters, e.g. gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1S.");

    private static AdminError NotFound(string id) => new(StatusCodes.Status404NotFound, "verdict_not_found", $"No stored verdict has id {id}.");

    private static AdminError MethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return new AdminError(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", $"Use {allow} here.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API request rejected: {Reason} API key (from {RemoteIp})")]
    private static partial void LogRejected(ILogger logger, string reason, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verdict {VerdictId} labelled {Label}")]
    private static partial void LogLabelled(ILogger logger, string verdictId, string label);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin API: the audit store failed")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception);
}
