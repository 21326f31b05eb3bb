using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Http;
using Polly;
using Polly.Retry;

namespace Ezrouter.Middleware;

/// <summary>
/// Replaces Kiota's default retry handler (3 s base, 429/503/504, <c>AggregateException</c> on exhaustion) with
/// this gateway's table (<see cref="EzrouterRetryPolicy"/>), on Polly.Core. It works on the typed exceptions raised
/// by <see cref="EzrouterErrorHandler"/> below it; when retries run out the last typed exception surfaces, with
/// <see cref="EzrouterException.RetryCount"/> set. A stream is never retried once its body reached the caller,
/// by construction: this handler returns as soon as headers arrive. Its option class is
/// <see cref="EzrouterRetryOptions"/>: the client's is the default, and a request carrying its own overrides it.
/// </summary>
public sealed class EzrouterRetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<RetryState> StateKey = new("ezrouter.retry");
    private readonly EzrouterRetryOptions _options;
    private readonly TimeProvider _time;

    // One pipeline per retry count (the index), built on first use. A pipeline holds nothing else of the options:
    // each attempt reads the request's own options from its state, so the client's default and every per-request
    // override with the same MaxRetries share one pipeline, and an override costs no build.
    private readonly IReadOnlySet<int> _backoffStatuses;
    private readonly ResiliencePipeline<HttpResponseMessage>?[] _pipelines = new ResiliencePipeline<HttpResponseMessage>?[EzrouterRetryOptions.MaxMaxRetries + 1];

    /// <summary>
    /// Creates the handler. <paramref name="options"/> (copied) is the default; a request overrides it by carrying
    /// its own <see cref="EzrouterRetryOptions"/> in its request options.
    /// </summary>
    public EzrouterRetryHandler(EzrouterRetryOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, null)
    {
    }

    /// <summary>
    /// Creates the handler for a gateway whose profile retries <paramref name="backoffStatuses"/> with backoff
    /// (<see cref="Profiles.GatewayProfile.BackoffStatuses"/>; null: <see cref="Profiles.GatewayProfile.DefaultBackoffStatuses"/>).
    /// </summary>
    public EzrouterRetryHandler(EzrouterRetryOptions? options, TimeProvider? timeProvider, IReadOnlySet<int>? backoffStatuses)
    {
        _backoffStatuses = backoffStatuses ?? Profiles.GatewayProfile.DefaultBackoffStatuses;
        _options = options?.Clone() ?? new EzrouterRetryOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = request.GetRequestOption<EzrouterRetryOptions>() ?? _options;
        if (options.MaxRetries <= 0) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // A caller's instance may be shared by calls and changed meanwhile: this call keeps the values it started with.
        if (!ReferenceEquals(options, _options)) options = options.Clone();

        // Kiota's request content is a one-shot stream; buffer it so every attempt sends the same bytes.
        // A body already in memory (RequestBodyContent) is sent again as it is.
        if (request.Content is not (null or RequestBodyContent)) await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);

        // The first attempt goes out without Polly: most calls succeed at once, and then they pay for no resilience
        // context, no outcome and no pipeline (built on a client's first retry, not before its first call). A failure
        // the policy would retry is handed to Polly as its first attempt's outcome, so the retries, waits and
        // notifications that follow are Polly's, as for every attempt before.
        var started = _time.GetTimestamp();
        RetryState state;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EzrouterException e)
        {
            state = new RetryState { Options = options, Started = started };
            // Decided here, not in a filter: a caller's ShouldRetry that throws must surface, as Polly lets it.
            if (!Decide(e, 0, state, cancellationToken)) throw;
            state.FirstFailure = ExceptionDispatchInfo.Capture(e);
            state.FirstDecided = true;
        }

        state.Info = request.GetRequestOption<EzrouterResponseInfo>();
        state.Log = Http.CallScope.Of(request)?.Diagnostics;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            return await Pipeline(options.MaxRetries).ExecuteAsync(
                static async (ctx, s) =>
                {
                    // Polly's first attempt is the one already made: its failure, as it happened.
                    if (s.State.FirstFailure is { } first)
                    {
                        s.State.FirstFailure = null;
                        first.Throw();
                    }
                    return await s.Handler.SendOnceAsync(s.Request, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Handler: this, Request: request, State: state)).ConfigureAwait(false);
        }
        catch (EzrouterException e)
        {
            e.RetryCount = state.Retries;
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline(int maxRetries) =>
        // A race builds two equal pipelines and keeps one; nothing is lost.
        _pipelines[maxRetries] ??= new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => new ValueTask<bool>(Decide(args.Outcome.Exception, args.AttemptNumber, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, new RetryState()).NextDelay),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, new RetryState());
                    state.Retries++;
                    if (state.Info is { } info) info.RetryCount = state.Retries;
                    Diagnostics.RetryLog.Retrying(state.Log, state.Retries, args.Outcome.Exception, args.RetryDelay);
                    // Polly calls this before the delay: the wait is announced before it starts.
                    if (state.Options.OnRetryWait is { } notify && args.Outcome.Exception is EzrouterException failure)
                        Notify(notify, new EzrouterRetryWait(failure, args.RetryDelay, state.Retries + 1, state.Options.MaxRetries + 1, failure.RetryAfter is not null));
                    return default;
                },
            })
            .Build();

    private static void Notify(Action<EzrouterRetryWait> notify, EzrouterRetryWait wait)
    {
        try
        {
            notify(wait);
        }
        catch (Exception)
        {
            // A notification must not turn a retried call into a failure of another type.
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private bool Decide(Exception? exception, int retriesSoFar, ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, new RetryState());
        // Polly's replay of the first attempt's failure: decided (and its wait set) before Polly ran, so a caller's
        // ShouldRetry is asked once per failure, as before.
        if (state.FirstDecided)
        {
            state.FirstDecided = false;
            return true;
        }
        return Decide(exception, retriesSoFar, state, context.CancellationToken);
    }

    /// <summary>Whether the failure is retried; if so, the wait before the next attempt goes into <paramref name="state"/>.</summary>
    private bool Decide(Exception? exception, int retriesSoFar, RetryState state, CancellationToken cancellationToken)
    {
        if (exception is not EzrouterException failure || cancellationToken.IsCancellationRequested) return false;
        var options = state.Options;
        var shouldRetry = options.ShouldRetry ?? ((f, n) => EzrouterRetryPolicy.ShouldRetry(f, n, _backoffStatuses));
        if (!shouldRetry(failure, retriesSoFar)) return false;
        var delay = EzrouterRetryPolicy.Delay(failure, retriesSoFar, options.BaseDelay, options.MaxDelay, Random.Shared.NextDouble);
        if (_time.GetElapsedTime(state.Started) + delay > options.MaxTotalTime) return false;
        state.NextDelay = delay;
        return true;
    }

    private sealed class RetryState
    {
        public EzrouterRetryOptions Options { get; init; } = null!;
        public long Started { get; init; }
        public EzrouterResponseInfo? Info { get; set; }
        public Diagnostics.ClientDiagnostics? Log { get; set; }
        /// <summary>The first attempt's failure, made before Polly ran, until Polly's first attempt replays it.</summary>
        public ExceptionDispatchInfo? FirstFailure { get; set; }
        /// <summary>The first failure was decided retried before Polly ran; Polly's replay of it takes that decision.</summary>
        public bool FirstDecided { get; set; }
        public int Retries { get; set; }
        public TimeSpan NextDelay { get; set; }
    }
}
