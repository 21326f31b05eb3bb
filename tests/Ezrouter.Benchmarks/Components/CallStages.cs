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

namespace Ezrouter.Benchmarks.Components;

/// <summary>
/// The fixed cost of one streaming call, taken apart on the short chat (13 events), where it dominates: building
/// the request (generated request builder + body serialization), turning it into an <see cref="HttpRequestMessage"/>
/// through the Kiota adapter, the handler chain (our <see cref="EzrouterClientFactory"/> pipeline under a bare
/// <see cref="HttpClient"/>, read with the floor's pass), and the whole API. Each row stands alone.
/// </summary>
internal static class CallStages
{
    public const string Build = "call: request-information";
    public const string Native = "call: + native request";
    public const string Pipeline = "call: handler chain + floor pass";
    public const string Floor = "call: floor";
    public const string Whole = "call: ezrouter (whole API)";

    public static IEnumerable<BenchCase> ShortChat(Recording stream, Func<IDisposable, IDisposable> own)
    {
        var request = EzrouterContender.ChatRequest();
        var options = new EzrouterClientOptions { ApiKey = "sk-bench", Transport = new ReplayHandler(stream) };
        var http = (HttpClient)own(EzrouterClientFactory.CreateHttpClient(options));
        var adapter = new HttpClientRequestAdapter(new GatewayKeyAuthenticationProvider("sk-bench", anthropicSurface: false), httpClient: http);
        var client = new OpenAiClient(adapter);
        var floor = (FloorContender)own(new FloorContender(stream));
        var whole = (EzrouterContender)own(new EzrouterContender(stream));

        yield return new BenchCase(stream.Name, Build, 1, 0, () =>
        {
            var info = client.V1.Chat.Completions.ToPostRequestInformation(request);
            return Task.FromResult(new Tally(info.Content is null ? 0 : 1, 0));
        });
        yield return new BenchCase(stream.Name, Native, 1, 0, async () =>
        {
            var info = client.V1.Chat.Completions.ToPostRequestInformation(request);
            using var native = await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(info).ConfigureAwait(false);
            return new Tally(native is null ? 0 : 1, 0);
        });
        yield return new BenchCase(stream.Name, Pipeline, stream.Events, stream.TextChars, () => PipelineAsync(http, floor));
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
