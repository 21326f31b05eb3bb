using System.Text;
using System.Text.Json;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>The lock file beside each client, shaped like kiota-lock.json: which spec (by hash) and which generator made it.</summary>
public static class LockFileEmitter
{
    public const string FileName = "ezrouter-lock.json";

    public static string Emit(ApiModel model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("descriptionHash", model.SpecSha256);
            json.WriteString("descriptionHashAlgorithm", "SHA-256");
            json.WriteString("descriptionLocation", model.Surface.SpecPath);
            json.WriteString("lockFileVersion", "1.0.0");
            json.WriteString("generator", KiotaFile.GeneratorName);
            json.WriteString("generatorVersion", KiotaFile.GeneratorVersion);
            json.WriteString("clientClassName", model.Surface.ClientName);
            json.WriteString("clientNamespaceName", model.Surface.Namespace);
            json.WriteString("typeAccessModifier", "Public");
            json.WriteString("language", "CSharp");
            json.WriteBoolean("usesBackingStore", false);
            json.WriteBoolean("excludeBackwardCompatible", true);
            json.WriteBoolean("includeAdditionalData", true);
            json.WriteBoolean("disableSSLValidation", false);
            WriteArray(json, "serializers", "Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory");
            WriteArray(json, "deserializers", "Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory");
            WriteArray(json, "structuredMimeTypes", "application/json");
            WriteArray(json, "includePatterns");
            WriteArray(json, "excludePatterns");
            WriteArray(json, "disabledValidationRules");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteArray(Utf8JsonWriter json, string name, params string[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
