using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Ezrouter.Testing.Tests.Interop;

/// <summary>
/// What the official Anthropic .NET SDK (13.12.0) does against the gateway's /anthropic surface, replayed.
/// Each test documents one observed behaviour; a failure means the SDK changed.
/// </summary>
public sealed class AnthropicSdkInteropTests : IAsyncLifetime
{
    private const string Paris = "What's the weather in Paris?";

    private RecordedGateway gateway = null!;
    private AnthropicClient client = null!;

    public async Task InitializeAsync()
    {
        gateway = await RecordedGateway.StartAsync();
        client = new AnthropicClient { BaseUrl = gateway.BaseUrl + "anthropic", ApiKey = "sk-test", MaxRetries = 0 };
    }

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task CreateReturnsThinkingTextAndToolUseBlocksWithCacheUsage()
    {
        var message = await client.Messages.Create(Params("claude-sonnet-4-6"));

        Assert.Equal(3, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.StartsWith("The user asks about the weather in Paris.", thinking!.Thinking, StringComparison.Ordinal);
        Assert.StartsWith("Eu8BCkYICBgCKkB", thinking.Signature, StringComparison.Ordinal);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("I'll check the current weather in Paris for you.", text!.Text);
        Assert.True(message.Content[2].TryPickToolUse(out var toolUse));
        Assert.Equal("get_weather", toolUse!.Name);
        Assert.Equal("Paris, France", toolUse.Input["location"].GetString());
        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.Equal(1536, message.Usage.CacheReadInputTokens);
        Assert.Equal(1024, message.Usage.CacheCreation!.Ephemeral5mInputTokens);
        Assert.Equal(1024, message.Usage.CacheCreation.Ephemeral1hInputTokens);
    }

    [Fact]
    public async Task SdkSendsBearerAuthAndItsOwnAnthropicVersion()
    {
        await client.Messages.Create(Params("claude-sonnet-4-6"));

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("/anthropic/v1/messages", request.Path);
        Assert.Equal("REDACTED", request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("x-api-key"));
        Assert.Equal("2026-10-21", request.Headers["anthropic-version"]);
        Assert.DoesNotContain("\"stream\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStreamingYieldsEveryEventExceptPing()
    {
        var types = new List<string>();
        var thinking = new StringBuilder();
        var signature = new StringBuilder();
        var text = new StringBuilder();
        var json = new StringBuilder();

        await foreach (var streamEvent in client.Messages.CreateStreaming(Params("claude-sonnet-4-6")))
        {
            types.Add(streamEvent.Json.GetProperty("type").GetString()!);
            if (streamEvent.TryPickContentBlockDelta(out var delta))
            {
                if (delta!.Delta.TryPickThinking(out var t))
                {
                    thinking.Append(t!.Thinking);
                }
                else if (delta.Delta.TryPickSignature(out var s))
                {
                    signature.Append(s!.Signature);
                }
                else if (delta.Delta.TryPickText(out var x))
                {
                    text.Append(x!.Text);
                }
                else if (delta.Delta.TryPickInputJson(out var j))
                {
                    json.Append(j!.PartialJson);
                }
            }
        }

        Assert.DoesNotContain("ping", types);
        Assert.Equal(19, types.Count);
        Assert.Equal("message_start", types[0]);
        Assert.Equal(["message_delta", "message_stop"], types[^2..]);
        Assert.StartsWith("The user asks about the weather in Paris.", thinking.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Eu8BCkYICBgCKkB", signature.ToString(), StringComparison.Ordinal);
        Assert.Equal("I'll check the current weather in Paris for you.", text.ToString());
        using var input = JsonDocument.Parse(json.ToString());
        Assert.Equal("celsius", input.RootElement.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task StreamBuiltByTheGatewayForANonClaudeModelWorks()
    {
        var text = new StringBuilder();
        await foreach (var streamEvent in client.Messages.CreateStreaming(Params("gpt-5.2")))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var x))
            {
                text.Append(x!.Text);
            }
        }

        Assert.Equal("I can't check live weather, but Paris in November is usually 5-10 °C.", text.ToString());
    }

    [Fact]
    public async Task CreateOnAnSseAnswerThrowsJsonException()
    {
        // Gateway (docs/gateway-behavior.md §6): "always SSE" applies to /v1/messages too.
        var exception = await Assert.ThrowsAsync<JsonException>(() => client.Messages.Create(Params("claude-opus-4-7")));

        Assert.StartsWith("'e' is an invalid start of a value.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic-error-overloaded", typeof(Anthropic5xxException), HttpStatusCode.InternalServerError, "overloaded_error")]
    [InlineData("anthropic-error-nil-type", typeof(AnthropicOverloadedException), (HttpStatusCode)529, "<nil>")]
    [InlineData("anthropic-error-double-request-id", typeof(AnthropicBadRequestException), HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("anthropic-error-401-shape-o", typeof(AnthropicUnauthorizedException), HttpStatusCode.Unauthorized, "new_api_error")]
    public async Task ErrorsMapToStatusExceptionsAndKeepTheGatewaysType(string model, System.Type exceptionType, HttpStatusCode status, string type)
    {
        var exception = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(Params(model)));

        Assert.IsType(exceptionType, exception);
        Assert.Equal(status, exception.StatusCode);
        Assert.Contains("(request id: ", exception.ResponseBody, StringComparison.Ordinal);

        // The SDK reads its request id from another header than the gateway's X-Oneapi-Request-Id.
        Assert.Null(exception.RequestID);
        var service = Assert.IsAssignableFrom<AnthropicServiceException>(exception);
        Assert.Equal(type, service.Type?.Raw());
    }

    [Fact]
    public async Task ModelListWithBearerAuthGetsTheOpenAiShapeAndStillReadsIds()
    {
        // Gateway (docs/gateway-behavior.md §19): the Anthropic shape needs x-api-key, which this SDK does not send.
        var page = await client.Models.List();

        Assert.Equal(9, page.Items.Count);
        Assert.Equal("claude-sonnet-4-6", page.Items[0].ID);
        Assert.Equal("models-list", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task CountTokensHitsTheMissingRoute()
    {
        var exception = await Assert.ThrowsAsync<AnthropicNotFoundException>(() =>
            client.Messages.CountTokens(new MessageCountTokensParams { Model = "claude-sonnet-4-6", Messages = [new UserMessageParam("hi")] }));

        Assert.Contains("Invalid URL (POST /v1/messages/count_tokens)", exception.ResponseBody, StringComparison.Ordinal);
    }

    private static MessageCreateParams Params(string model) => new()
    {
        MaxTokens = 1024,
        Model = model,
        Messages = [new UserMessageParam(Paris)],
    };
}
