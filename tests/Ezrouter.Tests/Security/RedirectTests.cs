using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Tests.Security;

/// <summary>
/// A redirect is not followed: <see cref="EzrouterErrorHandler"/> sits inside Kiota's redirect handler and turns a 3xx
/// into a typed error, so the key never travels to the redirect target. (Kiota's redirect handler strips only
/// <c>Authorization</c> and <c>Cookie</c>, so following redirects would leak the Anthropic surface's <c>x-api-key</c>.)
/// </summary>
public sealed class RedirectTests
{
    private static Task<LoopbackServer> TargetAsync() => LoopbackServer.StartAsync(context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{}");
    });

    private static Task<LoopbackServer> RedirectingTo(Uri target) => LoopbackServer.StartAsync((context, request) =>
    {
        context.Response.StatusCode = 307;
        context.Response.Headers.Location = new Uri(target, request.Path.TrimStart('/')).ToString();
        return Task.CompletedTask;
    });

    [Fact]
    public async Task RedirectOnTheAnthropicSurfaceIsNotFollowedSoXApiKeyStaysHome()
    {
        // Arrange
        await using var target = await TargetAsync();
        await using var origin = await RedirectingTo(new Uri($"http://localhost:{target.BaseUrl.Port}/"));
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = origin.BaseUrl });

        // Act
        var error = await Record.ExceptionAsync(() => client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 }));

        // Assert
        Assert.Equal(307, Assert.IsAssignableFrom<EzrouterException>(error).StatusCode);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task RedirectOnTheOpenAiSurfaceIsNotFollowedSoTheBearerKeyStaysHome()
    {
        // Arrange
        await using var target = await TargetAsync();
        await using var origin = await RedirectingTo(target.BaseUrl);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = origin.BaseUrl });

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }));

        // Assert
        var redirect = Assert.IsAssignableFrom<EzrouterException>(error);
        Assert.Equal(307, redirect.StatusCode);
        Assert.Contains("Location", redirect.ResponseHeaders.Keys);
        Assert.Empty(target.Requests);
    }
}
