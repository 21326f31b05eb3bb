using System.Text.Json;
using Ezrouter.Generator.Loading;

namespace Ezrouter.Generator.Tests;

/// <summary>The YAML front end types plain scalars as YAML 1.2's core schema does; quoted scalars stay strings.</summary>
public sealed class YamlToJsonTests
{
    private static JsonElement Value(string yamlScalar) =>
        JsonDocument.Parse(YamlToJson.Convert("v: " + yamlScalar)).RootElement.GetProperty("v");

    [Theory]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("~")]
    [InlineData("")]
    public void PlainNullFormsBecomeJsonNull(string scalar) =>
        Assert.Equal(JsonValueKind.Null, Value(scalar).ValueKind);

    [Theory]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("True", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    [InlineData("FALSE", JsonValueKind.False)]
    public void PlainBooleansBecomeJsonBooleans(string scalar, JsonValueKind expected) =>
        Assert.Equal(expected, Value(scalar).ValueKind);

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("1626777600", 1626777600L)]
    public void PlainIntegersBecomeJsonIntegers(string scalar, long expected)
    {
        var value = Value(scalar);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.Equal(expected, value.GetInt64());
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-1", 0.25)]
    public void PlainFloatsBecomeJsonNumbers(string scalar, double expected)
    {
        var value = Value(scalar);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.Equal(expected, value.GetDouble());
    }

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("'false'", "false")]
    [InlineData("\"42\"", "42")]
    [InlineData("'1.5'", "1.5")]
    [InlineData("\"null\"", "null")]
    [InlineData("'~'", "~")]
    [InlineData("\"\"", "")]
    public void QuotedScalarsStayStrings(string scalar, string expected)
    {
        var value = Value(scalar);
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Equal(expected, value.GetString());
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("3.0.3")]
    [InlineData("2021-07-20")]
    [InlineData("1e")]
    [InlineData("yes")]
    [InlineData("gpt-4.1")]
    public void PlainScalarsThatAreNotCoreSchemaNumbersStayStrings(string scalar)
    {
        var value = Value(scalar);
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Equal(scalar, value.GetString());
    }

    [Fact]
    public void BlockScalarsStayStringsEvenWhenTheyLookTyped()
    {
        var root = JsonDocument.Parse(YamlToJson.Convert("v: |\n  true\n")).RootElement;

        Assert.Equal("true\n", root.GetProperty("v").GetString());
    }

    [Fact]
    public void PlainNumericMappingKeysStayPropertyNames()
    {
        var root = JsonDocument.Parse(YamlToJson.Convert("responses:\n  200:\n    description: ok\n")).RootElement;

        Assert.Equal("ok", root.GetProperty("responses").GetProperty("200").GetProperty("description").GetString());
    }

    [Fact]
    public void SequencesAndMappingsKeepTheirShapeAndOrder()
    {
        var json = YamlToJson.Convert("b: [1, two, \"3\"]\na:\n  c: false\n");

        Assert.Equal("""{"b":[1,"two","3"],"a":{"c":false}}""", json);
    }
}
