using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Cli;

/// <summary>
/// The --json contract. Success: <c>{"response": &lt;wire JSON&gt;, "request_id": ..., "gateway_version": ...}</c>.
/// Failure: <c>{"error": {"outcome", "exception", "status", "type", "code", "message", "request_id"}, "partial": &lt;wire JSON or null&gt;}</c>.
/// <c>error.message</c> is the gateway's own message (<see cref="EzrouterException.GatewayMessage"/>: the request-id
/// suffixes removed, the key redacted), or null when the body had none; status, type, code and request id have their
/// own fields. The one-line human summary, all of them together, goes to stderr.
/// The wire JSON is the generated model as the SDK serializes it: the gateway's own field names. Strings are written
/// with relaxed escaping (<c>'</c>, <c>+</c>, non-ASCII letters as themselves; <c>"</c> as <c>\"</c>): still valid
/// JSON, but readable. The output is only ever written to stdout as UTF-8, never embedded in HTML.
/// When the gateway sent rate-limit headers (EzAI does on every answer), both objects also carry
/// <c>"rate_limit": {"tier", "limit_requests", "remaining_requests", "reset_requests", "concurrent_limit", "concurrent_remaining"}</c>
/// (each null when its header was missing or unreadable; <c>reset_requests</c> an ISO 8601 UTC instant); without
/// them the key is absent, so existing readers see the same objects as before.
/// </summary>
public static class CliJson
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Success(IParsable response, EzrouterResponseInfo? info) => Write(json =>
    {
        json.WriteStartObject();
        json.WritePropertyName("response");
        WriteWire(json, response);
        WriteNullable(json, "request_id", info?.RequestId);
        WriteNullable(json, "gateway_version", info?.GatewayVersion);
        WriteRateLimit(json, info?.RateLimit);
        json.WriteEndObject();
    });

    /// <summary><c>count-tokens --json</c>: <c>{"input_tokens": N}</c>, with <c>rate_limit</c> when the gateway sent it.</summary>
    public static string TokenCount(int inputTokens, EzrouterResponseInfo? info) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("input_tokens", inputTokens);
        WriteRateLimit(json, info?.RateLimit);
        json.WriteEndObject();
    });

    public static string Failure(EzrouterException error) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("outcome", Outcome(error));
        json.WriteString("exception", error.GetType().Name);
        if (error.StatusCode == 0) json.WriteNull("status"); else json.WriteNumber("status", error.StatusCode);
        WriteNullable(json, "type", error.ErrorType);
        WriteNullable(json, "code", error.ErrorCode);
        WriteNullable(json, "message", error.GatewayMessage);
        WriteNullable(json, "request_id", error.RequestId);
        json.WriteEndObject();
        json.WritePropertyName("partial");
        if (error.PartialResponse is { } partial) WriteWire(json, partial);
        else json.WriteNullValue();
        WriteRateLimit(json, error.RateLimit);
        json.WriteEndObject();
    });

    /// <summary>A failure that is not a gateway error: the same shape, with nulls where the gateway said nothing.</summary>
    public static string Failure(Exception error)
    {
        if (error is EzrouterException gateway) return Failure(gateway);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("outcome", "error");
            json.WriteString("exception", error.GetType().Name);
            json.WriteNull("status");
            json.WriteNull("type");
            json.WriteNull("code");
            json.WriteString("message", error.Message.Replace('\r', ' ').Replace('\n', ' '));
            json.WriteNull("request_id");
            json.WriteEndObject();
            json.WriteNull("partial");
            json.WriteEndObject();
        });
    }

    /// <summary>"truncated", "timeout" or "error".</summary>
    public static string Outcome(EzrouterException error) => error switch
    {
        EzrouterStreamTruncatedException => "truncated",
        EzrouterTimeoutException => "timeout",
        _ => "error",
    };

    /// <summary>The human one-liner for stderr.</summary>
    public static string OneLine(EzrouterException error) => error.Message.Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>The model as the SDK serializes it (Kiota's writer, strict escaping).</summary>
    public static string Wire(IParsable value)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, value);
        using var reader = new StreamReader(writer.GetSerializedContent(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>JSON text re-written compact, with relaxed escaping.</summary>
    public static string Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Readable(document.RootElement);
    }

    public static string Readable(JsonElement element) => Write(element.WriteTo);

    // Kiota's writer escapes with the default encoder; the document is re-written so the relaxed one applies.
    private static void WriteWire(Utf8JsonWriter json, IParsable value)
    {
        using var document = JsonDocument.Parse(Wire(value));
        document.RootElement.WriteTo(json);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed)) write(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRateLimit(Utf8JsonWriter json, EzrouterRateLimit? limit)
    {
        if (limit is null) return;
        json.WriteStartObject("rate_limit");
        WriteNullable(json, "tier", limit.Tier);
        WriteNullable(json, "limit_requests", limit.LimitRequests);
        WriteNullable(json, "remaining_requests", limit.RemainingRequests);
        WriteNullable(json, "reset_requests", limit.ResetRequests?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        WriteNullable(json, "concurrent_limit", limit.ConcurrentLimit);
        WriteNullable(json, "concurrent_remaining", limit.ConcurrentRemaining);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteNumber(name, value.Value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
