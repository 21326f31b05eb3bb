using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Replay;

/// <summary>Writes a cassette response to the socket: headers, then the body or frames, then the end.</summary>
internal static class ReplayWriter
{
    /// <summary>Diagnostic response header naming the cassette and interaction, or <c>no-match</c>.</summary>
    public const string DiagnosticHeader = "X-Recorded-Gateway";

    /// <summary>Pause between the last flushed byte and the reset.</summary>
    public const int AbortGraceMs = 100;

    private static readonly HashSet<string> ComputedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
    };

    public static async Task WriteAsync(HttpContext context, Cassette cassette, int index, CancellationToken cancellationToken)
    {
        var response = cassette.Interactions[index].Response;
        if (response.DelayMs > 0)
        {
            await Task.Delay(response.DelayMs, cancellationToken).ConfigureAwait(false);
        }

        var http = context.Response;
        http.StatusCode = response.Status;
        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                if (!ComputedHeaders.Contains(name))
                {
                    http.Headers[name] = value;
                }
            }
        }

        http.Headers[DiagnosticHeader] = cassette.Name + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        if (response.Frames is { } frames)
        {
            // Headers go out at once, as the gateway flushes them before the upstream answers.
            await http.StartAsync(cancellationToken).ConfigureAwait(false);
            await http.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            foreach (var frame in frames)
            {
                if (frame.DelayMs > 0)
                {
                    await Task.Delay(frame.DelayMs, cancellationToken).ConfigureAwait(false);
                }

                await http.Body.WriteAsync(Encoding.UTF8.GetBytes(frame.Data), cancellationToken).ConfigureAwait(false);
                await http.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var bytes = BodyBytes(response);
            if (response.End == CassetteEnd.Close)
            {
                http.ContentLength = bytes.Length;
            }

            if (bytes.Length > 0)
            {
                await http.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        if (response.End == CassetteEnd.Abort)
        {
            await http.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

            // Abort discards output Kestrel has not yet handed to the socket: let the bytes reach the client first.
            await Task.Delay(AbortGraceMs, cancellationToken).ConfigureAwait(false);
            context.Abort();
        }
    }

    /// <summary>The exact bytes a non-streamed response body is written as.</summary>
    public static byte[] BodyBytes(CassetteResponse response)
    {
        if (response.Body is { } body)
        {
            return Encoding.UTF8.GetBytes(body);
        }

        if (response.Json is { } json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, CassetteJsonContext.CompactWriter))
            {
                json.WriteTo(writer);
            }

            return buffer.ToArray();
        }

        return [];
    }

    public static Task WriteNoMatchAsync(HttpContext context, string diagnostic, CancellationToken cancellationToken) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, "no-match", "recorded_gateway_no_match", diagnostic, cancellationToken);

    /// <summary>Writes the recorded gateway's own error, in the gateway's Shape O so clients parse it like any other.</summary>
    public static async Task WriteErrorAsync(
        HttpContext context, int status, string diagnostic, string type, string message, CancellationToken cancellationToken)
    {
        var http = context.Response;
        http.StatusCode = status;
        http.ContentType = "application/json; charset=utf-8";
        http.Headers[DiagnosticHeader] = diagnostic;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CassetteJsonContext.CompactWriter))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteNull("code");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        http.ContentLength = buffer.Length;
        await http.Body.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
