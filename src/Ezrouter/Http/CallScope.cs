using System;
using System.Net.Http;
using System.Threading;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Diagnostics;
using Ezrouter.Middleware;

namespace Ezrouter.Http;

/// <summary>
/// One call's limits, in one place: the caller's tokens, the total limit over the whole call (every attempt, every
/// backoff, the whole stream), the idle limit between stream events, the first-byte limit of each attempt, and what
/// the call knows for its errors (the response's metadata, the key to redact). Its <see cref="Token"/> is the one
/// token the call is sent and read with, and <see cref="Fired"/> says which limit cut it (null: the caller cancelled
/// or nothing did). It rides in the request's options, so every handler, stream reader and aggregation reads the
/// same one: <see cref="EzrouterClient"/>'s calls create it before sending; on a plain Kiota pipeline
/// <see cref="TotalTimeoutHandler"/> does.
/// </summary>
internal sealed class CallScope : IRequestOption, IDisposable
{
    private static readonly HttpRequestOptionsKey<CallScope> Key = new(typeof(CallScope).FullName!);
    private const int NoneFired = 0;
    private const int TotalFired = 1;
    private const int IdleFired = 2;

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _first;
    private readonly CancellationToken _second;
    private readonly ITimer? _totalTimer;
    private int _fired;

    /// <param name="limits">The call's limits (not copied: callers pass a snapshot).</param>
    /// <param name="time">The clock the limits run on.</param>
    /// <param name="info">Where the response's metadata is recorded.</param>
    /// <param name="secret">The API key, redacted from anything an error keeps.</param>
    /// <param name="first">The caller's token (e.g. the one given when a stream was created).</param>
    /// <param name="second">A second caller token (e.g. the one given to <c>GetAsyncEnumerator</c>), or none.</param>
    /// <param name="bounds">The memory bounds (not copied); null: the defaults.</param>
    public CallScope(EzrouterTimeouts limits, TimeProvider time, EzrouterResponseInfo info, string? secret, CancellationToken first, CancellationToken second = default, EzrouterLimits? bounds = null)
    {
        Limits = limits;
        Bounds = bounds ?? EzrouterLimits.Default;
        Time = time;
        Info = info;
        Secret = secret;
        _first = first;
        _second = second;
        _source = first.CanBeCanceled && second.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(first, second)
            : first.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(first)
            : second.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(second)
            : new CancellationTokenSource();
        if (limits.Total is not { } total) return;
        // The system clock: the source's own timer. An injected clock (tests) needs a timer of its own.
        if (time == TimeProvider.System) _source.CancelAfter(total);
        else _totalTimer = time.CreateTimer(static state => ((CallScope)state!).Fire(TotalFired), this, total, Timeout.InfiniteTimeSpan);
    }

    public EzrouterTimeouts Limits { get; }
    /// <summary>The memory bounds: event size and accumulated answer, read by the stream readers.</summary>
    public EzrouterLimits Bounds { get; }
    public TimeProvider Time { get; }
    public EzrouterResponseInfo Info { get; }
    /// <summary>The API key, redacted from anything an error keeps.</summary>
    public string? Secret { get; set; }
    /// <summary>The client's loggers and telemetry settings (none on a plain Kiota pipeline).</summary>
    public ClientDiagnostics Diagnostics { get; init; } = ClientDiagnostics.None;
    /// <summary>The call's span, metrics and closing log line, once the request left; null when nothing listens.</summary>
    public CallTelemetry? Telemetry { get; set; }
    public TimeSpan? Idle => Limits.Idle;
    public TimeSpan? TotalLimit => Limits.Total;

    /// <summary>The token the call is sent and read with: the caller's tokens and every limit of the call cancel it.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The scope a request carries, if any.</summary>
    public static CallScope? Of(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var scope) ? scope : null;

    /// <summary>Puts the scope on a request, for the handlers below.</summary>
    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    /// <summary>Which limit cancelled the call; null when nothing did or the caller did.</summary>
    public TimeoutKind? Fired
    {
        get
        {
            // A caller that cancelled is a cancellation, even if a limit fired in the same instant.
            if (_first.IsCancellationRequested || _second.IsCancellationRequested) return null;
            return Volatile.Read(ref _fired) switch
            {
                IdleFired => TimeoutKind.Idle,
                TotalFired => TimeoutKind.Total,
                // CancelAfter fires without telling us: the source is cancelled and the caller is not.
                _ => TotalLimit is not null && _source.IsCancellationRequested ? TimeoutKind.Total : null,
            };
        }
    }

    /// <summary>The idle limit passed: cancels the call (the first limit to fire wins).</summary>
    public void FireIdle() => Fire(IdleFired);

