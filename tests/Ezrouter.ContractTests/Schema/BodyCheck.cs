namespace Ezrouter.ContractTests.Schema;

/// <summary>The outcome of checking one body: what it was checked against, the violations, or why it was skipped.</summary>
public sealed record BodyCheck(string Where, string Against, IReadOnlyList<SchemaViolation> Violations, string? Skipped = null)
{
    /// <summary>A body that was not validated, and why.</summary>
    public static BodyCheck Skip(string where, string reason) => new(where, "nothing", [], reason);

    /// <summary>True when the body was validated and conforms.</summary>
    public bool Conforms => Skipped is null && Violations.Count == 0;

    /// <inheritdoc />
    public override string ToString() => Skipped is not null
        ? $"{Where}: skipped ({Skipped})"
        : $"{Where} against {Against}: {(Violations.Count == 0 ? "ok" : string.Join("; ", Violations))}";
}
