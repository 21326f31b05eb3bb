using NJsonSchema;
using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// One gateway surface: its spec, and the URL prefix the gateway serves it under (<c>/anthropic</c> for the
/// Anthropic spec, whose paths start at its server URL <c>https://www.ezrouter.dev/anthropic</c>).
/// </summary>
public sealed class SpecSurface
{
    /// <summary>A surface whose operations live under <paramref name="prefix"/> on the gateway.</summary>
    public SpecSurface(string name, string prefix, SpecSchemaValidator validator)
    {
        Name = name;
        Prefix = prefix;
        Validator = validator;
    }

    /// <summary><c>openai</c> or <c>anthropic</c>.</summary>
    public string Name { get; }

    /// <summary>The gateway path prefix ("" or <c>/anthropic</c>).</summary>
    public string Prefix { get; }

    /// <summary>The validator over this surface's document.</summary>
    public SpecSchemaValidator Validator { get; }

    /// <summary>The error envelope every error response of this surface documents.</summary>
    public JsonSchema ErrorSchema => Validator.Component("ErrorResponse");

    /// <summary>The spec path of a gateway path (the prefix stripped), e.g. <c>/anthropic/v1/messages</c> → <c>/v1/messages</c>.</summary>
    public string SpecPath(string gatewayPath) => gatewayPath[Prefix.Length..];

    /// <summary>The operation for a method and gateway path; null when the spec does not define it.</summary>
    public OpenApiOperation? Operation(string method, string gatewayPath)
    {
        if (!Validator.Document.Paths.TryGetValue(SpecPath(gatewayPath), out var item)) return null;
        return item.ActualPathItem.FirstOrDefault(o => string.Equals(o.Key, method, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The schema of the operation's JSON request body; null when it has none.</summary>
    public static JsonSchema? RequestSchema(OpenApiOperation operation) =>
        operation.ActualRequestBody?.Content.TryGetValue("application/json", out var media) == true ? media.Schema : null;

    /// <summary>
    /// The schema a response body must match: the exact status, else its range (<c>2XX</c>), else <c>default</c>; in
    /// the given media type (<c>application/json</c> or, for one SSE <c>data:</c> payload, <c>text/event-stream</c>).
    /// </summary>
    public static JsonSchema? ResponseSchema(OpenApiOperation operation, int status, string mediaType) =>
        Lookup(operation, mediaType, status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status / 100}XX", "default");

    /// <summary>
    /// The error envelope of a failed response: for 4xx/5xx as <see cref="ResponseSchema"/> finds it; for an error sent
    /// with a 2xx status, the operation's <c>default</c> response.
    /// </summary>
    public static JsonSchema? ErrorResponseSchema(OpenApiOperation operation, int status) =>
        status >= 400 ? ResponseSchema(operation, status, "application/json") : Lookup(operation, "application/json", "default");

    private static JsonSchema? Lookup(OpenApiOperation operation, string mediaType, params string[] keys)
    {
        var key = keys.FirstOrDefault(operation.Responses.ContainsKey);
        if (key is null) return null;
        return operation.Responses[key].ActualResponse.Content.TryGetValue(mediaType, out var media) ? media.Schema : null;
    }
}
