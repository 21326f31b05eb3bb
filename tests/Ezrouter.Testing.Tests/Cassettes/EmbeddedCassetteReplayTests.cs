using System.Net;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Cassettes;

/// <summary>Every embedded cassette is reachable by its natural matcher and replays exactly what it says.</summary>
public sealed class EmbeddedCassetteReplayTests
{
    public static TheoryData<string> Names() => new(Cassette.LoadEmbedded().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task NaturalMatcherReachesTheCassetteAndReplaysItExactly(string name)
    {
        // Arrange
        var cassette = Cassette.LoadEmbedded().Single(c => c.Name == name);
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        for (var i = 0; i < cassette.Interactions.Count; i++)
        {
            var interaction = cassette.Interactions[i];

            // Act
            using var response = await Wire.SendAsync(client, MatcherRequest.Build(interaction.Request));
            var received = await Wire.ReadAllAsync(response);

            // Assert
            Assert.Equal($"{name}#{i}", Wire.Header(response, "X-Recorded-Gateway"));
            Assert.Equal((HttpStatusCode)interaction.Response.Status, response.StatusCode);
            foreach (var (header, value) in interaction.Response.Headers ?? new Dictionary<string, string>())
            {
                Assert.Equal(value, Wire.Header(response, header));
            }

            if (interaction.Response.Json is { } json)
            {
                using var document = JsonDocument.Parse(received.Bytes);
                Assert.True(JsonElement.DeepEquals(json, document.RootElement));
            }
            else
            {
                Assert.Equal(ExpectedBytes.Of(interaction.Response), received.Bytes);
            }

            Assert.Equal(interaction.Response.End == CassetteEnd.Abort, received.Failure is not null);
        }
    }
}
