namespace Ezrouter.Generator.Tests;

/// <summary>
/// The generated Utf8JsonWriter writers for the request bodies of streaming operations: which types get one, and how
/// each kind of property is written or left to Kiota's writer.
/// </summary>
public class StreamWriterTests
{
    private const string Spec = """
        paths:
          /v1/events:
            post:
              summary: "Stream events."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/Ask"
              responses:
                "200":
                  description: "SSE."
                  content:
                    text/event-stream:
                      schema:
                        $ref: "#/components/schemas/Event"
          /v1/other:
            post:
              summary: "Not streamed."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/Other"
              responses:
                "200":
                  description: "JSON."
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Event"
        components:
          schemas:
            Ask:
              type: object
              description: "A request."
              properties:
                text:
                  type: string
                  description: "A string."
                count:
                  type: integer
                  description: "An int."
                ratio:
                  type: number
                  description: "A double."
                flag:
                  type: boolean
                  description: "A bool."
                when:
                  type: string
                  format: date-time
                  description: "A date: left to Kiota."
                mode:
                  $ref: "#/components/schemas/Mode"
                schema:
                  description: "Free-form."
                tags:
                  type: array
                  description: "Strings."
                  items:
                    type: string
                parts:
                  type: array
                  description: "Objects."
                  items:
                    $ref: "#/components/schemas/Part"
                content:
                  $ref: "#/components/schemas/Content"
            Mode:
              type: string
              description: "An enum: left to Kiota."
              enum: [fast, slow]
            Part:
              type: object
              description: "A part."
              properties:
                name:
                  type: string
                  description: "A name."
            Content:
              description: "A string or parts."
              oneOf:
                - type: string
                - type: array
                  items:
                    $ref: "#/components/schemas/Part"
            Event:
              type: object
              description: "One event."
              properties:
                id:
                  type: string
                  description: "An id."
            Other:
              type: object
              description: "The body of an operation that does not stream."
              properties:
                name:
                  type: string
                  description: "A name."
        """;

    [Fact]
    public async Task OnlyRequestTypesOfStreamingOperationsGetWriters()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        Assert.Equal(
            ["Writers/AskWriter.cs", "Writers/ContentWriter.cs", "Writers/PartWriter.cs", "Writers/RequestBodyWriters.cs"],
            files.Keys.Where(k => k.StartsWith("Writers/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EachKindIsWrittenAsKiotaWritesItOrLeftToKiota()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        GoldenFile.AssertMatches(files["Writers/AskWriter.cs"], "AskWriter");
        GoldenFile.AssertMatches(files["Writers/ContentWriter.cs"], "ContentWriter");
        GoldenFile.AssertMatches(files["Writers/RequestBodyWriters.cs"], "RequestBodyWriters");
    }

    [Fact]
    public async Task AdditionalDataIsWrittenAfterThePropertiesAndAWrappersDataInsideItsMember()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        Assert.Contains("if(!JsonWriterSupport.TryWriteAdditional(writer, value.AdditionalData)) return false;\n            if(!JsonWriterSupport.TryWriteAdditional(writer, wrapperData)) return false;\n            writer.WriteEndObject();", files["Writers/AskWriter.cs"]);
    }
}