    private void Fire(int limit)
    {
        // Already cancelled (the caller, or the total limit through CancelAfter, which records nothing): that one won.
        if (_source.IsCancellationRequested) return;
        Interlocked.CompareExchange(ref _fired, limit, NoneFired);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended while the timer fired.
        }
    }

    /// <summary>
    /// The first-byte limit of one attempt, under <paramref name="attempt"/> (the token the attempt was given): its
    /// own token, since firing it ends the attempt, not the call.
    /// </summary>
    public static AttemptLimit StartAttempt(TimeSpan limit, TimeProvider time, CancellationToken attempt) => new(limit, time, attempt);

    /// <summary>The total limit fired before the response headers arrived.</summary>
    public const string NoResponseInTime = "no response before the total time limit";

    /// <summary>The total limit fired while a non-SSE answer's body was being read.</summary>
    public const string NoAnswerInTime = "the answer did not arrive within the total time limit";

    /// <summary>
    /// The typed timeout when one of the call's limits cut it (whatever was thrown on the way out: a cancellation, a
    /// transport error, or a typed error such as a truncation caused by the cut, whose partial result is kept); null
    /// when nothing fired or the caller cancelled, so the caller's cancellation stays a plain cancellation.
    /// </summary>
    public EzrouterTimeoutException? LimitExceeded(Exception e, string? totalSummary = null)
    {
        if (e is EzrouterTimeoutException || e is not (OperationCanceledException or System.IO.IOException or HttpRequestException or EzrouterException)) return null;
        // A typed error the cut caused (a truncation, say) keeps its details and partial result under the timeout.
        var cut = e as EzrouterException;
        EzrouterErrorDetails With(string summary) => cut is null ? Details(summary) : cut.Details with { Summary = summary };
        var timeout = Fired switch
        {
            TimeoutKind.Idle => new EzrouterTimeoutException(TimeoutKind.Idle, Idle!.Value, With($"no stream event for {Idle.Value.TotalSeconds:0.###} s"), e),
            TimeoutKind.Total => new EzrouterTimeoutException(TimeoutKind.Total, TotalLimit!.Value,
                With(totalSummary ?? $"the stream did not complete within {TotalLimit.Value.TotalSeconds:0.###} s"), e),
            _ => null,
        };
        if (timeout is null) return null;
        if (cut is not null) timeout.PartialResponse = cut.PartialResponse;
        CallLog.TimedOut(Diagnostics.Calls, timeout.Kind, timeout.Limit.TotalSeconds, Diagnostics.Clean(Info.RequestId));
        return timeout;
    }

    /// <summary>
    /// Error details with this response's metadata, the key redacted from all of it: the summary may quote a
    /// platform exception's message, and the headers come from whoever answered (docs/gateway-behavior.md §1).
    /// </summary>
    public EzrouterErrorDetails Details(string summary) => Info.ToErrorDetails(summary, Secret);

    /// <summary>An error envelope found inside the stream (an event's data), read with the key redacted.</summary>
    public EzrouterErrorDetails? ReadError(ReadOnlySpan<byte> data)
    {
        var details = ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails(), data, Secret);
        return details is null ? null : Merge(details with { RawBody = ErrorBodyReader.RawText(data, Secret) });
    }

    /// <summary>
    /// Text from the wire for a message: key redacted first, then at most 200 characters, never ending in a start of
    /// the key (cutting first would show most of a key that straddles the cut).
    /// </summary>
    public string Excerpt(string raw) => SecretRedaction.RedactThenCut(raw, Secret, 200);

    /// <summary>Details from an error envelope found inside the stream, with this response's metadata filled in.</summary>
    public EzrouterErrorDetails Merge(EzrouterErrorDetails fromStream) => (fromStream with
    {
        StatusCode = Info.StatusCode,
        RequestId = fromStream.RequestId ?? Info.RequestId,
        GatewayVersion = Info.GatewayVersion,
        ContentType = Info.ContentType,
        Headers = Info.Headers,
        RateLimit = Info.RateLimit,
    }).Redacted(Secret);

    public void Dispose()
    {
        _totalTimer?.Dispose();
        _source.Dispose();
    }

    /// <summary>One attempt's first-byte limit: <see cref="Fired"/> tells it from whatever cancelled the attempt.</summary>
    internal sealed class AttemptLimit : IDisposable
    {
        private readonly CancellationTokenSource? _timer;
        private readonly CancellationTokenSource _linked;
        private readonly CancellationToken _attempt;

        public AttemptLimit(TimeSpan limit, TimeProvider time, CancellationToken attempt)
        {
            Limit = limit;
            _attempt = attempt;
            _timer = time == TimeProvider.System ? null : new CancellationTokenSource(limit, time);
            _linked = _timer is null
                ? CancellationTokenSource.CreateLinkedTokenSource(attempt)
                : CancellationTokenSource.CreateLinkedTokenSource(attempt, _timer.Token);
            if (_timer is null) _linked.CancelAfter(limit);
        }

        public CancellationToken Token => _linked.Token;

        public TimeSpan Limit { get; }

        /// <summary>True when this limit, not the attempt's own token, cancelled.</summary>
        public bool Fired => _linked.IsCancellationRequested && !_attempt.IsCancellationRequested;

        public void Dispose()
        {
            _linked.Dispose();
            _timer?.Dispose();
        }
    }
}
