using System.Text.Json;
using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// Decides which schema of which spec a recorded body must match, and checks it: request bodies against the
/// operation's request schema; 2xx JSON against the operation's <c>200 application/json</c> schema; each SSE
/// <c>data:</c> payload against its <c>text/event-stream</c> schema; error bodies against the <c>default</c> error
/// envelope. Operations are found by method and path (the <c>/anthropic</c> prefix stripped for the Anthropic spec).
/// </summary>
public sealed class BodyConformance
{
    private readonly GatewaySpecs _specs;

    /// <summary>Checks against these specs.</summary>
    public BodyConformance(GatewaySpecs specs) => _specs = specs;

    /// <summary>Checks one piece of a recorded response.</summary>
    public BodyCheck CheckResponse(CassetteBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Kind == CassetteBodyKind.Skipped) return BodyCheck.Skip(body.Where, body.SkipReason ?? "not JSON");
        if (body.Kind == CassetteBodyKind.SseData && body.Text == "[DONE]") return BodyCheck.Skip(body.Where, "the [DONE] sentinel");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Text);
        }
        catch (JsonException e)
        {
            return new BodyCheck(body.Where, "JSON", [new SchemaViolation("$", $"not JSON: {e.Message}")]);
        }

        using (document)
        {
            var json = document.RootElement;
            var surface = _specs.SurfaceOf(body.Path);
            var operation = surface.Operation(body.Method, body.Path);
            var success = body.Status is >= 200 and < 300;

            // Gateway: an error written into a 200 stream without "data:" is an error envelope
            // (docs/gateway-behavior.md §10), and a non-stream upstream's error object is relayed with HTTP 200
            // (openai.yaml, createChatCompletion).
            if (!success || body.Kind == CassetteBodyKind.BareJsonLine || (body.Kind == CassetteBodyKind.Json && IsErrorEnvelope(json)))
                return CheckError(body, json, surface, operation);

            if (operation is null)
                return new BodyCheck(body.Where, "the spec", [new SchemaViolation("$", $"{body.Method} {surface.SpecPath(body.Path)} is not in {surface.Name}.yaml")]);

            var mediaType = body.Kind == CassetteBodyKind.SseData ? "text/event-stream" : "application/json";
            var schema = SpecSurface.ResponseSchema(operation, body.Status, mediaType);
            var against = $"{surface.Name}.yaml {operation.OperationId} {body.Status} {mediaType}";
            if (schema is null)
                return new BodyCheck(body.Where, against, [new SchemaViolation("$", "the spec documents no such response")]);

            var violations = surface.Validator.Validate(body.Text, schema).ToList();
            if (body.EventName is { } name && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() != name)
            {
                // Spec: anthropic.yaml createMessage 200 — "the JSON is one MessageStreamEvent whose type equals the event name".
                violations.Add(new SchemaViolation("$.type", $"'{type.GetString()}' differs from the SSE event name '{name}'"));
            }
            return new BodyCheck(body.Where, against, violations);
        }
    }

    /// <summary>Checks a request body a client sent to <paramref name="method"/> <paramref name="path"/>.</summary>
    public BodyCheck CheckRequest(string where, string method, string path, string body)
    {
        if (string.IsNullOrEmpty(body)) return BodyCheck.Skip(where, "no request body");
        var surface = _specs.SurfaceOf(path);
        var operation = surface.Operation(method, path);
        if (operation is null) return BodyCheck.Skip(where, $"{method} {surface.SpecPath(path)} is not in {surface.Name}.yaml, so it has no request schema");
        var schema = SpecSurface.RequestSchema(operation);
        var against = $"{surface.Name}.yaml {operation.OperationId} request";
        if (schema is null) return new BodyCheck(where, against, [new SchemaViolation("$", "the spec documents no JSON request body")]);
        return new BodyCheck(where, against, surface.Validator.Validate(body, schema));
    }

    private BodyCheck CheckError(CassetteBody body, JsonElement json, SpecSurface surface, OpenApiOperation? operation)
    {
        // The operation's default response, or, for a path the spec does not define (a 404 "Invalid URL"), the
        // surface's own envelope.
        var schema = (operation is null ? null : SpecSurface.ErrorResponseSchema(operation, body.Status)) ?? surface.ErrorSchema;
        // anthropic.yaml's ErrorResponse itself accepts both envelopes the surface sends (docs/gateway-behavior.md §2).
        var violations = surface.Validator.Validate(body.Text, schema).ToList();
        // openai.yaml's ErrorResponse.error is free-form (a string, or an ErrorDetail object; the spec says why), so
        // an object there is checked against ErrorDetail here, with its paths under $.error.
        if (surface.Name == "openai" && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            violations.AddRange(surface.Validator.Validate(error.GetRawText(), "ErrorDetail").Select(v => v with { Path = "$.error" + v.Path[1..] }));
        return new BodyCheck(body.Where, $"{surface.Name}.yaml ErrorResponse", violations);
    }

    private static bool IsErrorEnvelope(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object;
}
