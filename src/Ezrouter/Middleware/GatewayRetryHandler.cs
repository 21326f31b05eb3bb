using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Polly;
using Polly.Retry;

namespace Ezrouter;

/// <summary>
/// Replaces Kiota's default retry handler (3 s base, 429/503/504, <c>AggregateException</c> on exhaustion) with
/// this gateway's table (<see cref="GatewayRetryPolicy"/>), on Polly.Core. It works on the typed exceptions raised
/// by <see cref="GatewayErrorHandler"/> below it; when retries run out the last typed exception surfaces, with
/// <see cref="EzrouterException.RetryCount"/> set. A stream is never retried once its body reached the caller,
/// by construction: this handler returns as soon as headers arrive.
/// </summary>
public sealed class GatewayRetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<RetryState> StateKey = new("ezrouter.retry");
    private readonly EzrouterRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the handler.</summary>
    public GatewayRetryHandler(EzrouterRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options?.Clone() ?? new EzrouterRetryOptions();
        _time = timeProvider ?? TimeProvider.System;
        _pipeline = _options.MaxRetries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = _options.MaxRetries,
                    ShouldHandle = args => new ValueTask<bool>(Decide(args.Outcome.Exception, args.AttemptNumber, args.Context)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, new RetryState()).NextDelay),
                    OnRetry = args =>
                    {
                        var state = args.Context.Properties.GetValue(StateKey, new RetryState());
                        state.Retries++;
                        if (state.Info is { } info) info.RetryCount = state.Retries;
                        return default;
                    },
                })
                .Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_options.MaxRetries <= 0) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Kiota's request content is a one-shot stream; buffer it so every attempt sends the same bytes.
        if (request.Content is not null) await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);

        var state = new RetryState { Started = _time.GetTimestamp(), Info = request.GetRequestOption<GatewayResponseInfo>() };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, s) => await s.Handler.SendOnceAsync(s.Request, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
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

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private bool Decide(Exception? exception, int retriesSoFar, ResilienceContext context)
    {
        if (exception is not EzrouterException failure || context.CancellationToken.IsCancellationRequested) return false;
        var state = context.Properties.GetValue(StateKey, new RetryState());
        var shouldRetry = _options.ShouldRetry ?? GatewayRetryPolicy.ShouldRetry;
        if (!shouldRetry(failure, retriesSoFar)) return false;
        var delay = GatewayRetryPolicy.Delay(failure, retriesSoFar, _options.BaseDelay, _options.MaxDelay, Random.Shared.NextDouble);
        if (_time.GetElapsedTime(state.Started) + delay > _options.MaxTotalTime) return false;
        state.NextDelay = delay;
        return true;
    }

    private sealed class RetryState
    {
        public long Started { get; init; }
        public GatewayResponseInfo? Info { get; init; }
        public int Retries { get; set; }
        public TimeSpan NextDelay { get; set; }
    }
}
