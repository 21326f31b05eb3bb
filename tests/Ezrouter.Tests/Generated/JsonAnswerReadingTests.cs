using System.Net;
using System.Text;
using Ezrouter.Http;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using RichardSzalay.MockHttp;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// How <see cref="EzrouterRequestAdapter"/> reads a JSON answer: with the generated reader of the model the call
/// expects, from a buffer bounded by <see cref="EzrouterLimits.MaxAnswerChars"/>; with Kiota's parse node when the
/// model has no reader or the parse node factory is not Kiota's own.
/// </summary>
public class JsonAnswerReadingTests
{
    private const string Chat = """{"id":"c","object":"chat.completion","created":1795253440,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","x_inner":[1]},"finish_reason":"stop"}],"x_top":"kept"}""";

    [Fact]
    public async Task UnknownFieldsOfAJsonAnswerLandInAdditionalData()
    {
        using var client = Client(_ => TestClients.Json(Chat));

        var completion = (await client.Chat.CompleteAsync(ChatCompletionTests.Request())).Value;

        Assert.Equal("kept", completion.AdditionalData["x_top"]);
        Assert.IsType<UntypedArray>(completion.Choices![0].Message!.AdditionalData["x_inner"]);
    }

    [Fact]
    public async Task AWrongTypedValueInAModelsListNamesItsField()
    {
        using var client = Client(_ => TestClients.Json("""{"object":"list","data":[{"id":"a","created":1},{"id":"b","created":"soon"}]}"""));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Models.ListAsync());

        Assert.Contains("data[1].created: expected a number, found a string", error.Message);
        Assert.Equal("20261121000000000000000000000001", error.RequestId);
    }

    [Theory]
    // The models list always says "success": true; an "error" that is null or a number is no envelope either.
    [InlineData("""{"success":true,"object":"list","data":[{"id":"m"}]}""", null)]
    [InlineData("""{"object":"list","error":null,"data":[{"id":"m"}],"success":true}""", null)]
    [InlineData("""{"object":"list","error":0,"data":[{"id":"m"}]}""", null)]
    // An envelope wherever its key sits (the error handler walks the top-level keys, then the body reader reads it).
    [InlineData("""{"object":"list","data":[],"success":false,"message":"get user group failed"}""", "get user group failed")]
    [InlineData("""{"object":"list","data":[{"id":"m"}],"error":{"message":"late","type":"invalid_request_error"}}""", "late")]
    [InlineData("""{"object":"list","data":[{"id":"m"}],"error":"plain"}""", "plain")]
    [InlineData("{\"object\":\"list\",\"data\":[] ,\n \"success\" :\t false , \"message\":\"spaced\"}", "spaced")]
    [InlineData("""{"object":"list","data":[{"id":"error","owned_by":"success"}],"type":"error"}""", null)]
    public async Task AnErrorEnvelopeInASuccessfulAnswerIsToldApartByItsValue(string body, string? error)
    {
        using var client = Client(_ => TestClients.Json(body));

        var outcome = await Record.ExceptionAsync(() => client.Models.ListAsync());

        if (error is null) Assert.Null(outcome);
        else Assert.Contains(error, Assert.IsAssignableFrom<EzrouterException>(outcome).Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AJsonAnswerPastTheBoundIsAProtocolError(bool withContentLength)
    {
        // MaxAnswerChars 1024 holds a JSON answer to 4096 bytes.
        var body = Chat.Replace("\"Hi\"", "\"" + new string('h', 5000) + "\"");
        using var client = Client(_ => Answer(body, withContentLength), o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Contains("longer than 4096 bytes", error.Message);
        Assert.Contains("MaxAnswerChars", error.Message);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task AnEndlessJsonAnswerIsRefusedAfterTheBoundNotHeld(string contentType)
    {
        // The error handler looks into every 200 JSON answer for an envelope: it too reads no more than the bound.
        var endless = new EndlessJson();
        using var client = Client(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StreamContent(endless) { Headers = { { "Content-Type", contentType } } },
        }, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Models.ListAsync());

        Assert.Contains("longer than 4096 bytes", error.Message);
        Assert.InRange(endless.Served, 4097, 4096 + 64 * 1024);
    }

    // {"data":[ then "x", forever: a JSON answer that never ends.
    private sealed class EndlessJson : Stream
    {
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var prefix = "{\"data\":["u8;
            var n = Math.Min(count, 512);
            for (var i = 0; i < n; i++) buffer[offset + i] = Served + i < prefix.Length ? prefix[(int)(Served + i)] : (byte)'"';
            Served += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AJsonAnswerWithinTheBoundIsRead(bool withContentLength)
    {
        var body = Chat.Replace("\"Hi\"", "\"" + new string('h', 3000) + "\"");
        using var client = Client(_ => Answer(body, withContentLength), o => o.Limits.MaxAnswerChars = 1024);

        var completion = (await client.Chat.CompleteAsync(ChatCompletionTests.Request())).Value;

        Assert.Equal(3000, completion.Choices![0].Message!.Content!.Length);
    }

    [Fact]
    public async Task AModelWithoutAGeneratedReaderIsReadByKiotasParseNode()
    {
        var adapter = Adapter(new JsonParseNodeFactory(), """{"name":"n","count":"three"}""");

        var read = await adapter.SendAsync(Get(), ParsableThing.Create);

        Assert.Equal("n", read!.Name);
        Assert.True(read.Read);
    }

    [Fact]
    public async Task AParseNodeFactoryThatIsNotKiotasOwnIsUsedAsItIs()
    {
        // Kiota's parse node reads a value of the wrong JSON type as null: the caller's factory keeps that behaviour.
        var adapter = Adapter(new CallerParseNodeFactory(), """{"object":"list","data":[{"id":7}]}""");

        var list = await adapter.SendAsync(Get(), OpenAiModels.ModelList.CreateFromDiscriminatorValue);

        Assert.Null(list!.Data![0].Id);
    }

    private static EzrouterClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer, Action<EzrouterClientOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(answer);
        return TestClients.Create(mock, configure);
    }

    private static HttpResponseMessage Answer(string body, bool withContentLength)
    {
        if (withContentLength) return TestClients.Json(body);
        var response = TestClients.Json(body);
        response.Content = new StreamContent(new OneWay(Encoding.UTF8.GetBytes(body)));
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return response;
    }

    private static EzrouterRequestAdapter Adapter(IParseNodeFactory parseNodes, string json)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => TestClients.Json(json));
        var http = new HttpClient(mock);
        var inner = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = TestClients.Base };
        return new EzrouterRequestAdapter(inner, parseNodes, new CallDefaults(new EzrouterTimeouts(), TimeProvider.System, null, http), EzrouterSurface.OpenAi);
    }

    private static RequestInformation Get() => new() { HttpMethod = Method.GET, URI = new Uri(TestClients.Base + "/v1/things") };

    /// <summary>A body with no length known in advance, as a chunked answer arrives.</summary>
    private sealed class OneWay(byte[] bytes) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 700), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    private sealed class CallerParseNodeFactory : JsonParseNodeFactory
    {
    }

    private sealed class ParsableThing : IParsable
    {
        public string? Name { get; private set; }

        public bool Read { get; private set; }

        public static ParsableThing Create(IParseNode node) => new();

        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
        {
            ["name"] = n => { Name = n.GetStringValue(); Read = true; },
        };

        public void Serialize(ISerializationWriter writer) => writer.WriteStringValue("name", Name);
    }
}
