using Ezrouter.Testing;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>The call's <see cref="EzrouterResponseInfo"/> rides along: request id and gateway build are what a support ticket needs.</summary>
public sealed class ResponseInfoTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("gpt-5.2", EzrouterChatRoute.OpenAiChat)]
    [InlineData("claude-sonnet-4-6", EzrouterChatRoute.AnthropicMessages)]
    public async Task AWholeResponseCarriesTheRequestId(string model, EzrouterChatRoute route)
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient(new EzrouterChatClientOptions { DefaultModelId = model, Route = route });

        var response = await chat.GetResponseAsync("Hello!");

        var info = Assert.IsType<EzrouterResponseInfo>(response.AdditionalProperties?[EzrouterChatClient.ResponseInfoKey]);
        Assert.False(string.IsNullOrEmpty(info.RequestId));
    }

    [Theory]
    [InlineData("gpt-5.2", EzrouterChatRoute.OpenAiChat)]
    [InlineData("claude-sonnet-4-6", EzrouterChatRoute.AnthropicMessages)]
    public async Task AStreamsFirstUpdateCarriesTheRequestId(string model, EzrouterChatRoute route)
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient(new EzrouterChatClientOptions { DefaultModelId = model, Route = route });

        var updates = await chat.GetStreamingResponseAsync("Hello!").ToListAsync();

        var info = Assert.IsType<EzrouterResponseInfo>(updates[0].AdditionalProperties?[EzrouterChatClient.ResponseInfoKey]);
        Assert.False(string.IsNullOrEmpty(info.RequestId));
    }
}
