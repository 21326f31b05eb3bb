using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Http;
using Anthropic = Ezrouter.Generated.Anthropic.Models;
using OpenAi = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>Which JSON writer the client's adapter hands a body to: the generated writers only behind Kiota's own factory with default settings.</summary>
public partial class GeneratedWriterParityTests
{
    [Fact]
    public void AJsonWriterFactoryACallerRegisteredIsUsedAsItIs()
    {
        // Arrange: a registry of the caller's own, holding a custom JSON writer factory.
        var registry = new SerializationWriterFactoryRegistry();
        var custom = new CustomJsonWriterFactory();
        registry.ContentTypeAssociatedFactories["application/json"] = custom;
        var inner = new Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter(new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider(), serializationWriterFactory: registry);
        var defaults = new CallDefaults(new EzrouterTimeouts(), TimeProvider.System, null, new HttpClient());
        var adapter = new EzrouterRequestAdapter(inner, new JsonParseNodeFactory(), defaults, EzrouterSurface.OpenAi);

        // Act
        var writer = adapter.SerializationWriterFactory.GetSerializationWriter("application/json");

        // Assert
        Assert.Same(custom.Made, writer);
    }

    [Fact]
    public void KiotasJsonWriterFactoryWithOtherSettingsIsUsedAsItIs()
    {
        // Arrange: Kiota's own factory type, set up to indent and to escape less than the default.
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
        var configured = new JsonSerializationWriterFactory(new KiotaJsonSerializationContext(options));
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"é <b>","messages":[]}""");

        // Act
        var sent = Encoding.UTF8.GetString(ThroughAdapterWith(configured, request));

        // Assert: what that factory writes, not what the generated writers write.
        Assert.Equal(Encoding.UTF8.GetString(WithFactory(configured, request)), sent);
        Assert.Contains("\n", sent);
        Assert.Contains("é <b>", sent);
    }

    [Fact]
    public void KiotasJsonWriterFactoryThatOnlyEscapesLessIsUsedAsItIs()
    {
        // Arrange: not indented, so only the escaping of non-ASCII and markup tells its bytes from the default's.
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var relaxed = new JsonSerializationWriterFactory(new KiotaJsonSerializationContext(options));
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"é <b>","messages":[]}""");

        // Act
        var sent = Encoding.UTF8.GetString(ThroughAdapterWith(relaxed, request));

        // Assert
        Assert.Equal("""{"messages":[],"model":"é <b>"}""", sent);
    }

    [Fact]
    public void KiotasJsonWriterFactoryWithDefaultSettingsGetsTheGeneratedWriters()
    {
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"é <b>","messages":[]}""");
        var registry = new SerializationWriterFactoryRegistry();
        registry.ContentTypeAssociatedFactories["application/json"] = new JsonSerializationWriterFactory();

        var writer = Adapter(registry).SerializationWriterFactory.GetSerializationWriter("application/json");

        Assert.IsType<RequestBodyJsonWriter>(writer);
        Assert.Equal(Kiota(request), ThroughAdapterWith(new JsonSerializationWriterFactory(), request));
    }

    [Fact]
    public void TheFactoryAClientRegistersItselfGetsTheGeneratedWritersAndWritesWhatKiotaWrites()
    {
        // Arrange: an empty registry, as a process's first client finds Kiota's default one.
        var registry = new SerializationWriterFactoryRegistry();
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"é <b>\"q\"</b> 😀","temperature":0.1,"messages":[]}""");

        // Act
        RequestBodyJsonWriter.RegisterDefault(registry);
        var registered = registry.ContentTypeAssociatedFactories["application/json"];
        using var writer = Adapter(registry).SerializationWriterFactory.GetSerializationWriter("application/json");
        writer.WriteObjectValue(null, request);

        // Assert: Kiota's own factory type with its defaults, handed to the generated writers, same bytes as Kiota's.
        Assert.IsType<JsonSerializationWriterFactory>(registered);
        Assert.IsType<RequestBodyJsonWriter>(writer);
        Assert.Equal(Kiota(request), ReadAll(writer.GetSerializedContent()));
    }

    [Fact]
    public void AFactoryRegisteredBeforeTheClientIsKeptAndStillProbed()
    {
        // Arrange: the caller registered Kiota's factory with other settings before any client was built.
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
        var configured = new JsonSerializationWriterFactory(new KiotaJsonSerializationContext(options));
        var registry = new SerializationWriterFactoryRegistry();
        registry.ContentTypeAssociatedFactories["application/json"] = configured;
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"é <b>","messages":[]}""");

        // Act
        RequestBodyJsonWriter.RegisterDefault(registry);
        using var writer = Adapter(registry).SerializationWriterFactory.GetSerializationWriter("application/json");
        writer.WriteObjectValue(null, request);

        // Assert: the caller's factory stays, and what is sent is what it writes.
        Assert.Same(configured, registry.ContentTypeAssociatedFactories["application/json"]);
        Assert.Equal(WithFactory(configured, request), ReadAll(writer.GetSerializedContent()));
    }

    private static EzrouterRequestAdapter Adapter(SerializationWriterFactoryRegistry registry)
    {
        var inner = new Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter(new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider(), serializationWriterFactory: registry);
        return new EzrouterRequestAdapter(inner, new JsonParseNodeFactory(), new CallDefaults(new EzrouterTimeouts(), TimeProvider.System, null, new HttpClient()), EzrouterSurface.OpenAi);
    }

    private static byte[] ThroughAdapterWith(ISerializationWriterFactory json, IParsable model)
    {
        var registry = new SerializationWriterFactoryRegistry();
        registry.ContentTypeAssociatedFactories["application/json"] = json;
        using var writer = Adapter(registry).SerializationWriterFactory.GetSerializationWriter("application/json");
        writer.WriteObjectValue(null, model);
        return ReadAll(writer.GetSerializedContent());
    }

    private static byte[] WithFactory(ISerializationWriterFactory json, IParsable model)
    {
        using var writer = json.GetSerializationWriter("application/json");
        writer.WriteObjectValue(null, model);
        return ReadAll(writer.GetSerializedContent());
    }


    private sealed class CustomJsonWriterFactory : ISerializationWriterFactory
    {
        public ISerializationWriter? Made { get; private set; }

        public string ValidContentType => "application/json";

        public ISerializationWriter GetSerializationWriter(string contentType) => Made = new JsonSerializationWriter();
    }
}
