namespace Ezrouter.ContractTests.Support;

/// <summary>The SDK-level facts of a gateway error, asserted in one place.</summary>
public static class GatewayErrorAssert
{
    /// <summary>Status, <c>error.type</c>, <c>error.code</c> (as text; null when absent or empty) and the gateway's request id.</summary>
    public static void Matches(EzrouterException error, int status, string? type, string? code, string requestId)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(requestId, error.RequestId);
        Assert.Equal("v0.9.6", error.GatewayVersion);
    }
}
