using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Testing.Hosting;
using Ezrouter.Testing.Replay;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Recording;

/// <summary>
/// Record mode: forwards each request to the upstream gateway, streams the answer back as it
/// arrives, and writes the exchange as a redacted cassette.
/// </summary>
internal sealed class RecordingProxy : IDisposable
{
    private readonly RecordingOptions options;
    private readonly RequestLog log;
    private readonly HttpClient upstream;
    private readonly List<Cassette> recorded = [];
    private readonly object gate = new();
    private int sequence;

    public RecordingProxy(RecordingOptions options, RequestLog log)
    {
        this.options = options;
        this.log = log;
        upstream = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            Timeout = options.UpstreamTimeout,
        };
        Directory.CreateDirectory(options.OutputDirectory);
    }

    public IReadOnlyList<Cassette> Recorded
    {
        get
        {
            lock (gate)
            {
                return recorded.ToArray();
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var request = RequestSnapshot.From(context.Request, body);
        var redactor = new SecretRedactor([options.ApiKey, .. SecretRedactor.CredentialsIn(request.Headers)]);
        var name = ReserveName(request);
        var receivedAt = DateTimeOffset.UtcNow;
        string? saved = null;
        try
        {
            saved = await ExchangeAsync(context, request, body, name, redactor, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            log.Add(new RecordedRequest(
                request.Method,
                request.Path,
                request.Query,
                redactor.RedactHeaders(request.Headers),
                redactor.RedactText(Encoding.UTF8.GetString(body)),
                saved,
                saved is null ? null : 0,
                receivedAt));
        }
    }

    public void Dispose() => upstream.Dispose();

    /// <summary>Forwards one request, relays the answer and saves the cassette; returns its name, or null when nothing was saved.</summary>
    private async Task<string?> ExchangeAsync(
        HttpContext context, RequestSnapshot request, byte[] body, string name, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        using var upstreamRequest = ProxyMessages.ToUpstream(options, request, body);
        HttpResponseMessage upstreamResponse;
        try
        {
            upstreamResponse = await upstream.SendAsync(upstreamRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await ReplayWriter.WriteErrorAsync(
                context,
                StatusCodes.Status502BadGateway,
                "upstream-error",
                "recorded_gateway_upstream_error",
                $"recorded gateway (record mode): upstream request failed: {redactor.RedactText(ex.Message)}",
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ReplayWriter.WriteErrorAsync(
                context,
                StatusCodes.Status504GatewayTimeout,
                "upstream-error",
                "recorded_gateway_upstream_error",
                $"recorded gateway (record mode): no upstream answer within {options.UpstreamTimeout}",
                cancellationToken).ConfigureAwait(false);
            return null;
        }

        using (upstreamResponse)
        {
            var headers = ProxyMessages.CopyBack(upstreamResponse, context.Response);
            var mediaType = upstreamResponse.Content.Headers.ContentType?.MediaType;
            var response = string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase)
                ? await ResponseRelay.RelayFramesAsync(upstreamResponse, context, redactor, cancellationToken).ConfigureAwait(false)
                : await ResponseRelay.RelayBodyAsync(upstreamResponse, context, redactor, cancellationToken).ConfigureAwait(false);

            var cassette = new Cassette
            {
                Name = name,
                Description = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Recorded {request.Method} {request.Path} -> {(int)upstreamResponse.StatusCode} from {options.UpstreamBaseUrl.GetLeftPart(UriPartial.Authority)}."),
                Source = new CassetteSource
                {
                    Kind = CassetteSource.Recorded,
                    From = "live gateway " + options.UpstreamBaseUrl.GetLeftPart(UriPartial.Authority),
                    Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                Interactions =
                [
                    new CassetteInteraction
                    {
                        Request = RecordedMatcher.For(request, redactor),
                        Response = new CassetteResponse
                        {
                            Status = (int)upstreamResponse.StatusCode,
                            Headers = redactor.RedactHeaders(headers),
                            Body = response.Body,
                            Json = response.Json,
                            Frames = response.Frames,
                            End = response.End,
                        },
                    },
                ],
            };
            await SaveAsync(cassette, redactor).ConfigureAwait(false);

            // The client sees the end (or the cut) only once the cassette is on disk.
            if (response.End == CassetteEnd.Abort)
            {
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(ReplayWriter.AbortGraceMs, cancellationToken).ConfigureAwait(false);
                context.Abort();
            }

            return cassette.Name;
        }
    }

    private string ReserveName(RequestSnapshot request)
    {
        if (request.Headers.TryGetValue(CassetteMatcher.CassetteHeader, out var requested) && requested.Length > 0)
        {
            return requested;
        }

        var slug = new string(request.Path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        lock (gate)
        {
            while (true)
            {
                var name = string.Create(
                    CultureInfo.InvariantCulture,
                    $"rec-{++sequence:D3}-{request.Method.ToLowerInvariant()}-{slug}");
                if (!File.Exists(PathFor(name)))
                {
                    return name;
                }
            }
        }
    }

    private string PathFor(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var file = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return Path.Combine(options.OutputDirectory, file + ".json");
    }

    private async Task SaveAsync(Cassette cassette, SecretRedactor redactor)
    {
        // Redaction already ran field by field; this pass catches anything serialization exposed.
        var text = redactor.RedactText(cassette.ToJson());
        var path = PathFor(cassette.Name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false)).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        lock (gate)
        {
            recorded.Add(cassette);
        }
    }
}
