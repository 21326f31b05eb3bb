using System.Security.Cryptography;
using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Ezrouter.Generator.Loading;

/// <summary>A parsed spec plus the hash of its bytes, recorded in the lock file.</summary>
public sealed record LoadedSpec(OpenApiDocument Document, string Sha256);

/// <summary>Stage 1: YAML bytes → JSON → Microsoft.OpenApi's document object model.</summary>
public static class SpecLoader
{
    public static async Task<LoadedSpec> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await LoadAsync(bytes, path, cancellationToken);
    }

    public static async Task<LoadedSpec> LoadAsync(byte[] bytes, string name, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        var text = Encoding.UTF8.GetString(bytes);
        var json = text.TrimStart().StartsWith('{') ? text : YamlToJson.Convert(text);

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings(), cancellationToken);
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || errors.Count > 0)
            throw new SpecException($"{name}: {string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}"))}");
        return new LoadedSpec(result.Document, hash);
    }
}
