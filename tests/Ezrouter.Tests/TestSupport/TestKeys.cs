namespace Ezrouter.Tests.TestSupport;

/// <summary>API keys for tests: distinctive enough to search for in any output, and not shaped like a real key.</summary>
public static class TestKeys
{
    public const string ApiKey = "sk-test-KEY-DO-NOT-LEAK-0000";
}
