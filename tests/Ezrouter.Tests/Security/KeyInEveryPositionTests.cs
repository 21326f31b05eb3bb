using System.Net;
using System.Net.Sockets;
using System.Text;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Security;

/// <summary>
/// The key echoed in every header position (Location, request id, Content-Type, gateway version) and body position
/// (HTML page, JSON message, malformed event, a huge error frame, an invalid header line) of every call kind never
/// shows in the exception: not in its message, its ToString(), any text of its details, or any header value.
/// </summary>
public sealed class KeyInEveryPositionTests
{
    // Before HeaderCases: static fields initialize in textual order.
    private static readonly Dictionary<string, Func<EzrouterClient, Task>> Calls = new()
    {
        ["chat"] = client => client.Chat.CompleteAsync(ChatCompletionTests.Request()),
        ["chat stream"] = client => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync(),
        ["messages"] = client => client.Messages.CreateAsync(MessageStreamingTests.Request()),
        ["messages stream"] = client => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync(),
    };

    public static readonly TheoryData<string, string, string> HeaderCases = Cases();

    private static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var call in Calls.Keys)
            foreach (var header in new[] { "Location", "X-Oneapi-Request-Id", "Content-Type", "X-New-Api-Version" })
                foreach (var body in new[] { "html 502", "empty 500", "truncated stream", "malformed event" })
                    data.Add(call, header, body);
        return data;
    }

    private static string NewKey() => "sk-e2e-" + Guid.NewGuid().ToString("N");

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public async Task KeyInAHeaderNeverReachesTheException(string call, string header, string body)
    {
        // Arrange
        var key = NewKey();
        var anthropic = call.StartsWith("messages", StringComparison.Ordinal);
        var (status, text, contentType) = Body(body, anthropic, key: null);
        if (header == "Content-Type") contentType += "; token=" + key;
        var value = header == "Location" ? $"https://elsewhere.example/v1?key={key}" : key;

        // Act
        var error = await RaiseAsync(call, key, () => Response(status, text, contentType, header == "Content-Type" ? null : (header, value)));

        // Assert
        AssertNoKey(error, key);
    }

    [Theory]
    [InlineData("chat", "html 502")]
    [InlineData("chat stream", "json 401")]
    [InlineData("messages", "json 401")]
    [InlineData("chat", "malformed event")]
    [InlineData("chat stream", "malformed event")]
    [InlineData("messages", "malformed event")]
    [InlineData("messages stream", "malformed event")]
    [InlineData("chat stream", "truncated stream")]
    public async Task KeyInTheBodyNeverReachesTheException(string call, string body)
    {
        // Arrange
        var key = NewKey();
        var (status, text, contentType) = Body(body, call.StartsWith("messages", StringComparison.Ordinal), key);

        // Act
        var error = await RaiseAsync(call, key, () => Response(status, text, contentType, null));

        // Assert
        AssertNoKey(error, key);
        // A malformed event is quoted, cut to 200 characters, with the key across the cut: not even its start shows.
        Assert.DoesNotContain(key[..8], error.Message);
    }

    [Theory]
    [InlineData("chat stream")]
    [InlineData("messages stream")]
    public async Task AHugeMessageInAnErrorFrameBecomesABoundedExceptionMessage(string call)
    {
        // Arrange: far past the 8 KB kept, under any cap on one event's size.
        var key = NewKey();
        var message = key + new string('m', 12_000_000);
        var text = call == "chat stream"
            ? "data: {\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\"}}\n\n"
            : "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + message + "\"}}\n\n";

        // Act
        var error = await RaiseAsync(call, key, () => Response(200, text, "text/event-stream", null));

        // Assert
        AssertNoKey(error, key);
        Assert.True(error.Message.Length <= EzrouterException.MaxMessageLength, $"message of {error.Message.Length} chars");
        Assert.True(error.GatewayMessage!.Length <= EzrouterException.MaxMessageLength);
        Assert.Matches(@"… \[cut: 11,99\d,\d{3} chars\]", error.GatewayMessage);
        Assert.True(error.ToString().Length < 4 * EzrouterException.MaxMessageLength);
    }

    [Fact]
    public async Task KeyInAnInvalidHeaderLineQuotedByThePlatformNeverReachesTheException()
    {
        // Arrange: a raw server whose answer has a header line without a colon; .NET's error message quotes the line.
        var key = NewKey();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeOnceAsync(listener, $"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo {key}\r\n\r\n");
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new EzrouterClientOptions { ApiKey = key, BaseUrl = new Uri($"http://127.0.0.1:{port}/") };
        options.Retry.MaxRetries = 0;
        using var client = new EzrouterClient(options);

        // Act
        var error = Assert.IsAssignableFrom<EzrouterException>(await Record.ExceptionAsync(() => client.Chat.CompleteAsync(ChatCompletionTests.Request())));
        await serving;

        // Assert: the platform quoted the line (the marker shows where the key was), and neither our message nor the
        // inner exception a logger walks to holds the key; the inner one keeps its type.
        var inner = Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("[REDACTED]", inner.Message);
        Assert.DoesNotContain(key, inner.Message);
        AssertNoKey(error, key);
    }

    private static async Task ServeOnceAsync(TcpListener listener, string answer)
    {
        using var socket = await listener.AcceptSocketAsync();
        var buffer = new byte[64 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            received.Append(Encoding.ASCII.GetString(buffer, 0, await socket.ReceiveAsync(buffer)));
        await socket.SendAsync(Encoding.ASCII.GetBytes(answer));
        socket.Shutdown(SocketShutdown.Both);
    }

    private static async Task<EzrouterException> RaiseAsync(string call, string key, Func<HttpResponseMessage> answer)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => answer());
        using var client = TestClients.Create(mock, o => o.ApiKey = key);
        var error = await Record.ExceptionAsync(() => Calls[call](client));
        return Assert.IsAssignableFrom<EzrouterException>(error);
    }

    private static (int Status, string Text, string ContentType) Body(string kind, bool anthropic, string? key)
    {
        // With a key: it sits in the body, starting 10 characters before the 200-character excerpt ends.
        var echo = key is null ? "" : new string('x', 184) + key;
        return kind switch
        {
            "html 502" => (502, $"<html><body>Bad gateway {echo}</body></html>", "text/html"),
            "empty 500" => (500, "", "application/json"),
            "json 401" => (401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", "application/json"),
            "truncated stream" when anthropic => (200, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n", "text/event-stream"),
            "truncated stream" => (200, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi " + key + "\"}}]}\n\n", "text/event-stream"),
            "malformed event" when anthropic => (200, "event: content_block_delta\ndata: {oops" + echo + "\n\n", "text/event-stream"),
            "malformed event" => (200, "data: {oops" + echo + "\n\n", "text/event-stream"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static HttpResponseMessage Response(int status, string text, string contentType, (string Name, string Value)? header)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (header is { } h) response.Headers.TryAddWithoutValidation(h.Name, h.Value);
        if (header?.Name != "X-New-Api-Version") response.Headers.TryAddWithoutValidation("X-New-Api-Version", "v0.9.6");
        return response;
    }

    private static void AssertNoKey(EzrouterException error, string key)
    {
        foreach (var text in Texts(error))
            Assert.DoesNotContain(key, text);
    }

    /// <summary>Every text an exception keeps: message, ToString(), each string of its details, each header value.</summary>
    internal static IEnumerable<string> Texts(EzrouterException error)
    {
        yield return error.Message;
        yield return error.ToString();
        foreach (var property in typeof(EzrouterErrorDetails).GetProperties())
            if (property.PropertyType == typeof(string) && property.GetValue(error.Details) is string text)
                yield return text;
        foreach (var value in error.Details.Headers.Concat(error.ResponseHeaders).SelectMany(h => h.Value))
            yield return value;
    }
}
