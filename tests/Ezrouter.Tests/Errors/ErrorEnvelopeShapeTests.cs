using System.Text;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// Which text and fields <see cref="ErrorBodyReader"/> keeps when an error body carries several candidates: the
/// precedence of <c>message</c>, <c>msg</c>, <c>detail</c>, <c>error_msg</c> and <c>err</c>, FastAPI's detail lists,
/// the fields beside a string <c>error</c>, and codes sent as booleans (docs/gateway-behavior.md §2).
/// </summary>
public sealed class ErrorEnvelopeShapeTests
{
    private static EzrouterErrorDetails Read(int status, string json) =>
        ErrorBodyReader.Read(status, Encoding.UTF8.GetBytes(json), bodyTruncated: false,
            new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = ["application/json"] }, secret: null);

    [Theory]
    [InlineData("""{"error":{"message":"M","msg":"S","detail":"D"}}""", "M")]
    [InlineData("""{"error":{"msg":"S","detail":"D"}}""", "S")]
    [InlineData("""{"error":{"message":"","detail":"D"}}""", "D")]
    public void AnErrorObjectsMessageComesBeforeItsMsgAndItsDetail(string json, string expected) =>
        Assert.Equal(expected, Read(500, json).GatewayMessage);

    [Theory]
    [InlineData("""{"msg":"A","detail":"B","error_msg":"C","err":"D"}""", "A")]
    [InlineData("""{"detail":"B","error_msg":"C","err":"D"}""", "B")]
    [InlineData("""{"error_msg":"C","err":"D"}""", "C")]
    [InlineData("""{"err":"D"}""", "D")]
    [InlineData("""{"msg":"","err":"D"}""", "D")]
    public void AnUpstreamsOwnShapeIsReadInRelayOrder(string json, string expected)
    {
        var details = Read(502, json);

        Assert.Equal(expected, details.GatewayMessage);
        Assert.Equal(ErrorTaxonomy.Upstream, details.Taxonomy);
    }

    [Theory]
    [InlineData("""{"detail":{"message":"M","msg":"S"}}""", "M")]
    [InlineData("""{"detail":{"msg":"S"}}""", "S")]
    [InlineData("""{"detail":["first","second"]}""", "first; second")]
    [InlineData("""{"detail":[{"msg":"S","message":"M"}]}""", "S")]
    [InlineData("""{"detail":[{"message":"M"}]}""", "M")]
    [InlineData("""{"detail":[{"loc":"body","msg":"field required"}]}""", "field required")]
    [InlineData("""{"detail":[{"loc":["body","model",0],"msg":"field required"},{"msg":"too long"},7]}""", "body.model.0: field required; too long")]
    public void ADetailIsReadAsAStringAnObjectOrAFastApiList(string json, string expected) =>
        Assert.Equal(expected, Read(422, json).GatewayMessage);

    [Fact]
    public void AStringErrorKeepsTheTypeAndCodeBesideIt()
    {
        var details = Read(400, """{"error":"bad model","type":"invalid_request_error","code":"c1"}""");

        Assert.Equal(("bad model", "invalid_request_error", "c1"), (details.GatewayMessage, details.ErrorType, details.ErrorCode));
        Assert.Equal(ErrorTaxonomy.Upstream, details.Taxonomy);
    }

    [Fact]
    public void ANullErrorBesideAnUpstreamMessageIsNotTakenForAStringError()
    {
        var details = Read(500, """{"error":null,"msg":"boom"}""");

        Assert.Equal("boom", details.GatewayMessage);
    }

    [Theory]
    [InlineData("""{"msg":"x","type":"t","code":"A","error_code":"B"}""", "A")]
    [InlineData("""{"msg":"x","type":"t","error_code":"B"}""", "B")]
    public void AnUpstreamShapeKeepsItsTypeAndPrefersCodeToErrorCode(string json, string expectedCode)
    {
        var details = Read(500, json);

        Assert.Equal(("t", expectedCode), (details.ErrorType, details.ErrorCode));
    }

    [Theory]
    [InlineData("""{"error":{"message":"m","code":true}}""", "true")]
    [InlineData("""{"error":{"message":"m","code":false}}""", "false")]
    public void ABooleanCodeIsKeptAsText(string json, string expected) =>
        Assert.Equal(expected, Read(400, json).ErrorCode);

    [Fact]
    public void ARedirectWithAnUpstreamMessageKeepsIt()
    {
        // 300 is the first failed status: no envelope key is needed there, an upstream's own shape is enough.
        var details = Read(300, """{"msg":"moved"}""");

        Assert.Equal("moved", details.GatewayMessage);
        Assert.Equal(ErrorTaxonomy.Upstream, details.Taxonomy);
    }

    [Fact]
    public void ASuccessfulStatusWithAnUpstreamMessageIsNotAnError() =>
        Assert.Null(ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails { StatusCode = 299 }, Encoding.UTF8.GetBytes("""{"msg":"fine"}"""), secret: null));
}
