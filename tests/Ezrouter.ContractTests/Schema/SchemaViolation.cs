namespace Ezrouter.ContractTests.Schema;

/// <summary>One place where a JSON value breaks its schema: a JSON path (<c>$.data[0].id</c>) and what is wrong there.</summary>
public sealed record SchemaViolation(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
