using Ezrouter.Generator.Loading;

namespace Ezrouter.Generator.Tests;

/// <summary>The generated Utf8JsonReader readers for SSE event types, and the x-ezrouter-interned extension.</summary>
public class StreamReaderTests
{
    private const string Spec = """
        paths:
          /v1/events:
            post:
              summary: "Stream events."
              responses:
                "200":
                  description: "SSE."
                  content:
                    text/event-stream:
                      schema:
                        $ref: "#/components/schemas/Event"
        components:
          schemas:
            Event:
              type: object
              description: "One event."
              properties:
                id:
                  type: string
                  x-ezrouter-interned: true
                  description: "Repeats on every event."
                text:
                  type: string
                  description: "Differs on every event."
            Unrelated:
              type: object
              description: "Not reachable from the stream."
              properties:
                name:
                  type: string
                  description: "A name."
        """;

    [Fact]
    public async Task OnlyTypesReachableFromAnEventStreamGetReaders()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        Assert.Contains("Readers/EventReader.cs", files.Keys);
        Assert.DoesNotContain("Readers/UnrelatedReader.cs", files.Keys);
        // The helpers they call are hand-written (src/Ezrouter.Generated/Support), not emitted.
        Assert.DoesNotContain(files.Keys, k => k.Contains("Support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InternedStringsUseTheInterningReadAndOthersDoNot()
    {
        var reader = (await AcmeSpec.GenerateAsync(Spec))["Readers/EventReader.cs"];

        Assert.Contains("result.Id = JsonReaderSupport.InternedString(ref reader, ref _IdInterned);", reader);
        Assert.Contains("[ThreadStatic]\n        private static InternedValue _IdInterned;", reader);
        Assert.Contains("result.Text = JsonReaderSupport.String(ref reader);", reader);
        Assert.DoesNotContain("_TextInterned", reader);
    }

    [Fact]
    public async Task InternedOnANonStringIsRejected()
    {
        var spec = Spec.Replace("text:\n          type: string\n", "text:\n          type: integer\n          x-ezrouter-interned: true\n");
        Assert.NotEqual(Spec, spec);

        var error = await Assert.ThrowsAsync<SpecException>(() => AcmeSpec.GenerateAsync(spec));

        Assert.StartsWith("components.schemas.Event.text", error.Message);
    }
}
