namespace Ezrouter.Generator.Tests;

/// <summary>Paths → the root client and request builders (openapi/README.md §6–7).</summary>
public sealed class RequestBuilderTests
{
    [Fact]
    public async Task QueryParametersBecomeNestedClassAndUrlTemplate()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths:
              /v1/models:
                get:
                  summary: "List models."
                  parameters:
                    - name: limit
                      in: query
                      description: "Page size."
                      schema:
                        type: integer
                        format: int32
                    - name: after_id
                      in: query
                      description: "Cursor."
                      schema:
                        type: string
                    - name: api-version
                      in: query
                      description: "A name that needs percent-encoding in the URL template."
                      schema:
                        type: string
                    - name: anthropic-beta
                      in: header
                      description: "Headers are documented only."
                      schema:
                        type: string
                  responses:
                    "200":
                      description: "The models."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ModelList"
            components:
              schemas:
                ModelList:
                  type: object
                  description: "The models."
                  properties:
                    data:
                      type: array
                      description: "Model ids."
                      items:
                        type: string
            """);

        GoldenFile.AssertMatches(files["V1/Models/ModelsRequestBuilder.cs"]);
    }

    [Fact]
    public async Task NestedPathBuildsNamespacedBuildersAndRootClient()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths:
              /v1/chat/completions:
                post:
                  summary: "Create a chat completion."
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/ChatRequest"
                  responses:
                    "200":
                      description: "A completion, as JSON or as SSE."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ChatResponse"
                        text/event-stream:
                          schema:
                            $ref: "#/components/schemas/ChatResponse"
            components:
              schemas:
                ChatRequest:
                  type: object
                  description: "The request."
                  properties:
                    model:
                      type: string
                      description: "The model id."
                ChatResponse:
                  type: object
                  description: "The response."
                  properties:
                    id:
                      type: string
                      description: "The completion id."
            """);

        Assert.Equal(
            ["AcmeClient.cs", "Models/ChatRequest.cs", "Models/ChatResponse.cs", "Readers/ChatResponseReader.cs", "Readers/JsonReaderSupport.cs", "V1/Chat/ChatRequestBuilder.cs", "V1/Chat/Completions/CompletionsRequestBuilder.cs", "V1/V1RequestBuilder.cs", "Writers/ChatRequestWriter.cs", "Writers/JsonWriterSupport.cs", "ezrouter-lock.json"],
            files.Keys);
        // The SSE event type (the text/event-stream schema) also gets a Utf8JsonReader-based reader, and the request
        // body of that streaming operation a Utf8JsonWriter-based writer.
        GoldenFile.AssertMatches(files["Readers/ChatResponseReader.cs"], "Readers.ChatResponseReader");
        GoldenFile.AssertMatches(files["Writers/ChatRequestWriter.cs"], "Writers.ChatRequestWriter");
        GoldenFile.AssertMatches(files["AcmeClient.cs"], "AcmeClient");
        GoldenFile.AssertMatches(files["V1/V1RequestBuilder.cs"], "V1.V1RequestBuilder");
        GoldenFile.AssertMatches(files["V1/Chat/ChatRequestBuilder.cs"], "V1.Chat.ChatRequestBuilder");
        GoldenFile.AssertMatches(files["V1/Chat/Completions/CompletionsRequestBuilder.cs"], "V1.Chat.Completions.CompletionsRequestBuilder");
    }

    [Fact]
    public async Task OperationWithoutResponseBodySendsNoContent()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths:
              /events:
                post:
                  summary: "Record an event."
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/Event"
                  responses:
                    "204":
                      description: "Recorded; no body."
            components:
              schemas:
                Event:
                  type: object
                  description: "An event."
                  properties:
                    name:
                      type: string
                      description: "The event name."
            """);

        GoldenFile.AssertMatches(files["Events/EventsRequestBuilder.cs"]);
    }
}
