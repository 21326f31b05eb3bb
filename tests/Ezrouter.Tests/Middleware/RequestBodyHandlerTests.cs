using System.Text.Json.Nodes;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="RequestBodyHandler"/>: the client-wide end user where a request names none, and no CR/LF in a model name.</summary>
public sealed class RequestBodyHandlerTests
{
    private readonly MockHttpMessageHandler _mock = new();
    private string? _sent;

    private HttpMessageInvoker Invoker(string? endUserId)
    {
        _mock.When("*").Respond(async request =>
        {
            _sent = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        return HandlerChain.Invoker(_mock, new RequestBodyHandler(endUserId));
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, "https://www.ezrouter.dev" + path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public async Task EndUserFillsUserOnChatWhenAbsent()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");

        // Act
        using var response = await invoker.SendAsync(Post("/v1/chat/completions", """{"model":"gpt-5.2"}"""), CancellationToken.None);

        // Assert
        Assert.Equal("end-user-42", JsonNode.Parse(_sent!)!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequestsOwnUserIsKeptOnChat()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");

        // Act
        using var response = await invoker.SendAsync(Post("/v1/chat/completions", """{"model":"gpt-5.2","user":"someone-else"}"""), CancellationToken.None);

        // Assert
        Assert.Equal("someone-else", JsonNode.Parse(_sent!)!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task EndUserFillsMetadataUserIdOnMessagesWhenAbsent()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");

        // Act
        using var response = await invoker.SendAsync(Post("/anthropic/v1/messages", """{"model":"claude-sonnet-4-6","max_tokens":16}"""), CancellationToken.None);

        // Assert
        var body = JsonNode.Parse(_sent!)!;
        Assert.Equal("end-user-42", body["metadata"]!["user_id"]!.GetValue<string>());
        Assert.Null(body["user"]);
    }

    [Fact]
    public async Task EndUserJoinsExistingMetadataOnMessages()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");

        // Act
        using var response = await invoker.SendAsync(Post("/anthropic/v1/messages", """{"model":"c","metadata":{"trace":"t-1"}}"""), CancellationToken.None);

        // Assert
        var metadata = JsonNode.Parse(_sent!)!["metadata"]!;
        Assert.Equal("end-user-42", metadata["user_id"]!.GetValue<string>());
        Assert.Equal("t-1", metadata["trace"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequestsOwnMetadataUserIdIsKeptOnMessages()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");

        // Act
        using var response = await invoker.SendAsync(Post("/anthropic/v1/messages", """{"model":"c","metadata":{"user_id":"someone-else"}}"""), CancellationToken.None);

        // Assert
        Assert.Equal("someone-else", JsonNode.Parse(_sent!)!["metadata"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodyIsSentUnchangedWithoutAnEndUser()
    {
        // Arrange
        using var invoker = Invoker(null);
        const string json = """{"model":"gpt-5.2","messages":[]}""";

        // Act
        using var response = await invoker.SendAsync(Post("/v1/chat/completions", json), CancellationToken.None);

        // Assert
        Assert.Equal(json, _sent);
    }

    [Fact]
    public async Task OtherPathsGetNoEndUser()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");
        const string json = """{"model":"text-embedding-3-small","input":"x"}""";

        // Act
        using var response = await invoker.SendAsync(Post("/v1/embeddings", json), CancellationToken.None);

        // Assert
        Assert.Equal(json, _sent);
    }

    [Theory]
    [InlineData("gpt-5.2\n")]
    [InlineData("gpt-5.2\r\nX-Injected: 1")]
    [InlineData("\rgpt")]
    public async Task ModelNameWithCrOrLfIsRejectedBeforeSending(string model)
    {
        // Arrange
        using var invoker = Invoker(null);
        var json = new JsonObject { ["model"] = model }.ToJsonString();

        // Act
        var error = await Record.ExceptionAsync(() => invoker.SendAsync(Post("/v1/chat/completions", json), CancellationToken.None));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Null(_sent);
    }

    [Fact]
    public void EndUserIdWithCrLfIsRejected()
    {
        // Act
        var error = Record.Exception(() => new RequestBodyHandler("u\r\nX: y"));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task ARequestsOwnOptionReplacesTheClientsEndUser()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");
        var request = Post("/v1/chat/completions", """{"model":"gpt-5.2"}""").With(new RequestBodyHandlerOption { EndUserId = "user-7" });

        // Act
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var overridden = _sent;
        using var next = await invoker.SendAsync(Post("/v1/chat/completions", """{"model":"gpt-5.2"}"""), CancellationToken.None);

        // Assert: that request only.
        Assert.Equal("user-7", JsonNode.Parse(overridden!)!["user"]!.GetValue<string>());
        Assert.Equal("end-user-42", JsonNode.Parse(_sent!)!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOptionWithoutAnEndUserSendsTheBodyUnchanged()
    {
        // Arrange
        using var invoker = Invoker("end-user-42");
        const string json = """{"model":"gpt-5.2","messages":[]}""";

        // Act
        using var response = await invoker.SendAsync(Post("/v1/chat/completions", json).With(new RequestBodyHandlerOption()), CancellationToken.None);

        // Assert
        Assert.Equal(json, _sent);
    }

    [Fact]
    public async Task TheHandlerCanBeBuiltFromItsOption()
    {
        // Arrange: the option is copied; changing it afterwards changes nothing.
        var option = new RequestBodyHandlerOption { EndUserId = "end-user-42" };
        _mock.When("*").Respond(async request =>
        {
            _sent = await request.Content!.ReadAsStringAsync();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        using var invoker = HandlerChain.Invoker(_mock, new RequestBodyHandler(option));
        option.EndUserId = "changed";

        // Act
        using var response = await invoker.SendAsync(Post("/anthropic/v1/messages", """{"model":"c"}"""), CancellationToken.None);

        // Assert
        Assert.Equal("end-user-42", JsonNode.Parse(_sent!)!["metadata"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public void OptionEndUserIdWithCrLfIsRejected() =>
        Assert.Throws<ArgumentException>(() => new RequestBodyHandlerOption { EndUserId = "u\nX: y" });
}
