namespace Ezrouter.Generator.Tests;

/// <summary>Error envelopes → ApiException subclasses and error mappings (openapi/README.md §6).</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task DefaultErrorEnvelopeBecomesApiExceptionMappedToXXX()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths:
              /widgets:
                get:
                  summary: "List widgets."
                  responses:
                    "200":
                      description: "The widgets."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/WidgetList"
                    default:
                      description: "Error envelope."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ApiError"
            components:
              schemas:
                WidgetList:
                  type: object
                  description: "The widgets."
                  properties:
                    data:
                      type: array
                      description: "Widget names."
                      items:
                        type: string
                ApiError:
                  type: object
                  description: "The error envelope."
                  properties:
                    message:
                      type: string
                      description: "Human-readable text; clashes with Exception.Message."
                    code:
                      type: string
                      description: "Machine-readable code."
                    source:
                      type: string
                      description: "Clashes with Exception.Source."
            """);

        GoldenFile.AssertMatches(files["Models/ApiError.cs"], "Models.ApiError");
        GoldenFile.AssertMatches(files["Widgets/WidgetsRequestBuilder.cs"], "Widgets.WidgetsRequestBuilder");
    }

    [Fact]
    public async Task Separate4XXAnd5XXResponsesKeepOneMappingEach()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths:
              /widgets:
                get:
                  summary: "List widgets."
                  responses:
                    "200":
                      description: "The widgets."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/WidgetList"
                    "4XX":
                      description: "Client error."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ClientError"
                    "5XX":
                      description: "Server error."
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ServerError"
            components:
              schemas:
                WidgetList:
                  type: object
                  description: "The widgets."
                  properties:
                    data:
                      type: array
                      description: "Widget names."
                      items:
                        type: string
                ClientError:
                  type: object
                  description: "A 4xx body."
                  properties:
                    reason:
                      type: string
                      description: "Why the request was refused."
                ServerError:
                  type: object
                  description: "A 5xx body."
                  properties:
                    retry_after:
                      type: integer
                      format: int32
                      description: "Seconds to wait."
            """);

        GoldenFile.AssertMatches(files["Widgets/WidgetsRequestBuilder.cs"]);
        Assert.Contains("public partial class ClientError : ApiException, IAdditionalDataHolder, IParsable", files["Models/ClientError.cs"]);
        Assert.Contains("public partial class ServerError : ApiException, IAdditionalDataHolder, IParsable", files["Models/ServerError.cs"]);
    }
}
