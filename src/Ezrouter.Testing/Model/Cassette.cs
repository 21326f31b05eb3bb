using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace Ezrouter.Testing;

/// <summary>
/// One scenario the recorded gateway can replay: a name, where it came from, and one or more
/// request/response interactions. The JSON format is described in <c>Cassettes/README.md</c>.
/// </summary>
public sealed class Cassette
{
    private const string EmbeddedPrefix = "Ezrouter.Testing.Cassettes.";

    /// <summary>Unique name; a client selects the cassette directly with the <c>X-Cassette</c> request header.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario shows, for people reading the file.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the cassette was authored or recorded, from what, and when.</summary>
    public CassetteSource? Source { get; init; }

    /// <summary>The interactions, consumed in order when more than one matches a request.</summary>
    public required IReadOnlyList<CassetteInteraction> Interactions { get; init; }

    /// <summary>Parses and validates one cassette.</summary>
    /// <param name="json">The cassette's JSON text.</param>
    /// <returns>The cassette.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid cassette.</exception>
    public static Cassette Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Cassette? cassette;
        try
        {
            cassette = JsonSerializer.Deserialize(json, CassetteJsonContext.Indented.Cassette);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Cassette JSON is invalid: {ex.Message}", ex);
        }

        if (cassette is null)
        {
            throw new InvalidDataException("Cassette JSON is null.");
        }

        CassetteValidator.Validate(cassette);
        return cassette;
    }

    /// <summary>Loads every <c>*.json</c> file in a directory (not recursive), in ordinal file-name order.</summary>
    /// <param name="path">The directory.</param>
    /// <returns>The cassettes.</returns>
    /// <exception cref="InvalidDataException">A file is not a valid cassette; the message names the file.</exception>
    public static IReadOnlyList<Cassette> LoadDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var cassettes = new List<Cassette>(files.Length);
        foreach (var file in files)
        {
            try
            {
                cassettes.Add(Load(File.ReadAllText(file)));
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{file}: {ex.Message}", ex);
            }
        }

        return cassettes;
    }

    /// <summary>Loads the cassettes shipped inside this assembly, in ordinal name order.</summary>
    /// <returns>The embedded cassettes.</returns>
    public static IReadOnlyList<Cassette> LoadEmbedded()
    {
        var assembly = typeof(Cassette).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        var cassettes = new List<Cassette>(names.Length);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} vanished.");
            using var reader = new StreamReader(stream);
            try
            {
                cassettes.Add(Load(reader.ReadToEnd()));
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"embedded {name}: {ex.Message}", ex);
            }
        }

        return cassettes;
    }

    /// <summary>Serializes the cassette in the documented format (indented, LF line endings).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => CassetteWriter.Write(this);
}
