using System;
using System.Buffers;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Http;
using Microsoft.Kiota.Abstractions;
using IParsable = Microsoft.Kiota.Abstractions.Serialization.IParsable;
using Message = Ezrouter.Generated.Anthropic.Models.Message;

namespace Ezrouter.Diagnostics;

/// <summary>
/// One call's span, metrics and closing log line, in one place. It exists only while something listens (a span or
/// metric listener, or a logger at Warning or below); otherwise <see cref="Start"/> returns null and a call pays one
/// check. Started where every request of <see cref="EzrouterClient"/> leaves (<see cref="HeadersFirstSend"/>) and ended
/// once, by whoever ends the call: <see cref="EzrouterRequestAdapter"/> for a whole answer (chat, messages, the models
/// list), the stream's enumerator for a stream.
/// Every value that came from the wire or the caller is cleaned of the key first.
/// </summary>
internal sealed class CallTelemetry
{
    public const string Chat = "chat";
    public const string ListModels = "list_models";

    private readonly Activity? _activity;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ClientDiagnostics _diagnostics;
    private readonly string _operation;
    private readonly string? _model;
    private readonly string? _surface;
    private readonly string? _address;
    private readonly int _port;
    private TimeSpan? _firstChunk;
    private string? _responseModel;
    private EzrouterUsage? _usage;
    private int _ended;

    private CallTelemetry(ClientDiagnostics diagnostics, string operation, string? model, EzrouterSurface? surface, Uri? server, ReadOnlySpan<byte> body)
    {
        _diagnostics = diagnostics;
        _operation = operation;
        _model = diagnostics.Clean(model);
        _surface = surface switch { EzrouterSurface.OpenAi => "openai", EzrouterSurface.Anthropic => "anthropic", _ => null };
        _address = server?.Host;
        _port = server?.Port ?? 0;
        if (!EzrouterTelemetry.Source.HasListeners()) return;
        var tags = new TagList
        {
            { "gen_ai.operation.name", operation },
            { "gen_ai.provider.name", EzrouterTelemetry.ProviderName },
            { "server.address", _address },
            { "server.port", _port },
        };
        if (_model is not null) tags.Add("gen_ai.request.model", _model);
        if (_surface is not null) tags.Add("ezrouter.surface", _surface);
        _activity = EzrouterTelemetry.Source.StartActivity(_model is null ? operation : $"{operation} {_model}", ActivityKind.Client, default(ActivityContext), tags);
        if (_activity is { IsAllDataRequested: true } && diagnostics.CaptureContent && !body.IsEmpty)
            GenAiContent.AddInput(_activity, body, diagnostics);
    }

