using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests;

/// <summary>
/// The code in README.md's "Using the SDK" section, read from the file when the test runs, compiled and run against
/// MockHttp (<see cref="ReadmeProgram"/>): a README edit that no longer compiles, compiles with warnings, or no longer
/// does what the README says it does fails here, with the compiler's messages at README.md's lines.
/// </summary>
public class ReadmeSnippetTests
{
    private const string ChatUrl = "https://www.ezrouter.dev/v1/chat/completions";

    [Fact]
    public async Task TheReadmeUsageCompilesAndRuns()
    {
        // Arrange: the README's program, and a gateway that answers SSE to both of its calls, as the real one does.
        var blocks = ReadmeProgram.CSharpBlocks(await File.ReadAllTextAsync(ReadmeProgram.ReadmePath), "Using the SDK");
        Assert.NotEmpty(blocks);
        var program = ReadmeProgram.Compile(ReadmeProgram.Program(blocks));
        var mock = new MockHttpMessageHandler();
        var sent = new List<string>();
        mock.When(HttpMethod.Post, ChatUrl).WithHeaders("Authorization", "Bearer " + TestClients.ApiKey).Respond(async request =>
        {
            var body = await request.Content!.ReadAsStringAsync();
            lock (sent) sent.Add(body);
            return TestClients.Sse(Payloads.ChatSse, requestId: "2026112100000000readme");
        });

        // Act: with EZROUTER_API_KEY set, as the README asks.
        string output;
        var previous = Environment.GetEnvironmentVariable("EZROUTER_API_KEY");
        Environment.SetEnvironmentVariable("EZROUTER_API_KEY", TestClients.ApiKey);
        try
        {
            output = await ReadmeProgram.RunAsync(program, mock);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EZROUTER_API_KEY", previous);
        }

        // Assert: the non-stream call and the stream both reached the gateway with the key; the stream's text and the
        // request id reached the console.
        Assert.Equal($"Hello there! (request id 2026112100000000readme){Environment.NewLine}", output);
        Assert.Equal(2, sent.Count);
        Assert.Single(sent, body => body.Contains("\"stream\":true", StringComparison.Ordinal));
        Assert.All(sent, body => Assert.Contains("\"content\":\"Hello!\"", body));
    }

    [Fact]
    public void OnlyTheSectionsCSharpBlocksAreTakenAndCompilerMessagesPointAtTheirReadmeLines()
    {
        const string markdown = """
            # Title

            ```csharp
            not this section();
            ```

            ## Using the SDK

            ```bash
            # a shell comment, not a heading
            ```

            ```csharp
            using System.Text;

            var text = new StringBuilder("a");
            ```

            Between blocks.

            ```csharp
            using System.Globalization;
            Console.WriteLine(text.ToString().ToUpper(CultureInfo.InvariantCulture) + Missing);
            ```

            ## Next

            ```csharp
            nor this one();
            ```
            """;

        var blocks = ReadmeProgram.CSharpBlocks(markdown, "Using the SDK");
        var error = Assert.Throws<InvalidOperationException>(() => ReadmeProgram.Compile(ReadmeProgram.Program(blocks)));

        Assert.Equal([14, 22], blocks.Select(b => b.Line));
        Assert.Contains("README.md(23,75): error CS0103: The name 'Missing' does not exist", error.Message);
        Assert.DoesNotContain("this", error.Message);
    }
}
