using System.Text;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// <see cref="EnvelopeProbe"/>'s contract, key by key: the byte search finds a name anywhere (even at the very start),
/// the walk sees top-level keys only and only the values that make an envelope, and a Responses object is told apart
/// by its own top-level <c>object</c>. The error handler combines them, which hides a wrong answer from either alone.
/// </summary>
public sealed class EnvelopeProbeTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("\"error\": {\"message\":\"m\"}", true)]
    [InlineData("\"success\":false", true)]
    [InlineData("{\"error\":null,\"meta\":{\"error\":{\"m\":1}}}", true)]
    [InlineData("{\"error\" : \"boom\"}", true)]
    [InlineData("{\"id\":\"a\",\"error\":null,\"success\":true}", false)]
    [InlineData("{\"choices\":[{\"message\":{\"content\":\"error\"}}]}", false)]
    [InlineData("", false)]
    public void TheByteSearchFindsAnEnvelopeNameFollowedByItsValueAnywhere(string json, bool expected) =>
        Assert.Equal(expected, EnvelopeProbe.MayHaveEnvelopeKey(Utf8(json)));

    [Theory]
    [InlineData("{\"error\":{\"message\":\"m\"}}", true)]
    [InlineData("{\"id\":\"x\",\"error\":\"boom\"}", true)]
    [InlineData("{\"success\":false,\"message\":\"m\"}", true)]
    [InlineData("{\"error\":null}", false)]
    [InlineData("{\"error\":42,\"id\":\"x\"}", false)]
    [InlineData("{\"success\":true,\"data\":[]}", false)]
    [InlineData("{\"stream\":false}", false)]
    [InlineData("{\"id\":\"x\",\"object\":\"chat.completion\"}", false)]
    [InlineData("{\"meta\":{\"error\":{\"m\":1}}}", false)]
    [InlineData("[{\"error\":{\"m\":1}}]", false)]
    [InlineData("", false)]
    [InlineData("{\"id\":", false)]
    public void TheWalkCountsOnlyATopLevelErrorObjectOrStringOrSuccessFalse(string json, bool expected) =>
        Assert.Equal(expected, EnvelopeProbe.HasEnvelopeKey(Utf8(json)));

    [Theory]
    [InlineData("{\"id\":\"resp_1\",\"object\":\"response\",\"error\":{\"code\":\"x\"}}", true)]
    [InlineData("{\"object\":\"chat.completion\",\"error\":{\"code\":\"x\"}}", false)]
    [InlineData("{\"meta\":{\"object\":\"response\"},\"error\":{\"code\":\"x\"}}", false)]
    [InlineData("{\"object\":{\"kind\":\"response\"}}", false)]
    [InlineData("[{\"object\":\"response\"}]", false)]
    [InlineData("", false)]
    public void AResponsesObjectIsKnownByItsOwnTopLevelObjectName(string json, bool expected) =>
        Assert.Equal(expected, EnvelopeProbe.IsResponseObject(Utf8(json)));
}
