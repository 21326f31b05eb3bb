using System.Reflection;
using System.Text;
using Ezrouter.Generated.Anthropic.Readers;
using Ezrouter.Generated.OpenAi.Readers;
using Ezrouter.Streaming;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// Every model's AdditionalData is made on first use (generator/Ezrouter.Generator/KiotaModelRewrite.cs for Kiota's
/// models, ModelEmitter for ours): a model read without unknown fields holds none, and the contract stands (never
/// null, unknown fields land where Kiota puts them, Serialize writes what is there).
/// </summary>
public class LazyAdditionalDataTests
{
    private const string Models = """{"object":"list","success":true,"data":[{"id":"a","object":"model","created":1,"owned_by":"x","supported_endpoint_types":["openai"]}]}""";

    [Fact]
    public void AModelsListWithoutUnknownFieldsMakesNoDictionaryAndStillAnswersAnEmptyOne()
    {
        var list = ModelListReader.Read(Encoding.UTF8.GetBytes(Models));

        Assert.Null(Made(list));
        Assert.Null(Made(list.Data![0]));
        Assert.Empty(list.Data[0].AdditionalData);
        Assert.NotNull(Made(list.Data[0]));
    }

    [Fact]
    public void UnknownFieldsStillLandInTheModelThatCarriedThem()
    {
        var json = Models.Replace("\"owned_by\":\"x\"", "\"owned_by\":\"x\",\"tier\":\"gold\"");

        var list = ModelListReader.Read(Encoding.UTF8.GetBytes(json));
        var kiota = KiotaJson.Parse(Encoding.UTF8.GetBytes(json), OpenAiModels.ModelList.CreateFromDiscriminatorValue);

        Assert.Null(Made(list));
        Assert.Equal("gold", list.Data![0].AdditionalData["tier"]);
        Assert.Equal("gold", kiota!.Data![0].AdditionalData["tier"]);
    }

    [Fact]
    public void AnUnknownFieldOfAnEventGoesToTheWrappersDictionaryAsKiotaPutsItAndOnlyThenIsItMade()
    {
        const string plain = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}""";
        const string extra = """{"type":"content_block_delta","index":0,"seq":7,"delta":{"type":"text_delta","text":"hi"}}""";

        var read = MessageStreamEventReader.Read(Encoding.UTF8.GetBytes(plain));
        var withExtra = MessageStreamEventReader.Read(Encoding.UTF8.GetBytes(extra));
        var kiota = KiotaJson.Parse(Encoding.UTF8.GetBytes(extra), AnthropicModels.MessageStreamEvent.CreateFromDiscriminatorValue);

        Assert.Null(Made(read));
        Assert.Null(Made(read.ContentBlockDeltaEvent!));
        Assert.Null(Made(read.ContentBlockDeltaEvent!.Delta!));
        Assert.Equal(7, Convert.ToInt32(withExtra.AdditionalData["seq"]));
        Assert.Null(Made(withExtra.ContentBlockDeltaEvent!));
        Assert.Equal(Convert.ToInt32(kiota!.AdditionalData["seq"]), Convert.ToInt32(withExtra.AdditionalData["seq"]));
    }

    [Fact]
    public void SerializeWritesTheSameJsonWithOrWithoutADictionaryMade()
    {
        var untouched = ModelListReader.Read(Encoding.UTF8.GetBytes(Models));
        var touched = ModelListReader.Read(Encoding.UTF8.GetBytes(Models));
        _ = touched.AdditionalData.Count;
        _ = touched.Data![0].AdditionalData.Count;

        Assert.Equal(Written(touched), Written(untouched));
        untouched.Data![0].AdditionalData["tier"] = "gold";
        Assert.Contains("\"tier\":\"gold\"", Written(untouched));
    }

    [Fact]
    public void TheSetterReplacesTheDictionary()
    {
        var model = new OpenAiModels.Model();
        var mine = new Dictionary<string, object> { ["k"] = "v" };

        model.AdditionalData = mine;

        Assert.Same(mine, model.AdditionalData);
    }

    /// <summary>The model's dictionary if one was made, read from its backing field (null: none was made).</summary>
    private static object? Made(object model) =>
        model.GetType().GetField("_additionalData", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(model);

    private static string Written(IParsable model)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, model);
        using var reader = new StreamReader(writer.GetSerializedContent());
        return reader.ReadToEnd();
    }
}
