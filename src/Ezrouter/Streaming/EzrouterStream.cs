using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Http;
using Ezrouter.Middleware;

namespace Ezrouter.Streaming;

/// <summary>
/// A stream of events from one gateway call, shared by <see cref="Chat.ChatCompletionStream"/> and
/// <see cref="Messages.MessageStream"/>: the request is sent when enumeration starts (enumerate once); events arrive
/// as the gateway sends them, nothing buffered; the total limit covers the whole stream; and it ends in exactly one
/// way: <see cref="StreamOutcome.Completed"/>, or an <see cref="EzrouterException"/> carrying what arrived.
/// </summary>
/// <typeparam name="TEvent">The generated event type.</typeparam>
public abstract class EzrouterStream<TEvent> : IAsyncEnumerable<TEvent>
    where TEvent : class
{
    private readonly Func<CallScope, Task<HttpResponseMessage>> _send;
    private readonly CallDefaults _defaults;
    private readonly CancellationToken _cancellationToken;
    private int _started;

    private protected EzrouterStream(Func<CallScope, Task<HttpResponseMessage>> send, CallDefaults defaults, CancellationToken cancellationToken)
    {
        _send = send;
        _defaults = defaults;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Request id, gateway build, time to first byte: filled in when the response headers arrive.</summary>
    public EzrouterResponseInfo ResponseInfo { get; } = new();

    /// <summary>How the stream ended, once it has.</summary>
    public StreamOutcome Outcome { get; private set; }

    /// <summary>True once enumeration has started.</summary>
    private protected bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>The reader of the SSE body, once the response arrived as SSE.</summary>
    private protected IEventReader<TEvent>? Reader { get; private set; }

    /// <summary>Reads an SSE body into events, accumulating them.</summary>
    private protected abstract IEventReader<TEvent> CreateReader(Stream body, CallScope context);

    /// <summary>Gateway choice, not ours: a JSON answer to a stream request, as the events that rebuild it.</summary>
    private protected abstract IReadOnlyList<TEvent> FromJson(byte[] json);

    /// <summary>What arrived, as the whole answer it adds up to, for the call's telemetry (read once, at the end).</summary>
    private protected abstract Microsoft.Kiota.Abstractions.Serialization.IParsable Accumulated();

    /// <inheritdoc />
    public IAsyncEnumerator<TEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A stream can be enumerated once.");
        return new Enumerator(this, cancellationToken);
    }

    /// <summary>
    /// The enumeration, written out rather than as an async iterator: while events are buffered, a move is a plain
    /// call that completes synchronously (an iterator's state machine would resume on every event).
    /// </summary>
    private sealed class Enumerator : IAsyncEnumerator<TEvent>, IEventSink<TEvent>
    {
        private readonly EzrouterStream<TEvent> _stream;
        private readonly CancellationToken _cancellationToken;
        private CallScope? _scope;
        private HttpResponseMessage? _response;
        private IEventReader<TEvent>? _reader;
        private IReadOnlyList<TEvent>? _fromJson;
        private int _jsonIndex;
        private bool _ended;
        private bool _released;
        private bool _chunked;

        public Enumerator(EzrouterStream<TEvent> stream, CancellationToken cancellationToken)
        {
            _stream = stream;
            _cancellationToken = cancellationToken;
        }

        public TEvent Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_ended) return new(false);
            try
            {
                if (_reader is { } reader)
                {
                    // A wait is awaited by the reader, which hands this enumerator the outcome: one state machine per wait.
                    if (!reader.TryRead(out var item, out var pending)) return reader.ReadAfterWaitAsync(pending, this);
                    if (item is null) return FinishAsync();
                    Take(item);
                    return new(true);
                }
                if (_fromJson is { } events)
                {
                    if (_jsonIndex >= events.Count) return FinishAsync();
                    Current = events[_jsonIndex++];
                    if (!_chunked) FirstChunk();
                    return new(true);
                }
            }
            catch (Exception e)
            {
                // Faulted, not thrown here: a caller holding the ValueTask sees the failure where it awaits.
                return FailAsync(ExceptionDispatchInfo.Capture(e));
            }
            return StartAsync();
        }

        /// <summary>The next event arrived.</summary>
        public void Take(TEvent item)
        {
            Current = item;
            if (!_chunked) FirstChunk();
        }

        private void FirstChunk()
        {
            _chunked = true;
            _scope?.Telemetry?.FirstChunk();
        }

        /// <summary>The call's telemetry ends with the stream: what arrived, and how it ended.</summary>
        private void EndTelemetry(Exception? error, string outcome)
        {
            if (_scope?.Telemetry is not { } telemetry) return;
            telemetry.Answer(_stream.Accumulated());
            telemetry.End(_stream.ResponseInfo, error, outcome);
        }

        /// <summary>The end: the outcome recorded, and the connection let go of now rather than at disposal.</summary>
        public async ValueTask<bool> FinishAsync()
        {
            _ended = true;
            if (_reader is { } reader) _stream.Outcome = reader.Outcome;
            EndTelemetry(null, "completed");
            await ReleaseAsync().ConfigureAwait(false);
            return false;
        }

        /// <summary>
        /// A failure ends the stream: the outcome recorded, the connection let go of before the exception reaches the
        /// caller (as an iterator's <c>using</c> blocks would), and any later move returns false.
        /// </summary>
        public async ValueTask<bool> FailAsync(ExceptionDispatchInfo failure)
        {
            _ended = true;
            _stream.RecordFailure(_reader, failure.SourceException);
            EndTelemetry(failure.SourceException, failure.SourceException is OperationCanceledException ? "cancelled"
                : _stream.Outcome == StreamOutcome.Truncated ? "truncated" : "error");
            try
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure that ended the stream is what the caller needs to see, not one from cleaning up after it.
            }
            failure.Throw();
            return false;
        }

        private async ValueTask<bool> StartAsync()
        {
            var stream = _stream;
            try
            {
                // One scope for the call: both caller tokens, the total limit over everything, the idle limit while reading.
                var context = _scope = stream._defaults.BeginCall(stream.ResponseInfo, stream._cancellationToken, _cancellationToken);

                var response = _response = await stream._send(context).ConfigureAwait(false);
                if (!EzrouterErrorHandler.IsEventStream(response.Content.Headers.ContentType))
                {
                    _fromJson = await stream.FromJsonAsync(response, context).ConfigureAwait(false);
                    stream.Outcome = StreamOutcome.Completed;
                }
                else
                {
                    Stream body;
                    try
                    {
                        body = await response.Content.ReadAsStreamAsync(context.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (context.LimitExceeded(e) is { } timeout)
                    {
                        throw timeout;
                    }
                    _reader = stream.Reader = stream.CreateReader(body, context);
                }
            }
            catch (Exception e)
            {
                return await FailAsync(ExceptionDispatchInfo.Capture(e)).ConfigureAwait(false);
            }
            return await MoveNextAsync().ConfigureAwait(false);
        }

        public ValueTask DisposeAsync()
        {
            _ended = true;
            // Left before its end (a completed or failed stream ended its telemetry already: this does nothing then).
            _scope?.Telemetry?.End(_stream.ResponseInfo, error: null, "abandoned");
            return ReleaseAsync();
        }

        private async ValueTask ReleaseAsync()
        {
            if (_released) return;
            _released = true;
            try
            {
                if (_reader is { } reader) await reader.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    _response?.Dispose();
                }
                finally
                {
                    _scope?.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Reads the stream to its end, unless the caller already enumerated it, then throws unless it completed: a final
    /// result (the subclasses' <c>GetFinal…Async</c>) is never silently partial.
    /// </summary>
    private protected async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        if (!Started)
            await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false)) { }
        if (Outcome == StreamOutcome.Pending)
            throw new InvalidOperationException("The stream was enumerated part way and not finished; its result would be partial. Read it to the end, or call GetFinal…Async without enumerating first.");
        if (Outcome != StreamOutcome.Completed)
            throw new InvalidOperationException($"The stream ended {Outcome}, and the exception it raised carries the partial result; there is no final result.");
    }

    private async Task<IReadOnlyList<TEvent>> FromJsonAsync(HttpResponseMessage response, CallScope context)
    {
        byte[]? json = null;
        try
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!JsonAnswer.ReadsAsJson(mediaType)) throw new EzrouterProtocolException(context.Details($"the answer to a stream request is {mediaType}, neither SSE nor JSON"));
            json = await JsonAnswer.ReadAllAsync(response.Content, context.Bounds, context.Token).ConfigureAwait(false)
                ?? throw new EzrouterProtocolException(context.Details($"the JSON answer to a stream request is longer than {JsonAnswer.MaxBytes(context.Bounds)} bytes, the bound EzrouterLimits.MaxAnswerChars sets"));
            // A JSON answer stands for the whole stream: one object, nothing after it (docs/gateway-behavior.md §21).
            if (JsonAnswer.NotOneObject(json) is { } problem) throw new EzrouterProtocolException(context.Details(problem));
            return FromJson(json);
        }
        catch (Exception e) when (context.LimitExceeded(e, CallScope.NoAnswerInTime) is { } timeout)
        {
            throw timeout;
        }
        catch (System.Text.Json.JsonException e)
        {
            // A value of the wrong JSON type is named by its field (the generated reader gives its offset).
            throw new EzrouterProtocolException(context.Details($"the JSON answer to a stream request is not readable: {JsonAnswer.Describe(e, json)}"), e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A string that is not valid UTF-8, or a number no .NET type holds, in a field the model keeps.
            throw new EzrouterProtocolException(context.Details($"the JSON answer to a stream request is not readable: {e.Message}"), e);
        }
    }

    /// <summary>How a stream that threw ended (the enumerator calls this for every failure, before or during reading).</summary>
    private void RecordFailure(IEventReader<TEvent>? reader, Exception e) =>
        // A dropped connection is raised below the reader, which then has not recorded an outcome itself.
        Outcome = e is not EzrouterException ? StreamOutcome.Error
            : reader is not null && reader.Outcome != StreamOutcome.Pending ? reader.Outcome
            : e is EzrouterStreamTruncatedException ? StreamOutcome.Truncated
            : StreamOutcome.Error;
}
