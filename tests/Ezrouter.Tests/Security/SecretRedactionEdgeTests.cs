namespace Ezrouter.Tests.Security;

/// <summary>
/// <see cref="SecretRedaction"/> at its edges, where the mutation run found it unguarded (docs/mutation-testing.md):
/// the shortest tracked key, texts exactly at the limit, surrogate pairs and key starts at the cut.
/// </summary>
public sealed class SecretRedactionEdgeTests
{
    // Distinct characters, so no shorter start of the key repeats inside it.
    private const string Key = "qWeRtYuIoPaSdFgHjKlZ";

    [Fact]
    public void AKeyOfTheShortestTrackedLengthIsRedactedEverywhere()
    {
        var owner = new object();
        var key = Unique(SecretRedaction.MinTracked);
        SecretRedaction.Track(owner, key);
        Assert.Equal($"x {SecretRedaction.Marker} y", SecretRedaction.Redact($"x {key} y", secret: null));
        GC.KeepAlive(owner);
    }

    [Fact]
    public void AKeyOneShorterIsNotTracked()
    {
        var owner = new object();
        var key = Unique(SecretRedaction.MinTracked - 1);
        SecretRedaction.Track(owner, key);
        Assert.Equal($"x {key} y", SecretRedaction.Redact($"x {key} y", secret: null));
        GC.KeepAlive(owner);
    }

    [Fact]
    public void ATextExactlyAtTheLimitIsKeptWhole()
    {
        Assert.Equal("abcdef", SecretRedaction.RedactThenCut("abcdef", null, 6, markCut: true));
        Assert.Equal("abcdef", SecretRedaction.Cut("abcdef", 6, null));
    }

    [Fact]
    public void ACutTextSaysHowMuchIsMissingOnlyWhenAsked()
    {
        Assert.Equal("abc… [cut: 3 chars]", SecretRedaction.RedactThenCut("abcdef", null, 3, markCut: true));
        Assert.Equal("abc", SecretRedaction.RedactThenCut("abcdef", null, 3));
    }

    [Fact]
    public void ACutNeverEndsInHalfASurrogatePair()
    {
        Assert.Equal("ab", SecretRedaction.Cut("ab\U0001F600cd", 3, null));
        Assert.Equal("ab\U0001F600", SecretRedaction.Cut("ab\U0001F600cd", 4, null));
    }

    [Fact]
    public void ACutToNothingIsEmpty() => Assert.Equal("", SecretRedaction.Cut("abc", 0, null));

    [Fact]
    public void TheShortestDroppedKeyStartIsMinPrefixCharacters()
    {
        var start = Key[..SecretRedaction.MinPrefix];
        Assert.Equal("text ", SecretRedaction.DropKeyPrefix("text " + start, Key));
        var shorter = Key[..(SecretRedaction.MinPrefix - 1)];
        Assert.Equal("text " + shorter, SecretRedaction.DropKeyPrefix("text " + shorter, Key));
    }

    [Fact]
    public void OnlyTheKeyStartAtTheVeryEndIsDropped()
    {
        // After the longer start goes, what is left also ends in a start of the key: it is text, and stays.
        var text = Key[..SecretRedaction.MinPrefix] + Key[..(SecretRedaction.MinPrefix + 1)];
        Assert.Equal(Key[..SecretRedaction.MinPrefix], SecretRedaction.DropKeyPrefix(text, Key));
    }

    [Fact]
    public void AStartOfATrackedKeyIsDroppedWithoutTheCallsOwnKey()
    {
        var owner = new object();
        var tracked = Unique(20);
        SecretRedaction.Track(owner, tracked);
        Assert.Equal("text ", SecretRedaction.DropKeyPrefix("text " + tracked[..10], secret: "some-other-key-000000"));
        Assert.Equal("text ", SecretRedaction.DropKeyPrefix("text " + tracked[..10], secret: null));
        GC.KeepAlive(owner);
    }

    [Fact]
    public void AHeaderWithNoValuesBecomesAnEmptyList()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { ["X-Empty"] = null! };
        Assert.Empty(SecretRedaction.Redact(headers, "k")["X-Empty"]);
    }

    // A key no other test uses (tracked keys are process-wide), of distinct-looking characters.
    private static string Unique(int length) => ("Zk" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..length];
}
