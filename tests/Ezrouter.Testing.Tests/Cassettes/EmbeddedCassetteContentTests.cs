using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ezrouter.Testing.Tests.Cassettes;

/// <summary>The shipped cassettes are well-formed: they load, cite a source, and hold valid JSON where they claim to.</summary>
public sealed partial class EmbeddedCassetteContentTests
{
    public static TheoryData<string> Names() => new(Cassette.LoadEmbedded().Select(c => c.Name));

    [Fact]
    public void EmbeddedCassettesLoadWithUniqueNames()
    {
        var cassettes = Cassette.LoadEmbedded();

        Assert.True(cassettes.Count >= 40, $"only {cassettes.Count} embedded cassettes");
        Assert.Equal(cassettes.Count, cassettes.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CassetteSaysWhereItComesFrom(string name)
    {
        var cassette = Load(name);

        Assert.Equal(CassetteSource.Authored, cassette.Source?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(cassette.Source?.From));
        Assert.True(DateOnly.TryParseExact(cassette.Source?.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.False(string.IsNullOrWhiteSpace(cassette.Description));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void JsonBodiesAndSsePayloadsParse(string name)
    {
        foreach (var interaction in Load(name).Interactions)
        {
            var response = interaction.Response;
            var contentType = response.Headers?.GetValueOrDefault("Content-Type") ?? string.Empty;
            if (response.Body is { } body && (contentType.Contains("json", StringComparison.Ordinal) || body.StartsWith('{')))
            {
                AssertJson(body);
            }

            foreach (var frame in response.Frames ?? [])
            {
                var dataLines = frame.Data.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).ToArray();
                if (dataLines.Length == 0)
                {
                    // Gateway (docs/gateway-behavior.md §10): a Claude mid-stream error is a bare JSON object with no
                    // data: prefix.
                    AssertJson(frame.Data);
                    continue;
                }

                Assert.EndsWith("\n\n", frame.Data, StringComparison.Ordinal);
                foreach (var line in dataLines)
                {
                    var payload = line["data:".Length..].Trim();
                    if (payload != "[DONE]")
                    {
                        AssertJson(payload);
                    }
                }

                var eventLine = frame.Data.Split('\n').FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal));
                if (eventLine is not null)
                {
                    // Anthropic framing: the event name repeats the data's type.
                    using var document = JsonDocument.Parse(dataLines[0]["data:".Length..].Trim());
                    Assert.Equal(eventLine["event: ".Length..], document.RootElement.GetProperty("type").GetString());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RequestIdsLookLikeTheGatewaysAndMatchTheMessageSuffix(string name)
    {
        foreach (var interaction in Load(name).Interactions)
        {
            if (interaction.Response.Headers?.GetValueOrDefault("X-Oneapi-Request-Id") is not { } id)
            {
                continue;
            }

            Assert.Matches(RequestId(), id);
            Assert.Matches(Version(), interaction.Response.Headers["X-New-Api-Version"]);
            var text = interaction.Response.Body ?? string.Concat((interaction.Response.Frames ?? []).Select(f => f.Data));
            var suffixes = RequestIdSuffix().Matches(text);
            if (suffixes.Count > 0)
            {
                // Gateway (docs/gateway-behavior.md §14): the header id is the last suffix; an outer gateway may add
                // more.
                Assert.Equal(id, suffixes[^1].Groups[1].Value);
            }
        }
    }

    private static Cassette Load(string name) => Cassette.LoadEmbedded().Single(c => c.Name == name);

    private static void AssertJson(string text)
    {
        var exception = Record.Exception(() => JsonDocument.Parse(text).Dispose());
        Assert.True(exception is null, $"not JSON: {text}");
    }

    [GeneratedRegex(@"^2026\d{10}\d{1,9}[0-9A-Za-z]{8}$")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"^v\d+\.\d+\.\d+$")]
    private static partial Regex Version();

    [GeneratedRegex(@"\(request id: ([^)]*)\)")]
    private static partial Regex RequestIdSuffix();
}
