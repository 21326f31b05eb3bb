namespace Ezrouter.Generator.Loading;

/// <summary>A spec the generator cannot read, or a construct outside the subset in openapi/README.md.</summary>
public sealed class SpecException(string message) : Exception(message);
