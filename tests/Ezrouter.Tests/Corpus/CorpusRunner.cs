using System.Collections;
using System.Text;
using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Corpus;

/// <summary>Runs one corpus case against its fake gateway and says whether the outcome is the one it demands.</summary>
internal static class CorpusRunner
{
    /// <summary>Past this, a case has hung: every limit below is far shorter.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    public const string Key = TestKeys.ApiKey;

    /// <summary>How a call ended: a value (the stream's outcome too, for a stream), or an exception.</summary>
    public sealed record Outcome(object? Value, Exception? Error, StreamOutcome? StreamOutcome = null)
    {
        public override string ToString() => Error is { } e
            ? $"{e.GetType().FullName}: {e.Message}" + (e.InnerException is { } inner ? $" ---> {inner.GetType().FullName}: {inner.Message}" : string.Empty)
            : $"completed{(StreamOutcome is { } o ? $" (stream outcome {o})" : string.Empty)}: {Describe(Value)}";
    }

    public static EzrouterClient Client(HttpMessageHandler? transport, Uri? baseUrl = null)
    {
        var options = new EzrouterClientOptions { ApiKey = Key, Transport = transport };
        if (baseUrl is not null) options.BaseUrl = baseUrl;
        options.Retry.MaxRetries = 0;
        options.Timeouts.Connect = TimeSpan.FromSeconds(2);
        options.Timeouts.FirstByte = TimeSpan.FromSeconds(4);
        options.Timeouts.Idle = TimeSpan.FromSeconds(4);
        options.Timeouts.Total = TimeSpan.FromSeconds(6);
        return new EzrouterClient(options);
    }

    /// <summary>Runs the call to its end; fails the test as a hang after <see cref="HangLimit"/>.</summary>
    public static async Task<Outcome> RunAsync(EzrouterClient client, CorpusCall call)
    {
        var run = Task.Run(() => CallAsync(client, call));
        try
        {
            return await run.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            return new Outcome(null, new TimeoutException($"HANG: the call did not end within {HangLimit.TotalSeconds} s"));
        }
    }

    private static async Task<Outcome> CallAsync(EzrouterClient client, CorpusCall call)
    {
        try
        {
            switch (call)
            {
                case CorpusCall.ChatComplete:
                    return new Outcome((await client.Chat.CompleteAsync(ChatCompletionTests.Request())).Value, null);
                case CorpusCall.MessagesCreate:
                    return new Outcome((await client.Messages.CreateAsync(MessageStreamingTests.Request())).Value, null);
                case CorpusCall.ChatStream:
                {
                    var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
                    await foreach (var _ in stream) { }
                    return new Outcome(stream.Accumulator.ToCompletion(), null, stream.Outcome);
                }
                case CorpusCall.MessagesStream:
                {
                    var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
                    await foreach (var _ in stream) { }
                    return new Outcome(stream.Accumulator.ToMessage(), null, stream.Outcome);
                }
                case CorpusCall.ModelsList:
                    return new Outcome(await client.Models.ListAsync(refresh: true), null);
                default:
                    throw new ArgumentOutOfRangeException(nameof(call));
            }
        }
        catch (Exception e)
        {
            return new Outcome(null, e);
        }
    }

    /// <summary>Null when the outcome is the one the case demands; otherwise what differs.</summary>
    public static string? Verify(Expect expect, Outcome outcome)
    {
        if (outcome.Error is EzrouterException typed && Leaks(typed) is { } leak) return $"the API key leaks: {leak}";
        switch (expect)
        {
            case Expect.Completed completed:
                if (outcome.Error is not null) return "an exception instead of a result";
                if (outcome.StreamOutcome is { } so && so != StreamOutcome.Completed) return $"the stream's Outcome is {so}, not Completed";
                return completed.Check(outcome.Value!);
            case Expect.Typed t:
                if (outcome.Error is null) return "completed (silent success) instead of a typed error";
                if (outcome.Error is not EzrouterException e) return "an untyped exception";
                if (t.Allowed.Length == 0 && e.GetType() == typeof(EzrouterException)) return "the bare base EzrouterException, not a subtype that says what happened";
                if (t.Allowed.Length > 0 && !t.Allowed.Contains(e.GetType())) return $"{e.GetType().Name}, not {string.Join(" or ", t.Allowed.Select(a => a.Name))}";
                return t.Extra?.Invoke(e);
            case Expect.Truncated truncated:
                if (outcome.Error is null) return "completed (silent success) instead of a truncation";
                if (outcome.Error is not EzrouterStreamTruncatedException cut) return $"{outcome.Error.GetType().Name}, not EzrouterStreamTruncatedException";
                var partial = cut.PartialResponse is null ? null : Recorded.Json(cut.PartialResponse);
                return partial == truncated.PartialJson ? null : $"partial differs:\n  expected {truncated.PartialJson ?? "(none)"}\n  actual   {partial ?? "(none)"}";
            default:
                throw new ArgumentOutOfRangeException(nameof(expect));
        }
    }

