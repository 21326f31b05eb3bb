using System.Collections.Generic;
using System.Text.Json;

namespace Ezrouter.Testing.Recording;

/// <summary>A captured body: raw text, exact JSON, or frames; and how it ended.</summary>
internal readonly record struct RelayedBody(string? Body, JsonElement? Json, IReadOnlyList<CassetteFrame>? Frames, CassetteEnd End);
