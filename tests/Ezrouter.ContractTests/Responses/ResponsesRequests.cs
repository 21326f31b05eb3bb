using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;

namespace Ezrouter.ContractTests.Responses;

/// <summary>The Responses API requests that reach the <c>responses-*</c> cassettes, shared by the contract tests and <c>CassetteCalls</c>.</summary>
public static class ResponsesRequests
{
    public static CreateResponseRequest Text(string model, string input) => new() { Model = model, Input = new ResponseInput { String = input } };

    public static CreateResponseRequest Whole() => new()
    {
        Model = "claude-sonnet-4-6", Input = new ResponseInput { String = "Hello!" }, Instructions = "Be brief.", MaxOutputTokens = 1024,
    };

    public static CreateResponseRequest Count() => Text("claude-sonnet-4-6", "Count to five.");

    public static CreateResponseRequest WeatherTool() => new()
    {
        Model = "gpt-5.2",
        Input = new ResponseInput { ResponseInputItem = [ResponseInputItems.User("What's the weather in Paris?")] },
        Tools = [new ResponseTool { Type = "function", Name = "get_weather", Description = "Current weather for a location." }],
    };

    public static async Task CreateAsync(RecordedGatewayFixture gateway, CreateResponseRequest request)
    {
        using var client = gateway.CreateClient();
        await client.Responses.CreateAsync(request);
    }

    public static async Task StreamAsync(RecordedGatewayFixture gateway, CreateResponseRequest request)
    {
        using var client = gateway.CreateClient();
        await client.Responses.CreateStreamingAsync(request).GetFinalResponseAsync();
    }
}
