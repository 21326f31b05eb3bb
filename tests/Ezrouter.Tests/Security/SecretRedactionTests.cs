using System.Text;
using Ezrouter.Http;

namespace Ezrouter.Tests.Security;

/// <summary>
/// Redaction on its own: the key and any Bearer/x-api-key shaped secret go, redaction comes before any cut, and a cut
/// never leaves the start of a key. Each test uses a key no client holds, so only the explicit secret can redact it.
/// </summary>
public sealed class SecretRedactionTests
{
    private static string NewKey() => "sk-unit-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("Authorization: Bearer abc.DEF-123_xyz==", "Authorization: Bearer [REDACTED]")]
    [InlineData("bearer tok/en+1", "bearer [REDACTED]")]
    [InlineData("x-api-key: other-secret-1 next", "x-api-key: [REDACTED] next")]
    [InlineData("X-Api-Key=other&b=1", "X-Api-Key=[REDACTED]&b=1")]
    [InlineData("{\"x-api-key\":\"other-secret\"}", "{\"x-api-key\":\"[REDACTED]\"}")]
    [InlineData("no secret here", "no secret here")]
    public void ShapedSecretsAreRedactedWhateverTheirValue(string text, string expected)
    {
        // Act
        var redacted = SecretRedaction.Redact(text, secret: null);

        // Assert
        Assert.Equal(expected, redacted);
        Assert.Equal(expected, SecretRedaction.Redact(redacted, secret: null));
    }

    [Fact]
    public void KeyStraddlingTheCutLeavesNoPrefix()
    {
        // Arrange: the key starts 10 characters before the cut, in a text that is not redacted first.
        var key = NewKey();
        var text = new string('x', 190) + key.Replace("-", "") + " tail";
        var cut = text[..200];

        // Act
        var kept = SecretRedaction.DropKeyPrefix(cut, key.Replace("-", ""));

        // Assert
        Assert.Equal(new string('x', 190), kept);
    }

    [Fact]
    public void RedactThenCutMarksNothingWhenTheTextFitsExactly()
    {
        // Arrange: exactly the limit, so nothing is cut and no cut mark may claim otherwise.
        var text = new string('x', 200);

        // Act
        var kept = SecretRedaction.RedactThenCut(text, NewKey(), 200, markCut: true);

        // Assert
        Assert.Equal(text, kept);
        Assert.EndsWith("… [cut: 1 chars]", SecretRedaction.RedactThenCut(text + "y", null, 200, markCut: true));
    }

    [Fact]
    public void RedactThenCutRedactsTheWholeKeyBeforeCutting()
    {
        // Arrange
        var key = NewKey();
        var text = new string('x', 190) + key + new string('y', 100);

        // Act
        var kept = SecretRedaction.RedactThenCut(text, key, 200);

        // Assert
        Assert.Equal(200, kept.Length);
        Assert.DoesNotContain(key[..SecretRedaction.MinPrefix], kept);
        Assert.StartsWith(new string('x', 190) + "[REDACTED]", kept);
    }

    [Fact]
    public void CappedTextFitsTheCapIsMarkedAndIsStableUnderASecondPass()
    {
        // Arrange
        var text = new string('m', 50_000_000);

        // Act
        var capped = EzrouterErrorDetails.Capped(text, secret: null);

        // Assert
        Assert.True(capped.Length <= EzrouterException.MaxMessageLength);
        Assert.Matches(@"… \[cut: 49,99\d,\d{3} chars\]$", capped);
        Assert.Equal(capped, EzrouterErrorDetails.Capped(capped, secret: null));
    }

    [Fact]
    public void ReaderRedactsEveryHeaderAndFieldWhenNoEnvelopeParsed()
    {
        // Arrange
        var key = NewKey();
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = [$"text/html; token={key}"],
            ["X-Oneapi-Request-Id"] = [key],
            ["X-New-Api-Version"] = [$"v1-{key}"],
            ["Location"] = [$"https://elsewhere.example/?k={key}"],
        };

