using System.IO;

namespace Ezrouter.Testing;

/// <summary>Rejects cassettes the replay server could not honour, with a message naming the cassette.</summary>
internal static class CassetteValidator
{
    public static void Validate(Cassette cassette)
    {
        if (string.IsNullOrWhiteSpace(cassette.Name))
        {
            throw new InvalidDataException("Cassette has no name.");
        }

        if (cassette.Interactions is null || cassette.Interactions.Count == 0)
        {
            throw Fail(cassette, "has no interactions");
        }

        for (var i = 0; i < cassette.Interactions.Count; i++)
        {
            var interaction = cassette.Interactions[i]
                ?? throw Fail(cassette, $"interaction {i} is null");
            var request = interaction.Request ?? throw Fail(cassette, $"interaction {i} has no request");
            var response = interaction.Response ?? throw Fail(cassette, $"interaction {i} has no response");

            if (string.IsNullOrWhiteSpace(request.Method))
            {
                throw Fail(cassette, $"interaction {i}: request.method is empty");
            }

            if (string.IsNullOrEmpty(request.Path) || request.Path[0] != '/')
            {
                throw Fail(cassette, $"interaction {i}: request.path must start with '/'");
            }

            if (response.Status is < 100 or > 599)
            {
                throw Fail(cassette, $"interaction {i}: response.status {response.Status} is not an HTTP status");
            }

            if (response.DelayMs < 0)
            {
                throw Fail(cassette, $"interaction {i}: response.delay_ms is negative");
            }

            var bodies = (response.Body is null ? 0 : 1) + (response.Json is null ? 0 : 1) + (response.Frames is null ? 0 : 1);
            if (bodies > 1)
            {
                throw Fail(cassette, $"interaction {i}: set at most one of response.body, response.json, response.frames");
            }

            if (response.Frames is { } frames)
            {
                for (var f = 0; f < frames.Count; f++)
                {
                    if (frames[f]?.Data is null)
                    {
                        throw Fail(cassette, $"interaction {i}: frame {f} has no data");
                    }

                    if (frames[f].DelayMs < 0)
                    {
                        throw Fail(cassette, $"interaction {i}: frame {f} has a negative delay_ms");
                    }
                }
            }
        }
    }

    private static InvalidDataException Fail(Cassette cassette, string problem) =>
        new($"Cassette '{cassette.Name}' {problem}.");
}
