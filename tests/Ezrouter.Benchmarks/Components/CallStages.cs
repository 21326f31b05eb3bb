using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Generated.OpenAi.V1.Chat.Completions;
using Ezrouter.Middleware.Options;
using Ezrouter.Http;

namespace Ezrouter.Benchmarks.Components;

/// <summary>
/// The fixed cost of one streaming call, taken apart on the short chat (13 events), where it dominates: serializing
/// the body with Kiota's JSON writer, building the request (generated request builder + that body), turning it into an <see cref="HttpRequestMessage"/>
/// through the Kiota adapter, the handler chain (our <see cref="EzrouterClientFactory"/> pipeline under a bare
/// <see cref="HttpClient"/>, read with the floor's pass), and the whole API. Each row stands alone.
/// </summary>
internal static class CallStages
{
    public const string Serialize = "call: body (Kiota JSON writer)";
    public const string SerializeGenerated = "call: body (generated writer)";
    public const string Build = "call: request-information";
    public const string Native = "call: + native request";
    public const string Pipeline = "call: handler chain + floor pass";
    public const string Adapter = "call: request + Kiota adapter send + floor pass";
    public const string Direct = "call: native request sent by HttpClient + floor pass";
    public const string Floor = "call: floor";
    public const string Whole = "call: ezrouter (whole API)";

    public static IEnumerable<BenchCase> ShortChat(Recording stream, Func<IDisposable, IDisposable> own)
    {
        var request = EzrouterContender.ChatRequest();
        var options = new EzrouterClientOptions { ApiKey = "sk-bench", Transport = new ReplayHandler(stream) };
        var http = (HttpClient)own(EzrouterClientFactory.CreateHttpClient(options));
        var adapter = new HttpClientRequestAdapter(new EzrouterKeyAuthenticationProvider("sk-bench", anthropicSurface: false), httpClient: http);
        var client = new OpenAiClient(adapter);
        // As the SDK builds a call: the generated builder's raw-URL constructor, the URL expanded once.
        var url = client.V1.Chat.Completions.ToPostRequestInformation(request).URI.OriginalString;
        var floor = (FloorContender)own(new FloorContender(stream));
        var whole = (EzrouterContender)own(new EzrouterContender(stream));

        yield return new BenchCase(stream.Name, Serialize, 1, 0, () =>
        {
            using var writer = new JsonSerializationWriter();
            writer.WriteObjectValue(null, request);
            using var content = writer.GetSerializedContent();
            return Task.FromResult(new Tally(content.Length > 0 ? 1 : 0, 0));
        });
        yield return new BenchCase(stream.Name, SerializeGenerated, 1, 0, () =>
        {
            // What the SDK's request bodies go through (RequestBodyJsonWriter): the generated writer, then the bytes.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
            using var json = new System.Text.Json.Utf8JsonWriter(buffer);
            var written = Ezrouter.Generated.OpenAi.Writers.RequestBodyWriters.TryWrite(json, request);
            json.Flush();
            using var content = new System.IO.MemoryStream(buffer.WrittenSpan.ToArray());
            return Task.FromResult(new Tally(written && content.Length > 0 ? 1 : 0, 0));
        });
        yield return new BenchCase(stream.Name, Build, 1, 0, () =>
        {
            var info = new CompletionsRequestBuilder(url, adapter).ToPostRequestInformation(request);
            using var content = info.Content;
            return Task.FromResult(new Tally(content is null ? 0 : 1, 0));
        });
        yield return new BenchCase(stream.Name, Native, 1, 0, async () =>
        {
            var info = new CompletionsRequestBuilder(url, adapter).ToPostRequestInformation(request);
            using var native = await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(info).ConfigureAwait(false);
            return new Tally(native is null ? 0 : 1, 0);
        });
        yield return new BenchCase(stream.Name, Pipeline, stream.Events, stream.TextChars, () => PipelineAsync(http, floor));
        yield return new BenchCase(stream.Name, Direct, stream.Events, stream.TextChars, async () =>
        {
            var info = new CompletionsRequestBuilder(url, adapter).ToPostRequestInformation(request);
            info.AddRequestOptions([RawStream]);
            using var native = (await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(info).ConfigureAwait(false))!;
            using var response = await http.SendAsync(native, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            return await FloorPassAsync(response, floor).ConfigureAwait(false);
        });
        yield return new BenchCase(stream.Name, Adapter, stream.Events, stream.TextChars, async () =>
        {
            // What the SDK's stream does before its reader: the request through Kiota's adapter, headers only, the
            // body handed back untouched (a native response handler); then the floor's pass over the body.
            var info = new CompletionsRequestBuilder(url, adapter).ToPostRequestInformation(request);
            info.AddRequestOptions([RawStream]);
            var native = new NativeResponseHandler();
            info.SetResponseHandler(native);
            await adapter.SendPrimitiveAsync<System.IO.Stream>(info).ConfigureAwait(false);
            using var response = (HttpResponseMessage)native.Value!;
            return await FloorPassAsync(response, floor).ConfigureAwait(false);
        });
        yield return new BenchCase(stream.Name, Floor, stream.Events, stream.TextChars, floor.StreamAsync);
        yield return new BenchCase(stream.Name, Whole, stream.Events, stream.TextChars, whole.StreamChatAsync);
    }

    private static readonly byte[] Body =
        """{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"Hello!"}],"stream":true}"""u8.ToArray();

    private static readonly SseAggregationOption RawStream = new() { Enabled = false };

    private static async Task<Tally> PipelineAsync(HttpClient http, FloorContender floor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-bench");
        request.Options.Set(new HttpRequestOptionsKey<SseAggregationOption>(typeof(SseAggregationOption).FullName!), RawStream);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return await FloorPassAsync(response, floor).ConfigureAwait(false);
    }

    private static async Task<Tally> FloorPassAsync(HttpResponseMessage response, FloorContender floor)
    {
        using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var events = 0;
        long chars = 0;
        await foreach (var item in SseParser.Create(body, floor.Parser).EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data < 0) continue;
            events++;
            chars += item.Data;
        }
        return new Tally(events, chars);
    }
}