        // Act
        var details = ErrorBodyReader.Read(502, Encoding.UTF8.GetBytes($"<html>{key}</html>"), false, headers, key);
        var error = new EzrouterException(details);

        // Assert
        AssertNoKey(error, key);
        Assert.Equal("[REDACTED]", details.RequestId);
    }

    [Fact]
    public void ReaderCapsAHugeEnvelopeMessage()
    {
        // Arrange
        var key = NewKey();
        var body = Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"" + key + new string('m', 50_000_000) + "\",\"type\":\"x\"}}");

        // Act
        var details = ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails(), body, key)!;
        var error = new EzrouterException(details);

        // Assert
        Assert.True(error.GatewayMessage!.Length <= EzrouterException.MaxMessageLength);
        Assert.True(error.Message.Length <= EzrouterException.MaxMessageLength);
        Assert.Contains("[cut: ", error.GatewayMessage);
        Assert.StartsWith("[REDACTED]mmm", error.GatewayMessage);
    }

    [Fact]
    public void RawBodyWithTheKeyAcrossItsLimitShowsNoPartOfIt()
    {
        // Arrange: the key starts 12 characters before the raw body's limit.
        var key = NewKey();
        var body = Encoding.UTF8.GetBytes(new string('b', EzrouterException.MaxRawBodyLength - 12) + key + " after");

        // Act
        var raw = ErrorBodyReader.RawText(body, key);

        // Assert
        Assert.DoesNotContain(key[..SecretRedaction.MinPrefix], raw);
        Assert.Equal(EzrouterException.MaxRawBodyLength, raw.Length);
    }

    [Fact]
    public void CallScopeRedactsItsMetadataAndExcerptsAfterRedacting()
    {
        // Arrange
        var key = NewKey();
        var info = new EzrouterResponseInfo { RequestId = key, GatewayVersion = key, ContentType = $"text/event-stream; k={key}", StatusCode = 200 };
        info.Headers = new Dictionary<string, IEnumerable<string>> { ["X-Oneapi-Request-Id"] = [key] };
        using var scope = new CallScope(new EzrouterTimeouts(), TimeProvider.System, info, key, CancellationToken.None);

        // Act
        var details = scope.Details("summary " + key);
        var excerpt = scope.Excerpt("{oops " + new string('x', 184) + key + " more");

        // Assert
        AssertNoKey(new EzrouterException(details), key);
        Assert.DoesNotContain(key[..SecretRedaction.MinPrefix], excerpt);
        Assert.True(excerpt.Length <= 200);
    }

    [Fact]
    public void AShortKeyIsNotRedactedFromOtherCallsErrors()
    {
        // Arrange: a live provider with a one-letter key must not redact that letter from every error of the process.
        var provider = new EzrouterKeyAuthenticationProvider("k", anthropicSurface: true);

        // Act
        var error = new EzrouterException(new EzrouterErrorDetails { StatusCode = 400, GatewayMessage = "invalid x-api-key" });

        // Assert
        Assert.Equal("invalid x-api-key", error.GatewayMessage);
        GC.KeepAlive(provider);
    }

    [Fact]
    public void ALiveProvidersKeyIsRedactedFromAnyException()
    {
        // Arrange
        var key = NewKey();
        var provider = new EzrouterKeyAuthenticationProvider(key, anthropicSurface: false);

        // Act: details built with no secret at hand, and an inner platform message quoting the key.
        var error = new EzrouterException(new EzrouterErrorDetails { Summary = "no response: " + key }, new HttpRequestException("bad line " + key));

        // Assert
        AssertNoKey(error, key);
        GC.KeepAlive(provider);
    }

    internal static void AssertNoKey(EzrouterException error, string key)
    {
        foreach (var text in KeyInEveryPositionTests.Texts(error))
            Assert.DoesNotContain(key, text);
    }
}