    /// <summary>
    /// The telemetry of a request about to leave (a chat completion or a message, whole or streamed), or null when
    /// nothing listens. The model, and the prompt when the caller opted in, are read from the serialized body.
    /// </summary>
    public static CallTelemetry? Start(ClientDiagnostics diagnostics, RequestInformation request, EzrouterSurface? surface)
    {
        if (!EzrouterTelemetry.Listening && !diagnostics.LogsCalls) return null;
        var uri = request.URI;
        var path = uri.AbsolutePath;
        // Chat completions and messages are both the conventions' "chat"; the catalog and token counting are named for what they do.
        var operation = request.HttpMethod == Method.GET && path.EndsWith("/models", StringComparison.Ordinal) ? ListModels
            : path.EndsWith("/count_tokens", StringComparison.Ordinal) ? "count_tokens"
            : Chat;
        if (request.Content is not { CanSeek: true, Length: > 0 and < int.MaxValue } content)
            return new CallTelemetry(diagnostics, operation, null, surface, uri, default);
        var length = (int)content.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var position = content.Position;
            content.Position = 0;
            content.ReadExactly(rented, 0, length);
            content.Position = position;
            var body = rented.AsSpan(0, length);
            return new CallTelemetry(diagnostics, operation, ModelOf(body), surface, uri, body);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The first chunk of a stream arrived: its time goes on the span and into the histogram.</summary>
    public void FirstChunk()
    {
        // Telemetry never changes a call's outcome: a failure here is dropped, not raised to the caller.
        try
        {
            FirstChunkCore();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
    }

    private void FirstChunkCore()
    {
        if (_firstChunk is not null) return;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        _firstChunk = elapsed;
        _activity?.SetTag("gen_ai.response.time_to_first_chunk", elapsed.TotalSeconds);
        if (EzrouterTelemetry.TimeToFirstChunk.Enabled) EzrouterTelemetry.TimeToFirstChunk.Record(elapsed.TotalSeconds, MetricTags(null));
    }

    /// <summary>What a whole answer says (a completion, a message or a response): id, model, finish reasons, usage, and its text when the caller opted in (completions and messages).</summary>
    public void Answer(IParsable? answer)
    {
        // Telemetry never changes a call's outcome: a failure here is dropped, not raised to the caller.
        try
        {
            AnswerCore(answer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
    }

    private void AnswerCore(IParsable? answer)
    {
        switch (answer)
        {
            case CreateChatCompletionResponse completion:
                _responseModel = _diagnostics.Clean(completion.Model);
                if (completion.Usage is { } usage) _usage = EzrouterUsage.From(usage);
                if (_activity is not { IsAllDataRequested: true } activity) return;
                SetResponse(activity, completion.Id, completion.Choices?.Select(c => c.FinishReason ?? string.Empty).ToArray());
                if (_diagnostics.CaptureContent) GenAiContent.AddOutput(activity, completion, _diagnostics);
                break;
            case Message message:
                _responseModel = _diagnostics.Clean(message.Model);
                if (message.Usage is { } anthropicUsage) _usage = EzrouterUsage.From(anthropicUsage);
                if (_activity is not { IsAllDataRequested: true } span) return;
                SetResponse(span, message.Id, message.StopReason is { } stop ? [stop] : null);
                if (_diagnostics.CaptureContent) GenAiContent.AddOutput(span, message, _diagnostics);
                break;
            case ModelResponse response:
                // A Responses API answer, whole or accumulated from its stream: its status stands for the finish reason.
                _responseModel = _diagnostics.Clean(response.Model);
                if (response.Usage is { } responseUsage) _usage = EzrouterUsage.From(responseUsage);
                if (_activity is not { IsAllDataRequested: true } responseSpan) return;
                SetResponse(responseSpan, response.Id, response.Status is { } status ? [status] : null);
                break;
        }
    }


    private void SetResponse(Activity activity, string? id, string[]? finishReasons)
    {
        if (_responseModel is not null) activity.SetTag("gen_ai.response.model", _responseModel);
        if (id is not null) activity.SetTag("gen_ai.response.id", _diagnostics.Clean(id));
        if (finishReasons is { Length: > 0 }) activity.SetTag("gen_ai.response.finish_reasons", finishReasons.Select(r => _diagnostics.Clean(r)!).ToArray());
        if (_usage is not { } usage) return;
        activity.SetTag("gen_ai.usage.input_tokens", usage.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
        // Extras, each a part of input_tokens, as the conventions' cache attributes are.
        if (usage.CacheReadTokens > 0) activity.SetTag("gen_ai.usage.cache_read.input_tokens", usage.CacheReadTokens);
        if (usage.CacheWriteTokens > 0) activity.SetTag("gen_ai.usage.cache_creation.input_tokens", usage.CacheWriteTokens);
        if (usage.ReasoningTokens > 0) activity.SetTag("ezrouter.usage.reasoning_tokens", usage.ReasoningTokens);
    }

    /// <summary>
    /// Ends the call (once; later calls do nothing): the gateway's metadata and the outcome on the span, the
    /// duration and token histograms, and the closing log line. <paramref name="error"/> null and
    /// <paramref name="streamOutcome"/> <c>abandoned</c>: the caller stopped reading a stream before its end.
    /// </summary>
    /// <param name="info">The response's metadata.</param>
    /// <param name="error">What ended the call, if it failed.</param>
    /// <param name="streamOutcome">For a stream: completed, error, truncated, cancelled or abandoned; null for a whole answer.</param>
    public void End(EzrouterResponseInfo info, Exception? error, string? streamOutcome = null)
    {
        // Telemetry never changes a call's outcome: a failure here is dropped, not raised to the caller.
        try
        {
            EndCore(info, error, streamOutcome);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
    }

    private void EndCore(EzrouterResponseInfo info, Exception? error, string? streamOutcome = null)
    {
        if (System.Threading.Interlocked.Exchange(ref _ended, 1) != 0) return;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var errorType = error is null ? null : error.GetType().FullName ?? error.GetType().Name;
        var requestId = _diagnostics.Clean(info.RequestId);
        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                if (requestId is not null) activity.SetTag("ezrouter.request_id", requestId);
                if (info.GatewayVersion is { } version) activity.SetTag("ezrouter.gateway_version", _diagnostics.Clean(version));
                if (info.RetryCount > 0) activity.SetTag("ezrouter.retry_count", info.RetryCount);
                if (streamOutcome is not null) activity.SetTag("ezrouter.stream.outcome", streamOutcome);
                if (errorType is not null) activity.SetTag("error.type", errorType);
            }
            // The status says what failed, never the message: a message quotes the wire.
            if (errorType is not null) activity.SetStatus(ActivityStatusCode.Error, errorType);
            activity.Dispose();
        }
        if (EzrouterTelemetry.Duration.Enabled) EzrouterTelemetry.Duration.Record(elapsed.TotalSeconds, MetricTags(errorType));
        if (_usage is { } usage && EzrouterTelemetry.TokenUsage.Enabled)
        {
            var tags = MetricTags(null);
            tags.Add("gen_ai.token.type", "input");
            EzrouterTelemetry.TokenUsage.Record(usage.InputTokens, tags);
            tags = MetricTags(null);
            tags.Add("gen_ai.token.type", "output");
            EzrouterTelemetry.TokenUsage.Record(usage.OutputTokens, tags);
        }
        Log(info, error, errorType, streamOutcome, elapsed, requestId);
    }

    private void Log(EzrouterResponseInfo info, Exception? error, string? errorType, string? streamOutcome, TimeSpan elapsed, string? requestId)
    {
        var ms = elapsed.TotalMilliseconds;
        var status = (error as EzrouterException)?.StatusCode ?? info.StatusCode;
        switch (streamOutcome)
        {
            case null when errorType is null: CallLog.Completed(_diagnostics.Calls, _operation, _model, _surface, ms, info.RetryCount, requestId); break;
            case null when error is OperationCanceledException: CallLog.Cancelled(_diagnostics.Calls, _operation, _model, _surface, ms, requestId); break;
            case null: CallLog.Failed(_diagnostics.Calls, _operation, _model, _surface, ms, errorType, status, info.RetryCount, requestId); break;
            case "completed": StreamLog.Completed(_diagnostics.Streams, _model, _surface, ms, _firstChunk?.TotalMilliseconds, requestId); break;
            case "abandoned": StreamLog.Abandoned(_diagnostics.Streams, _model, _surface, ms, requestId); break;
            case "cancelled": StreamLog.Cancelled(_diagnostics.Streams, _model, _surface, ms, requestId); break;
            case "truncated": StreamLog.Truncated(_diagnostics.Streams, _model, _surface, ms, errorType ?? "truncated", requestId); break;
            default: StreamLog.Failed(_diagnostics.Streams, _model, _surface, ms, errorType ?? streamOutcome, status, requestId); break;
        }
    }

    private TagList MetricTags(string? errorType)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", _operation },
            { "gen_ai.provider.name", EzrouterTelemetry.ProviderName },
            { "server.address", _address },
            { "server.port", _port },
        };
        if (_model is not null) tags.Add("gen_ai.request.model", _model);
        if (_responseModel is not null) tags.Add("gen_ai.response.model", _responseModel);
        if (errorType is not null) tags.Add("error.type", errorType);
        return tags;
    }

    /// <summary>The body's top-level <c>model</c>, if it is one JSON object that names one.</summary>
    private static string? ModelOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals("model"u8);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
