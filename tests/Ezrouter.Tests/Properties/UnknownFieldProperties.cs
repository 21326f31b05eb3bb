using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ezrouter.Streaming;
using Ezrouter.Tests.Corpus;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Properties;

/// <summary>
/// Issue #12 item 6 (b): a field the SDK does not know — a random name that no recorded or modelled field has, with
/// a random JSON value — added at a random position of any object of any event of a recorded stream changes no
/// typed value: every event and the aggregate (stream and non-stream) equal the run without it once the unknown
/// name is set aside, and the unknown is kept in the <c>AdditionalData</c> of the event it came in.
/// </summary>
public class UnknownFieldProperties
{
    /// <summary>Where the unknown goes: event (index among the JSON events), object (index among its objects), position, name, value.</summary>
    public sealed record Insertion(int Event, int Object, int Position, string Name, string ValueJson)
    {
        public override string ToString() => $"event {Event}, object {Object}, position {Position}: \"{Name}\": {ValueJson}";
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every property name in either recorded stream, and the models' known names: an unknown name is none of these.</summary>
    private static readonly Lazy<HashSet<string>> KnownNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var body in new[] { Recorded.ChatBody.Value, Recorded.MessagesBody.Value })
            foreach (var e in Recorded.Frame(Encoding.UTF8.GetBytes(body)).Where(e => e.Data.StartsWith('{')))
                Collect(JsonNode.Parse(e.Data)!, names);
        foreach (var type in typeof(Ezrouter.Generated.OpenAi.Models.Model).Assembly.GetTypes().Where(t => t.Namespace?.EndsWith(".Models", StringComparison.Ordinal) == true))
        {
            if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null || Activator.CreateInstance(type) is not IParsable parsable) continue;
            foreach (var key in parsable.GetFieldDeserializers().Keys) names.Add(key);
        }
        return names;
    });

    private static void Collect(JsonNode node, HashSet<string> names)
    {
        if (node is JsonObject o)
            foreach (var (name, child) in o)
            {
                names.Add(name);
                if (child is not null) Collect(child, names);
            }
        else if (node is JsonArray a)
            foreach (var child in a)
                if (child is not null) Collect(child, names);
    }

    public static class Arbitraries
    {
        private static Gen<string> Name() =>
            Gen.Zip(Gen.Elements("abcdefghijklmnopqrstuvwxyz_".ToCharArray()).ArrayOf().Select(c => new string(c)), Gen.Choose(0, 999))
                .Select(t => (t.Item1.Length == 0 ? "x" : t.Item1) + (t.Item2 % 3 == 0 ? t.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty))
                .Where(n => !KnownNames.Value.Contains(n));

        private static Gen<JsonNode?> Value(int depth)
        {
            var text = Gen.Elements("", "x", "héllo", "日本語", "a\"quote", "back\\slash", "line\nbreak", "tab\t", "emoji 🚀", "\u0001", "null", "{\"type\":\"text\"}")
                .Select(s => (JsonNode?)JsonValue.Create(s));
            var scalar = Gen.OneOf(
                Gen.Constant((JsonNode?)null),
                Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
                Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
                Gen.Elements(0.5, -1e300, 1e-300, 3.14159, long.MaxValue * 4.0).Select(d => (JsonNode?)JsonValue.Create(d)),
                text);
            if (depth <= 0) return scalar;
            var inner = Value(depth - 1);
            var array = inner.ListOf().Select(l => (JsonNode?)new JsonArray(l.Take(4).Select(n => n?.DeepClone()).ToArray()));
            var obj = Gen.Zip(Gen.Elements("a", "type", "index", "text", "id", "b_c"), inner).ListOf()
                .Select(l =>
                {
                    var o = new JsonObject();
                    foreach (var (k, v) in l.Take(4)) o[k] = v?.DeepClone();
                    return (JsonNode?)o;
                });
            return Gen.Frequency((4, scalar), (1, array), (1, obj));
        }

        public static Arbitrary<Insertion> Insertions() =>
            (from e in Gen.Choose(0, 1000)
             from o in Gen.Choose(0, 1000)
             from p in Gen.Choose(0, 1000)
             from name in Name()
             from value in Value(2)
             select new Insertion(e, o, p, name, value?.ToJsonString(Relaxed) ?? "null")).ToArbitrary();
    }

    /// <summary>The JSON events of a body and, per event, the objects an unknown may go in (not free-form ones: a tool's input).</summary>
    private static List<(Recorded.SseEvent Event, List<JsonObject> Objects, JsonNode Root)> Targets(string body, int eventIndex, out int count)
    {
        var events = Recorded.Frame(Encoding.UTF8.GetBytes(body))
            .Where(e => e.Data.StartsWith('{') && !e.Data.Contains("\"ping\"", StringComparison.Ordinal)).ToList();
        count = events.Count;
        var chosen = events[eventIndex % events.Count];
        var root = JsonNode.Parse(chosen.Data)!;
        var objects = new List<JsonObject>();
        void Walk(JsonNode? node, string? name)
        {
            if (node is JsonObject o)
            {
                if (name == "input") return; // a tool's input is free-form: a field there is a value, not an unknown
                objects.Add(o);
                foreach (var (k, child) in o) Walk(child, k);
            }
            else if (node is JsonArray a)
                foreach (var child in a) Walk(child, name);
        }
        Walk(root, null);
        return [(chosen, objects, root)];
    }

    private static (byte[] Baseline, byte[] Perturbed, int EventNumber) Build(string body, Insertion insertion)
    {
        var target = Targets(body, insertion.Event, out _)[0];
        // The baseline re-serialises the same event without the unknown, so only the insertion differs.
        var baselineData = target.Root.ToJsonString(Relaxed);
        var into = target.Objects[insertion.Object % target.Objects.Count];
        var entries = into.ToList();
        into.Clear();
        var at = insertion.Position % (entries.Count + 1);
        for (var i = 0; i <= entries.Count; i++)
        {
            if (i == at) into[insertion.Name] = JsonNode.Parse(insertion.ValueJson);
            if (i < entries.Count) into[entries[i].Key] = entries[i].Value;
        }
        var perturbedData = target.Root.ToJsonString(Relaxed);
        string Replace(string data) => body.Replace("data: " + target.Event.Data + "\n", "data: " + data + "\n", StringComparison.Ordinal);
        var eventNumber = Recorded.Frame(Encoding.UTF8.GetBytes(body)).Where(e => e.Data != "[DONE]" && !e.Data.Contains("\"ping\"", StringComparison.Ordinal)).ToList().IndexOf(target.Event);
        return (Encoding.UTF8.GetBytes(Replace(baselineData)), Encoding.UTF8.GetBytes(Replace(perturbedData)), eventNumber);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void AnUnknownFieldInAChatEventChangesNoTypedValue(Insertion insertion) => AssertUnchanged(false, Recorded.ChatBody.Value, insertion);

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void AnUnknownFieldInAMessagesEventChangesNoTypedValue(Insertion insertion) => AssertUnchanged(true, Recorded.MessagesBody.Value, insertion);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RecordedStreamRunner.Run> Baselines = new();

    private static void AssertUnchanged(bool anthropic, string body, Insertion insertion)
    {
        var (baselineBytes, perturbedBytes, eventNumber) = Build(body, insertion);
        // The baseline depends only on which event was re-serialised: run once per distinct body.
        var baseline = Baselines.GetOrAdd(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(baselineBytes)),
            _ => RecordedStreamRunner.RunNow(anthropic, () => new ByteArrayContent(baselineBytes)));
        var perturbed = RecordedStreamRunner.RunNow(anthropic, () => new ByteArrayContent(perturbedBytes));

        Assert.Equal(StreamOutcome.Completed, perturbed.Outcome);
        Assert.Equal(baseline.Events.Count, perturbed.Events.Count);
        Assert.True(Visit(perturbed.Events[eventNumber], insertion.Name, remove: false, 0),
            $"the unknown \"{insertion.Name}\" is in no AdditionalData of event {eventNumber}");
        // Set the unknown aside wherever it landed (in AdditionalData, or in the JSON a model writes), then compare
        // the typed values. (Taken out of AdditionalData before writing: Kiota's writer is not what is under test.)
        foreach (var value in perturbed.Events.Append(perturbed.Aggregate).Append(perturbed.NonStream)) Visit(value, insertion.Name, remove: true, 0);
        for (var i = 0; i < baseline.Events.Count; i++)
            Assert.Equal(Normal(baseline.Events[i]), Without(Recorded.Json(perturbed.Events[i]), insertion.Name));
        Assert.Equal(Normal(baseline.Aggregate), Without(Recorded.Json(perturbed.Aggregate), insertion.Name));
        Assert.Equal(Normal(baseline.NonStream), Without(Recorded.Json(perturbed.NonStream), insertion.Name));
    }

    /// <summary>The serialised model with every property of that name removed (wherever AdditionalData put it).</summary>
    private static string Without(string json, string name)
    {
        var node = JsonNode.Parse(json)!;
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove(name);
                foreach (var (_, child) in o) Strip(child);
            }
            else if (n is JsonArray a)
                foreach (var child in a) Strip(child);
        }
        Strip(node);
        return node.ToJsonString();
    }

    /// <summary>The serialised model as <see cref="Without"/> writes it back, for the side without the unknown.</summary>
    private static string Normal(IParsable value) => JsonNode.Parse(Recorded.Json(value))!.ToJsonString();

    /// <summary>Whether some AdditionalData in the model graph holds the name (and, with <paramref name="remove"/>, takes it out of all of them).</summary>
    private static bool Visit(object? value, string name, bool remove, int depth)
    {
        if (value is null || depth > 12) return false;
        var found = false;
        if (value is IAdditionalDataHolder holder && holder.AdditionalData.ContainsKey(name))
        {
            found = true;
            if (remove) holder.AdditionalData.Remove(name);
            else return true;
        }
        if (value is string || value.GetType().IsPrimitive) return found;
        if (value is IEnumerable items and not IDictionary)
        {
            foreach (var item in items)
                if (Visit(item, name, remove, depth + 1) && !remove) return true;
            return found;
        }
        if (value.GetType().Namespace?.StartsWith("Ezrouter.Generated", StringComparison.Ordinal) != true) return found;
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "AdditionalData" && p.Name != "BackingStore"))
            if (Visit(property.GetValue(value), name, remove, depth + 1) && !remove) return true;
        return found;
    }
}
