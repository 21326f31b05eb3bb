using System.Net;
using System.Text;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using RichardSzalay.MockHttp;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Http;

/// <summary>
/// The request adapter's reading of a whole answer: every way a JSON answer can be wrong ends in a typed error that
/// says what was wrong and what the call expected, whichever path (buffered, streamed, Kiota's parse node) read it.
/// </summary>
public sealed class EzrouterRequestAdapterTests
{
    private const string Chat = """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    private static EzrouterClient Answering(Func<HttpResponseMessage> answer, Action<EzrouterClientOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => answer());
        return TestClients.Create(mock, configure);
    }

    private static HttpResponseMessage Labelled(byte[] body, string contentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return response;
    }

    private static HttpResponseMessage Labelled(string body, string contentType) => Labelled(Encoding.UTF8.GetBytes(body), contentType);

    private static Task<EzrouterProtocolException> CompleteFailsAsync(EzrouterClient client) =>
        Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

    private static byte[] WithInvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Chat.Replace("\"Hi\"", "\"H#\""));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        return bytes;
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_a_protocol_error_naming_its_type()
    {
        using var client = Answering(() => Labelled("GIF89a", "image/gif"));
        Assert.Contains("the answer is image/gif, not JSON", (await CompleteFailsAsync(client)).Message);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_json_array_answer_is_a_protocol_error_naming_the_expected_model(string contentType)
    {
        using var client = Answering(() => Labelled("[1,2]", contentType));
        Assert.Contains("the answer is a JSON array, not an object, so it is not a CreateChatCompletionResponse", (await CompleteFailsAsync(client)).Message);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_wrongly_typed_field_is_named_with_the_expected_model(string contentType)
    {
        using var client = Answering(() => Labelled(Chat.Replace("\"created\":1", "\"created\":\"soon\""), contentType));

        var error = await CompleteFailsAsync(client);

        Assert.Contains("the JSON answer is not readable as CreateChatCompletionResponse: created: ", error.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Invalid_utf8_in_a_string_is_a_protocol_error_keeping_the_cause(string contentType)
    {
        using var client = Answering(() => Labelled(WithInvalidUtf8(), contentType));

        var error = await CompleteFailsAsync(client);

        Assert.Contains("the JSON answer is not readable as CreateChatCompletionResponse: ", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task A_plain_text_answer_past_the_bound_is_a_protocol_error_naming_the_bound()
    {
        var body = Chat.Replace("\"Hi\"", "\"" + new string('h', 5000) + "\"");
        using var client = Answering(() => Labelled(body, "text/plain"), o => o.Limits.MaxAnswerChars = 1024);

        Assert.Contains("the JSON answer is longer than 4096 bytes, the bound EzrouterLimits.MaxAnswerChars sets", (await CompleteFailsAsync(client)).Message);
    }

    [Fact]
    public async Task A_connection_dropped_mid_answer_is_a_connection_error()
    {
        using var client = Answering(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DroppingStream(Encoding.UTF8.GetBytes(Chat[..20]))) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            return response;
        });

        var error = await Assert.ThrowsAsync<EzrouterConnectionException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Contains("the connection dropped while the answer was read: connection reset by peer", error.Message);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task Kiotas_parse_node_path_refuses_an_answer_that_is_not_an_object()
    {
        var adapter = Adapter(new OtherJsonParseNodes(), "[1]");

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => adapter.SendAsync(Get(), OpenAiModels.ModelList.CreateFromDiscriminatorValue));

        Assert.Contains("the answer is not a JSON object (it starts with '['), so it is not a ModelList", error.Message);
    }

    [Fact]
    public async Task A_missing_request_is_refused_by_name()
    {
        var adapter = Adapter(new JsonParseNodeFactory(), "{}");

        Assert.Equal("requestInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => adapter.SendAsync(null!, OpenAiModels.ModelList.CreateFromDiscriminatorValue))).ParamName);
        Assert.Equal("requestInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(null!))).ParamName);
    }

    [Fact]
    public async Task A_request_says_its_surface_once_and_keeps_one_it_was_given()
    {
        var adapter = Adapter(new JsonParseNodeFactory(), "{}");
        var plain = Get();
        var given = Get();
        var responses = new SseAggregationOption { Surface = EzrouterSurface.Responses };
        given.AddRequestOptions([responses]);

        await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(plain);
        await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(plain);
        await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(given);

        Assert.Equal(EzrouterSurface.OpenAi, Assert.Single(plain.RequestOptions.OfType<SseAggregationOption>()).Surface);
        Assert.Same(responses, Assert.Single(given.RequestOptions.OfType<SseAggregationOption>()));
    }

    [Fact]
    public void The_serialization_writer_factory_is_one_instance()
    {
        var adapter = Adapter(new JsonParseNodeFactory(), "{}");
        Assert.Same(adapter.SerializationWriterFactory, adapter.SerializationWriterFactory);
    }

    private static EzrouterRequestAdapter Adapter(Microsoft.Kiota.Abstractions.Serialization.IParseNodeFactory parseNodes, string json)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => TestClients.Json(json));
        var http = new HttpClient(mock);
        var inner = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = TestClients.Base };
        return new EzrouterRequestAdapter(inner, parseNodes, new CallDefaults(new EzrouterTimeouts(), TimeProvider.System, null, http), EzrouterSurface.OpenAi);
    }

    private static RequestInformation Get() => new() { HttpMethod = Method.GET, URI = new Uri(TestClients.Base + "/v1/models") };

    /// <summary>A parse node factory that is not Kiota's own type, so the adapter hands the answer to it.</summary>
    private sealed class OtherJsonParseNodes : JsonParseNodeFactory;

    /// <summary>Gives its bytes, then fails as a reset connection does.</summary>
    private sealed class DroppingStream(byte[] bytes) : ForwardOnlyStream
    {
        private bool _served;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_served) throw new IOException("connection reset by peer");
            _served = true;
            bytes.CopyTo(buffer, offset);
            return bytes.Length;
        }
    }
}
