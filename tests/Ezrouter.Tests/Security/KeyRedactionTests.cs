using System.Diagnostics;
using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Http;

namespace Ezrouter.Tests.Security;

/// <summary>The API key never shows in an exception's message, ToString(), raw body, or in telemetry.</summary>
public sealed class KeyRedactionTests
{
    private const string Key = TestKeys.ApiKey;

    // An upstream that echoes the key back, as OpenAI's "Incorrect API key provided: ..." does.
    private static readonly string EchoingBody =
        $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}} (request id: r-1)","type":"invalid_request_error","param":"{{{Key}}}","code":"invalid_api_key"}}""";

    [Fact]
    public async Task KeyEchoedInTheMessageIsRedactedFromGatewayMessage()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, EchoingBody, secret: Key);

        // Assert
        Assert.DoesNotContain(Key, error.GatewayMessage);
        Assert.Contains("[REDACTED]", error.GatewayMessage);
    }

    [Fact]
    public async Task KeyEchoedInTheBodyIsRedactedFromRawBody()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, EchoingBody, secret: Key);

        // Assert
        Assert.DoesNotContain(Key, error.RawBody);
    }

    [Fact]
    public async Task KeyEchoedInAnyEnvelopeFieldNeverReachesMessageOrToString()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, EchoingBody, secret: Key);

        // Assert
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Key, error.Param ?? "");
    }

    [Fact]
    public async Task KeyEchoedInAnHtmlPageIsRedactedFromRawBody()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(502, $"<html><body>Authorization: Bearer {Key}</body></html>", "text/html", secret: Key);

        // Assert
        Assert.DoesNotContain(Key, error.RawBody);
        Assert.DoesNotContain(Key, error.ToString());
    }

    [Fact]
    public async Task KeyEchoedInAnErrorWithHttp200IsRedacted()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(200, EchoingBody, secret: Key);

        // Assert
        Assert.DoesNotContain(Key, error.RawBody);
        Assert.DoesNotContain(Key, error.ToString());
    }

    [Fact]
    public async Task KeyIsNotInTheExceptionOfAFullClientCall()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => ErrorResponses.Response(401, EchoingBody));
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = Key, Transport = mock });

        // Act
        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }));

        // Assert
        Assert.IsType<EzrouterAuthenticationException>(error);
        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Key, error.RawBody);
        Assert.DoesNotContain(Key, string.Join("\n", error.ResponseHeaders.SelectMany(h => h.Value)));
    }

    [Fact]
    public void OptionsToStringHidesTheKey()
    {
        // Arrange
        var options = new EzrouterClientOptions { ApiKey = Key };

        // Act
        var text = options.ToString();

        // Assert
        Assert.DoesNotContain(Key, text);
        Assert.Contains("[REDACTED]", text);
    }

    [Fact]
    public void AuthenticationProviderToStringHidesTheKey()
    {
        // Arrange
        var provider = new EzrouterKeyAuthenticationProvider(Key, anthropicSurface: true);

        // Act
        var text = provider.ToString();

        // Assert
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public void ClientToStringHidesTheKey()
    {
        // Arrange
        using var client = new EzrouterClient(Key);

        // Act
        var text = client.ToString();

        // Assert
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public async Task KeyIsNotInAnyActivityTagOrEvent()
    {
        // Arrange
        var seen = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Only this test's calls (the mock's host): tests run in parallel, and a listener sees every activity
                // in the process, including other tests' runtime HTTP spans over their own loopback servers.
                if (!activity.TagObjects.Any(t => t.Value is "www.ezrouter.dev")) return;
                lock (seen)
                {
                    seen.Add(activity.DisplayName);
                    seen.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                    seen.AddRange(activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var mock = new MockHttpMessageHandler();
        mock.When("*/v1/chat/completions").Respond(_ => ErrorResponses.Response(401, EchoingBody));
        mock.When("*/anthropic/v1/messages").Respond(_ => ErrorResponses.Response(200, """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}"""));
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = Key, Transport = mock });

        // Act
        await Assert.ThrowsAnyAsync<EzrouterException>(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }));
        await client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 });

        // Assert
        lock (seen)
        {
            Assert.NotEmpty(seen);
            Assert.DoesNotContain(seen, text => text.Contains(Key, StringComparison.Ordinal));
        }
    }
}
