using System.Text;
using System.Text.Json;
using Ezrouter.Http;
using Ezrouter.Testing;
using Ezrouter.Tests.Corpus;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// The generated readers of whole JSON answers (responses and error envelopes, found through each surface's
/// <c>ResponseReaders</c>) build the same models as Kiota's JsonParseNode: for every JSON body in every cassette,
/// every recorded stream folded into the answer it stands for, and the test payloads.
/// </summary>
public class GeneratedAnswerReaderParityTests
{
    /// <summary>(model type name, JSON): each recorded JSON answer, read as the model its call expects.</summary>
    public static TheoryData<string, string> RecordedAnswers()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<(string, string)>();
        void Add(Type type, string json)
        {
            if (seen.Add((type.FullName!, json))) data.Add(type.FullName!, json);
        }

        foreach (var cassette in Cassette.LoadEmbedded())
        {
            foreach (var interaction in cassette.Interactions)
            {
                var response = interaction.Response;
                var json = response.Json is { } element ? element.GetRawText() : response.Body;
                if (json is null || !json.TrimStart().StartsWith('{')) continue;
                Add(ModelFor(interaction.Request.Path, response.Status), json);
            }
            // A stream stands for a whole answer: folded, then written as Kiota writes the model.
            if (cassette.Interactions[^1].Response.Frames is { } frames)
            {
                var body = Encoding.UTF8.GetBytes(string.Concat(frames.Select(f => f.Data)));
                if (cassette.Interactions[^1].Request.Path.StartsWith("/anthropic", StringComparison.Ordinal))
                    Add(typeof(AnthropicModels.Message), Recorded.Json(Recorded.FoldMessages(Recorded.Frame(body)).Accumulator.ToMessage()));
                else
                    Add(typeof(OpenAiModels.CreateChatCompletionResponse), Recorded.Json(Recorded.FoldChat(Recorded.Frame(body)).Accumulator.ToCompletion()));
            }
        }
        Add(typeof(OpenAiModels.ModelList), Payloads.ModelsList);
        Add(typeof(OpenAiModels.ModelList), CorpusCases.ModelsJson);
        Add(typeof(OpenAiModels.CreateChatCompletionResponse), Payloads.ChatCompletionJson);
        Add(typeof(OpenAiModels.CreateChatCompletionResponse), CorpusCases.ChatJson);
        Add(typeof(AnthropicModels.Message), Payloads.AnthropicMessageJson);
        Add(typeof(AnthropicModels.Message), CorpusCases.MessageJson);
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedAnswers))]
    public void RecordedAnswerReadsIdenticallyOnBothPaths(string model, string json) => AssertParity(TypeOf(model), json);

    [Theory]
    // Unknown fields of every kind at every level land in AdditionalData, typed as Kiota types them.
    [InlineData(typeof(OpenAiModels.ModelList), """{"object":"list","x_top":{"a":[1,2.5,"s",null,true]},"data":[{"id":"m","x_date":"2026-11-21T10:00:00Z","x_guid":"0f8fad5b-d9cb-469f-a165-70867728950e","x_num":12345678901}],"success":true}""")]
    [InlineData(typeof(OpenAiModels.CreateChatCompletionResponse), """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"reasoning_content":"r","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}],"x":1},"finish_reason":"tool_calls","logprobs":null}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"prompt_tokens_details":{"cached_tokens":0},"x_u":[]}}""")]
    // Known properties set to null, duplicates (a known property: last wins; unknown: first wins), escaped names.
    [InlineData(typeof(OpenAiModels.CreateChatCompletionResponse), """{"id":null,"model":"a","model":"b","x":1,"x":2,"\u0063reated":5}""")]
    // A content block the spec does not know, a discriminator that is not first, and count_tokens.
    [InlineData(typeof(AnthropicModels.Message), """{"id":"m","type":"message","role":"assistant","content":[{"text":"late","type":"text"},{"type":"server_tool_use","id":"s","input":{"q":1}}],"usage":{"input_tokens":1,"output_tokens":2}}""")]
    [InlineData(typeof(AnthropicModels.CountTokensResponse), """{"input_tokens":42,"x":"y"}""")]
    [InlineData(typeof(AnthropicModels.ModelListResponse), """{"data":[{"type":"model","id":"claude","display_name":"Claude","created_at":"2025-02-19T00:00:00Z"}],"has_more":false,"first_id":"claude","last_id":null}""")]
    // Both error envelopes, with a numeric code and an upstream's own fields.
    [InlineData(typeof(OpenAiModels.ErrorResponse), """{"error":{"message":"m","type":"t","param":"","code":429,"x":1}}""")]
    [InlineData(typeof(AnthropicModels.ErrorResponse), """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"r"}""")]
    public void AwkwardAnswersReadIdenticallyOnBothPaths(Type model, string json) => AssertParity(model, json);

    [Fact]
    public void EveryJsonResponseOfTheSpecsHasAReader()
    {
        foreach (var type in new[]
        {
            typeof(OpenAiModels.ModelList), typeof(OpenAiModels.CreateChatCompletionResponse), typeof(OpenAiModels.ErrorResponse),
            typeof(AnthropicModels.Message), typeof(AnthropicModels.CountTokensResponse), typeof(AnthropicModels.ModelListResponse), typeof(AnthropicModels.ErrorResponse),
        })
            Assert.True(JsonAnswer.HasReader(type), type.FullName);
        Assert.False(JsonAnswer.HasReader(typeof(OpenAiModels.CreateChatCompletionStreamResponse)));
        Assert.False(Ezrouter.Generated.OpenAi.Readers.ResponseReaders.CanRead(typeof(AnthropicModels.Message)));
    }

    /// <summary>
    /// Where Kiota's parse node reads a value of the wrong JSON type as null (or, for a fraction where an integer
    /// belongs, throws without naming it), the reader refuses it and names the field.
    /// </summary>
    [Theory]
    [InlineData(typeof(OpenAiModels.ModelList), """{"object":"list","data":[{"id":7}]}""", "data[0].id: expected a string, found a number")]
    [InlineData(typeof(OpenAiModels.ModelList), """{"object":"list","data":{}}""", "data: expected an array, found an object")]
    [InlineData(typeof(OpenAiModels.CreateChatCompletionResponse), """{"id":"c","created":1.5}""", "created: expected a 64-bit integer, found a number it cannot hold")]
    [InlineData(typeof(OpenAiModels.CreateChatCompletionResponse), """{"choices":[{"index":0,"message":{"content":42}}]}""", "choices[0].message.content: expected a string, found a number")]
    [InlineData(typeof(AnthropicModels.Message), """{"id":"m","usage":{"input_tokens":"five"}}""", "usage.input_tokens: expected a number, found a string")]
    public void WrongTypedValuesAreRefusedNamingTheField(Type model, string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var refused = Assert.Throws<JsonException>(() => JsonAnswer.Read(model, bytes));

        Assert.Equal(expected, JsonAnswer.Describe(refused, bytes));
    }

    [Theory]
    [InlineData("[1,2]", typeof(JsonAnswer.NotAnObjectException))]
    [InlineData("null", typeof(JsonAnswer.NotAnObjectException))]
    [InlineData("", typeof(JsonException))]
    [InlineData("{\"object\":\"list\"}{}", typeof(JsonException))]
    [InlineData("{\"object\":\"list\"} x", typeof(JsonException))]
    [InlineData("{\"object\":\"list\"", typeof(JsonException))]
    public void AnAnswerIsOneObjectAndNothingAfterIt(string json, Type refusal)
    {
        var error = Record.Exception(() => JsonAnswer.Read(typeof(OpenAiModels.ModelList), Encoding.UTF8.GetBytes(json)));

        Assert.IsAssignableFrom(refusal, error);
    }

    [Fact]
    public void AByteOrderMarkAndWhitespaceAroundTheObjectAreRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(" \n{\"object\":\"list\",\"data\":[]}\r\n ")).ToArray();

        var list = Assert.IsType<OpenAiModels.ModelList>(JsonAnswer.Read(typeof(OpenAiModels.ModelList), bytes));

        Assert.Equal("list", list.Object);
    }

    private static void AssertParity(Type model, string json)
    {
        var fast = JsonAnswer.Read(model, Encoding.UTF8.GetBytes(json));
        var kiota = Kiota(model, json);
        Assert.IsType(model, fast);
        // Compared as a graph of property names and runtime types, as the stream readers' parity tests do.
        Assert.Equal(GeneratedReaderParityTests.Shape(kiota), GeneratedReaderParityTests.Shape(fast));
    }

    private static IParsable Kiota(Type model, string json)
    {
        using var document = JsonDocument.Parse(json);
        var node = new JsonParseNode(document.RootElement.Clone());
        return model == typeof(OpenAiModels.ModelList) ? node.GetObjectValue(OpenAiModels.ModelList.CreateFromDiscriminatorValue)
            : model == typeof(OpenAiModels.CreateChatCompletionResponse) ? node.GetObjectValue(OpenAiModels.CreateChatCompletionResponse.CreateFromDiscriminatorValue)
            : model == typeof(OpenAiModels.ErrorResponse) ? node.GetObjectValue(OpenAiModels.ErrorResponse.CreateFromDiscriminatorValue)
            : model == typeof(AnthropicModels.Message) ? node.GetObjectValue(AnthropicModels.Message.CreateFromDiscriminatorValue)
            : model == typeof(AnthropicModels.CountTokensResponse) ? node.GetObjectValue(AnthropicModels.CountTokensResponse.CreateFromDiscriminatorValue)
            : model == typeof(AnthropicModels.ModelListResponse) ? node.GetObjectValue(AnthropicModels.ModelListResponse.CreateFromDiscriminatorValue)
            : model == typeof(AnthropicModels.ErrorResponse) ? node.GetObjectValue(AnthropicModels.ErrorResponse.CreateFromDiscriminatorValue)
            : throw new ArgumentOutOfRangeException(nameof(model));
    }

    /// <summary>The model a call on this path expects: its response when it succeeded, its surface's error envelope otherwise.</summary>
    private static Type ModelFor(string path, int status)
    {
        var anthropic = path.StartsWith("/anthropic", StringComparison.Ordinal);
        if (status is < 200 or > 299) return anthropic ? typeof(AnthropicModels.ErrorResponse) : typeof(OpenAiModels.ErrorResponse);
        return path switch
        {
            "/v1/chat/completions" => typeof(OpenAiModels.CreateChatCompletionResponse),
            "/v1/models" => typeof(OpenAiModels.ModelList),
            "/anthropic/v1/messages" => typeof(AnthropicModels.Message),
            "/anthropic/v1/messages/count_tokens" => typeof(AnthropicModels.CountTokensResponse),
            "/anthropic/v1/models" => typeof(AnthropicModels.ModelListResponse),
            _ => anthropic ? typeof(AnthropicModels.ErrorResponse) : typeof(OpenAiModels.ErrorResponse),
        };
    }

    private static Type TypeOf(string name) =>
        typeof(OpenAiModels.ModelList).Assembly.GetType(name) ?? throw new ArgumentException(name, nameof(name));
}
