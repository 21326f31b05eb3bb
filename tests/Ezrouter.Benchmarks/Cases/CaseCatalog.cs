using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Cases;

/// <summary>
/// Builds the cases, one client per implementation and recording (made once, reused across iterations as an
/// application would), and disposes them.
/// </summary>
internal sealed class CaseCatalog : IDisposable
{
    public const string ModelsList = "models-list";
    public const string AnthropicModelsList = "models-list-anthropic";
    public const string ShortChatJson = "short-chat-json";
    public const string ShortMessageJson = "short-message-json";
    public const string HistoryChatJson = "history-chat-json";

    private readonly List<IDisposable> _owned = [];

    /// <summary>Streaming: every stream through this SDK's streaming API, its peer SDK and the floor.</summary>
    public IEnumerable<BenchCase> Streaming(bool withNonStream)
    {
        foreach (var stream in Recordings.ChatStreams)
        {
            yield return Case(stream, Impl.Ezrouter, Own(new EzrouterContender(stream)).StreamChatAsync);
            if (withNonStream) yield return Case(stream, Impl.EzrouterNonStream, Own(new EzrouterContender(stream)).CompleteChatAsync);
            yield return Case(stream, Impl.OpenAiSdk, Own(new OpenAiSdkContender(stream)).StreamChatAsync);
            yield return Case(stream, Impl.Floor, Own(new FloorContender(stream)).StreamAsync);
        }
        var anthropic = Recordings.AnthropicThinking;
        yield return Case(anthropic, Impl.Ezrouter, Own(new EzrouterContender(anthropic)).StreamMessagesAsync);
        if (withNonStream) yield return Case(anthropic, Impl.EzrouterNonStream, Own(new EzrouterContender(anthropic)).CreateMessageAsync);
        yield return Case(anthropic, Impl.AnthropicSdk, Own(new AnthropicSdkContender(anthropic)).StreamMessagesAsync);
        yield return Case(anthropic, Impl.Floor, Own(new FloorContender(anthropic, "/anthropic/v1/messages")).StreamAsync);
    }

    /// <summary>
    /// Aggregation: the non-stream call on the SSE answer against the same call on the JSON it adds up to. Only the
    /// JSON side when <paramref name="jsonOnly"/> (the SSE side is already among the streaming cases).
    /// </summary>
    public IEnumerable<BenchCase> Aggregation(IEnumerable<Recording> streams, bool jsonOnly)
    {
        foreach (var stream in streams)
        {
            var json = Recordings.JsonEquivalentOf(stream);
            var isChat = stream.Name != Recordings.AnthropicName;
            if (!jsonOnly)
            {
                var sse = Own(new EzrouterContender(stream));
                yield return Case(stream, Impl.EzrouterNonStream, isChat ? sse.CompleteChatAsync : sse.CreateMessageAsync);
            }
            var contender = Own(new EzrouterContender(json));
            yield return new BenchCase(stream.Name, Impl.EzrouterJson, stream.Events, stream.TextChars,
                isChat ? contender.CompleteChatAsync : contender.CreateMessageAsync);
        }
    }

    /// <summary>The JSON answers against the OpenAI SDK only (models list, short chat): what quick mode's non-stream line compares.</summary>
    public IEnumerable<BenchCase> OpenAiSmallRequests()
    {
        var models = Recordings.ModelsList;
        var chat = Recordings.ShortChatJson;
        yield return new BenchCase(ModelsList, Impl.Ezrouter, 1, models.TextChars, Own(new EzrouterContender(models)).ListModelsAsync);
        yield return new BenchCase(ModelsList, Impl.OpenAiSdk, 1, models.TextChars, Own(new OpenAiSdkContender(models)).ListModelsAsync);
        yield return new BenchCase(ShortChatJson, Impl.Ezrouter, 1, chat.TextChars, Own(new EzrouterContender(chat)).CompleteChatAsync);
        yield return new BenchCase(ShortChatJson, Impl.OpenAiSdk, 1, chat.TextChars, Own(new OpenAiSdkContender(chat)).CompleteChatAsync);
        yield return new BenchCase(HistoryChatJson, Impl.Ezrouter, 1, chat.TextChars, Own(new EzrouterContender(chat, history: true)).CompleteChatAsync);
        yield return new BenchCase(HistoryChatJson, Impl.OpenAiSdk, 1, chat.TextChars, Own(new OpenAiSdkContender(chat, history: true)).CompleteChatAsync);
    }

    public IEnumerable<BenchCase> SmallRequests()
    {
        var models = Recordings.ModelsList;
        var anthropicModels = Recordings.AnthropicModelsList;
        var chat = Recordings.ShortChatJson;
        var message = Recordings.ShortMessageJson;
        yield return new BenchCase(ModelsList, Impl.Ezrouter, 1, models.TextChars, Own(new EzrouterContender(models)).ListModelsAsync);
        yield return new BenchCase(ModelsList, Impl.OpenAiSdk, 1, models.TextChars, Own(new OpenAiSdkContender(models)).ListModelsAsync);
        yield return new BenchCase(AnthropicModelsList, Impl.Ezrouter, 1, anthropicModels.TextChars, Own(new EzrouterContender(anthropicModels)).ListAnthropicModelsAsync);
        yield return new BenchCase(AnthropicModelsList, Impl.AnthropicSdk, 1, anthropicModels.TextChars, Own(new AnthropicSdkContender(anthropicModels)).ListModelsAsync);
        yield return new BenchCase(ShortChatJson, Impl.Ezrouter, 1, chat.TextChars, Own(new EzrouterContender(chat)).CompleteChatAsync);
        yield return new BenchCase(ShortChatJson, Impl.OpenAiSdk, 1, chat.TextChars, Own(new OpenAiSdkContender(chat)).CompleteChatAsync);
        yield return new BenchCase(HistoryChatJson, Impl.Ezrouter, 1, chat.TextChars, Own(new EzrouterContender(chat, history: true)).CompleteChatAsync);
        yield return new BenchCase(HistoryChatJson, Impl.OpenAiSdk, 1, chat.TextChars, Own(new OpenAiSdkContender(chat, history: true)).CompleteChatAsync);
        yield return new BenchCase(ShortMessageJson, Impl.Ezrouter, 1, message.TextChars, Own(new EzrouterContender(message)).CreateMessageAsync);
        yield return new BenchCase(ShortMessageJson, Impl.AnthropicSdk, 1, message.TextChars, Own(new AnthropicSdkContender(message)).CreateMessageAsync);
    }

    private static BenchCase Case(Recording stream, string implementation, Func<Task<Tally>> run) =>
        new(stream.Name, implementation, stream.Events, stream.TextChars, run);

    /// <summary>Keeps <paramref name="disposable"/> to dispose with the catalog.</summary>
    public T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
    }
}
