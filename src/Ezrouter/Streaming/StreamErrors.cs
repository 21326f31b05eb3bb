using System;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Http;

namespace Ezrouter.Streaming;

/// <summary>Finds an error envelope the gateway wrote into an SSE body without <c>data:</c> (docs/gateway-behavior.md §10).</summary>
internal static class StreamErrors
{
    /// <summary>Attaches what arrived before the failure, so nothing received is lost.</summary>
    public static EzrouterException Fail(EzrouterException exception, Func<IParsable?> partial)
    {
        exception.PartialResponse = partial();
        return exception;
    }

    /// <summary>What is wrong with an event's data, naming the field when the JSON is readable up to it.</summary>
    public static string Describe(Exception e, ReadOnlySpan<byte> data)
    {
        if (e is not System.Text.Json.JsonException json) return "not readable";
        // The generated readers report a value of the wrong type with its offset from the start of the data.
        var field = json.BytePositionInLine is { } offset && json.LineNumber is null ? JsonLocation.PathAt(data, offset) : null;
        var what = json.Message.StartsWith("expected ", StringComparison.Ordinal) ? json.Message : "not JSON";
        return field is null ? what : $"{field}: {what}";
    }

    public static EzrouterErrorDetails? FindInTail(byte[] tail, CallScope context)
    {
        ReadOnlySpan<byte> span = tail;
        var start = span.LastIndexOf("{\"error\""u8);
        if (start < 0) return null;
        var candidate = span[start..].TrimEnd(" \t\r\n"u8);
        var details = ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails(), candidate, context.Secret);
        return details is null ? null : context.Merge(details) with { RawBody = ErrorBodyReader.RawText(candidate, context.Secret) };
    }
}
