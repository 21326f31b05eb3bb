using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Ezrouter.Testing;
using OpenAI.Responses;

// The official SDK marks its Responses client experimental; these tests pin what it reads from the recorded gateway.
#pragma warning disable OPENAI001

namespace Ezrouter.ContractTests.Interop;

/// <summary>
/// The official OpenAI .NET SDK's Responses client against the recorded gateway, whole and streamed: any prompt for a
/// catalog model gets a well-formed response (the stand-in, in the gateway's wire format, docs/gateway-behavior.md §22),
/// and the recorded <c>responses-*</c> cassettes read as the SDK expects.
/// </summary>
public sealed class OpenAiResponsesInteropTests : IAsyncLifetime
{
    private const string Prompt = "Write a limerick about a response no cassette has heard.";
    private const string StandInStart = "This is a stand-in answer from the recorded gateway";

    private RecordedGateway gateway = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => gateway = await RecordedGateway.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Theory]
    [InlineData("gpt-5.2")]
    [InlineData("claude-sonnet-4-6")]
    public async Task AWholeResponseReadsWithItsTextStatusAndUsage(string model)
    {
        ResponseResult response = await Client().CreateResponseAsync(model, Prompt);

        Assert.StartsWith(StandInStart, response.GetOutputText(), StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(model, response.Model);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal("default-response", Assert.Single(gateway.Requests).CassetteName);
    }

    [Theory]
    [InlineData("gpt-5.2")]
    [InlineData("kimi-k2.6")]
    public async Task AStreamedResponseReadsDeltaByDeltaToItsCompletion(string model)
    {
        var text = new StringBuilder();
        ResponseResult? completed = null;
        var kinds = new List<StreamingResponseUpdateKind>();
        await foreach (var update in await Client().CreateResponseStreamingAsync(model, Prompt))
        {
            kinds.Add(update.Kind);
            if (update is StreamingResponseOutputTextDeltaUpdate delta) text.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        Assert.StartsWith(StandInStart, text.ToString(), StringComparison.Ordinal);
        Assert.Equal(StreamingResponseUpdateKind.ResponseCreated, kinds[0]);
        Assert.Equal(StreamingResponseUpdateKind.ResponseCompleted, kinds[^1]);
        Assert.NotNull(completed);
        Assert.Equal(text.ToString(), completed.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.True(completed.Usage.OutputTokenCount > 0);
        Assert.Equal("default-response-stream", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task TheRecordedWholeCassetteReadsAsAResponseResult()
    {
        // The SDK's convenience methods send input as items, which the responses-whole cassette (a string input) does
        // not match; its protocol method sends the cassette's request, and the SDK's reader reads the answer.
        var result = await Client().CreateResponseAsync(BinaryContent.Create(BinaryData.FromString("""{"model":"claude-sonnet-4-6","input":"Hello!"}""")), new RequestOptions());
        var response = ModelReaderWriter.Read<ResponseResult>(result.GetRawResponse().Content)!;

        Assert.Equal("Hello! How can I help you today?", response.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(14, response.Usage.InputTokenCount);
        Assert.Equal(11, response.Usage.OutputTokenCount);
        Assert.Equal("responses-whole", Assert.Single(gateway.Requests).CassetteName);
    }

    private ResponsesClient Client() => new(
        new ApiKeyCredential("sk-test"),
        new ResponsesClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) });
}
