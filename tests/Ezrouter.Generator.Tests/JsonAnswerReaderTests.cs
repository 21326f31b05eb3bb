namespace Ezrouter.Generator.Tests;

/// <summary>
/// Readers for whole JSON answers: every <c>application/json</c> response and error envelope gets one (a type an SSE
/// event reaches too stays one reader), and <c>ResponseReaders</c> finds the reader of the model a call expects.
/// </summary>
public class JsonAnswerReaderTests
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
          /v1/things:
            get:
              summary: "A JSON answer."
              responses:
                "200":
                  description: "JSON."
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ThingList"
                "400":
                  description: "An error."
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Failure"
        components:
          schemas:
            Event:
              type: object
              description: "One event."
              properties:
                thing:
                  $ref: "#/components/schemas/Thing"
            ThingList:
              type: object
              description: "The things."
              properties:
                data:
                  type: array
                  description: "Each thing."
                  items:
                    $ref: "#/components/schemas/Thing"
            Thing:
              type: object
              description: "Reached from the stream and from the JSON answer."
              properties:
                id:
                  type: string
                  description: "An id."
            Failure:
              type: object
              description: "The error envelope."
              properties:
                message:
                  type: string
                  description: "What went wrong."
            Unrelated:
              type: object
              description: "Reached from nothing."
              properties:
                name:
                  type: string
                  description: "A name."
        """;

    [Fact]
    public async Task JsonResponsesAndErrorEnvelopesGetReadersAndSharedTypesStayOne()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        var readers = files.Keys.Where(k => k.StartsWith("Readers/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Readers/EventReader.cs", "Readers/FailureReader.cs", "Readers/ResponseReaders.cs", "Readers/ThingListReader.cs", "Readers/ThingReader.cs"], readers);
        Assert.Contains("result.Data = list;", files["Readers/ThingListReader.cs"]);
    }

    [Fact]
    public async Task TheLookupHoldsTheModelsACallExpects()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        GoldenFile.AssertMatches(files["Readers/ResponseReaders.cs"]);
    }

    [Fact]
    public async Task ASpecWithoutJsonAnswersHasNoLookup()
    {
        var files = await AcmeSpec.GenerateAsync(Spec[..Spec.IndexOf("  /v1/things:", StringComparison.Ordinal)] + Spec[Spec.IndexOf("components:", StringComparison.Ordinal)..]);

        Assert.DoesNotContain("Readers/ResponseReaders.cs", files.Keys);
        Assert.Contains("Readers/ThingReader.cs", files.Keys);
        Assert.DoesNotContain("Readers/ThingListReader.cs", files.Keys);
    }
}
