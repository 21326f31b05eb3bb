using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests;

/// <summary>
/// The README's "Using the SDK" code, kept here line for line after the client is built (the README builds it from
/// EZROUTER_API_KEY; here it talks to MockHttp), so a change that breaks the README breaks the build or this test.
/// </summary>
public class ReadmeSnippetTests
{
    [Fact]
    public async Task TheReadmeUsageCompilesAndRuns()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var client = TestClients.Create(mock);
        var output = new StringWriter();

        // ---- README.md, "Using the SDK" ----
        var request = new CreateChatCompletionRequest
        {
            Model = "claude-sonnet-4-6",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } }],
        };

        // The generated API is the API: this works although the gateway answers with SSE.
        var completion = await client.OpenAi.V1.Chat.Completions.PostAsync(request);

        // Streaming: IAsyncEnumerable of the generated chunk type; ends completed, in a typed error, or truncated.
        var stream = client.Chat.CompleteStreamingAsync(request);
        await foreach (var chunk in stream)
            output.Write(chunk.Choices?.FirstOrDefault()?.Delta?.Content);
        output.WriteLine($" (request id {stream.ResponseInfo.RequestId})");
        // ---- end ----

        Assert.Equal("Hello there!", completion!.Choices![0].Message!.Content);
        Assert.StartsWith("Hello there! (request id 2026", output.ToString());
    }
}
