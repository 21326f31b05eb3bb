using System.Net.Http;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.V1.Chat.Completions;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Ezrouter.Tests.Http;

/// <summary>
/// The request the layer converts itself is the one Kiota's adapter builds from the same <see cref="RequestInformation"/>:
/// method, URL, version, every header (request and content), every request option under the same key, the same body.
/// </summary>
public sealed class ConvertingRequestAdapterTests
{
    private const string Key = "sk-convert-test";

    public static TheoryData<string> Requests => new() { "chat-raw-url", "chat-template", "anthropic-messages", "models-get" };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Converts_as_Kiotas_adapter_does(string which)
    {
        using var http = new HttpClient();
        var anthropic = which.StartsWith("anthropic", StringComparison.Ordinal);
        var auth = new EzrouterKeyAuthenticationProvider(Key, anthropicSurface: anthropic, anthropicBeta: anthropic ? "beta-1" : null);
        var kiota = new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = "https://gw.example/v1" };
        var ours = new ConvertingRequestAdapter(auth, http) { BaseUrl = "https://gw.example/v1" };

        using var expected = (await kiota.ConvertToNativeRequestAsync<HttpRequestMessage>(Build(which, kiota)))!;
        using var actual = await ours.ToHttpRequestAsync(Build(which, ours), default);

        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.RequestUri, actual.RequestUri);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.VersionPolicy, actual.VersionPolicy);
        Assert.Equal(Headers(expected.Headers), Headers(actual.Headers));
        Assert.Equal(expected.Content is null, actual.Content is null);
        if (expected.Content is not null)
        {
            // What the transport sends: the length computed where either conversion left it uncomputed.
            Assert.Equal(expected.Content.Headers.ContentLength, actual.Content!.Headers.ContentLength);
            Assert.Equal(Headers(expected.Content.Headers), Headers(actual.Content!.Headers));
            Assert.Equal(await expected.Content.ReadAsByteArrayAsync(), await actual.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(Options(expected), Options(actual));
    }

    [Fact]
    public async Task A_fixed_url_is_parsed_once_and_a_body_in_memory_is_read_in_place()
    {
        using var http = new HttpClient();
        var ours = new ConvertingRequestAdapter(new EzrouterKeyAuthenticationProvider(Key, anthropicSurface: false), http) { BaseUrl = "https://gw.example/v1" };

        using var first = await ours.ToHttpRequestAsync(Build("chat-raw-url", ours), default);
        using var second = await ours.ToHttpRequestAsync(Build("chat-raw-url", ours), default);

        Assert.Same(first.RequestUri, second.RequestUri);
        var content = Assert.IsType<RequestBodyContent>(first.Content);
        Assert.Equal(await content.ReadAsByteArrayAsync(), content.Body.ToArray());
        // Sent twice (a retry), the same bytes.
        Assert.Equal(await content.ReadAsByteArrayAsync(), content.Body.ToArray());
    }

    [Fact]
    public async Task Held_as_an_IRequestAdapter_it_converts_with_its_own_conversion()
    {
        // The layer's senders hold the adapter by its interface (and EzrouterRequestAdapter forwards to it): they get
        // this conversion (a body read in place, the URL parsed once), not the base class's.
        using var http = new HttpClient();
        var ours = new ConvertingRequestAdapter(new EzrouterKeyAuthenticationProvider(Key, anthropicSurface: false), http) { BaseUrl = "https://gw.example/v1" };
        IRequestAdapter held = ours;

        using var first = (await held.ConvertToNativeRequestAsync<HttpRequestMessage>(Build("chat-raw-url", ours)))!;
        using var second = (await held.ConvertToNativeRequestAsync<HttpRequestMessage>(Build("chat-raw-url", ours)))!;

        Assert.IsType<RequestBodyContent>(first.Content);
        Assert.Same(first.RequestUri, second.RequestUri);
        Assert.Equal($"Bearer {Key}", first.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task The_clients_default_http_version_and_policy_are_the_requests()
    {
        using var http = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher };
        var ours = new ConvertingRequestAdapter(new EzrouterKeyAuthenticationProvider(Key, anthropicSurface: false), http) { BaseUrl = "https://gw.example/v1" };

        using var message = await ours.ToHttpRequestAsync(Build("models-get", ours), default);

        Assert.Equal((System.Net.HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrHigher), (message.Version, message.VersionPolicy));
    }

    [Fact]
    public async Task A_template_request_without_a_base_url_of_its_own_gets_the_adapters()
    {
        // Keyless (a gateway that needs none): the provider then does not build the URL before the adapter fills it in.
        using var http = new HttpClient();
        var ours = new ConvertingRequestAdapter(new EzrouterKeyAuthenticationProvider(null, anthropicSurface: false), http) { BaseUrl = "https://gw.example/v1" };
        var bare = new RequestInformation { HttpMethod = Method.GET, UrlTemplate = "{+baseurl}/models" };

        using var message = await ours.ToHttpRequestAsync(bare, default);

        Assert.Equal(new Uri("https://gw.example/v1/models"), message.RequestUri);
    }

    private static RequestInformation Build(string which, IRequestAdapter adapter)
    {
        var chat = new CreateChatCompletionRequest
        {
            Model = "claude-sonnet-4-6",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } }],
        };
        RequestInformation request;
        switch (which)
        {
            case "chat-raw-url":
                request = new CompletionsRequestBuilder("https://gw.example/v1/chat/completions", adapter).ToPostRequestInformation(chat);
                StreamRequestBody.Force(request, chat.Stream);
                break;
            case "chat-template":
                request = new OpenAiClient(adapter).V1.Chat.Completions.ToPostRequestInformation(chat);
                break;
            case "anthropic-messages":
                request = new AnthropicClient(adapter).V1.Messages.ToPostRequestInformation(new global::Ezrouter.Generated.Anthropic.Models.CreateMessageRequest
                {
                    Model = "claude-sonnet-4-6",
                    MaxTokens = 16,
                    Messages = [new() { Role = "user", Content = new() { String = "Hello!" } }],
                });
                break;
            default:
                request = new OpenAiClient(adapter).V1.Models.ToGetRequestInformation();
                break;
        }
        request.AddRequestOptions([new SseAggregationOption { Enabled = false }, new EzrouterResponseInfo()]);
        return request;
    }

    private static string Headers(System.Net.Http.Headers.HttpHeaders headers) =>
        string.Join("\n", headers.NonValidated.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => $"{h.Key.ToLowerInvariant()}: {string.Join(", ", h.Value)}"));

    private static string Options(HttpRequestMessage message) =>
        string.Join("\n", ((IDictionary<string, object?>)message.Options).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} = {o.Value?.GetType().FullName}"));
}