    /// <summary>Where the key shows in the exception (its text, its details, its headers, inner messages); null when nowhere.</summary>
    public static string? Leaks(EzrouterException e)
    {
        var places = new List<(string Where, string? Text)>
        {
            ("ToString()", e.ToString()),
            ("Message", e.Message),
        };
        var d = e.Details;
        places.AddRange([
            ("Details.Summary", d.Summary), ("Details.RawBody", d.RawBody), ("Details.RequestId", d.RequestId),
            ("Details.GatewayVersion", d.GatewayVersion), ("Details.ContentType", d.ContentType), ("Details.GatewayMessage", d.GatewayMessage),
            ("Details.ErrorType", d.ErrorType), ("Details.ErrorCode", d.ErrorCode), ("Details.Param", d.Param), ("Details.ToString()", d.ToString()),
        ]);
        foreach (var (name, values) in d.Headers) places.Add(($"Details.Headers[{name}]", string.Join(", ", values)));
        if (e.ResponseHeaders is { } headers)
            foreach (var (name, values) in headers) places.Add(($"ResponseHeaders[{name}]", string.Join(", ", values)));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) places.Add(($"inner {inner.GetType().Name}.Message", inner.Message));
        foreach (DictionaryEntry entry in e.Data) places.Add(($"Data[{entry.Key}]", entry.Value?.ToString()));
        var found = places.Where(p => p.Text?.Contains(Key, StringComparison.Ordinal) == true).Select(p => p.Where).ToList();
        // Also a cut key: its first 12 characters are already enough to identify it.
        if (found.Count == 0) found = places.Where(p => p.Text?.Contains(Key[..12], StringComparison.Ordinal) == true).Select(p => p.Where + " (part of the key)").ToList();
        return found.Count == 0 ? null : string.Join(", ", found);
    }

    private static string Describe(object? value)
    {
        var text = value switch
        {
            null => "null",
            IParsable p => Recorded.Json(p),
            IEnumerable<Ezrouter.Generated.OpenAi.Models.Model> models => $"[{string.Join(", ", models.Select(m => m.Id))}]",
            _ => value.ToString() ?? string.Empty,
        };
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private static readonly object ReportLock = new();

    /// <summary>With EZROUTER_CORPUS_REPORT=path, each case appends "id, pass/fail, actual outcome" (tab-separated) there.</summary>
    public static void Report(string id, string? failure, Outcome outcome)
    {
        if (Environment.GetEnvironmentVariable("EZROUTER_CORPUS_REPORT") is not { Length: > 0 } path) return;
        var line = new StringBuilder(id).Append('\t').Append(failure is null ? "PASS" : "FAIL").Append('\t')
            .Append((failure ?? string.Empty).ReplaceLineEndings(" ")).Append('\t').Append(outcome.ToString().ReplaceLineEndings(" ")).Append('\n').ToString();
        lock (ReportLock) File.AppendAllText(path, line);
    }

    /// <summary>Asserts the case: its demanded outcome, or, for a known-failing case, that it still fails.</summary>
    public static void Assert(CorpusCase c, Outcome outcome, string? otherFailure = null)
    {
        var failure = otherFailure ?? Verify(c.Expect, outcome);
        Report(c.Id, failure, outcome);
        if (KnownFailing.Ids.Contains(c.Id))
        {
            if (failure is null)
                throw new Xunit.Sdk.XunitException($"{c.Id} now passes ({c.Expect}): remove it from KnownFailing.");
            return;
        }
        if (failure is not null)
            throw new Xunit.Sdk.XunitException($"{c.Id}: expected {c.Expect}; {failure}\nactual: {outcome}");
    }
}
