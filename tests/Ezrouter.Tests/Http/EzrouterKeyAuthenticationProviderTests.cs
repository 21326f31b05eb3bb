using Ezrouter.Http;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="EzrouterKeyAuthenticationProvider"/> on its own: an empty key is no key (no header at all), a missing
/// request is a typed argument error, and its text says the surface and whether a key is set without showing it.
/// </summary>
public sealed class EzrouterKeyAuthenticationProviderTests
{
    private static RequestInformation Request() => new() { HttpMethod = Method.POST, URI = new Uri("https://www.ezrouter.dev/v1/chat/completions") };

    [Fact]
    public async Task AnEmptyKeyIsNoKeyAndSendsNoAuthorizationHeader()
    {
        // Arrange
        var provider = new EzrouterKeyAuthenticationProvider("", anthropicSurface: false);
        var request = Request();

        // Act
        await provider.AuthenticateRequestAsync(request);

        // Assert
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal("EzrouterKeyAuthenticationProvider { Surface = openai, ApiKey = (none) }", provider.ToString());
    }

    [Fact]
    public async Task AMissingRequestIsRefusedNamingTheParameter()
    {
        var provider = new EzrouterKeyAuthenticationProvider("sk-test", anthropicSurface: false);

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => provider.AuthenticateRequestAsync(null!));

        Assert.Equal("request", error.ParamName);
    }

    [Theory]
    [InlineData(false, "sk-test", "EzrouterKeyAuthenticationProvider { Surface = openai, ApiKey = [REDACTED] }")]
    [InlineData(true, "sk-test", "EzrouterKeyAuthenticationProvider { Surface = anthropic, ApiKey = [REDACTED] }")]
    [InlineData(true, null, "EzrouterKeyAuthenticationProvider { Surface = anthropic, ApiKey = (none) }")]
    public void ItsTextSaysTheSurfaceAndWhetherAKeyIsSetButNeverTheKey(bool anthropic, string? key, string expected)
    {
        var provider = new EzrouterKeyAuthenticationProvider(key, anthropic);

        Assert.Equal(expected, provider.ToString());
    }
}
