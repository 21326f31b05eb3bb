using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Testing.Replay;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Hosting;

/// <summary>
/// Enforces a <see cref="RateLimitTier"/> the way EzAI does: requests per fixed window and requests in flight, the six
/// rate-limit headers on every answer, and 429 with <c>Retry-After</c> for a request past either limit (not counted,
/// not answered from its cassette). Thread-safe.
/// </summary>
internal sealed class TierGate
{
    /// <summary>The diagnostic header value of a refusal.</summary>
    public const string RefusedDiagnostic = "tier-429";

    private readonly object gate = new();
    private readonly RateLimitTier tier;
    private readonly TimeSpan window;
    private long windowIndex = long.MinValue;
    private int admittedInWindow;
    private int inFlight;

    public TierGate(RateLimitTier tier, TimeSpan window)
    {
        this.tier = tier;
        this.window = window;
    }

    /// <summary>Admits the request, or says why not; an admitted one holds its slot until the ticket is disposed.</summary>
    public Admission Admit(DateTimeOffset now)
    {
        lock (gate)
        {
            var index = now.UtcTicks / window.Ticks;
            if (index != windowIndex)
            {
                windowIndex = index;
                admittedInWindow = 0;
            }

            var reset = new DateTimeOffset((index + 1) * window.Ticks, TimeSpan.Zero);
            if (inFlight >= tier.ConcurrentRequests)
            {
                // Nothing says when a slot frees up: a second is a fair guess.
                return Refused(reset, 1, $"Concurrent request limit exceeded: {tier.ConcurrentRequests} at a time (tier {tier.Name})");
            }

            if (admittedInWindow >= tier.RequestsPerWindow)
            {
                var seconds = (int)Math.Max(1, Math.Ceiling((reset - now).TotalSeconds));
                return Refused(reset, seconds, $"Rate limit exceeded: {tier.RequestsPerWindow} requests per {Describe(window)} (tier {tier.Name})");
            }

            admittedInWindow++;
            inFlight++;
            return new Admission(new Ticket(this), tier.RequestsPerWindow - admittedInWindow, tier.ConcurrentRequests - inFlight, reset, 0, null);
        }
    }

    private Admission Refused(DateTimeOffset reset, int retryAfterSeconds, string message) =>
        new(null, tier.RequestsPerWindow - admittedInWindow, tier.ConcurrentRequests - inFlight, reset, retryAfterSeconds, message);

    /// <summary>
    /// Puts the tier's headers on the answer just before it starts, and gives the slot back just before the answer's
    /// last byte is written: a client that read the whole answer and sends again at once must find the slot free,
    /// as it would at the real gateway, however the two threads race here.
    /// </summary>
    public void Attach(HttpContext context, Admission admission, CassetteResponse? answer)
    {
        context.Response.OnStarting(() =>
        {
            WriteHeaders(context.Response, admission);
            return Task.CompletedTask;
        });
        var bytes = answer is null ? 0
            : answer.Frames is { } frames ? frames.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Data))
            : ReplayWriter.BodyBytes(answer).Length;
        if (bytes == 0)
        {
            // Nothing but the headers: released as they go out.
            context.Response.OnStarting(() =>
            {
                admission.Ticket?.Dispose();
                return Task.CompletedTask;
            });
            return;
        }

        context.Response.Body = new ReleasingBody(context.Response.Body, bytes, () => admission.Ticket?.Dispose());
    }

    /// <summary>Answers a refused request: 429, <c>Retry-After</c>, the headers, and EzAI's error body.</summary>
    public async Task RefuseAsync(HttpContext context, Admission admission, CancellationToken cancellationToken)
    {
        var http = context.Response;
        http.StatusCode = StatusCodes.Status429TooManyRequests;
        http.ContentType = "application/json";
        http.Headers[ReplayWriter.DiagnosticHeader] = RefusedDiagnostic;
        http.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        WriteHeaders(http, admission);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // EzAI's error shape (Anthropic's), on both surfaces.
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteStartObject("error");
            writer.WriteString("type", "rate_limit_error");
            writer.WriteString("message", admission.Refusal);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        http.ContentLength = buffer.Length;
        await http.Body.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private void WriteHeaders(HttpResponse http, Admission admission)
    {
        http.Headers["x-ratelimit-tier"] = tier.Name;
        http.Headers["x-ratelimit-limit-requests"] = Text(tier.RequestsPerWindow);
        http.Headers["x-ratelimit-remaining-requests"] = Text(admission.RemainingRequests);
        http.Headers["x-ratelimit-reset-requests"] = admission.Reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        http.Headers["x-concurrent-limit"] = Text(tier.ConcurrentRequests);
        http.Headers["x-concurrent-remaining"] = Text(admission.ConcurrentRemaining);
    }

    private void Release()
    {
        lock (gate)
        {
            inFlight--;
        }
    }

    private static string Text(int value) => Math.Max(0, value).ToString(CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute" : window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>What <see cref="Admit"/> decided: a ticket when admitted, else the refusal and its wait.</summary>
    public sealed record Admission(IDisposable? Ticket, int RemainingRequests, int ConcurrentRemaining, DateTimeOffset Reset, int RetryAfterSeconds, string? Refusal)
    {
        public bool Admitted => Ticket is not null;
    }

    private sealed class Ticket(TierGate owner) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
