namespace Ezrouter.ContractTests.Support;

/// <summary>Names the embedded cassette a contract test reaches through the SDK; <c>CassetteCoverageTests</c> reads it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class HitsCassetteAttribute(string name) : Attribute
{
    /// <summary>The cassette's name.</summary>
    public string Name { get; } = name;
}
