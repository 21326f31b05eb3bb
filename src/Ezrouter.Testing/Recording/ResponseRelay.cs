using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Recording;

/// <summary>Copies an upstream body to the client as it arrives and captures it for the cassette.</summary>
internal static class ResponseRelay
{
    public static async Task<RelayedBody> RelayFramesAsync(
        HttpResponseMessage upstreamResponse, HttpContext context, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        var splitter = new SseFrameSplitter();
        var frames = new List<(List<byte> Bytes, long DelayMs)>();
        var previous = 0L;
        var end = CassetteEnd.Close;
        var chunk = new byte[16 * 1024];
        using (var stream = await upstreamResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The upstream cut the stream: replay it as a reset too.
                    end = CassetteEnd.Abort;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                await context.Response.Body.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

                var now = clock.ElapsedMilliseconds;
                var (tail, completed) = splitter.Push(chunk.AsSpan(0, read));
                if (tail.Length > 0 && frames.Count > 0)
                {
                    frames[^1].Bytes.AddRange(tail);
                }

                foreach (var frame in completed)
                {
                    frames.Add((new List<byte>(frame), now - previous));
                    previous = now;
                }
            }
        }

        if (splitter.Flush() is { } rest)
        {
            frames.Add((new List<byte>(rest), clock.ElapsedMilliseconds - previous));
        }

        return new RelayedBody(
            null,
            null,
            frames.Select(f => new CassetteFrame
            {
                Data = redactor.RedactText(Encoding.UTF8.GetString(f.Bytes.ToArray())),
                DelayMs = (int)Math.Min(f.DelayMs, int.MaxValue),
            }).ToArray(),
            end);
    }

    public static async Task<RelayedBody> RelayBodyAsync(
        HttpResponseMessage upstreamResponse, HttpContext context, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        using var captured = new MemoryStream();
        var end = CassetteEnd.Close;
        var chunk = new byte[16 * 1024];
        using (var stream = await upstreamResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    end = CassetteEnd.Abort;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                captured.Write(chunk, 0, read);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        var text = redactor.RedactText(Encoding.UTF8.GetString(captured.ToArray()));
        return RecordedMatcher.AsJsonIfExact(text) is { } json
            ? new RelayedBody(null, json, null, end)
            : new RelayedBody(text, null, null, end);
    }
}
